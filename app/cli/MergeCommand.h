#pragma once

namespace CLI {
class App;
}

namespace foldwise::cli {

// `foldwise-cli merge PROFILE... -o OUT [--csv FILE]`: profiles of disjoint shards into one.
void addMergeCommand(CLI::App& app);

} // namespace foldwise::cli
