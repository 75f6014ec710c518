// FINN's estimate reports read back (readFinnEstimateReports on the report folder). The input
// holds the three files, split at the part separator: estimate_layer_cycles.json,
// estimate_layer_resources.json, estimate_network_performance.json; a missing part is a missing
// file (only the cycles are required).
#include "FuzzSupport.h"

#include "hw/ToolReports.h"

#include <string>
#include <vector>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    using namespace foldwise;
    static const std::vector<std::string> names = {"estimate_layer_cycles.json", "estimate_layer_resources.json",
                                                   "estimate_network_performance.json"};
    const auto dir = fuzz::writePartsAsFiles("report", fuzz::asText(data, size), names);
    return fuzz::guarded(fuzz::Accept::ModelErrorOnly, [&] {
        isFinnEstimateReport(dir);
        readFinnEstimateReports(dir);
    });
}
