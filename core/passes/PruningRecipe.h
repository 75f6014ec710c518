#pragma once

// A pruning's per-layer sparsities as a SparseML recipe (domain reference section 5), so the same
// structure can be trained in: one `!StructuredPruningModifier` (mask_type: filter) per pruned
// layer, its `params` the layer's ONNX weight initializer and `final_sparsity` the fraction of
// its output channels removed. Written by hand: the format is a few fixed keys and lists, and
// SparseML's custom tags (`!StructuredPruningModifier`) are plain text there; a YAML library
// would add a dependency for no gain.

#include "model/Model.h"

#include <nlohmann/json.hpp>

#include <string>

namespace foldwise::passes {

struct RecipeSchedule {
    double startEpoch = 0.0;
    double endEpoch = 10.0;
    double updateFrequency = 1.0;
};

// The recipe text for a pruning report (passes/StructuredPruning.h) of `model` (the unpruned one:
// the weight names are looked up there).
std::string pruningRecipe(const Model& model, const nlohmann::json& report, const RecipeSchedule& schedule = {});

} // namespace foldwise::passes
