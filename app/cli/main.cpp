// foldwise-cli: every engine operation (core/ops), headless. The sub-commands are adapters over
// the operations (cli/OperationCommand.h); this file only lists them and turns errors into one
// line on stderr and a non-zero exit code.
#include "cli/ClusterCommands.h"
#include "cli/OperationCommand.h"
#include "model/ModelError.h"
#include "ops/OperationContext.h"
#include "ops/OperationRegistry.h"

#include <CLI/CLI.hpp>

#include <filesystem>
#include <iostream>
#include <string>

namespace {

std::string filesystemErrorText(const std::filesystem::filesystem_error& e)
{
    std::string what = e.what();
    if (const std::string prefix = "filesystem error: "; what.starts_with(prefix))
        what.erase(0, prefix.size());
    if (const std::size_t bracket = what.find(" ["); bracket != std::string::npos)
        what.erase(bracket);
    return e.path1().empty() ? what : e.path1().string() + ": " + what;
}

// "runlog-import" is `runlog import`: operations whose id has a dash are grouped under its
// first word.
void addCommands(CLI::App& app)
{
    for (const foldwise::ops::Operation* operation : foldwise::ops::allOperations()) {
        const std::string id = operation->id();
        const std::size_t dash = id.find('-');
        if (dash == std::string::npos || id == "fold-bn") {
            foldwise::cli::addOperationCommand(app, *operation);
            continue;
        }
        const std::string group = id.substr(0, dash);
        CLI::App* parent = nullptr;
        for (CLI::App* existing : app.get_subcommands({}))
            if (existing->get_name() == group)
                parent = existing;
        if (!parent) {
            parent = app.add_subcommand(group, group == "runlog" ? "Run logs of threshold sweeps" : group);
            parent->require_subcommand(1);
        }
        foldwise::cli::addOperationCommand(*parent, *operation, id.substr(dash + 1));
    }
    foldwise::cli::addReplayCommand(app);
    foldwise::cli::addCollectCommand(app);
}

} // namespace

int main(int argc, char** argv)
{
    CLI::App app{"Foldwise: tune CNNs for streaming FPGA accelerators", "foldwise-cli"};
    app.set_version_flag("--version", std::string(FOLDWISE_VERSION));
    app.require_subcommand(1);
    addCommands(app);
    try {
        app.parse(argc, argv);
    } catch (const CLI::ParseError& e) {
        return app.exit(e);
    } catch (const foldwise::ModelError& e) {
        std::cerr << "foldwise-cli: error: " << e.what() << '\n';
        return 1;
    } catch (const std::filesystem::filesystem_error& e) {
        // A safety net for file operations not wrapped in a ModelError: "PATH: what failed"
        // instead of the library's "filesystem error: ... [PATH]".
        std::cerr << "foldwise-cli: error: " << filesystemErrorText(e) << '\n';
        return 1;
    } catch (const std::exception& e) {
        std::cerr << "foldwise-cli: error: " << e.what() << '\n';
        return 1;
    }
    return 0;
}
