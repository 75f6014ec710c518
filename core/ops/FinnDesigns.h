#pragma once

// The FINN style of optimise and evaluate (core/hw/finn): the model converted to FINN's dataflow
// nodes with the run's bit widths and clock.

#include "hw/finn/FinnDesign.h"
#include "ops/HardwareParameters.h"

namespace foldwise::ops {

struct FinnRunSettings {
    double clockNs = 0;               // 0: the platform's clock (platformMhz), else FINN's default
    bool capConvolutionFifos = false; // FINN's default_swg_exception
};

// Converts `model` with the bit widths of `p` when the user gave them (else the model's own, or
// FINN's w1a1 defaults).
finn::FinnDesign finnDesignFor(const Model& model, const HardwareParameters& p, const FinnRunSettings& f, double platformMhz);

} // namespace foldwise::ops
