#include "model/Attribute.h"

#include "model/DataType.h"

#include <onnx/onnx_pb.h>

#include <sstream>

namespace foldwise {
namespace {

template <typename T>
std::string listString(const std::vector<T>& values, std::size_t limit = 16)
{
    std::ostringstream out;
    out << '[';
    for (std::size_t i = 0; i < values.size() && i < limit; ++i) {
        if (i)
            out << ", ";
        if constexpr (std::is_same_v<T, std::string>)
            out << '"' << values[i] << '"';
        else
            out << values[i];
    }
    if (values.size() > limit)
        out << ", ... (" << values.size() << " values)";
    out << ']';
    return out.str();
}

std::string tensorString(const onnx::TensorProto& t)
{
    std::ostringstream out;
    out << "tensor " << dataTypeName(static_cast<DataType>(t.data_type()));
    out << ' ';
    if (t.dims_size() == 0)
        out << "scalar";
    for (int i = 0; i < t.dims_size(); ++i)
        out << (i ? "x" : "") << t.dims(i);
    return out.str();
}

} // namespace

std::string Attribute::valueString() const
{
    switch (type) {
    case AttributeType::Float: {
        std::ostringstream out;
        out << f;
        return out.str();
    }
    case AttributeType::Int: return std::to_string(i);
    case AttributeType::String: {
        std::string quoted = "\"";
        quoted += s;
        quoted += '"';
        return quoted;
    }
    case AttributeType::Floats: return listString(floats);
    case AttributeType::Ints: return listString(ints);
    case AttributeType::Strings: return listString(strings);
    case AttributeType::Tensor: return tensor ? tensorString(*tensor) : "tensor";
    case AttributeType::Graph:
        return graphs.empty() ? "graph" : "graph (" + std::to_string(graphs.front()->node_size()) + " nodes)";
    case AttributeType::Graphs: return std::to_string(graphs.size()) + " graphs";
    case AttributeType::Tensors: return std::to_string(listSize) + " tensors";
    case AttributeType::Other: return "(" + std::to_string(listSize) + " values)";
    case AttributeType::Undefined: break;
    }
    return "(undefined)";
}

std::string_view attributeTypeName(AttributeType type)
{
    switch (type) {
    case AttributeType::Float: return "float";
    case AttributeType::Int: return "int";
    case AttributeType::String: return "string";
    case AttributeType::Tensor: return "tensor";
    case AttributeType::Graph: return "graph";
    case AttributeType::Floats: return "floats";
    case AttributeType::Ints: return "ints";
    case AttributeType::Strings: return "strings";
    case AttributeType::Tensors: return "tensors";
    case AttributeType::Graphs: return "graphs";
    case AttributeType::Other: return "other";
    case AttributeType::Undefined: break;
    }
    return "undefined";
}

} // namespace foldwise
