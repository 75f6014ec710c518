#pragma once

#include "cli/HardwareOptions.h"

#include <string>

namespace foldwise::cli {

// The FINN style of `optimise` and `evaluate` (core/hw/finn): the model converted to FINN's
// dataflow nodes, folded by SetFolding ("greedy", to --target-fps) or the budgeted search, or
// read from a folding_config.json; writes folding_config.json, FINN's three estimate reports
// and the per-layer table.
struct FinnRunOptions {
    std::string optimiser;    // "greedy" (SetFolding) or "budgeted"
    double targetFps = 0;     // SetFolding's target
    double clockNs = 0;       // 0: the platform's clock
    bool bitsGiven = false;   // --weight-bits/--act-bits given (else FINN's w1a1 defaults)
    bool capConvolutionFifos = false; // --cap-conv-fifos: FINN's default_swg_exception
};

void runFinnOptimise(const HardwareOptions& o, const FinnRunOptions& finn);
void runFinnEvaluate(const HardwareOptions& o, const FinnRunOptions& finn, const std::string& foldingConfig, bool json);

} // namespace foldwise::cli
