#pragma once

// Which operations split over a Slurm array, and how: a profile becomes N shard profiles (array
// tasks) and a merge (the reduce job), whose merged statistics equal the unsharded profile's; a
// grid becomes one task per point not done yet and its table (ops/GridOperation.h).

#include "cluster/SlurmRun.h"
#include "ops/Operation.h"

#include <filesystem>

namespace foldwise::cluster {

bool canShard(const ops::Operation& operation);

// Where a sharded run of these parameters keeps its work by default: beside the main output,
// `<output>.slurm/`.
std::filesystem::path defaultWorkFolder(const ops::Operation& operation, const ops::OperationParameters& parameters);

// The array tasks and the reduce for `shards` shards, with absolute paths (jobs run in
// `folder`). Throws ops::ParameterError for parameters that cannot be split (a profile of
// one shard already).
ShardedWork shardedWork(const ops::Operation& operation, const ops::OperationParameters& parameters, int shards,
                        const std::filesystem::path& folder);

} // namespace foldwise::cluster
