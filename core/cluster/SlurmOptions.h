#pragma once

// What a user tells Slurm about the jobs Foldwise submits for them: where they run (partition,
// account), what they may use (time, memory, CPUs per task), anything else their site needs
// (extra sbatch arguments), how the jobs are named, and how the executor follows them.

#include "io/JsonReading.h"

#include <nlohmann/json.hpp>

#include <string>
#include <vector>

namespace foldwise::cluster {

struct SlurmOptions {
    std::string partition;             // --partition; empty: the cluster's default
    std::string account;               // --account
    std::string time;                  // --time, in sbatch's forms (MM, HH:MM:SS, D-HH)
    std::string memory;                // --mem per node, e.g. 4G
    int cpusPerTask = 1;               // --cpus-per-task; also the threads each task profiles with
    std::vector<std::string> extraArguments; // passed to sbatch as they are, e.g. --qos=short
    std::string jobNamePrefix = "foldwise";
    int retries = 2;                   // how often a failed or lost task is submitted again
    double pollSeconds = 2.0;          // how often squeue is asked while waiting
};

// The sbatch arguments the options stand for (not the job name, script or dependencies).
std::vector<std::string> sbatchArguments(const SlurmOptions& options);

// Checks the options before anything is submitted; throws std::invalid_argument naming the option.
void checkSlurmOptions(const SlurmOptions& options);

nlohmann::json slurmOptionsJson(const SlurmOptions& options);
// Errors name the file and key (a run manifest's "slurm" member).
SlurmOptions readSlurmOptions(const JsonNode& node);

} // namespace foldwise::cluster
