// A sweep's run directory read back (readRunDirectory: the GUI's sweep browser, `runlog`).
// The input holds, split at the part separator: summary.csv, manifest.json and the sparsity
// logs of iterations 0 and 1; a missing part is a missing file.
#include "FuzzSupport.h"

#include "sweep/RunDirectory.h"

#include <array>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    using namespace foldwise;
    static const std::array<const char*, 4> names = {"summary.csv", "manifest.json",
                                                     "iteration_0/net_sparsity_log.csv",
                                                     "iteration_1/net_sparsity_log.csv"};
    const auto dir = fuzz::freshScratchFolder("run");
    const auto parts = fuzz::splitParts(fuzz::asText(data, size), names.size());
    for (std::size_t i = 0; i < parts.size(); ++i)
        fuzz::writeScratchFile(std::string("run/") + names[i], parts[i]);
    return fuzz::guarded(fuzz::Accept::ModelErrorOnly, [&] {
        sweep::isRunDirectory(dir);
        const sweep::RunDirectory run = sweep::readRunDirectory(dir);
        run.iterationFile(0, "profile.json");
    });
}
