#include "cli/OperationCommand.h"

#include "cli/CliContext.h"
#include "cli/ClusterCommands.h"
#include "cluster/ShardedOperations.h"
#include "io/AtomicFileWriter.h"
#include "model/ModelError.h"
#include "ops/Operation.h"
#include "ops/OperationRegistry.h"
#include "ops/OperationResultFile.h"

#include <memory>
#include <string>
#include <variant>
#include <vector>

namespace foldwise::cli {
namespace {

// The option's long spelling for messages: "--weight-bits", or a positional's name.
std::string spelling(const ops::ParameterSpec& spec)
{
    const std::size_t comma = spec.flags.rfind(',');
    return comma == std::string::npos ? spec.flags : spec.flags.substr(comma + 1);
}

void addChecks(CLI::Option* option, const ops::ParameterSpec& spec)
{
    if (spec.required)
        option->required();
    if (!spec.choices.empty())
        option->check(CLI::IsMember(spec.choices));
    if (spec.minimum && spec.maximum)
        option->check(CLI::Range(*spec.minimum, *spec.maximum));
    else if (spec.minimum && spec.minimumExclusive && *spec.minimum == 0)
        option->check(CLI::PositiveNumber);
    else if (spec.minimum && *spec.minimum == 0)
        option->check(CLI::NonNegativeNumber);
    if (spec.mustExist && spec.path == ops::PathRole::InputFolder)
        option->check(CLI::ExistingDirectory);
    else if (spec.mustExist)
        option->check(CLI::ExistingFile);
    if (spec.delimiter)
        option->delimiter(spec.delimiter);
}

CLI::Option* addOption(CLI::App& cmd, const ops::ParameterSpec& spec, ops::OperationParameters& values)
{
    CLI::Option* option = std::visit(
        ops::Overloaded{
            [&](bool* v) { return cmd.add_flag(spec.flags, *v, spec.help); },
            [&](const ops::ChoiceField& c) {
                return cmd.add_option_function<std::string>(spec.flags, c.set, spec.help)->default_str(c.get());
            },
            [&](auto* v) { return cmd.add_option(spec.flags, *v, spec.help); },
        },
        spec.field(values));
    addChecks(option, spec);
    return option;
}

// A parameter error as CLI11 reports option errors (usage message, its exit code).
[[noreturn]] void throwAsValidation(const std::vector<ops::ParameterSpec>& specs, const ops::ParameterError& e)
{
    for (const ops::ParameterSpec& spec : specs)
        if (spec.key == e.key())
            throw CLI::ValidationError(spelling(spec), e.what());
    throw CLI::ValidationError(e.key(), e.what());
}

void run(const ops::Operation& operation, ops::OperationParameters& values, const std::vector<ops::ParameterSpec>& specs,
         const std::vector<std::pair<std::string, CLI::Option*>>& options, const std::string& saveParams,
         const ClusterCommandOptions& cluster)
{
    for (const auto& [key, option] : options)
        if (option->count() > 0)
            values.given.insert(key);
    try {
        operation.check(values);
    } catch (const ops::ParameterError& e) {
        throwAsValidation(specs, e);
    }
    if (!saveParams.empty()) {
        // By absolute paths: the file may be replayed from another folder or machine.
        const std::unique_ptr<ops::OperationParameters> saved = operation.copyParameters(values);
        ops::makePathsAbsolute(specs, *saved);
        const std::string text = ops::operationRequestJson(operation, *saved).dump(2) + "\n";
        AtomicFileWriter writer(saveParams);
        writer.write(text.data(), text.size());
        writer.commit();
    }
    CliContext context(operation.id());
    const ScopedInterrupt interrupt(context);
    try {
        if (!runOnCluster(operation, values, cluster, context))
            operation.run(values, context);
    } catch (const ops::ParameterError& e) {
        throwAsValidation(specs, e);
    }
}

} // namespace

CLI::App* addOperationCommand(CLI::App& parent, const ops::Operation& operation, const std::string& name)
{
    CLI::App* cmd = parent.add_subcommand(name.empty() ? operation.id() : name, operation.description());
    std::shared_ptr<ops::OperationParameters> values = operation.defaultParameters();
    auto specs = std::make_shared<std::vector<ops::ParameterSpec>>(operation.parameterSpecs());
    auto options = std::make_shared<std::vector<std::pair<std::string, CLI::Option*>>>();
    for (const ops::ParameterSpec& spec : *specs)
        options->emplace_back(spec.key, addOption(*cmd, spec, *values));
    auto saveParams = std::make_shared<std::string>();
    cmd->add_option("--save-params", *saveParams,
                    "Also write these parameters as an operation file (JSON) that `foldwise-cli replay` runs again");
    auto cluster = std::make_shared<ClusterCommandOptions>();
    if (cluster::canShard(operation))
        addClusterOptions(*cmd, *cluster);
    cmd->callback([&operation, values, specs, options, saveParams, cluster] {
        run(operation, *values, *specs, *options, *saveParams, *cluster);
    });
    return cmd;
}

void addReplayCommand(CLI::App& app)
{
    auto file = std::make_shared<std::string>();
    auto resultFile = std::make_shared<std::string>();
    CLI::App* cmd = app.add_subcommand("replay", "Run an operation file (written by --save-params, a project or a batch job)");
    cmd->add_option("file", *file, "Operation file (JSON)")->required()->check(CLI::ExistingFile);
    cmd->add_option("--result-json", *resultFile,
                    "Also write the operation's result (its output files and summary) as JSON, for whoever submitted "
                    "it as a batch job");
    cmd->callback([file, resultFile] {
        ops::OperationRequest request = ops::readOperationRequestFile(*file);
        CliContext context(request.operation->id());
        const ScopedInterrupt interrupt(context);
        ops::OperationResult result;
        try {
            result = request.operation->run(*request.parameters, context);
        } catch (const ops::ParameterError& e) {
            throw ModelError(*file, "parameters." + e.key() + " " + e.what());
        }
        if (!resultFile->empty())
            ops::writeOperationResult(*resultFile, result);
    });
}

} // namespace foldwise::cli
