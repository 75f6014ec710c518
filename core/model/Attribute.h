#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace onnx {
class TensorProto;
class GraphProto;
} // namespace onnx

namespace foldwise {

enum class AttributeType { Undefined, Float, Int, String, Tensor, Graph, Floats, Ints, Strings, Tensors, Graphs, Other };

// A node attribute, decoded from its protobuf. Scalar and list values are copied (they are
// small); tensors and sub-graphs stay in the model's protobuf and are referenced.
struct Attribute {
    std::string name;
    AttributeType type = AttributeType::Undefined;
    float f = 0.0f;
    int64_t i = 0;
    std::string s;
    std::vector<float> floats;
    std::vector<int64_t> ints;
    std::vector<std::string> strings;
    const onnx::TensorProto* tensor = nullptr;
    std::vector<const onnx::GraphProto*> graphs; // one for Graph, several for Graphs
    std::size_t listSize = 0;                    // element count for Tensors/Other lists

    // Short human-readable value: "3", "[1, 1, 2, 2]", "\"SAME_UPPER\"", "tensor float 64", "graph (12 nodes)".
    std::string valueString() const;
};

std::string_view attributeTypeName(AttributeType type);

} // namespace foldwise
