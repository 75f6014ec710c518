#pragma once

#include "model/Tensor.h"

#include <cstdint>
#include <string>
#include <vector>

namespace onnx {
class ValueInfoProto;
class TypeProto;
} // namespace onnx

namespace foldwise {

// Throws ModelError when a declared dimension is negative or the shape's size overflows.
void checkValueInfoDims(const onnx::ValueInfoProto& info, const std::string& what, const std::string& file);

// Copies element type and shape of a tensor type into `tensor` (non-tensor types are left alone).
void applyType(const onnx::TypeProto& type, Tensor& tensor);
void applyValueInfo(const onnx::ValueInfoProto& info, Tensor& tensor);

// Replaces a value info's shape by these static dims (the element type is kept).
void setStaticDims(onnx::ValueInfoProto& info, const std::vector<int64_t>& dims);

} // namespace foldwise
