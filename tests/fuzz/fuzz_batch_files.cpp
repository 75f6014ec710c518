// What batch jobs leave in the shared folder and Foldwise reads back (`foldwise-cli collect`,
// grid tables): a Slurm run's run.json, an operation's result file and a grid's grid.json.
// The input holds the three files, split at the part separator; a missing part is skipped.
#include "FuzzSupport.h"

#include "cluster/SlurmRun.h"
#include "ops/GridOperation.h"
#include "ops/OperationResultFile.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    using namespace foldwise;
    const auto dir = fuzz::freshScratchFolder("batch");
    const auto parts = fuzz::splitParts(fuzz::asText(data, size), 3);
    if (!parts.empty())
        fuzz::writeScratchFile("batch/run.json", parts[0]);
    if (parts.size() > 1)
        fuzz::writeScratchFile("batch/result.json", parts[1]);
    if (parts.size() > 2)
        fuzz::writeScratchFile("batch/grid.json", parts[2]);
    fuzz::guarded(fuzz::Accept::ModelErrorOnly, [&] { cluster::SlurmRun::open(dir); });
    if (parts.size() > 1)
        fuzz::guarded(fuzz::Accept::ModelErrorOnly, [&] { ops::readOperationResultFile(dir / "result.json"); });
    if (parts.size() > 2)
        fuzz::guarded(fuzz::Accept::ModelErrorOnly, [&] { ops::readGridPlan(dir / "grid.json"); });
    return 0;
}
