#pragma once

namespace CLI {
class App;
}

namespace foldwise::cli {

// foldwise-cli evaluate MODEL --design D.json [--platform P] [-b B] [--profile P] [--json] [-o OUTDIR]
void addEvaluateCommand(CLI::App& app);

} // namespace foldwise::cli
