// Grid files (`foldwise-cli grid GRID.toml`): read and laid out into points (planGrid), which
// checks every point's parameters; nothing runs. The file sits next to nothing, so relative
// input paths stay unresolved.
#include "FuzzSupport.h"

#include "ops/GridOperation.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    using namespace foldwise;
    const auto file = fuzz::writeScratchFile("grid/grid.toml", fuzz::asText(data, size));
    return fuzz::guarded(fuzz::Accept::ModelErrorOnly, [&] { ops::planGrid(file); });
}
