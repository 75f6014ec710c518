// foldwise-cli: every engine task, headless. Each sub-command lives in its own file; this one
// only wires them and turns errors into one line on stderr and a non-zero exit code.
#include "cli/EvaluateCommand.h"
#include "cli/InduceCommand.h"
#include "cli/InspectCommand.h"
#include "cli/MergeCommand.h"
#include "cli/OptimiseCommand.h"
#include "cli/PassCommands.h"
#include "cli/ProfileCommand.h"
#include "cli/PruneCommand.h"
#include "cli/RunCommand.h"
#include "cli/RunlogCommand.h"
#include "cli/SweepCommand.h"
#include "model/ModelError.h"

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

} // namespace

int main(int argc, char** argv)
{
    CLI::App app{"Foldwise: tune CNNs for streaming FPGA accelerators", "foldwise-cli"};
    app.set_version_flag("--version", std::string(FOLDWISE_VERSION));
    app.require_subcommand(1);
    foldwise::cli::addInspectCommand(app);
    foldwise::cli::addRunCommand(app);
    foldwise::cli::addProfileCommand(app);
    foldwise::cli::addMergeCommand(app);
    foldwise::cli::addOptimiseCommand(app);
    foldwise::cli::addEvaluateCommand(app);
    foldwise::cli::addSweepCommand(app);
    foldwise::cli::addRunlogCommand(app);
    foldwise::cli::addPassCommands(app);
    foldwise::cli::addPruneCommand(app);
    foldwise::cli::addInduceCommand(app);
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
