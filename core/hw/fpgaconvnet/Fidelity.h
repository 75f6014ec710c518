#pragma once

#include "hw/fpgaconvnet/Design.h"

#include <nlohmann/json_fwd.hpp>

#include <string>
#include <vector>

namespace foldwise::fpgaconvnet {

// Where Foldwise's native model departs from fpgaConvNet's own (the compatible model), and by
// how much, for one design: each layer's cycles and resources under both, and the network's.
// The native model adds sparse zero skipping; for dense layers the two should agree.
struct LayerFidelity {
    std::string name, type;
    bool sparse = false;               // native models it with zero skipping
    double nativeCycles = 0, compatibleCycles = 0;
    ResourceUsage native, compatible;
};

struct FidelityReport {
    std::vector<LayerFidelity> layers; // the design's layers (fpgaConvNet's squeezes aside)
    ResourceUsage squeezes;            // what fpgaConvNet's inserted squeezes add (compatible only)
    double nativeFps = 0, compatibleFps = 0;
    double nativeCycles = 0, compatibleCycles = 0; // the whole batch, every partition
    ResourceUsage nativeTotal, compatibleTotal;    // the largest partition's, per resource
    std::string compatibleInfeasibility;           // why fpgaConvNet would not build it ("" if it would)
};

// Evaluates `design` on both models (its own cost model setting is ignored).
FidelityReport fidelityReport(const Design& design);

// Relative difference native / compatible - 1 (0 when both are 0; inf when only compatible is 0).
double relativeDifference(double native, double compatible);

nlohmann::json fidelityJson(const FidelityReport& report);
// One row per layer: name, type, sparse, cycles and DSP/BRAM/LUT/FF under both and their
// relative differences.
std::string fidelityCsv(const FidelityReport& report);

} // namespace foldwise::fpgaconvnet
