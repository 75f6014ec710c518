#pragma once

#include "model/Tensor.h"

#include <string>

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

} // namespace foldwise
