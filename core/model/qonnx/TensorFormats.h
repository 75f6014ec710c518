#pragma once

#include "model/Graph.h"
#include "model/qonnx/NumberFormat.h"

#include <map>
#include <optional>
#include <string>
#include <vector>

namespace foldwise::qonnx {

// The number format of every tensor (indexed by TensorId); nullopt where the values are plain
// float. Sources, strongest first: a quantizer's output (Quant/IntQuant bit width and
// signedness, BipolarQuant, Trunc, MultiThreshold out_dtype), the model's finn_datatype
// annotations (graph.quantization_annotation; FLOAT32 ones ignored), then ops that only move or
// select values (Reshape, Transpose, MaxPool, Pad, Concat of equal formats, ...), which keep
// their input's format.
std::vector<std::optional<NumberFormat>> inferTensorFormats(const Graph& graph,
                                                            const std::map<std::string, std::string>& finnDataTypes);

} // namespace foldwise::qonnx
