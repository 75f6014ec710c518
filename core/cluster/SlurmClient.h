#pragma once

// Submits, follows and cancels batch jobs through Slurm's client tools (sbatch, squeue, sacct,
// scontrol, scancel), with errors that say what went wrong in the user's terms: no Slurm
// client on this machine, the controller not answering, a submission refused (with sbatch's
// own words, which name the bad partition or account).

#include "cluster/SlurmOptions.h"

#include <filesystem>
#include <map>
#include <stdexcept>
#include <string>
#include <vector>

namespace foldwise::cluster {

class SlurmError : public std::runtime_error {
    using std::runtime_error::runtime_error;
};

struct BatchJob {
    std::filesystem::path script;
    std::vector<std::string> scriptArguments;
    std::string name;                 // --job-name (the options' prefix is put in front)
    std::string arrayIndices;         // --array, e.g. "0-2" or "1,3"; empty: a single job
    std::vector<std::string> afterOk; // --dependency=afterok:... on these jobs or array tasks (123 or 123_4)
    std::filesystem::path log;        // --output; %A is the job id and %a the array index
    std::filesystem::path errorLog;   // --error; empty: with the output
    std::filesystem::path workingDirectory;
};

// A job's (or array task's) state as Slurm names it: PENDING, RUNNING, COMPLETED, FAILED,
// CANCELLED, TIMEOUT, OUT_OF_MEMORY, NODE_FAIL, ...
using JobStates = std::map<std::string, std::string>; // "123" or "123_4" -> state

class SlurmClient {
public:
    explicit SlurmClient(SlurmOptions options);

    // Throws SlurmError when sbatch is not on PATH or the controller does not answer; cheap.
    void checkReachable() const;

    // The new job's id.
    std::string submit(const BatchJob& job) const;

    // The jobs' tasks still in the queue (pending, running, completing), array tasks one by one.
    JobStates queued(const std::vector<std::string>& jobIds) const;

    // What Slurm remembers of finished tasks: from sacct where the cluster keeps accounting,
    // else from scontrol (which knows finished jobs for MinJobAge). Best effort: a task Slurm has
    // forgotten is missing from the answer.
    JobStates finished(const std::vector<std::string>& jobIds) const;

    // scancel; jobs already gone are not an error.
    void cancel(const std::vector<std::string>& jobIds) const;

    const SlurmOptions& options() const { return options_; }

private:
    SlurmOptions options_;
};

} // namespace foldwise::cluster
