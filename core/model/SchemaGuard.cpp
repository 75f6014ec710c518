#include "model/SchemaGuard.h"

#include "model/ModelError.h"

#include <onnx/defs/schema.h>
#include <onnx/onnx_pb.h>

#include <map>

namespace foldwise {
namespace {

using Opsets = std::map<std::string, int>;

// `where` is "" for the main graph, else " in subgraph 'body' of node 'loop'".
void checkGraph(const onnx::GraphProto& graph, const Opsets& opsets, const std::string& file, const std::string& where)
{
    for (int index = 0; index < graph.node_size(); ++index) {
        const onnx::NodeProto& node = graph.node(index);
        // Unnamed nodes as Foldwise names them elsewhere: <OpType>_<index>.
        const std::string label = node.name().empty() ? node.op_type() + "_" + std::to_string(index) : node.name();
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
        // Inference descends into If/Loop/Scan bodies, so they are checked as well.
        for (const onnx::AttributeProto& a : node.attribute()) {
            const std::string inside = " in subgraph '" + a.name() + "' of node '" + label + "'";
            if (a.has_g())
                checkGraph(a.g(), opsets, file, inside);
            for (const onnx::GraphProto& g : a.graphs())
                checkGraph(g, opsets, file, inside);
        }
    }
}

} // namespace

void checkRequiredAttributes(const onnx::ModelProto& model, const std::string& file)
{
    Opsets opsets;
    for (const onnx::OperatorSetIdProto& o : model.opset_import())
        opsets[o.domain() == "ai.onnx" ? "" : o.domain()] = static_cast<int>(o.version());
    checkGraph(model.graph(), opsets, file, "");
}

} // namespace foldwise
