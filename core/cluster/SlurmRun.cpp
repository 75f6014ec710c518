#include "cluster/SlurmRun.h"

#include "hw/ReportTable.h"
#include "io/DocumentFormat.h"
#include "io/JsonReading.h"
#include "model/ModelError.h"
#include "ops/OperationResultFile.h"

#include <algorithm>
#include <chrono>
#include <fstream>
#include <map>
#include <set>
#include <sstream>
#include <thread>

namespace foldwise::cluster {
namespace fs = std::filesystem;

namespace {

constexpr const char* kFormat = "foldwise-slurm-run";

// A word for sh, whatever the path holds.
std::string shellQuoted(const std::string& text)
{
    std::string quoted = "'";
    for (char c : text)
        quoted += c == '\'' ? std::string("'\\''") : std::string(1, c);
    return quoted + "'";
}

std::string jobScript(const fs::path& folder, const fs::path& cli)
{
    return "#!/bin/sh\n"
           "# Written by Foldwise: runs one operation file of the Slurm run in this folder (run.json) and\n"
           "# leaves its exit status in status/, which is how the Foldwise that follows the run learns\n"
           "# the outcome, even after Slurm has forgotten the job.\n"
           "work=" + shellQuoted(folder.string()) + "\n"
           "case \"$1\" in\n"
           "  reduce) name=reduce ;;\n"
           "  *) name=\"task-$SLURM_ARRAY_TASK_ID\" ;;\n"
           "esac\n"
           "# One thread per CPU that Slurm gave the task (the profiler reads OMP_NUM_THREADS).\n"
           "export OMP_NUM_THREADS=\"${SLURM_CPUS_PER_TASK:-1}\"\n"
           "rm -f \"$work/status/$name.exit\" \"$work/status/$name.result.json\"\n"
           + shellQuoted(cli.string()) + " replay \"$work/$name.json\" --result-json \"$work/status/$name.result.json\"\n"
           "status=$?\n"
           "echo \"$status\" > \"$work/status/$name.exit.part\" && mv -f \"$work/status/$name.exit.part\" \"$work/status/$name.exit\"\n"
           "exit \"$status\"\n";
}

std::string taskName(int task)
{
    return "task-" + std::to_string(task);
}

// "0-3" for a run of indices, else "0,2,5".
std::string arraySpec(const std::vector<int>& tasks)
{
    const bool contiguous = tasks.back() - tasks.front() + 1 == static_cast<int>(tasks.size());
    if (contiguous && tasks.size() > 1)
        return std::to_string(tasks.front()) + "-" + std::to_string(tasks.back());
    std::string spec;
    for (int task : tasks)
        spec += (spec.empty() ? "" : ",") + std::to_string(task);
    return spec;
}

// The exit status job.sh left, or nullopt while there is none.
std::optional<int> exitStatus(const fs::path& file)
{
    std::ifstream in(file);
    int status = 0;
    if (in >> status)
        return status;
    return std::nullopt;
}

} // namespace

SlurmRun::SlurmRun(fs::path folder, SlurmOptions options) : folder_(std::move(folder)), client_(std::move(options)) {}

SlurmRun SlurmRun::submit(const ShardedWork& work, const fs::path& folder, const SlurmOptions& options, const fs::path& cli)
{
    if (work.tasks.empty())
        throw SlurmError("nothing to submit: the work has no tasks");
    const fs::path absolute = fs::absolute(folder).lexically_normal();
    if (fs::exists(absolute / "run.json"))
        throw SlurmError(absolute.string() + " already holds a Slurm run: follow it with `foldwise-cli collect "
                         + absolute.string() + "`, or remove the folder to start again");
    SlurmRun run(absolute, options);
    run.client_.checkReachable();

    fs::create_directories(absolute / "status");
    fs::create_directories(absolute / "logs");
    for (const fs::path& scratch : work.scratch)
        fs::create_directories(scratch);
    for (std::size_t k = 0; k < work.tasks.size(); ++k)
        writeTextFile(absolute / (taskName(static_cast<int>(k)) + ".json"), work.tasks[k].dump(2) + "\n");
    writeTextFile(absolute / "reduce.json", work.reduce.dump(2) + "\n");
    writeTextFile(absolute / "job.sh", jobScript(absolute, fs::absolute(cli)));
    fs::permissions(absolute / "job.sh", fs::perms::owner_all | fs::perms::group_read | fs::perms::group_exec
                                             | fs::perms::others_read | fs::perms::others_exec);

    run.taskCount_ = work.tasks.size();
    run.attempts_.assign(work.tasks.size(), 0);
    run.scratch_ = work.scratch;
    std::vector<int> all(work.tasks.size());
    for (std::size_t k = 0; k < all.size(); ++k)
        all[k] = static_cast<int>(k);
    const std::string array = run.submitTasks(all);
    run.submitReduce({array});
    return run;
}

SlurmRun SlurmRun::open(const fs::path& folder)
{
    const fs::path absolute = fs::absolute(folder).lexically_normal();
    const fs::path manifest = absolute / "run.json";
    if (!fs::exists(manifest))
        throw ModelError(absolute.string(), "holds no Slurm run (no run.json); it is not a folder Foldwise submitted");
    const nlohmann::json document = readJsonFile(manifest, "Slurm run manifest");
    const JsonNode root(document, manifest.string());
    requireDocumentFormat(root, kFormat, 1);
    SlurmRun run(absolute, readSlurmOptions(root.at("slurm")));
    run.taskCount_ = static_cast<std::size_t>(root.at("tasks").integerIn(1, 100000));
    for (const JsonNode& a : root.at("attempts").elements())
        run.attempts_.push_back(static_cast<int>(a.integerIn(0, 1000)));
    if (run.attempts_.size() != run.taskCount_)
        root.at("attempts").fail("must hold one count per task (" + std::to_string(run.taskCount_) + ")");
    for (const JsonNode& s : root.at("submissions").elements()) {
        Submission submission{s.at("job").string(), {}};
        for (const JsonNode& t : s.at("tasks").elements())
            submission.tasks.push_back(static_cast<int>(t.integerIn(0, static_cast<std::int64_t>(run.taskCount_) - 1)));
        run.submissions_.push_back(std::move(submission));
    }
    if (const auto scratch = root.find("scratch"))
        for (const JsonNode& f : scratch->elements())
            run.scratch_.emplace_back(f.string());
    return run;
}

std::vector<std::string> SlurmRun::jobIds() const
{
    std::vector<std::string> ids;
    for (const Submission& s : submissions_)
        ids.push_back(s.job);
    return ids;
}

void SlurmRun::saveManifest() const
{
    nlohmann::json submissions = nlohmann::json::array();
    for (const Submission& s : submissions_)
        submissions.push_back({{"job", s.job}, {"tasks", s.tasks}});
    nlohmann::json scratch = nlohmann::json::array();
    for (const fs::path& f : scratch_)
        scratch.push_back(f.string());
    const nlohmann::json manifest = {{"format", kFormat},
                                     {"version", 1},
                                     {"tasks", taskCount_},
                                     {"attempts", attempts_},
                                     {"submissions", submissions},
                                     {"scratch", scratch},
                                     {"slurm", slurmOptionsJson(client_.options())}};
    writeTextFile(folder_ / "run.json", manifest.dump(2) + "\n");
}

std::string SlurmRun::submitTasks(const std::vector<int>& tasks)
{
    for (int task : tasks) {
        fs::remove(folder_ / "status" / (taskName(task) + ".exit"));
        ++attempts_[static_cast<std::size_t>(task)];
    }
    BatchJob job;
    job.script = folder_ / "job.sh";
    job.scriptArguments = {"task"};
    job.name = folder_.filename().string();
    job.arrayIndices = arraySpec(tasks);
    job.log = folder_ / "logs" / "task-%a.out";
    job.errorLog = folder_ / "logs" / "task-%a.err";
    job.workingDirectory = folder_;
    const std::string id = client_.submit(job);
    submissions_.push_back({id, tasks});
    saveManifest();
    return id;
}

void SlurmRun::submitReduce(const std::vector<std::string>& afterOk)
{
    fs::remove(folder_ / "status" / "reduce.exit");
    BatchJob job;
    job.script = folder_ / "job.sh";
    job.scriptArguments = {"reduce"};
    job.name = folder_.filename().string() + "-reduce";
    job.afterOk = afterOk;
    job.log = folder_ / "logs" / "reduce.out";
    job.errorLog = folder_ / "logs" / "reduce.err";
    job.workingDirectory = folder_;
    submissions_.push_back({client_.submit(job), {}});
    saveManifest();
}

std::string SlurmRun::latestJob(int task) const
{
    for (auto s = submissions_.rbegin(); s != submissions_.rend(); ++s)
        if (std::find(s->tasks.begin(), s->tasks.end(), task) != s->tasks.end())
            return s->job;
    return {};
}

std::string SlurmRun::taskJob(int task) const
{
    return latestJob(task) + "_" + std::to_string(task);
}

std::string SlurmRun::logTail(const std::string& name) const
{
    std::string tail;
    for (const char* extension : {".err", ".out"}) {
        std::ifstream in(folder_ / "logs" / (name + extension));
        std::vector<std::string> lines;
        for (std::string line; std::getline(in, line);)
            if (!line.empty())
                lines.push_back(line);
        const std::size_t from = lines.size() > 5 ? lines.size() - 5 : 0;
        for (std::size_t i = from; i < lines.size(); ++i)
            tail += "\n    " + lines[i];
    }
    return tail.empty() ? " (its log is empty)" : ":" + tail;
}

ops::OperationResult SlurmRun::wait(ops::OperationContext& context)
{
    const fs::path status = folder_ / "status";
    // A task that has left the queue without an exit status is lost only when it is still so at
    // the next look: on a shared filesystem the file may reach this node a moment after the job
    // has left Slurm's queue.
    std::set<int> missingBefore;
    bool reduceMissingBefore = false;
    int reduceAttempts = 1;
    for (;;) {
        if (context.cancelled()) {
            cancel();
            throw ops::OperationCancelled("cancelled the Slurm jobs of " + folder_.string()
                                          + "; the finished tasks' files stay there");
        }
        if (const auto code = exitStatus(status / "reduce.exit")) {
            if (*code != 0)
                throw SlurmError("the reduce job of " + folder_.string() + " failed (exit status "
                                 + std::to_string(*code) + ")" + logTail("reduce"));
            ops::OperationResult result = ops::readOperationResultFile(status / "reduce.result.json");
            std::ifstream log(folder_ / "logs" / "reduce.out");
            std::ostringstream printed;
            printed << log.rdbuf();
            context.result(printed.str());
            for (const fs::path& f : scratch_) {
                std::error_code ignored;
                fs::remove_all(f, ignored);
            }
            return result;
        }

        const JobStates queued = client_.queued(jobIds());
        std::vector<int> failed;
        std::vector<int> outstanding;
        std::set<int> missing;
        std::size_t done = 0;
        for (int k = 0; k < static_cast<int>(taskCount_); ++k) {
            const std::optional<int> code = exitStatus(status / (taskName(k) + ".exit"));
            if (code && *code == 0) {
                ++done;
                continue;
            }
            outstanding.push_back(k);
            if (code) {
                failed.push_back(k);
            } else if (!queued.count(taskJob(k))) {
                missing.insert(k);
                if (missingBefore.count(k))
                    failed.push_back(k);
            }
        }
        missingBefore = missing;
        context.progress(done, taskCount_, "tasks");

        if (!failed.empty()) {
            std::vector<std::string> taskIds;
            for (int k : failed)
                taskIds.push_back(taskJob(k));
            const JobStates ended = client_.finished(taskIds);
            for (int k : failed) {
                const std::string id = taskJob(k);
                const auto state = ended.find(id);
                const std::string how = state != ended.end() ? "ended as " + state->second : "ended";
                if (attempts_[static_cast<std::size_t>(k)] > client_.options().retries) {
                    cancel();
                    throw SlurmError("task " + std::to_string(k) + " of " + folder_.string() + " (job " + id + ") " + how
                                     + " after " + std::to_string(attempts_[static_cast<std::size_t>(k)])
                                     + " attempts" + logTail(taskName(k)));
                }
                context.note("task " + std::to_string(k) + " (job " + id + ") " + how + "; submitting it again");
            }
            // The reduce waits on the failed tasks for ever: replace it by one that waits on
            // exactly the tasks still outstanding.
            client_.cancel({submissions_.back().job});
            const std::string retry = submitTasks(failed);
            std::vector<std::string> afterOk;
            for (int k : outstanding)
                afterOk.push_back(taskJob(k));
            submitReduce(afterOk);
            missingBefore.clear();
            continue;
        }

        // Every task done, yet the reduce is neither queued nor finished: it was cancelled or
        // lost with its node; submit it again (bounded like the tasks).
        const bool reduceQueued = queued.count(submissions_.back().job) > 0;
        if (done == taskCount_ && !reduceQueued && reduceMissingBefore) {
            if (reduceAttempts > client_.options().retries)
                throw SlurmError("the reduce job of " + folder_.string() + " vanished " + std::to_string(reduceAttempts)
                                 + " times" + logTail("reduce"));
            context.note("the reduce job " + submissions_.back().job + " left the queue unfinished; submitting it again");
            ++reduceAttempts;
            submitReduce({});
            reduceMissingBefore = false;
            continue;
        }
        reduceMissingBefore = done == taskCount_ && !reduceQueued;

        const auto pause = std::chrono::duration<double>(client_.options().pollSeconds);
        const auto until = std::chrono::steady_clock::now() + pause;
        while (std::chrono::steady_clock::now() < until && !context.cancelled())
            std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
}

void SlurmRun::cancel() const
{
    client_.cancel(jobIds());
}

} // namespace foldwise::cluster
