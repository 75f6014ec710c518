#pragma once

// Float constants between a loaded Model and the TensorProtos a pass writes: weights are read
// through the Model (so initializers in external data files and Constant nodes work alike) and
// written back as new float TensorProtos with raw_data (int64 ones too, for index and shape
// inputs).

#include "model/Model.h"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace onnx {
class ModelProto;
class TensorProto;
} // namespace onnx

namespace foldwise::passes {

struct FloatConstant {
    std::vector<int64_t> dims;
    std::vector<float> values; // row-major
};

// The value of a float constant tensor (initializer or Constant node output); std::nullopt when
// the tensor is not constant or not float.
std::optional<FloatConstant> floatConstant(const Model& model, TensorId tensor);

onnx::TensorProto makeFloatTensor(const std::vector<int64_t>& dims, const std::vector<float>& values);
onnx::TensorProto makeInt64Tensor(const std::vector<int64_t>& dims, const std::vector<int64_t>& values);

// Copies the bytes of every initializer stored in an external data file into `proto` (a copy
// of model.proto()), so that the written model is self-contained wherever it is saved.
void inlineExternalData(const Model& model, onnx::ModelProto& proto);

} // namespace foldwise::passes
