#pragma once

#include "model/Graph.h"

#include <vector>

namespace onnx {
class ModelProto;
}

namespace foldwise {

// Per tensor: whether it is a shape value rather than an activation: what Shape reads off a
// stream and what is computed from such values and constants alone (a flatten's target shape,
// Shape -> Gather -> Concat). Hardware styles skip the nodes that compute them.
std::vector<bool> shapeValueTensors(const Graph& graph);

// Replaces, in a light model copy after a shape-inference round, the nodes whose value follows
// from static shapes and constants alone (Shape, Size, and every op ConstantOps.h evaluates:
// Gather, Unsqueeze, Concat, Slice, Div, Cast, Reshape of constants, ConstantOfShape, Range, ...)
// by Constant nodes, as onnx-simplifier does, so the next round knows the shapes that Reshape
// and friends compute at run time (PyTorch's flatten exports Shape -> Gather -> Unsqueeze ->
// Concat -> Reshape; ShuffleNet's channel split Shape -> Gather -> Div -> Slice).
// Returns how many nodes it replaced. Only the copy changes; the model keeps its nodes.
int foldShapeComputations(onnx::ModelProto& light);

} // namespace foldwise
