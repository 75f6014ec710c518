// Platform TOML files (`--platform board.toml`), as findPlatform reads a file.
#include "FuzzSupport.h"

#include "hw/Platform.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    using namespace foldwise;
    const auto file = fuzz::writeScratchFile("platform.toml", fuzz::asText(data, size));
    return fuzz::guarded(fuzz::Accept::ModelErrorOnly, [&] { loadPlatform(file); });
}
