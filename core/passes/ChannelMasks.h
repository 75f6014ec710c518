#pragma once

// Which channels of every tracked tensor survive a selection of channels to keep in the prunable
// layers (passes/ChannelFlow.h), with dead channels removed to a fixed point: a channel whose
// inputs are all gone (a depthwise channel whose input channel was pruned) or that no reader
// needs any more (an input channel of a depthwise channel that was removed) goes too, until
// nothing changes. At a residual Add the output keeps the union of its inputs' channels.

#include "passes/ChannelFlow.h"

#include <cstdint>
#include <vector>

namespace foldwise::passes {

using ChannelMask = std::vector<char>; // one entry per channel, 1 = kept

struct ChannelPlan {
    std::vector<ChannelMask> tensors; // by TensorId; empty for untracked tensors
    int iterations = 0;               // forward/backward sweeps until the fixed point
};

// `selection`: per prunable layer (flow.layers order) the output channels the criterion keeps.
ChannelPlan propagateChannels(const Model& model, const ChannelFlow& flow, const std::vector<ChannelMask>& selection);

int64_t keptCount(const ChannelMask& mask);
std::vector<int64_t> keptIndices(const ChannelMask& mask);

// The parameter count of the shrunk model (as ModelSummary counts parameters) without building
// it: the constant operands of Conv, Gemm, MatMul and BatchNormalization sliced to the plan,
// every other node's parameters unchanged. What exact mode's bisection evaluates.
class ParameterCounter {
public:
    ParameterCounter(const Model& model, const ChannelFlow& flow);
    int64_t count(const ChannelPlan& plan) const;

private:
    const Model& model_;
    const ChannelFlow& flow_;
    int64_t fixed_ = 0;               // parameters of nodes the plan does not change
    std::vector<NodeId> sliced_;      // nodes whose parameters depend on the plan
    std::vector<int64_t> kernel_;     // by NodeId: kernel elements per weight row (Conv)
    std::vector<int64_t> biasSize_;   // by NodeId: original bias elements (0: none)
};

} // namespace foldwise::passes
