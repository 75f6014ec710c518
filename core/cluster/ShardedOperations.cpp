#include "cluster/ShardedOperations.h"

#include "ops/GridOperation.h"
#include "ops/MergeOperation.h"
#include "ops/OperationRegistry.h"
#include "ops/ProfileOperation.h"

namespace foldwise::cluster {
namespace fs = std::filesystem;

namespace {

ShardedWork shardedProfile(const ops::ProfileParameters& whole, int shards, const fs::path& folder)
{
    if (whole.given.count("shard"))
        throw ops::ParameterError("shard", "is set by the Slurm run (--shards); give one or the other");
    ops::ProfileParameters task = whole;
    ops::makePathsAbsolute(ops::profileOperation().parameterSpecs(), task);
    task.csv.clear();
    task.annotate.clear();

    ShardedWork work;
    work.name = "profile";
    ops::MergeParameters merge;
    for (int k = 0; k < shards; ++k) {
        task.shard = std::to_string(k) + "/" + std::to_string(shards);
        task.output = (folder / "shards" / ("shard-" + std::to_string(k) + ".profile.json")).string();
        work.tasks.push_back(ops::operationRequestJson(ops::profileOperation(), task));
        merge.profiles.push_back(task.output);
    }
    merge.output = ops::absolutePath(whole.output);
    merge.csv = whole.csv.empty() ? std::string() : ops::absolutePath(whole.csv);
    // The merge annotates: only the whole profile can.
    merge.annotate = whole.annotate.empty() ? std::string() : ops::absolutePath(whole.annotate);
    merge.annotateStyle = whole.annotateStyle;
    merge.model = task.model;
    work.reduce = ops::operationRequestJson(ops::mergeOperation(), merge);
    work.scratch.push_back(folder / "shards");
    return work;
}

// A grid: its points not done yet are the array tasks, its table is the merge.
ShardedWork gridPoints(const ops::GridParameters& p, int shards)
{
    if (shards != 1)
        throw ops::ParameterError("shards", "does not apply to a grid: each of its points is one array task");
    const ops::GridPlan plan = ops::planGrid(p.grid, p.outputDir);
    ops::writeGridPlan(plan);
    ShardedWork work;
    work.name = "grid";
    ops::GridPointParameters point;
    point.plan = ops::gridPlanFile(plan).string();
    for (std::size_t k = 0; k < plan.points.size(); ++k) {
        if (fs::exists(plan.folder / plan.points[k].name / "result.json"))
            continue;
        point.point = k;
        work.tasks.push_back(ops::operationRequestJson(ops::gridPointOperation(), point));
    }
    if (work.tasks.empty())
        throw ops::ParameterError("grid", "has every point done already (" + plan.folder.string()
                                              + "): remove a point's folder to run it again");
    ops::GridTableParameters table;
    table.plan = point.plan;
    work.reduce = ops::operationRequestJson(ops::gridTableOperation(), table);
    return work;
}

} // namespace

bool canShard(const ops::Operation& operation)
{
    return &operation == &ops::profileOperation() || &operation == &ops::gridOperation();
}

fs::path defaultWorkFolder(const ops::Operation& operation, const ops::OperationParameters& parameters)
{
    if (&operation == &ops::profileOperation())
        return ops::absolutePath(static_cast<const ops::ProfileParameters&>(parameters).output) + ".slurm";
    if (&operation == &ops::gridOperation()) {
        const auto& grid = static_cast<const ops::GridParameters&>(parameters);
        return ops::planGrid(grid.grid, grid.outputDir).folder / "slurm";
    }
    throw std::invalid_argument(operation.id() + " does not run as a sharded Slurm job");
}

ShardedWork shardedWork(const ops::Operation& operation, const ops::OperationParameters& parameters, int shards,
                        const fs::path& folder)
{
    if (shards < 1)
        throw ops::ParameterError("shards", "must be at least 1, not " + std::to_string(shards));
    const fs::path absolute = fs::absolute(folder).lexically_normal();
    if (&operation == &ops::profileOperation())
        return shardedProfile(static_cast<const ops::ProfileParameters&>(parameters), shards, absolute);
    if (&operation == &ops::gridOperation())
        return gridPoints(static_cast<const ops::GridParameters&>(parameters), shards);
    throw std::invalid_argument(operation.id() + " does not run as a sharded Slurm job");
}

} // namespace foldwise::cluster
