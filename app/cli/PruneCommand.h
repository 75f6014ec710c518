#pragma once

namespace CLI {
class App;
}

namespace foldwise::cli {

// `foldwise-cli prune MODEL --criterion global|local|safe (--rate R | --target-params N)
//  [--simd-list "9,16,..."] [--data SRC [--labels F]] [--platform P] [--style S] -o OUT.onnx
//  [--report R.json] [--recipe R.yaml]`: structured channel pruning (passes/StructuredPruning.h)
// with the hardware and accuracy before and after (passes/PruningEvaluation.h) in the report and
// the per-layer sparsities as a SparseML recipe.
void addPruneCommand(CLI::App& app);

} // namespace foldwise::cli
