#pragma once
// Builds an ONNX graph the way torch.onnx.export (PyTorch 1.13, opset 13) writes one, so the
// generated models keep the node, tensor and initializer names the tests and the README refer to:
// nodes are named "<module scope>/<Op>", their outputs "<node name>_output_0", parameters keep
// their module path ("fc.weight") unless the exporter created them (folded BatchNorm: "onnx::Conv_N").
#include <onnx/onnx_pb.h>

#include <cstdint>
#include <string>
#include <vector>

namespace models {

class Random;

// Attribute helpers, in the order the exporter writes them (alphabetical).
struct Attribute {
    std::string name;
    std::vector<int64_t> ints;
    bool isList = true;
    float f = 0;
    bool isFloat = false;
    static Attribute list(std::string name, std::vector<int64_t> v) { return {std::move(name), std::move(v)}; }
    static Attribute integer(std::string name, int64_t v) { return {std::move(name), {v}, false}; }
    static Attribute real(std::string name, float v) { return {std::move(name), {}, false, v, true}; }
};

class ExportGraph {
public:
    ExportGraph();

    void addInput(const std::string& name, const std::vector<int64_t>& dims);
    void addOutput(const std::string& name, const std::vector<int64_t>& dims);

    // Adds a node "name" with one output, "name_output_0" unless given; returns the output.
    std::string node(const std::string& name, const std::string& op, const std::vector<std::string>& inputs,
                     const std::vector<Attribute>& attributes = {}, const std::string& output = {});

    // A float32 scalar Constant node (what the exporter writes for Clip's min and max).
    std::string scalarConstant(const std::string& name, float value);

    // Parameters: "named" ones keep a module path and come first in the initializer list, as in the
    // exporter's output; "exporter" ones (onnx::Conv_N, onnx::MatMul_N) follow in creation order.
    void namedInitializer(const std::string& name, const std::vector<int64_t>& dims, const std::vector<float>& values);
    void exporterInitializer(const std::string& name, const std::vector<int64_t>& dims, const std::vector<float>& values);

    // The finished model (initializers in the exporter's order); call once.
    onnx::ModelProto finish();

private:
    onnx::ModelProto model_;
    std::vector<onnx::TensorProto> named_, exporter_;
};

// A Conv as the exporter writes it (dilations, group, kernel_shape, pads, strides).
std::vector<Attribute> convAttributes(int64_t kernel, int64_t stride, int64_t pad, int64_t group);

// Writes the model deterministically; throws std::runtime_error on failure.
void writeModel(const onnx::ModelProto& model, const std::string& path);

} // namespace models
