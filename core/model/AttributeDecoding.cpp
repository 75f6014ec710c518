#include "model/AttributeDecoding.h"

#include <onnx/onnx_pb.h>

namespace foldwise {
namespace {

AttributeType inferType(const onnx::AttributeProto& a)
{
    using P = onnx::AttributeProto;
    switch (a.type()) {
    case P::FLOAT: return AttributeType::Float;
    case P::INT: return AttributeType::Int;
    case P::STRING: return AttributeType::String;
    case P::TENSOR: return AttributeType::Tensor;
    case P::GRAPH: return AttributeType::Graph;
    case P::FLOATS: return AttributeType::Floats;
    case P::INTS: return AttributeType::Ints;
    case P::STRINGS: return AttributeType::Strings;
    case P::TENSORS: return AttributeType::Tensors;
    case P::GRAPHS: return AttributeType::Graphs;
    case P::UNDEFINED: break;
    default: return AttributeType::Other;
    }
    if (a.has_f()) return AttributeType::Float;
    if (a.has_i()) return AttributeType::Int;
    if (a.has_s()) return AttributeType::String;
    if (a.has_t()) return AttributeType::Tensor;
    if (a.has_g()) return AttributeType::Graph;
    if (a.floats_size()) return AttributeType::Floats;
    if (a.ints_size()) return AttributeType::Ints;
    if (a.strings_size()) return AttributeType::Strings;
    if (a.tensors_size()) return AttributeType::Tensors;
    if (a.graphs_size()) return AttributeType::Graphs;
    return AttributeType::Undefined;
}

} // namespace

Attribute decodeAttribute(const onnx::AttributeProto& proto)
{
    Attribute a;
    a.name = proto.name();
    a.type = inferType(proto);
    switch (a.type) {
    case AttributeType::Float: a.f = proto.f(); break;
    case AttributeType::Int: a.i = proto.i(); break;
    case AttributeType::String: a.s = proto.s(); break;
    case AttributeType::Tensor: a.tensor = &proto.t(); break;
    case AttributeType::Graph: a.graphs.push_back(&proto.g()); break;
    case AttributeType::Floats: a.floats.assign(proto.floats().begin(), proto.floats().end()); break;
    case AttributeType::Ints: a.ints.assign(proto.ints().begin(), proto.ints().end()); break;
    case AttributeType::Strings: a.strings.assign(proto.strings().begin(), proto.strings().end()); break;
    case AttributeType::Tensors: a.listSize = static_cast<std::size_t>(proto.tensors_size()); break;
    case AttributeType::Graphs:
        for (const auto& g : proto.graphs())
            a.graphs.push_back(&g);
        break;
    case AttributeType::Other:
        a.listSize = static_cast<std::size_t>(proto.sparse_tensors_size() + proto.type_protos_size());
        break;
    case AttributeType::Undefined: break;
    }
    return a;
}

} // namespace foldwise
