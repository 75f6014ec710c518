// A sweep's run directory read back (readRunDirectory: the GUI's sweep browser, `runlog`).
// The input holds, split at the part separator: summary.csv, manifest.json and the sparsity
// logs of iterations 0 and 1; a missing part is a missing file.
#include "FuzzSupport.h"

#include "sweep/RunDirectory.h"

#include <string>
#include <vector>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    using namespace foldwise;
    static const std::vector<std::string> names = {"summary.csv", "manifest.json", "iteration_0/net_sparsity_log.csv",
                                                   "iteration_1/net_sparsity_log.csv"};
    const auto dir = fuzz::writePartsAsFiles("run", fuzz::asText(data, size), names);
    return fuzz::guarded(fuzz::Accept::ModelErrorOnly, [&] {
        sweep::isRunDirectory(dir);
        const sweep::RunDirectory run = sweep::readRunDirectory(dir);
        run.iterationFile(0, "profile.json");
    });
}
