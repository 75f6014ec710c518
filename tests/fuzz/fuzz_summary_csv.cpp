// A sweep's summary.csv (and the original scripts' <policy>_accuracy.csv, which the same reader
// takes), as readRunDirectory and `sweep --resume` read it.
#include "FuzzSupport.h"

#include "sweep/RunLog.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    using namespace foldwise;
    const auto file = fuzz::writeScratchFile("summary.csv", fuzz::asText(data, size));
    return fuzz::guarded(fuzz::Accept::ModelErrorOnly, [&] { readSummaryCsv(file); });
}
