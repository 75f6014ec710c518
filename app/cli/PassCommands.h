#pragma once

namespace CLI {
class App;
}

namespace foldwise::cli {

// `foldwise-cli fold-bn MODEL -o OUT.onnx [--report R.json]`: BatchNormalization folded into the
// Conv/Gemm before it.
// `foldwise-cli fuse MODEL -o OUT.onnx [--report R.json] [--bits N]`: Conv/Gemm + ReLU fusion
// (hls4ml's merged ReLU), with the hardware stages and FIFOs before and after.
void addPassCommands(CLI::App& app);

} // namespace foldwise::cli
