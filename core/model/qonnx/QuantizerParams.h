#pragma once

#include "model/Graph.h"
#include "model/qonnx/NumberFormat.h"
#include "model/qonnx/QonnxOps.h"
#include "model/qonnx/QuantizerMath.h"

#include <functional>
#include <optional>
#include <string>

namespace foldwise::qonnx {

using ConstantLookup = std::function<const ConstantData*(TensorId)>;

// What a quantizer node's attributes and constant operands say, read and checked once for the
// executor, constant folding and the figures.
struct QuantizerParams {
    Op op = Op::None;
    QuantSpec quant;         // Quant
    TruncSpec trunc;         // Trunc
    int truncVersion = 1;    // 1: five inputs; 2: with an output scale (input 4)
    std::size_t truncOutScaleInput = 0;
    ThresholdSpec threshold; // MultiThreshold
    std::optional<NumberFormat> outputFormat;
    std::string problem;     // "" when the node can be used; else why not, for an error message
};

// Reads a Quant/BipolarQuant/Trunc/MultiThreshold node. Constant operands come from `constants`
// (a bit width may be computed by a folded constant subgraph, such as a Ceil of a constant).
QuantizerParams readQuantizerParams(const Graph& graph, const Node& node, const ConstantLookup& constants);

} // namespace foldwise::qonnx
