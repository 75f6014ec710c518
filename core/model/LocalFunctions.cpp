#include "model/LocalFunctions.h"

#include <onnx/onnx_pb.h>

#include <set>
#include <unordered_map>

namespace foldwise {
namespace {

std::string canonicalDomain(const std::string& domain)
{
    return domain == "ai.onnx" ? std::string() : domain;
}

} // namespace

SingleNodeFunctions::SingleNodeFunctions(const onnx::ModelProto& model)
{
    for (const auto& f : model.functions())
        if (f.node_size() == 1)
            functions_[{canonicalDomain(f.domain()), f.name()}] = &f;
}

std::optional<onnx::NodeProto> SingleNodeFunctions::expand(const onnx::NodeProto& call) const
{
    const auto it = functions_.find({canonicalDomain(call.domain()), call.op_type()});
    if (it == functions_.end())
        return std::nullopt;
    const onnx::FunctionProto& f = *it->second;
    if (call.input_size() > f.input_size() || call.output_size() > f.output_size())
        return std::nullopt;

    // Formal parameter -> actual tensor; formals the call leaves out are optional ("").
    std::unordered_map<std::string, std::string> actual;
    for (int i = 0; i < f.input_size(); ++i)
        actual[f.input(i)] = i < call.input_size() ? call.input(i) : std::string();
    for (int i = 0; i < f.output_size(); ++i)
        actual[f.output(i)] = i < call.output_size() ? call.output(i) : std::string();

    const onnx::NodeProto& body = f.node(0);
    onnx::NodeProto expanded;
    expanded.set_name(call.name());
    expanded.set_op_type(body.op_type());
    expanded.set_domain(body.domain());
    for (const std::string& in : body.input()) {
        if (in.empty()) {
            expanded.add_input();
            continue;
        }
        const auto a = actual.find(in);
        if (a == actual.end())
            return std::nullopt; // the body reads something that is not a parameter
        expanded.add_input(a->second);
    }
    // Trailing optional inputs the call omitted are dropped rather than passed as "".
    while (expanded.input_size() > 0 && expanded.input(expanded.input_size() - 1).empty())
        expanded.mutable_input()->RemoveLast();
    for (const std::string& out : body.output()) {
        const auto a = actual.find(out);
        if (a == actual.end())
            return std::nullopt;
        expanded.add_output(a->second);
    }

    std::unordered_map<std::string, const onnx::AttributeProto*> given;
    for (const auto& a : call.attribute())
        given[a.name()] = &a;
    std::set<std::string> referenced;
    for (const auto& a : body.attribute()) {
        if (a.ref_attr_name().empty()) {
            *expanded.add_attribute() = a;
            continue;
        }
        referenced.insert(a.ref_attr_name());
        const auto g = given.find(a.ref_attr_name());
        if (g == given.end())
            continue;
        onnx::AttributeProto* resolved = expanded.add_attribute();
        *resolved = *g->second;
        resolved->set_name(a.name());
    }
    for (const auto& a : call.attribute())
        if (!referenced.count(a.name()))
            *expanded.add_attribute() = a;
    return expanded;
}

} // namespace foldwise
