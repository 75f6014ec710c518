#include "cluster/SlurmClient.h"

#include "cluster/Process.h"
#include "io/JoinedText.h"

#include <sstream>

namespace foldwise::cluster {
namespace {

std::string firstLines(const std::string& text, std::size_t lines = 3)
{
    std::string out;
    std::istringstream in(text);
    std::string line;
    for (std::size_t i = 0; i < lines && std::getline(in, line); ++i)
        out += (out.empty() ? "" : " / ") + line;
    return out;
}

// Runs a Slurm client tool; a missing tool or an unreachable controller is a SlurmError that
// says so, whatever the tool's own wording.
ProcessResult runSlurm(const std::string& tool, const std::vector<std::string>& arguments)
{
    if (!onPath(tool))
        throw SlurmError(tool + " is not on PATH: this machine has no Slurm client (Debian: apt-get install "
                         "slurm-client; on a cluster: load its Slurm module)");
    ProcessResult result;
    try {
        result = runProcess(tool, arguments, std::chrono::seconds(120));
    } catch (const ProcessError& e) {
        throw SlurmError(e.what());
    }
    const std::string& errors = result.errors;
    if (errors.find("Unable to contact slurm controller") != std::string::npos
        || errors.find("Connection refused") != std::string::npos
        || errors.find("Zero Bytes were transmitted") != std::string::npos)
        throw SlurmError("the Slurm controller does not answer (" + tool + ": " + firstLines(errors) + ")");
    return result;
}

// "123_4" or "123" from squeue/sacct/scontrol; array ranges such as "123_[5-9]" (pending tasks
// not yet split) are expanded by the callers' -r flags, so they do not reach here.
bool jobMatches(const std::string& task, const std::vector<std::string>& jobIds)
{
    const std::string job = task.substr(0, task.find('_'));
    for (const std::string& id : jobIds)
        if (id == job || id == task)
            return true;
    return false;
}

} // namespace

SlurmClient::SlurmClient(SlurmOptions options) : options_(std::move(options))
{
    checkSlurmOptions(options_);
}

void SlurmClient::checkReachable() const
{
    if (!onPath("sbatch"))
        throw SlurmError("sbatch is not on PATH: this machine has no Slurm client (Debian: apt-get install "
                         "slurm-client; on a cluster: load its Slurm module)");
    const ProcessResult ping = runSlurm("squeue", {"-h", "-o", "%i", "-u", "nobody"});
    if (ping.exitCode != 0)
        throw SlurmError("squeue failed: " + firstLines(ping.errors));
}

std::string SlurmClient::submit(const BatchJob& job) const
{
    std::vector<std::string> arguments = {"--parsable", "--job-name=" + options_.jobNamePrefix + "-" + job.name};
    const std::vector<std::string> resources = sbatchArguments(options_);
    arguments.insert(arguments.end(), resources.begin(), resources.end());
    if (!job.arrayIndices.empty())
        arguments.push_back("--array=" + job.arrayIndices);
    if (!job.afterOk.empty())
        arguments.push_back("--dependency=afterok:" + joined(job.afterOk, ":"));
    if (!job.log.empty())
        arguments.push_back("--output=" + job.log.string());
    if (!job.errorLog.empty())
        arguments.push_back("--error=" + job.errorLog.string());
    if (!job.workingDirectory.empty())
        arguments.push_back("--chdir=" + job.workingDirectory.string());
    arguments.push_back(job.script.string());
    arguments.insert(arguments.end(), job.scriptArguments.begin(), job.scriptArguments.end());

    const ProcessResult result = runSlurm("sbatch", arguments);
    if (result.exitCode != 0)
        throw SlurmError("sbatch refused the job " + job.name + ": " + firstLines(result.errors));
    // --parsable prints "id" or "id;cluster".
    std::string id = result.output.substr(0, result.output.find_first_of(";\n"));
    if (id.empty() || id.find_first_not_of("0123456789") != std::string::npos)
        throw SlurmError("sbatch printed no job id for " + job.name + " (it printed '" + firstLines(result.output) + "')");
    return id;
}

JobStates SlurmClient::queued(const std::vector<std::string>& jobIds) const
{
    JobStates states;
    if (jobIds.empty())
        return states;
    const ProcessResult result = runSlurm("squeue", {"-h", "-r", "-o", "%i %T", "-j", joined(jobIds, ",")});
    // squeue exits 1 with "Invalid job id specified" once every listed job has left the queue.
    if (result.exitCode != 0 && result.errors.find("Invalid job id") == std::string::npos)
        throw SlurmError("squeue failed: " + firstLines(result.errors));
    std::istringstream lines(result.output);
    std::string task;
    std::string state;
    while (lines >> task >> state)
        if (jobMatches(task, jobIds))
            states[task] = state;
    return states;
}

JobStates SlurmClient::finished(const std::vector<std::string>& jobIds) const
{
    JobStates states;
    if (jobIds.empty())
        return states;
    const ProcessResult accounting =
        runSlurm("sacct", {"-n", "-P", "-X", "-o", "JobID,State", "-j", joined(jobIds, ",")});
    if (accounting.exitCode == 0 && !accounting.output.empty()) {
        std::istringstream lines(accounting.output);
        std::string line;
        while (std::getline(lines, line)) {
            const std::size_t bar = line.find('|');
            if (bar == std::string::npos)
                continue;
            // sacct writes "CANCELLED by 0": the first word is the state.
            const std::string task = line.substr(0, bar);
            const std::string state = line.substr(bar + 1, line.find(' ', bar) - bar - 1);
            if (jobMatches(task, jobIds))
                states[task] = state;
        }
        return states;
    }
    // No accounting: scontrol lists each array task as its own record.
    for (const std::string& id : jobIds) {
        const ProcessResult shown = runSlurm("scontrol", {"show", "job", "-o", id});
        if (shown.exitCode != 0)
            continue;
        std::istringstream records(shown.output);
        std::string record;
        while (std::getline(records, record)) {
            const auto field = [&record](const std::string& key) {
                const std::size_t at = record.find(" " + key + "=");
                if (at == std::string::npos)
                    return std::string();
                const std::size_t begin = at + key.size() + 2;
                return record.substr(begin, record.find(' ', begin) - begin);
            };
            const std::string arrayJob = field("ArrayJobId");
            const std::string arrayTask = field("ArrayTaskId");
            const std::string task = arrayJob.empty() ? id : arrayJob + "_" + arrayTask;
            const std::string state = field("JobState");
            if (!state.empty())
                states[task] = state;
        }
    }
    return states;
}

void SlurmClient::cancel(const std::vector<std::string>& jobIds) const
{
    if (jobIds.empty())
        return;
    std::vector<std::string> arguments = jobIds;
    const ProcessResult result = runSlurm("scancel", arguments);
    if (result.exitCode != 0 && result.errors.find("Invalid job id") == std::string::npos
        && result.errors.find("already completing or completed") == std::string::npos)
        throw SlurmError("scancel failed: " + firstLines(result.errors));
}

} // namespace foldwise::cluster
