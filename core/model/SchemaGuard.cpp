#include "model/SchemaGuard.h"

#include "model/ModelError.h"

#include <onnx/defs/schema.h>
#include <onnx/onnx_pb.h>

#include <map>

namespace foldwise {
namespace {

using Opsets = std::map<std::string, int>;

// `where` is "" for the main graph, else " in subgraph 'body' of node 'loop'".
void checkGraph(const onnx::GraphProto& graph, const Opsets& opsets, const std::string& file, const std::string& where,
                const std::map<std::string, std::string>& names)
{
    std::map<std::string, int> perOp; // for unnamed nodes Foldwise has no name for
    for (int index = 0; index < graph.node_size(); ++index) {
        const onnx::NodeProto& node = graph.node(index);
        std::string label;
        if (const auto known = node.output_size() > 0 ? names.find(node.output(0)) : names.end(); known != names.end())
            label = known->second;
        else if (!node.name().empty())
            label = node.name();
        else
            label = node.op_type() + "_" + std::to_string(perOp[node.op_type()]++);
        const std::string domain = node.domain() == "ai.onnx" ? "" : node.domain();
        const auto opset = opsets.find(domain);
        // Without an imported opset the node's version is unknown, and ONNX's inference refuses it.
        const onnx::OpSchema* schema = opset == opsets.end()
            ? nullptr
            : onnx::OpSchemaRegistry::Schema(node.op_type(), opset->second, domain);
        if (schema) {
            for (const auto& [name, attribute] : schema->attributes()) {
                if (!attribute.required)
                    continue;
                bool present = false;
                for (const onnx::AttributeProto& a : node.attribute())
                    present = present || a.name() == name;
                if (!present)
                    throw ModelError(file, "node '" + label + "' (" + node.op_type() + ")" + where
                                               + " lacks its required attribute '" + name + "'");
            }
        }
        // ONNX's inference of convolutions and pooling divides by the strides.
        if (domain.empty())
            for (const onnx::AttributeProto& a : node.attribute())
                if (a.name() == "strides")
                    for (int64_t s : a.ints())
                        if (s <= 0)
                            throw ModelError(file, "node '" + label + "' (" + node.op_type() + ")" + where
                                                       + ": strides must be positive, found " + std::to_string(s));
        // Inference descends into If/Loop/Scan bodies, so they are checked as well.
        for (const onnx::AttributeProto& a : node.attribute()) {
            const std::string inside = " in subgraph '" + a.name() + "' of node '" + label + "'";
            if (a.has_g())
                checkGraph(a.g(), opsets, file, inside, names);
            for (const onnx::GraphProto& g : a.graphs())
                checkGraph(g, opsets, file, inside, names);
        }
    }
}

} // namespace

void checkAttributesForInference(const onnx::ModelProto& model, const std::string& file,
                                 const std::map<std::string, std::string>& names)
{
    Opsets opsets;
    for (const onnx::OperatorSetIdProto& o : model.opset_import())
        opsets[o.domain() == "ai.onnx" ? "" : o.domain()] = static_cast<int>(o.version());
    checkGraph(model.graph(), opsets, file, "", names);
}

} // namespace foldwise
