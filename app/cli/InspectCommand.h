#pragma once

namespace CLI {
class App;
}

namespace foldwise::cli {

// `foldwise-cli inspect MODEL [--input-shape name:dims]... [--json | --csv]`
void addInspectCommand(CLI::App& app);

} // namespace foldwise::cli
