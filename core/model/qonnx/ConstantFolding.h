#pragma once

#include "model/Graph.h"

#include <vector>

namespace foldwise::qonnx {

struct FoldedConstant {
    TensorId tensor = kNoId;
    ConstantData data;
};

// Values computed from constants alone, in topological order: quantised weights (a Quant or
// BipolarQuant of an initializer), the Transpose/Reshape/Identity/Flatten/(Un)Squeeze between
// them and their layer, and small Ceil/Floor/Round/Cast subgraphs that compute bit widths
// (Brevitas exports a bias bit width as Ceil of a constant). Folding them once at load lets
// every stage see a quantised layer's weights as constants, as it sees a float layer's.
// Quantizers whose parameters are unusable are left alone (the executor names the problem).
std::vector<FoldedConstant> foldQuantizedConstants(const Graph& graph);

} // namespace foldwise::qonnx
