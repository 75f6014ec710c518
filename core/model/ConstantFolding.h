#pragma once

#include "model/Graph.h"

#include <vector>

namespace foldwise {

struct FoldedConstant {
    TensorId tensor = kNoId;
    ConstantData data;
};

// Values computed from constants alone, in topological order, as onnx-simplifier folds them:
// the shape arithmetic exporters emit (Shape -> Gather -> Concat -> Reshape, once shapes are
// static), an Identity, Reshape or Transpose of a weight, ConstantOfShape, Range, and QONNX's
// quantised weights (a Quant or BipolarQuant of an initializer) with the reshapes between them
// and their layer. Folding them once at load lets every stage see these values as constants:
// the hardware styles see a constant reshape as no hardware, the layer tables count a weight
// where its layer reads it, the executor skips the nodes.
// Identity and reshapes share their input's data; other results are computed when they hold
// at most 16M elements (bigger ones stay nodes, which the executor runs).
std::vector<FoldedConstant> foldConstants(const Graph& graph, int64_t opset);

} // namespace foldwise
