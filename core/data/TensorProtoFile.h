#pragma once

#include "model/HostTensor.h"

#include <filesystem>
#include <string>

namespace foldwise {

struct NamedTensor {
    std::string name;
    HostTensor tensor;
};

// Reads a serialised ONNX TensorProto (.pb), as in ONNX's conformance data sets: raw_data or
// the typed fields (float_data, int32_data for the narrow integer, bool and 16-bit float types,
// int64_data, double_data, uint64_data). Throws ModelError(file, reason) for string tensors,
// external data, data that does not match the shape, and files that are not a plain tensor
// (SequenceProto and OptionalProto files parse as TensorProto with odd fields; they are
// recognised and rejected).
NamedTensor readTensorProto(const std::filesystem::path& path);

// Writes `tensor` as a TensorProto with raw_data, atomically (temporary file + rename).
void writeTensorProto(const std::filesystem::path& path, const HostTensor& tensor, const std::string& name = {});

} // namespace foldwise
