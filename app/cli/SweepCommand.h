#pragma once

namespace CLI {
class App;
}

namespace foldwise::cli {

// foldwise-cli sweep MODEL --data SRC [--labels F] --platform P [--style fpgaconvnet]
//   --policy uniform|slowest_node --mode fixed|reoptimise [--increment X] [--relative]
//   [--iterations N] [--max-drop D] [--target-fps F] -o RUNDIR   (or --resume RUNDIR)
void addSweepCommand(CLI::App& app);

} // namespace foldwise::cli
