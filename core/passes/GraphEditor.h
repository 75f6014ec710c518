#pragma once

// Editing an ONNX graph in place by value names, the way passes rewrite a copy of a model's
// ModelProto: who produces and who reads a value, rewiring inputs, removing nodes, replacing
// or adding initializers under unique names, and a final clean-up that drops what nobody reads
// any more. The lookups are rebuilt lazily after each edit, so a pass may interleave queries and
// edits freely. Sub-graphs (If/Loop bodies) are not edited but their outer-scope reads count as
// reads, so nothing they use is ever dropped.

#include <cstdint>
#include <optional>
#include <set>
#include <string>
#include <unordered_map>
#include <vector>

namespace onnx {
class ModelProto;
class NodeProto;
class TensorProto;
} // namespace onnx

namespace foldwise::passes {

class GraphEditor {
public:
    explicit GraphEditor(onnx::ModelProto& proto);

    onnx::ModelProto& proto() { return proto_; }
    onnx::NodeProto& node(int index);
    const onnx::NodeProto& node(int index) const;
    int nodeCount() const;

    // The index of the node writing `value` (std::nullopt for graph inputs, initializers and
    // values nobody writes). Removed nodes are not producers.
    std::optional<int> producer(const std::string& value) const;
    // Indices of the live nodes reading `value` (once per node, however many of its inputs).
    std::vector<int> consumers(const std::string& value) const;
    bool isGraphOutput(const std::string& value) const;
    // Readers of `value` among live nodes, graph outputs and sub-graphs' outer-scope reads.
    int readerCount(const std::string& value) const;

    // Appends `node` after the last node and returns its index. The graph is out of topological
    // order when the new node feeds earlier ones; sortNodesTopologically (TopologicalOrder.h)
    // restores it after finish().
    int appendNode(onnx::NodeProto node);

    // Marks a node removed; it is erased by finish(). Its outputs must have no readers left.
    void removeNode(int index);
    bool removed(int index) const { return removed_.count(index) != 0; }
    void setInput(int node, int slot, const std::string& value);
    void setOutput(int node, int slot, const std::string& value);

    // The initializer named `name`, or nullptr.
    onnx::TensorProto* initializer(const std::string& name);
    // Puts `tensor` (its name is ignored) in place of input `slot` of `node`: into the same
    // initializer when this node is its only reader (the value keeps its name), else into a new
    // initializer named uniqueName(baseName) that the node reads instead, so other readers keep
    // the old value. Appends an input when slot == the node's input count. Returns the name used.
    std::string setConstantInput(int node, int slot, onnx::TensorProto tensor, const std::string& baseName);

    // `base`, or `base` with a numeric suffix, not used by any value, initializer or node.
    std::string uniqueName(const std::string& base);

    // Erases removed nodes, then initializers and Constant nodes nobody reads, the value_info
    // of values that no longer exist and, for IR < 4 models, graph inputs that stood for
    // dropped initializers. Node order is otherwise kept (it stays topological).
    void finish();

private:
    void index() const;
    void touch() { dirty_ = true; }

    onnx::ModelProto& proto_;
    std::set<int> removed_;
    std::set<std::string> taken_; // names handed out by uniqueName
    mutable bool dirty_ = true;
    mutable std::unordered_map<std::string, int> producer_;
    mutable std::unordered_map<std::string, std::vector<int>> consumers_;
    mutable std::unordered_map<std::string, int> outerReads_;
    mutable std::set<std::string> outputs_;
    mutable std::set<std::string> names_;
};

} // namespace foldwise::passes
