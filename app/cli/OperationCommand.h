#pragma once

// The CLI as argument adapters over the operations layer (core/ops): a sub-command's options
// come from its operation's parameter specs, its run prints what the operation reports.

#include <CLI/CLI.hpp>

#include <string>

namespace foldwise::ops {
class Operation;
}

namespace foldwise::cli {

// Adds `operation` as the sub-command `name` (default: its id) of `parent`, with one option per
// parameter and --save-params FILE (write the parameters as an operation file that
// `foldwise-cli replay` runs again).
CLI::App* addOperationCommand(CLI::App& parent, const ops::Operation& operation, const std::string& name = {});

// `foldwise-cli replay FILE.json`: runs an operation file.
void addReplayCommand(CLI::App& app);

} // namespace foldwise::cli
