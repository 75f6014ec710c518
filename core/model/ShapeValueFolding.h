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

// Replaces, in a light model copy after a shape-inference round, the nodes that compute shape
// values from static shapes (Shape, and Gather, Unsqueeze, Squeeze, Concat, Slice, Cast,
// Identity and integer Add/Sub/Mul/Div of such values and small constants) by Constant nodes,
// as onnx-simplifier does, so the next round knows the shapes that Reshape and friends compute
// at run time (PyTorch's flatten exports Shape -> Gather -> Unsqueeze -> Concat -> Reshape).
// Returns how many nodes it replaced. Only the copy changes; the model keeps its nodes.
int foldShapeComputations(onnx::ModelProto& light);

} // namespace foldwise
