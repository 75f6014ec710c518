#pragma once

// Which activation nodes compute exactly ReLU, max(x, 0). hls4ml's fusion pass forgot to check
// this (domain reference section 4); Foldwise fuses only these.

#include "model/Model.h"

#include <string>

namespace foldwise::passes {

struct ReluCheck {
    bool relu = false;
    std::string why; // when not: "Clip with max 6 is not a ReLU", ...
};

// True for Relu; Clip with min exactly 0 and no max (attributes before opset 11, constant inputs
// from 11); ThresholdedRelu with alpha = 0. Not for LeakyRelu, PRelu, Clip with a max (ReLU6)
// or a non-zero / run-time min, ThresholdedRelu with another alpha, or any other op.
ReluCheck checkRelu(const Model& model, const Node& node);

} // namespace foldwise::passes
