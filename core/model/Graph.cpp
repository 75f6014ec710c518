#include "model/Graph.h"

namespace foldwise {
namespace {

// The nodes reachable from `pending`, each visited once: `pushNext(id, pending)` adds the nodes
// one step on from `id`.
template <class PushNext>
std::vector<bool> reachableNodes(std::size_t nodeCount, std::vector<NodeId> pending, PushNext pushNext)
{
    std::vector<bool> reached(nodeCount, false);
    while (!pending.empty()) {
        const NodeId id = pending.back();
        pending.pop_back();
        if (reached[static_cast<std::size_t>(id)])
            continue;
        reached[static_cast<std::size_t>(id)] = true;
        pushNext(id, pending);
    }
    return reached;
}

} // namespace

const Attribute* Node::attribute(std::string_view attrName) const
{
    for (const Attribute& a : attributes)
        if (a.name == attrName)
            return &a;
    return nullptr;
}

int64_t Node::intAttr(std::string_view attrName, int64_t fallback) const
{
    const Attribute* a = attribute(attrName);
    return a && a->type == AttributeType::Int ? a->i : fallback;
}

float Node::floatAttr(std::string_view attrName, float fallback) const
{
    const Attribute* a = attribute(attrName);
    return a && a->type == AttributeType::Float ? a->f : fallback;
}

std::string Node::stringAttr(std::string_view attrName, std::string_view fallback) const
{
    const Attribute* a = attribute(attrName);
    return a && a->type == AttributeType::String ? a->s : std::string(fallback);
}

std::vector<int64_t> Node::intsAttr(std::string_view attrName) const
{
    const Attribute* a = attribute(attrName);
    return a && a->type == AttributeType::Ints ? a->ints : std::vector<int64_t>{};
}

std::vector<int64_t> Node::intsAttr(std::string_view attrName, std::size_t count, int64_t fallback) const
{
    std::vector<int64_t> values = intsAttr(attrName);
    if (values.empty())
        values.assign(count, fallback);
    return values;
}

std::optional<TensorId> Graph::findTensor(std::string_view name) const
{
    const auto it = tensorByName_.find(std::string(name));
    if (it == tensorByName_.end())
        return std::nullopt;
    return it->second;
}

std::optional<NodeId> Graph::findNode(std::string_view name) const
{
    const auto it = nodeByName_.find(std::string(name));
    if (it == nodeByName_.end())
        return std::nullopt;
    return it->second;
}

const ConstantData* Graph::constantData(TensorId id) const
{
    if (id == kNoId)
        return nullptr;
    const Tensor& t = tensor(id);
    if (t.role == TensorRole::Initializer) // sparse initializers have no dense data
        return t.initializer == kNoId ? nullptr : &initializers_[static_cast<std::size_t>(t.initializer)].data;
    const auto it = constantNodeValues_.find(id);
    return it == constantNodeValues_.end() ? nullptr : &it->second;
}

std::optional<int64_t> Graph::elementCount(TensorId id) const
{
    if (id == kNoId)
        return std::nullopt;
    const Tensor& t = tensor(id);
    if (!t.hasShape)
        return std::nullopt;
    return t.shape.elementCount();
}

std::vector<bool> Graph::nodesFeeding(const std::vector<NodeId>& targets) const
{
    return reachableNodes(nodes_.size(), targets, [this](NodeId id, std::vector<NodeId>& pending) {
        const Node& n = node(id);
        for (const std::vector<TensorId>* list : {&n.inputs, &n.implicitInputs})
            for (TensorId t : *list)
                if (t != kNoId && tensor(t).producer != kNoId)
                    pending.push_back(tensor(t).producer);
    });
}

std::vector<bool> Graph::nodesDownstreamOf(const std::vector<NodeId>& starts) const
{
    return reachableNodes(nodes_.size(), starts, [this](NodeId id, std::vector<NodeId>& pending) {
        for (TensorId t : node(id).outputs)
            if (t != kNoId)
                for (NodeId c : tensor(t).consumers)
                    pending.push_back(c);
    });
}

} // namespace foldwise
