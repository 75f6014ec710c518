#pragma once

// Structured channel pruning (domain reference section 5, Neural Network Shrinking): whole output
// channels of Conv/Gemm/MatMul layers removed by their scores (BatchNorm |gamma|, or filter L1
// norms where BN was folded), dead channels removed to a fixed point, and the weights physically
// shrunk; the result is standard ONNX that Foldwise's executor and onnxruntime run. See
// ChannelFlow.h (what is prunable, the residual trunk), ChannelSelection.h (criteria, SIMD),
// ChannelMasks.h (dead channels, unions at residual Adds) and ChannelShrinking.h (the rewrite).

#include "passes/ChannelSelection.h"
#include "passes/PassResult.h"

#include <cstdint>
#include <optional>
#include <vector>

namespace foldwise::passes {

struct PruningOptions {
    PruneCriterion criterion = PruneCriterion::Global;
    // Exactly one of: the fraction of the eligible channels to remove (global, safe) or of every
    // eligible layer's channels (local), in [0, 1); or the parameter count to remain, found by
    // bisection on the global threshold (on the rate for local), landing as close as the
    // channel steps allow (the report says how close).
    std::optional<double> rate;
    std::optional<int64_t> targetParams;
    // FINN SIMD per prunable layer (report "layers" order), or one value for all; empty: 1.
    // Kept channel counts are then multiples of the layer's SIMD, pruned in groups of SIMD
    // consecutive channels.
    std::vector<int64_t> simd;
};

const char* criterionName(PruneCriterion c);
// "global", "local" or "safe"; throws std::invalid_argument otherwise.
PruneCriterion parseCriterion(const std::string& name);

// Report (besides the common keys): "criterion", "rate" or "target_params", "threshold"
// (global/safe), "layers": [{"name", "op", "channels_before", "channels_after", "removed",
// "score_source", "simd", "eligible", "trunk", "role"}], "nodes": every node whose channels
// changed, with the removed output channel indices (what masking the original model must zero to
// compute the same outputs), "index_adds", "dead_channels" (removed beyond the selection),
// "fixed_point_iterations", "params" {"before", "after"}, "macs" {"before", "after"},
// "target" {"params", "achieved", "relative_error"} in exact mode.
// Throws std::invalid_argument for invalid options (naming the option) and ModelError when
// the model has no prunable layer.
PassResult pruneChannels(const Model& model, const PruningOptions& options, const PassContext& context = {});

} // namespace foldwise::passes
