#pragma once

#include "passes/PassResult.h"

namespace foldwise::passes {

// The model as onnx-simplifier writes it: every node Foldwise folded at load because its value
// follows from constants and static shapes (Shape -> Gather -> Div -> Concat -> Reshape chains,
// a weight's Identity or Transpose, ConstantOfShape, ...) is replaced by an initializer holding
// that value, nodes and initializers nobody reads any more are dropped, the inputs' dynamic
// dims are fixed to the shapes the model was loaded with (--input-shape, else batch 1) and
// value_info holds every tensor's shape. Quantizers (QONNX Quant of a weight) and what follows
// them stay nodes: their bit widths are the model's meaning, not a constant to bake in.
// report: "folded_nodes" (count), "fixed_inputs" (name -> dims).
PassResult simplifyModel(const Model& model, const PassContext& context = {});

} // namespace foldwise::passes
