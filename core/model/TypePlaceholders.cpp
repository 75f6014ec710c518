#include "model/TypePlaceholders.h"

#include <onnx/onnx_pb.h>

#include <vector>

namespace foldwise {
namespace {

void placeholder(onnx::TypeProto& type)
{
    type.mutable_tensor_type()->set_elem_type(onnx::TensorProto::UNDEFINED);
}

// Still just the placeholder: inference found neither an element type nor a shape.
bool unfilled(const onnx::TypeProto& type)
{
    return type.has_tensor_type() && type.tensor_type().elem_type() == onnx::TensorProto::UNDEFINED
        && !type.tensor_type().has_shape();
}

} // namespace

TypePlaceholders::TypePlaceholders(onnx::ModelProto& model)
{
    onnx::GraphProto& g = *model.mutable_graph();
    std::set<std::string> typed;
    for (const onnx::TensorProto& t : g.initializer())
        typed.insert(t.name());
    for (const onnx::ValueInfoProto& vi : g.value_info())
        if (vi.has_type())
            typed.insert(vi.name());
    for (onnx::ValueInfoProto& in : *g.mutable_input()) {
        if (!in.has_type() && !typed.count(in.name())) {
            placeholder(*in.mutable_type());
            inputs_.insert(in.name());
        }
        typed.insert(in.name());
    }
    // The main graph's nodes only: If/Loop/Scan bodies keep their own value_info as it is.
    for (const onnx::NodeProto& node : g.node())
        for (const std::string& input : node.input())
            if (!input.empty() && !typed.count(input) && !valueInfos_.count(input))
                valueInfos_.insert(input);
    for (const std::string& name : valueInfos_) {
        onnx::ValueInfoProto* vi = g.add_value_info();
        vi->set_name(name);
        placeholder(*vi->mutable_type());
    }
}

void TypePlaceholders::remove(onnx::ModelProto& model) const
{
    onnx::GraphProto& g = *model.mutable_graph();
    for (onnx::ValueInfoProto& in : *g.mutable_input())
        if (inputs_.count(in.name()) && unfilled(in.type()))
            in.clear_type();
    auto* infos = g.mutable_value_info();
    std::vector<onnx::ValueInfoProto> kept;
    for (onnx::ValueInfoProto& vi : *infos)
        if (!(valueInfos_.count(vi.name()) && unfilled(vi.type())))
            kept.push_back(std::move(vi));
    infos->Clear();
    for (onnx::ValueInfoProto& vi : kept)
        *infos->Add() = std::move(vi);
}

} // namespace foldwise
