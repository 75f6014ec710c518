#pragma once

// Builders for small ONNX models written straight with the protobuf types, so tests describe
// the model they need independently of Foldwise's own loader.

#include <onnx/onnx_pb.h>

#include <cstdint>
#include <string>
#include <vector>

namespace fixtures {

onnx::ModelProto makeModel(int64_t opset = 13);
// How most fixtures start: a model with one float graph input `input` of `dims`.
onnx::ModelProto modelWithInput(const std::string& input, const std::vector<int64_t>& dims, int64_t opset = 13);

// Dims: >= 0 known, -1 unknown, or a symbol through addSymbolicInput.
onnx::ValueInfoProto* addInput(onnx::ModelProto& m, const std::string& name, const std::vector<int64_t>& dims,
                               int elemType = onnx::TensorProto::FLOAT);
onnx::ValueInfoProto* addSymbolicInput(onnx::ModelProto& m, const std::string& name, const std::string& symbol,
                                       const std::vector<int64_t>& restDims);
onnx::ValueInfoProto* addOutput(onnx::ModelProto& m, const std::string& name, int elemType = onnx::TensorProto::FLOAT);

// A float initializer filled with `fill` (raw_data), or with explicit values.
onnx::TensorProto* addInitializer(onnx::ModelProto& m, const std::string& name, const std::vector<int64_t>& dims,
                                  float fill = 0.5f);
onnx::TensorProto* addInt64Initializer(onnx::ModelProto& m, const std::string& name, const std::vector<int64_t>& values);

onnx::NodeProto* addNode(onnx::ModelProto& m, const std::string& op, const std::vector<std::string>& inputs,
                         const std::vector<std::string>& outputs, const std::string& name = {});
void setInts(onnx::NodeProto* n, const std::string& name, const std::vector<int64_t>& values);
void setInt(onnx::NodeProto* n, const std::string& name, int64_t value);
void setFloat(onnx::NodeProto* n, const std::string& name, float value);

// Conv with weight W_<name> (F, C/g, k, k) and bias B_<name>; returns the node.
onnx::NodeProto* addConv(onnx::ModelProto& m, const std::string& name, const std::string& in, const std::string& out,
                         int64_t cin, int64_t cout, int64_t k, int64_t stride = 1, int64_t pad = 0, int64_t group = 1);

// MaxPool or AveragePool (`op`) with a square `kernel` and `stride`; returns the node.
onnx::NodeProto* addPool(onnx::ModelProto& m, const std::string& op, const std::string& name, const std::string& in,
                         const std::string& out, int64_t kernel, int64_t stride);

void save(const onnx::ModelProto& m, const std::string& path);
void saveBytes(const std::string& bytes, const std::string& path);
std::string readBytes(const std::string& path);
// The model at `path` as a plain protobuf (throws std::runtime_error when it does not parse).
onnx::ModelProto readModel(const std::string& path);

} // namespace fixtures
