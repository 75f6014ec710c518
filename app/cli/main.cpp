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

#include <iostream>

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
    } catch (const std::exception& e) {
        std::cerr << "foldwise-cli: error: " << e.what() << '\n';
        return 1;
    }
    return 0;
}
