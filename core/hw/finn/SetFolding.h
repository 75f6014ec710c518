#pragma once

// FINN's SetFolding transformation (finn/transformation/fpgadataflow/set_folding.py): fold each
// node, in network order, just far enough that its cycles drop below a target, then - with
// two-pass relaxation - rerun once with the achieved max cycles as the target to balance the
// pipeline. Resource-blind, as in FINN.

#include "hw/finn/FinnDesign.h"

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

namespace foldwise::finn {

struct SetFoldingOptions {
    int64_t targetCyclesPerFrame = 1000;
    int64_t mvauWwidthMax = 36; // max weight bits per PE (W * SIMD) while raising an MVAU's SIMD
    bool twoPassRelaxation = true;
};

// FINN's target from a frame rate: int((1e9 / clk_ns) / target_fps).
int64_t targetCyclesPerFrame(double targetFps, double clockNs);

struct SetFoldingProgress {
    int pass = 1;         // 1, or 2 for the relaxation pass
    std::size_t node = 0; // node about to be folded
    std::size_t nodes = 0;
};
// Return false to stop.
using SetFoldingProgressFn = std::function<bool(const SetFoldingProgress&)>;

struct SetFoldingResult {
    int passes = 1;
    int64_t target = 0;    // the target of the last pass run
    int64_t maxCycles = 0;
    std::string bottleneck; // max_cycles_node_name
    bool cancelled = false;
    std::vector<std::string> warnings; // FINN's: ops SetFolding leaves alone, and deviations
};

// Folds `design` in place. On cancellation during the second pass the first pass's complete
// folding is restored; during the first pass the nodes already visited keep their new folding.
SetFoldingResult setFolding(FinnDesign& design, const SetFoldingOptions& options = {},
                            const SetFoldingProgressFn& progress = {});

} // namespace foldwise::finn
