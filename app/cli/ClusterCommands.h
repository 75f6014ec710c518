#pragma once

// Running an operation on a Slurm cluster from the command line: the options that say how
// (--slurm, --shards, partition, account, time, memory, CPUs, extra sbatch arguments, job-name
// prefix, retries, --no-wait) on the commands whose operation can be split, and
// `foldwise-cli collect FOLDER` to follow a run submitted with --no-wait.

#include "cluster/SlurmOptions.h"

#include <CLI/CLI.hpp>

#include <string>

namespace foldwise::ops {
class Operation;
struct OperationParameters;
class OperationContext;
}

namespace foldwise::cli {

struct ClusterCommandOptions {
    bool slurm = false;
    int shards = 1;
    bool noWait = false;
    std::string folder; // the run's work folder; default beside the output
    cluster::SlurmOptions slurmOptions;
};

// Adds the options (in their own group of the help) to `cmd`, whose operation can be split.
void addClusterOptions(CLI::App& cmd, ClusterCommandOptions& options);

// Runs `operation` as the options say when they ask for Slurm, and returns true; false when
// it is to run here.
bool runOnCluster(const ops::Operation& operation, const ops::OperationParameters& parameters,
                  const ClusterCommandOptions& options, ops::OperationContext& context);

// `foldwise-cli collect FOLDER`.
void addCollectCommand(CLI::App& app);

} // namespace foldwise::cli
