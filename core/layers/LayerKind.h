#pragma once

#include "model/Graph.h"

#include <string_view>

namespace foldwise {

// What a node is, as a streaming-accelerator engineer groups layers.
enum class LayerKind {
    Convolution,    // Conv, ConvTranspose, QLinearConv, ConvInteger (incl. depthwise/grouped)
    FullyConnected, // Gemm, or MatMul with a constant operand
    MatMul,         // MatMul of two activations (attention-style)
    Pooling,
    Activation,
    ElementWise,
    ConcatSplit,
    ReshapeLike,
    Normalisation,
    Constant,
    Other,          // standard ONNX ops outside the groups above (Softmax, Resize, Gather, ...)
    Quantizer,      // QONNX Quant/IntQuant, BipolarQuant, Trunc; FINN's MultiThreshold
    Custom,         // no ONNX schema: custom domain or unknown op; kept, flagged, never executed
};

std::string_view layerKindName(LayerKind kind);

// Classifies a node. `opsetKnown` tells whether ONNX has a schema for the node's op and domain.
LayerKind classifyNode(const Graph& graph, const Node& node, bool opsetKnown);

// True when the node is a Clip with bounds [0, 6] (ReLU6), read from attributes or constant inputs.
bool isRelu6(const Graph& graph, const Node& node);

} // namespace foldwise
