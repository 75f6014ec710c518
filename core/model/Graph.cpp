#include "model/Graph.h"

namespace foldwise {

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

} // namespace foldwise
