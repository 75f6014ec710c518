#pragma once

// Physically removing pruned channels from a model's ONNX graph (standard ops only): Conv, Gemm,
// MatMul and BatchNormalization constants sliced to the channels a ChannelPlan keeps (the
// columns of a Gemm/MatMul after a Flatten are the kept channels' features), a depthwise Conv's
// group set to its kept channels, and at a residual Add whose inputs kept different channels an
// index-add per narrower input: Pad(one zero channel at the end) then Gather(axis 1) with
// constant indices puts each kept channel at its position in the union and the zero channel
// everywhere else. Pad and Gather are standard ops every runtime (Foldwise's executor,
// onnxruntime) runs, they add no parameters or MACs, and the zeros they insert make the Add
// exactly what the unpruned model computes with the pruned channels zeroed.

#include "passes/ChannelMasks.h"

#include <nlohmann/json.hpp>

#include <map>
#include <string>
#include <vector>

namespace onnx {
class ModelProto;
}

namespace foldwise::passes {

class GraphEditor;

struct ShrinkResult {
    nlohmann::json nodes = nlohmann::json::array();     // [{"node", "op", "channels_before", "channels_after", "removed": [..]}]
    nlohmann::json indexAdds = nlohmann::json::array(); // [{"add", "input", "channels", "union_channels", "pad", "gather"}]
    // Nodes appended to the proto that must run right before the Add named by the key.
    std::map<std::string, std::vector<std::string>> placeBefore;
};

// Edits the editor's proto; value_info of the resized tensors is dropped (loaders re-infer it).
ShrinkResult shrinkChannels(const Model& model, const ChannelFlow& flow, const ChannelPlan& plan, GraphEditor& editor);

// After GraphEditor::finish(): moves the appended index-add nodes in front of their Adds, so
// the node list stays topologically sorted as ONNX requires.
void placeIndexAdds(onnx::ModelProto& proto, const ShrinkResult& shrink);

} // namespace foldwise::passes
