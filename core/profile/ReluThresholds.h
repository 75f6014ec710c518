#pragma once

#include "model/Model.h"

#include <filesystem>
#include <map>
#include <memory>
#include <string>

namespace onnx {
class ModelProto;
}

namespace foldwise {

// ReLU thresholds as the ReLU-threshold work stores them: a flat JSON object from ReLU node
// name to a number, {"/relu/Relu": 0.05, ...}. Names are Foldwise's node names (the ONNX node
// names; generated <OpType>_<index> ones for unnamed nodes). A Relu with threshold t runs as
// ThresholdedRelu(alpha = t), which outputs x when x > t and 0 otherwise.
using ReluThresholds = std::map<std::string, float>;

// Throws ModelError(file, reason) for unreadable files, malformed JSON, non-objects and values
// that are not finite numbers.
ReluThresholds readReluThresholds(const std::filesystem::path& file);

// Throws ModelError naming the first threshold whose node is missing or is not a Relu or
// ThresholdedRelu, and for models whose default-domain opset is below 10 (no ThresholdedRelu).
void checkReluThresholds(const Model& model, const ReluThresholds& thresholds);

// Writes every node's Foldwise name into `proto` (a copy of model.proto()), so that names
// generated for unnamed nodes survive edits that change an op type.
void nameAllNodes(const Model& model, onnx::ModelProto& proto);

// Turns the named Relu (or ThresholdedRelu) nodes of `proto` (a copy of model.proto(), node
// order unchanged) into ThresholdedRelu with alpha = t. Checks as checkReluThresholds.
void applyReluThresholds(const Model& model, const ReluThresholds& thresholds, onnx::ModelProto& proto);

// The model with the thresholds applied, loaded with `options`. Foldwise loads models from
// files, so the edited model goes through a temporary file (in the system's temporary folder,
// or beside the model when its weights live in external data files, whose paths are
// relative), removed once loaded.
std::shared_ptr<const Model> loadWithReluThresholds(const Model& model, const ReluThresholds& thresholds,
                                                    const LoadOptions& options);

} // namespace foldwise
