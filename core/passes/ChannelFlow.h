#pragma once

// How output channels (axis 1) flow through a model, for structured channel pruning
// (passes/StructuredPruning.h): what each node does with the channels of its activation inputs,
// which layers own channels that may be removed, which tensors must keep all their channels, and
// which layers form the residual trunk (detected from the graph's Add nodes and the chains that
// feed them).

#include "model/Model.h"

#include <cstdint>
#include <string>
#include <vector>

namespace foldwise::passes {

enum class ChannelOp {
    None,        // computes constants only, or reads no tracked tensor
    Layer,       // Conv (group 1), Gemm or MatMul with constant weights: owns its output channels and
                 // reads every channel of its input
    Depthwise,   // Conv with group = C_in: output channel c*m + j follows input channel c
    PassThrough, // output channel c is computed from input channel c only (activations, BN, pooling,
                 // a Pad of the spatial axes, a constant that broadcasts over the channels)
    Union,       // Add/Sum of activations with the same channels: output c sums the inputs' channel c
    Flatten,     // Flatten(axis 1) or Reshape to N x -1: channel c becomes `spread` consecutive features
    Barrier,     // anything else: reads every channel of its inputs, so those tensors stay whole
};

struct ChannelNode {
    ChannelOp op = ChannelOp::None;
    std::vector<TensorId> inputs; // activation inputs, in input-slot order
    std::vector<int> inputSlots;  // their input slots
    TensorId output = kNoId;      // first output (tracked when the node is not None/Barrier)
    int64_t spread = 1;           // Depthwise: channel multiplier; Flatten: features per channel
    std::string why;              // Barrier: the reason, for notes
};

struct PrunableLayer {
    NodeId node = kNoId;
    std::string name;
    std::string op;
    int64_t channels = 0;
    NodeId batchNorm = kNoId; // a BatchNormalization reading only this layer's output (|gamma| scores)
    bool trunk = false;       // on the residual trunk: its channels reach an Add
    bool stem = false;        // reads a graph input (through channel-preserving nodes only)
    std::string role;         // "stem", "branch end", "shortcut", "" for ordinary layers
};

struct ChannelFlow {
    std::vector<ChannelNode> nodes;   // by NodeId
    std::vector<int64_t> channels;    // by TensorId: size of axis 1 of tracked tensors, else 0
    std::vector<bool> locked;         // by TensorId: must keep every channel
    std::vector<PrunableLayer> layers; // prunable layers, topological order
    std::vector<int> layerOf;         // by NodeId: index into `layers`, -1 for other nodes
    std::vector<NodeId> residualAdds; // Union nodes (residual joins)
    std::vector<std::string> notes;   // channel layers that cannot be pruned, and why
};

// Nodes whose channel counts shape inference left unknown become barriers (nothing around them
// is pruned), so any loaded model can be analysed.
ChannelFlow analyseChannels(const Model& model);

} // namespace foldwise::passes
