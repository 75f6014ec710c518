#include "passes/GraphEditor.h"

#include "model/NodeSubgraphs.h"

#include <onnx/onnx_pb.h>

#include <algorithm>
#include <stdexcept>

namespace foldwise::passes {
namespace {

// Every value a sub-graph names as an input (its own values included: over-counting only keeps
// things alive, never drops them).
void collectSubgraphReads(const onnx::GraphProto& g, std::unordered_map<std::string, int>& reads)
{
    for (const auto& n : g.node()) {
        for (const auto& in : n.input())
            if (!in.empty())
                ++reads[in];
        forEachSubgraph(n, [&](const onnx::GraphProto& sub) { collectSubgraphReads(sub, reads); });
    }
    for (const auto& out : g.output())
        ++reads[out.name()];
}

// IR versions before 4 list every initializer among the graph inputs too.
constexpr int64_t kIrInitializersNeedNotBeInputs = 4;

} // namespace

GraphEditor::GraphEditor(onnx::ModelProto& proto) : proto_(proto) {}

onnx::NodeProto& GraphEditor::node(int index)
{
    touch();
    return *proto_.mutable_graph()->mutable_node(index);
}

const onnx::NodeProto& GraphEditor::node(int index) const { return proto_.graph().node(index); }

int GraphEditor::nodeCount() const { return proto_.graph().node_size(); }

void GraphEditor::index() const
{
    if (!dirty_)
        return;
    producer_.clear();
    consumers_.clear();
    outerReads_.clear();
    outputs_.clear();
    names_.clear();
    const onnx::GraphProto& g = proto_.graph();
    for (int i = 0; i < g.node_size(); ++i) {
        const onnx::NodeProto& n = g.node(i);
        names_.insert(n.name());
        for (const auto& out : n.output())
            names_.insert(out);
        if (removed_.count(i))
            continue;
        for (const auto& out : n.output())
            if (!out.empty())
                producer_[out] = i;
        for (const auto& in : n.input()) {
            if (in.empty())
                continue;
            names_.insert(in);
            std::vector<int>& readers = consumers_[in];
            if (readers.empty() || readers.back() != i)
                readers.push_back(i);
        }
        forEachSubgraph(n, [&](const onnx::GraphProto& sub) { collectSubgraphReads(sub, outerReads_); });
    }
    for (const auto& out : g.output())
        outputs_.insert(out.name());
    for (const auto& in : g.input())
        names_.insert(in.name());
    for (const auto& t : g.initializer())
        names_.insert(t.name());
    for (const auto& v : g.value_info())
        names_.insert(v.name());
    dirty_ = false;
}

std::optional<int> GraphEditor::producer(const std::string& value) const
{
    index();
    const auto it = producer_.find(value);
    if (it == producer_.end())
        return std::nullopt;
    return it->second;
}

std::vector<int> GraphEditor::consumers(const std::string& value) const
{
    index();
    const auto it = consumers_.find(value);
    return it == consumers_.end() ? std::vector<int>{} : it->second;
}

bool GraphEditor::isGraphOutput(const std::string& value) const
{
    index();
    return outputs_.count(value) != 0;
}

int GraphEditor::readerCount(const std::string& value) const
{
    index();
    const auto outer = outerReads_.find(value);
    return static_cast<int>(consumers(value).size()) + (isGraphOutput(value) ? 1 : 0)
        + (outer == outerReads_.end() ? 0 : outer->second);
}

int GraphEditor::appendNode(onnx::NodeProto node)
{
    *proto_.mutable_graph()->add_node() = std::move(node);
    touch();
    return nodeCount() - 1;
}

void GraphEditor::removeNode(int index)
{
    if (index < 0 || index >= nodeCount())
        throw std::out_of_range("GraphEditor::removeNode: no node " + std::to_string(index));
    removed_.insert(index);
    touch();
}

void GraphEditor::setInput(int node, int slot, const std::string& value)
{
    onnx::NodeProto& n = this->node(node);
    while (n.input_size() <= slot)
        n.add_input("");
    n.set_input(slot, value);
}

void GraphEditor::setOutput(int node, int slot, const std::string& value)
{
    onnx::NodeProto& n = this->node(node);
    while (n.output_size() <= slot)
        n.add_output("");
    n.set_output(slot, value);
}

onnx::TensorProto* GraphEditor::initializer(const std::string& name)
{
    for (auto& t : *proto_.mutable_graph()->mutable_initializer())
        if (t.name() == name)
            return &t;
    return nullptr;
}

std::string GraphEditor::setConstantInput(int node, int slot, onnx::TensorProto tensor, const std::string& baseName)
{
    const onnx::NodeProto& n = this->node(node);
    const std::string current = slot < n.input_size() ? n.input(slot) : std::string();
    if (!current.empty()) {
        // Replace in place only when this node is the value's one reader (and reads it once).
        int uses = 0;
        for (const auto& in : n.input())
            uses += in == current ? 1 : 0;
        onnx::TensorProto* existing = initializer(current);
        if (existing && uses == 1 && readerCount(current) == 1 && !producer(current)) {
            tensor.set_name(current);
            // A graph input standing for the initializer (IR < 4 models list them) and any
            // value_info must describe the new tensor, whose shape may differ.
            for (auto& info : *proto_.mutable_graph()->mutable_input())
                if (info.name() == current) {
                    auto* type = info.mutable_type()->mutable_tensor_type();
                    type->set_elem_type(tensor.data_type());
                    type->clear_shape();
                    for (int64_t d : tensor.dims())
                        type->mutable_shape()->add_dim()->set_dim_value(d);
                }
            auto* infos = proto_.mutable_graph()->mutable_value_info();
            for (int i = infos->size() - 1; i >= 0; --i)
                if (infos->Get(i).name() == current)
                    infos->DeleteSubrange(i, 1);
            *existing = std::move(tensor);
            touch();
            return current;
        }
    }
    const std::string name = uniqueName(baseName);
    tensor.set_name(name);
    if (proto_.ir_version() < kIrInitializersNeedNotBeInputs) {
        onnx::ValueInfoProto* input = proto_.mutable_graph()->add_input();
        input->set_name(name);
        auto* type = input->mutable_type()->mutable_tensor_type();
        type->set_elem_type(tensor.data_type());
        for (int64_t d : tensor.dims())
            type->mutable_shape()->add_dim()->set_dim_value(d);
    }
    *proto_.mutable_graph()->add_initializer() = std::move(tensor);
    setInput(node, slot, name);
    return name;
}

std::string GraphEditor::uniqueName(const std::string& base)
{
    index();
    std::string name = base;
    for (int i = 1; names_.count(name) || taken_.count(name); ++i)
        name = base + "_" + std::to_string(i);
    taken_.insert(name);
    return name;
}

void GraphEditor::finish()
{
    onnx::GraphProto& g = *proto_.mutable_graph();
    // Nodes: drop removed ones, then Constant nodes whose value nobody reads (repeatedly not
    // needed: a Constant reads nothing).
    {
        google::protobuf::RepeatedPtrField<onnx::NodeProto> kept;
        for (int i = 0; i < g.node_size(); ++i)
            if (!removed_.count(i))
                *kept.Add() = std::move(*g.mutable_node(i));
        g.mutable_node()->Swap(&kept);
        removed_.clear();
        touch();
    }
    {
        google::protobuf::RepeatedPtrField<onnx::NodeProto> kept;
        for (int i = 0; i < g.node_size(); ++i) {
            const onnx::NodeProto& n = g.node(i);
            const bool deadConstant = n.op_type() == "Constant" && (n.domain().empty() || n.domain() == "ai.onnx")
                && n.output_size() == 1 && readerCount(n.output(0)) == 0;
            if (!deadConstant)
                *kept.Add() = std::move(*g.mutable_node(i));
        }
        g.mutable_node()->Swap(&kept);
        touch();
    }
    // Initializers nobody reads, and their graph-input entries in IR < 4 models.
    std::set<std::string> dropped;
    {
        google::protobuf::RepeatedPtrField<onnx::TensorProto> kept;
        for (auto& t : *g.mutable_initializer()) {
            if (readerCount(t.name()) == 0)
                dropped.insert(t.name());
            else
                *kept.Add() = std::move(t);
        }
        g.mutable_initializer()->Swap(&kept);
    }
    if (!dropped.empty()) {
        google::protobuf::RepeatedPtrField<onnx::ValueInfoProto> kept;
        for (auto& in : *g.mutable_input())
            if (!dropped.count(in.name()))
                *kept.Add() = std::move(in);
        g.mutable_input()->Swap(&kept);
    }
    // value_info of values no node writes any more (shape hints that would dangle).
    touch();
    index();
    {
        google::protobuf::RepeatedPtrField<onnx::ValueInfoProto> kept;
        for (auto& v : *g.mutable_value_info())
            if (producer_.count(v.name()))
                *kept.Add() = std::move(v);
        g.mutable_value_info()->Swap(&kept);
    }
    touch();
}

} // namespace foldwise::passes
