#pragma once

#include "ops/HardwareParameters.h"

namespace foldwise::ops {

// Evaluates a saved design: a Foldwise design.json or fpgaConvNet config.json (fpgaConvNet style,
// on Foldwise's model; with `compatible` on fpgaConvNet's own; with `fidelity` on both, layer by
// layer), a FINN folding_config.json or folded graph.
struct EvaluateParameters : HardwareParameters {
    std::string design;
    bool json = false;
    bool compatible = false;
    bool fidelity = false;
    double clockNs = 0;
    bool capConvolutionFifos = false;
    // fpgaconvnet: evaluate on this cost model instead of the one the design file records
    // ("native" or "compatible"; empty: the file's).
    std::string costModel;
};

const Operation& evaluateOperation();

// Its parts (describe its parameters, check them together, run), put together in
// ops/OperationRegistry.cpp.
void describe(ParameterSpecs<EvaluateParameters>& p);
void checkTogether(const EvaluateParameters& p);
OperationResult run(const EvaluateParameters& p, OperationContext& context);

} // namespace foldwise::ops
