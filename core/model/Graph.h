#pragma once

#include "model/Attribute.h"
#include "model/Tensor.h"

#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace foldwise {

struct Node {
    std::string name;   // unique in the graph; generated as <OpType>_<index> where the model has none
    std::string opType;
    std::string domain; // "" for the default ONNX domain
    std::vector<TensorId> inputs;  // kNoId for an omitted optional input
    std::vector<TensorId> outputs; // kNoId for an omitted optional output
    std::vector<Attribute> attributes;
    int protoIndex = 0;            // position of the NodeProto in the model's graph
    std::vector<TensorId> implicitInputs; // outer-scope tensors read by sub-graphs (If/Loop/Scan)

    const Attribute* attribute(std::string_view attrName) const;
    int64_t intAttr(std::string_view attrName, int64_t fallback) const;
    float floatAttr(std::string_view attrName, float fallback) const;
    std::string stringAttr(std::string_view attrName, std::string_view fallback = {}) const;
    std::vector<int64_t> intsAttr(std::string_view attrName) const;
};

// The dataflow graph every stage of Foldwise shares: nodes, the tensors between them, their
// producers and consumers, a topological order and the graph's inputs and outputs.
// Indices are stable for the lifetime of a Graph; names are unique.
class Graph {
public:
    const std::vector<Node>& nodes() const { return nodes_; }
    const std::vector<Tensor>& tensors() const { return tensors_; }
    const std::vector<Initializer>& initializers() const { return initializers_; }
    const Node& node(NodeId id) const { return nodes_[static_cast<std::size_t>(id)]; }
    const Tensor& tensor(TensorId id) const { return tensors_[static_cast<std::size_t>(id)]; }

    // Graph inputs that are real inputs (initializers listed as inputs are excluded).
    const std::vector<TensorId>& inputs() const { return inputs_; }
    const std::vector<TensorId>& outputs() const { return outputs_; }
    const std::vector<NodeId>& topologicalOrder() const { return order_; }

    std::optional<TensorId> findTensor(std::string_view name) const;
    std::optional<NodeId> findNode(std::string_view name) const;

    // Constant data reaching a tensor: an initializer or the value of a Constant node.
    const ConstantData* constantData(TensorId id) const;
    bool isConstant(TensorId id) const { return constantData(id) != nullptr; }

    // Element count of a tensor when its shape is fully known.
    std::optional<int64_t> elementCount(TensorId id) const;

private:
    friend class GraphBuilder;
    friend class ShapeInference;
    friend class Model; // adds the constants folded at load (quantised weights)

    std::vector<Node> nodes_;
    std::vector<Tensor> tensors_;
    std::vector<Initializer> initializers_;
    std::vector<TensorId> inputs_;
    std::vector<TensorId> outputs_;
    std::vector<NodeId> order_;
    std::unordered_map<std::string, TensorId> tensorByName_;
    std::unordered_map<std::string, NodeId> nodeByName_;
    std::unordered_map<TensorId, ConstantData> constantNodeValues_; // outputs of Constant nodes and folded ones
};

} // namespace foldwise
