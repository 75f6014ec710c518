#pragma once

// One piece of work split over a Slurm array and put back together by a dependent reduce job:
// N task operation files run as array tasks 0..N-1, then one reduce operation (a merge) runs
// once all of them succeeded. Everything lives in one folder on the shared filesystem:
//
//   run.json            the manifest: jobs submitted, attempts per task, Slurm options
//   task-K.json         array task K's operation file; reduce.json the reduce's
//   job.sh              the batch script (runs `foldwise-cli replay` on one operation file)
//   status/NAME.exit    a finished job's exit status, written by job.sh
//   status/NAME.result.json   the operation's result (ops/OperationResultFile.h)
//   logs/NAME.out|.err  what the job printed
//
// so the login node that submitted it can go away: `foldwise-cli collect FOLDER` picks the run
// up from the folder. A task that failed, was cancelled or vanished with its node is submitted
// again (as a new one-task array job, with a new reduce depending on exactly the tasks still
// outstanding), at most SlurmOptions::retries times.

#include "cluster/SlurmClient.h"
#include "ops/Operation.h"
#include "ops/OperationContext.h"

#include <nlohmann/json.hpp>

#include <filesystem>
#include <string>
#include <vector>

namespace foldwise::cluster {

struct ShardedWork {
    std::string name;                             // for job names: "profile"
    std::vector<nlohmann::json> tasks;            // operation requests, one per array task
    nlohmann::json reduce;                        // the operation request run after all tasks
    std::vector<std::filesystem::path> scratch;   // folders the tasks write and the reduce reads: made before,
                                                  // removed after the reduce succeeded
};

class SlurmRun {
public:
    // Writes the work into `folder` (which must not hold a run yet) and submits the array and
    // its reduce job; `cli` is the foldwise-cli the jobs run (on a cluster, on the shared
    // filesystem like the folder).
    static SlurmRun submit(const ShardedWork& work, const std::filesystem::path& folder, const SlurmOptions& options,
                           const std::filesystem::path& cli);
    // A run submitted earlier, from its folder's run.json (errors name the file).
    static SlurmRun open(const std::filesystem::path& folder);

    const std::filesystem::path& folder() const { return folder_; }
    // Every job submitted for the run so far (arrays first, then reduces).
    std::vector<std::string> jobIds() const;

    // Follows the jobs to the end, reporting finished tasks as progress ("tasks"): resubmits
    // failed tasks, and returns the reduce's result. Throws SlurmError when a task fails more
    // often than allowed or the reduce fails (with the end of its log), OperationCancelled
    // when the context is cancelled (after cancelling the jobs).
    ops::OperationResult wait(ops::OperationContext& context);

    // Cancels every job of the run that is still queued or running.
    void cancel() const;

private:
    struct Submission {
        std::string job;
        std::vector<int> tasks; // empty: the reduce
    };

    SlurmRun(std::filesystem::path folder, SlurmOptions options);
    void saveManifest() const;
    std::string submitTasks(const std::vector<int>& tasks);
    void submitReduce(const std::vector<std::string>& afterOk);
    std::string latestJob(int task) const;
    // The array task of `task`'s latest attempt, as Slurm names it: "123_4".
    std::string taskJob(int task) const;
    std::string logTail(const std::string& name) const;

    std::filesystem::path folder_;
    SlurmClient client_;
    std::size_t taskCount_ = 0;
    std::vector<int> attempts_;
    std::vector<Submission> submissions_;
    std::vector<std::filesystem::path> scratch_;
};

} // namespace foldwise::cluster
