#pragma once

#include "layers/LayerKind.h"
#include "model/Model.h"

#include <optional>
#include <string>
#include <vector>

namespace foldwise {

// Per-layer figures an accelerator engineer reads first: work (MACs), parameters, activation
// sizes and the convolution geometry.
struct LayerFigures {
    NodeId node = kNoId;
    std::string name;
    std::string opType;
    std::string domain;
    LayerKind kind = LayerKind::Other;
    std::string variant;      // "depthwise", "grouped", "ReLU6", ... when it matters
    bool standardOp = true;   // false: no ONNX schema (custom domain or unknown op)

    Shape inputShape;         // first activation (non-constant) input
    Shape outputShape;        // first output
    bool inputShapeKnown = false;
    bool outputShapeKnown = false;

    // Multiply-accumulates for Conv/ConvTranspose (output elements x C_in/g x K) and
    // Gemm/MatMul (output elements x inner dim); 0 for other layers; nullopt when a shape
    // it needs is unknown.
    std::optional<int64_t> macs = 0;
    int64_t weights = 0;      // elements of constant weight operands
    int64_t biases = 0;       // elements of constant bias operands
    int64_t params() const { return weights + biases; }
    std::optional<int64_t> inputActivations;  // elements of all activation inputs
    std::optional<int64_t> outputActivations; // elements of all outputs

    // Convolution and pooling geometry (empty where not applicable).
    std::vector<int64_t> kernel;
    std::vector<int64_t> strides;
    std::vector<int64_t> pads;
    std::vector<int64_t> dilations;
    int64_t groups = 1;
    std::optional<int64_t> channelsIn;
    std::optional<int64_t> channelsOut;
};

LayerFigures computeLayerFigures(const Model& model, NodeId node);

} // namespace foldwise
