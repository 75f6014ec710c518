#pragma once

#include "ops/HardwareParameters.h"

namespace foldwise::ops {

// Searches the folding of a streaming accelerator for a device: fpgaConvNet style (simulated
// annealing or fpgaConvNet's greedy optimiser, on Foldwise's cost model or fpgaConvNet's own) or
// FINN style (SetFolding to a target frame rate, or the budgeted search).
struct OptimiseParameters : HardwareParameters {
    std::string optimiser; // greedy | annealing | budgeted; empty: annealing (fpgaconvnet), budgeted (finn)
    double targetFps = 0;
    double clockNs = 0;
    bool capConvolutionFifos = false;
    std::uint64_t seed = 0;
    std::int64_t moves = 0;
    bool compatible = false;
    double gain = 1.2;
    std::string design; // start from this design (fpgaconvnet)
};

const Operation& optimiseOperation();

// Its parts (describe its parameters, check them together, run), put together in
// ops/OperationRegistry.cpp.
void describe(ParameterSpecs<OptimiseParameters>& p);
void checkTogether(const OptimiseParameters& p);
OperationResult run(const OptimiseParameters& p, OperationContext& context);

// The optimiser a run uses: the given one, else the style's default.
std::string optimiserOf(const OptimiseParameters& p);

} // namespace foldwise::ops
