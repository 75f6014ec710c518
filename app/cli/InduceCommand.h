#pragma once

namespace CLI {
class App;
}

namespace foldwise::cli {

// `foldwise-cli induce MODEL --mapping M.json --prototypes N[,N...] --data SRC [--labels F]
//  [--seed S] -o OUT.onnx --report R.json [--choosing-dir DIR] [--no-accuracy]`: induced ReLUs
// (ReLU sharing, core/passes/InducedRelus.h).
void addInduceCommand(CLI::App& app);

} // namespace foldwise::cli
