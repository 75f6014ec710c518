#pragma once

// ONNX idioms that become one fpgaConvNet layer or none at all, recognised on the model graph
// for buildHardwareGraph (HardwareGraph.cpp): channel chops, channel shuffles, SiLU, layout
// transposes at the graph's ends and early exits.

#include "model/Graph.h"

#include <optional>
#include <string>
#include <vector>

namespace foldwise::fpgaconvnet {

// A stream cut into channel ranges that tile it: one ONNX Split along the channels, or the
// Slices of the channel axis that read one tensor (ShuffleNetV2's chunk into halves).
struct ChannelChop {
    std::vector<NodeId> nodes;        // the Split, or every Slice of the group
    std::vector<TensorId> outputs;    // per range, in channel order
    std::vector<int64_t> channels;    // channels of each range
};

// The chop `node` belongs to (a Split, or a Slice of the channel axis whose sibling Slices of
// the same input tile its channels), or nullopt when it is none. Ranges are read from constant
// starts, or, where the exporter computes them from shapes at run time, from the Slices' output
// shapes with each computed start being the previous Slice's end tensor.
std::optional<ChannelChop> channelChop(const Graph& g, const Node& node);

// A Transpose that only permutes the channels inside each pixel: Reshape [N,C,H,W] ->
// [N,g,C/g,H,W], Transpose(0,2,1,3,4), Reshape back to [N,C,H,W] (ShuffleNet's channel
// shuffle). The stream is pixel-major and channel-minor, so this is a fixed reordering of each
// pixel's channel vector: the layer writing it can emit the channels in that order and the
// next layer's weights can be permuted likewise, so it needs no hardware of its own.
bool isChannelShuffle(const Graph& g, const Node& node);

// The Sigmoid `node` whose only reader is Mul(x, Sigmoid(x)) (either operand order): SiLU.
// Returns the Mul, or nullptr.
const Node* siluMul(const Graph& g, const Node& sigmoid);

// A Transpose reading the graph's input (NHWC -> NCHW of a Keras/hls4ml export) or writing
// what only the graph's outputs read: it relabels the host's buffer, not a stream.
bool isLayoutTransposeAtInput(const Graph& g, const Node& node);
bool isLayoutTransposeAtOutput(const Graph& g, const Node& node);

// Why the graph is an early-exit network Foldwise cannot build (fpgaConvNet-ATHEENA: an If
// choosing between returning an exit's result and running the rest), or "" when it is none.
std::string earlyExitProblem(const Graph& g);

} // namespace foldwise::fpgaconvnet
