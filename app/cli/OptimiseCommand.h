#pragma once

namespace CLI {
class App;
}

namespace foldwise::cli {

// foldwise-cli optimise MODEL --platform P [--style fpgaconvnet|finn] [--profile P]
//   [--optimiser greedy|annealing|budgeted] [--objective throughput|latency] [-b B] [--seed S]
//   [--weight-bits W --act-bits A] [--limit lut=0.85,...] -o OUTDIR
void addOptimiseCommand(CLI::App& app);

} // namespace foldwise::cli
