#pragma once

#include "model/Graph.h"
#include "model/qonnx/QonnxOps.h"

#include <functional>
#include <optional>

namespace foldwise::qonnx {

// A Quant or BipolarQuant whose operands are all constants (a quantised weight): its output,
// as the executor would compute it. nullopt when its parameters are unusable or its operands
// do not broadcast (the executor then names the problem).
std::optional<ConstantData> foldQuantizer(const Graph& graph, const Node& node, Op op,
                                          const std::function<const ConstantData*(TensorId)>& constant);

} // namespace foldwise::qonnx
