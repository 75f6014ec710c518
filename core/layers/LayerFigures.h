#pragma once

#include "layers/LayerKind.h"
#include "model/Model.h"
#include "model/qonnx/NumberFormat.h"

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
    bool qonnxOp = false;     // a QONNX/FINN-ONNX op Foldwise understands (quantizer, channels-last op)
    bool channelsLast = false; // NHWC tensors (qonnx.custom_op.channels_last)

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

    // Quantisation as the model states it (QONNX quantizers, finn_datatype annotations);
    // nullopt where the values are float.
    std::optional<qonnx::NumberFormat> weightFormat; // Conv/Gemm/MatMul weights
    std::optional<qonnx::NumberFormat> inputFormat;  // first activation input
    std::optional<qonnx::NumberFormat> outputFormat; // first output
    // Bit operations, MACs x weight bits x input bits (float operands count 32 bits, as qonnx's
    // inference cost does); layers with MACs only.
    std::optional<int64_t> bops;
    // Weight memory: weights x weight bits (32 for float); layers with MACs only.
    std::optional<int64_t> weightMemoryBits;
};

// Bits a value of this format takes (32 for float), the convention of BOPs and memory figures.
int formatBits(const std::optional<qonnx::NumberFormat>& format);

LayerFigures computeLayerFigures(const Model& model, NodeId node);

} // namespace foldwise
