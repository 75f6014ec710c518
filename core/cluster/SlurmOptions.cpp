#include "cluster/SlurmOptions.h"

#include <stdexcept>

namespace foldwise::cluster {

std::vector<std::string> sbatchArguments(const SlurmOptions& options)
{
    std::vector<std::string> arguments;
    const auto add = [&arguments](const char* flag, const std::string& value) {
        if (!value.empty())
            arguments.push_back(std::string(flag) + "=" + value);
    };
    add("--partition", options.partition);
    add("--account", options.account);
    add("--time", options.time);
    add("--mem", options.memory);
    arguments.push_back("--cpus-per-task=" + std::to_string(options.cpusPerTask));
    arguments.insert(arguments.end(), options.extraArguments.begin(), options.extraArguments.end());
    return arguments;
}

void checkSlurmOptions(const SlurmOptions& options)
{
    if (options.cpusPerTask < 1)
        throw std::invalid_argument("cpus-per-task must be at least 1, not " + std::to_string(options.cpusPerTask));
    if (options.retries < 0)
        throw std::invalid_argument("retries must be 0 or more, not " + std::to_string(options.retries));
    if (!(options.pollSeconds > 0.0))
        throw std::invalid_argument("the poll interval must be positive");
    // The prefix becomes part of --job-name: sbatch takes any text, but a space or comma would
    // make squeue's and sacct's listings ambiguous to read back.
    if (options.jobNamePrefix.empty() || options.jobNamePrefix.find_first_of(" ,\t\n") != std::string::npos)
        throw std::invalid_argument("job-name prefix must be one word, not '" + options.jobNamePrefix + "'");
    for (const std::string& argument : options.extraArguments)
        if (argument.rfind("--array", 0) == 0 || argument.rfind("--dependency", 0) == 0)
            throw std::invalid_argument("extra sbatch argument " + argument
                                        + " would change how Foldwise splits the work; it sets that itself");
}

nlohmann::json slurmOptionsJson(const SlurmOptions& options)
{
    return {{"partition", options.partition},
            {"account", options.account},
            {"time", options.time},
            {"memory", options.memory},
            {"cpus_per_task", options.cpusPerTask},
            {"extra_arguments", options.extraArguments},
            {"job_name_prefix", options.jobNamePrefix},
            {"retries", options.retries},
            {"poll_seconds", options.pollSeconds}};
}

SlurmOptions readSlurmOptions(const JsonNode& node)
{
    SlurmOptions options;
    options.partition = node.string("partition", options.partition);
    options.account = node.string("account", options.account);
    options.time = node.string("time", options.time);
    options.memory = node.string("memory", options.memory);
    options.cpusPerTask = static_cast<int>(node.at("cpus_per_task").integerIn(1, 4096));
    if (const auto extra = node.find("extra_arguments"))
        for (const JsonNode& argument : extra->elements())
            options.extraArguments.push_back(argument.string());
    options.jobNamePrefix = node.string("job_name_prefix", options.jobNamePrefix);
    options.retries = static_cast<int>(node.at("retries").integerIn(0, 100));
    options.pollSeconds = node.at("poll_seconds").numberIn(0.01, 3600.0);
    try {
        checkSlurmOptions(options);
    } catch (const std::invalid_argument& e) {
        node.fail(e.what());
    }
    return options;
}

} // namespace foldwise::cluster
