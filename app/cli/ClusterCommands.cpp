#include "cli/ClusterCommands.h"

#include "cli/CliContext.h"
#include "cluster/ShardedOperations.h"
#include "cluster/SlurmRun.h"
#include "io/JoinedText.h"
#include "ops/Operation.h"
#include "ops/OperationContext.h"

#include <filesystem>
#include <memory>

namespace foldwise::cli {
namespace {

// The jobs run this very foldwise-cli; on a cluster it sits on the shared filesystem.
std::filesystem::path thisProgram()
{
    std::error_code error;
    const std::filesystem::path self = std::filesystem::read_symlink("/proc/self/exe", error);
    if (error)
        throw cluster::SlurmError("cannot tell where this foldwise-cli is (/proc/self/exe): " + error.message());
    return self;
}

} // namespace

void addClusterOptions(CLI::App& cmd, ClusterCommandOptions& options)
{
    const std::string group = "Slurm";
    cluster::SlurmOptions& s = options.slurmOptions;
    cmd.add_flag("--slurm", options.slurm, "Run on the Slurm cluster this machine submits to (sbatch)")->group(group);
    cmd.add_option("--shards", options.shards, "Split the work over N array tasks, merged by a dependent job")
        ->check(CLI::Range(1, 10000))
        ->group(group);
    cmd.add_flag("--no-wait", options.noWait,
                 "Submit, print the job ids and return; follow later with `foldwise-cli collect FOLDER`")
        ->group(group);
    cmd.add_option("--slurm-folder", options.folder,
                   "The run's work folder on the shared filesystem (default: beside the output, <output>.slurm)")
        ->group(group);
    cmd.add_option("--partition", s.partition, "sbatch --partition")->group(group);
    cmd.add_option("--account", s.account, "sbatch --account")->group(group);
    cmd.add_option("--time", s.time, "sbatch --time per task (e.g. 30, 1:00:00)")->group(group);
    cmd.add_option("--mem", s.memory, "sbatch --mem per task (e.g. 8G)")->group(group);
    cmd.add_option("--cpus-per-task", s.cpusPerTask, "sbatch --cpus-per-task; also the threads each task uses")
        ->check(CLI::Range(1, 4096))
        ->group(group);
    cmd.add_option("--sbatch-arg", s.extraArguments, "An extra sbatch argument, as it is (repeatable), e.g. --qos=short")
        ->allow_extra_args(false)
        ->group(group);
    cmd.add_option("--job-name-prefix", s.jobNamePrefix, "Prefix of the jobs' names (default foldwise)")->group(group);
    cmd.add_option("--retries", s.retries, "How often a failed or lost task is submitted again (default 2)")
        ->check(CLI::Range(0, 100))
        ->group(group);
}

bool runOnCluster(const ops::Operation& operation, const ops::OperationParameters& parameters,
                  const ClusterCommandOptions& options, ops::OperationContext& context)
{
    if (!options.slurm) {
        if (options.shards > 1)
            throw CLI::ValidationError("--shards", "splits the work over Slurm array tasks: add --slurm");
        return false;
    }
    const std::filesystem::path folder =
        options.folder.empty() ? cluster::defaultWorkFolder(operation, parameters) : std::filesystem::path(options.folder);
    const cluster::ShardedWork work = cluster::shardedWork(operation, parameters, options.shards, folder);
    cluster::SlurmRun run = cluster::SlurmRun::submit(work, folder, options.slurmOptions, thisProgram());
    context.result("submitted " + operation.id() + " as Slurm jobs " + joined(run.jobIds(), " ") + " ("
                   + std::to_string(work.tasks.size()) + " tasks and a merge); work folder " + run.folder().string() + "\n");
    if (options.noWait) {
        context.result("follow it with: foldwise-cli collect " + run.folder().string() + "\n");
        return true;
    }
    run.wait(context);
    return true;
}

void addCollectCommand(CLI::App& app)
{
    auto folder = std::make_shared<std::string>();
    auto noWait = std::make_shared<bool>(false);
    CLI::App* cmd = app.add_subcommand(
        "collect", "Follow a Slurm run submitted with --no-wait to its end (resubmitting failed tasks) and report its result");
    cmd->add_option("folder", *folder, "The run's work folder (printed when it was submitted)")
        ->required()
        ->check(CLI::ExistingDirectory);
    cmd->add_flag("--cancel", *noWait, "Cancel the run's jobs instead");
    cmd->callback([folder, noWait] {
        cluster::SlurmRun run = cluster::SlurmRun::open(*folder);
        CliContext context("collect");
        if (*noWait) {
            run.cancel();
            context.result("cancelled Slurm jobs " + joined(run.jobIds(), " ") + "\n");
            return;
        }
        const ScopedInterrupt interrupt(context);
        run.wait(context);
    });
}

} // namespace foldwise::cli
