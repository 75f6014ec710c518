#pragma once

// A layer's weights as QONNX exports store them: a weight quantizer (Quant/IntQuant or
// BipolarQuant) on a float initializer, read by the layer directly or through a Transpose
// (Brevitas's Linear as MatMul). Passes that change weights must change them before the
// quantizer, or the model stops being QONNX (the quantizer would be bypassed).

#include "model/Model.h"
#include "model/qonnx/QuantizerParams.h"
#include "passes/ConstantTensors.h"

#include <optional>
#include <string>

namespace foldwise::passes {

class GraphEditor;

struct QuantisedWeight {
    NodeId quantizer = kNoId;
    NodeId transpose = kNoId;    // between the quantizer and the layer, or kNoId
    qonnx::QuantizerParams params;
    FloatConstant raw;           // the quantizer's float input
    FloatConstant scale;         // as stored (any numeric type, as float)
    FloatConstant zeroPoint;     // Quant only; empty for BipolarQuant
    // The axis of `raw` that the layer's output channels index (0 for Conv and Gemm transB = 1
    // or MatMul through a Transpose, 1 for a MatMul/Gemm B read directly).
    std::size_t outputAxis = 0;
};

// The quantised weight feeding input `slot` of `layer`, or std::nullopt when that input is not
// a quantizer of constants (through at most one Transpose [1, 0]). `why` says what stands in
// the way when the weights are quantised but cannot be edited (the quantizer has other readers,
// a parameter is not constant).
std::optional<QuantisedWeight> quantisedWeight(const Model& model, const Node& layer, std::size_t slot, std::string& why);

// Any numeric constant (float, double, integers) as floats; std::nullopt otherwise.
std::optional<FloatConstant> numericConstant(const Model& model, TensorId tensor);

// Multiplies output channel c of a quantised weight by factor[c] in the file: the quantizer's
// input and its scale (now one per output channel) are scaled together, so the integers it
// produces stay the same and its output becomes q * s * factor. Exact when every factor is
// positive; a negative factor needs a symmetric quantizer (zero point 0, narrow or bipolar, a
// rounding mode that is an odd function) and, for BipolarQuant, no zero weight in the channel.
// Returns why not (and edits nothing) or "".
std::string scaleQuantisedOutputChannels(const Model& model, GraphEditor& editor, const QuantisedWeight& w,
                                         const std::vector<double>& factor);

} // namespace foldwise::passes
