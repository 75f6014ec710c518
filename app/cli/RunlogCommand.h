#pragma once

namespace CLI {
class App;
}

namespace foldwise::cli {

// foldwise-cli runlog import DIR [--sweep NAME] -o RUNDIR: a run log of the original
// ReLU-threshold scripts (runlog/<arch>/..., relu_thresholds/...) as a Foldwise run directory
// (manifest.json, summary.csv).
void addRunlogCommand(CLI::App& app);

} // namespace foldwise::cli
