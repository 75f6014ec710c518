// NumPy .npy files, as `foldwise-cli run --input x=file.npy` reads them (readNpy: header, dtype,
// shape, byte order, data).
#include "FuzzSupport.h"

#include "data/NpyFile.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    using namespace foldwise;
    const auto file = fuzz::writeScratchFile("input.npy", fuzz::asText(data, size));
    return fuzz::guarded(fuzz::Accept::ModelErrorOnly, [&] { readNpy(file); });
}
