// fpgaConvNet's report.json, read back for browsing and comparison (readFpgaConvNetReport).
#include "FuzzSupport.h"

#include "hw/ToolReports.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    using namespace foldwise;
    const auto file = fuzz::writeScratchFile("report.json", fuzz::asText(data, size));
    return fuzz::guarded(fuzz::Accept::ModelErrorOnly, [&] {
        isFpgaConvNetReport(file);
        readFpgaConvNetReport(file);
    });
}
