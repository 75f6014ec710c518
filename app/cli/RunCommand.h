#pragma once

namespace CLI {
class App;
}

namespace foldwise::cli {

// `foldwise-cli run MODEL --input NAME=FILE(.npy|.pb)... --output-dir DIR`
void addRunCommand(CLI::App& app);

} // namespace foldwise::cli
