#pragma once

namespace CLI {
class App;
}

namespace foldwise::cli {

// `foldwise-cli profile MODEL --data SRC [--labels F] [--limit N] [--batch B] [--shard i/N]
//  [--thresholds JSON] -o PROFILE [--csv FILE] [--annotate OUT.onnx [--annotate-style S]]`
void addProfileCommand(CLI::App& app);

} // namespace foldwise::cli
