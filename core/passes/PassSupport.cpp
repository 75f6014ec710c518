#include "passes/PassSupport.h"

#include "passes/ConstantTensors.h"
#include "passes/GraphEditor.h"
#include "passes/ModelFiles.h"
#include "profile/ReluThresholds.h"

#include <onnx/onnx_pb.h>

namespace foldwise::passes {

PassResult startPass(const std::string& pass, const Model& model)
{
    PassResult r;
    r.pass = pass;
    r.report = {{"pass", pass}, {"model", model.file().string()}};
    return r;
}

onnx::ModelProto editableCopy(const Model& model)
{
    onnx::ModelProto proto = model.proto();
    nameAllNodes(model, proto);
    inlineExternalData(model, proto);
    return proto;
}

bool isStandardOp(const Node& node, std::initializer_list<const char*> ops)
{
    if (!node.domain.empty())
        return false;
    for (const char* op : ops)
        if (node.opType == op)
            return true;
    return false;
}

bool protoMatches(const GraphEditor& editor, const Node& node)
{
    if (node.protoIndex < 0 || node.protoIndex >= editor.nodeCount())
        return false;
    const onnx::NodeProto& p = editor.node(node.protoIndex);
    const std::string domain = p.domain() == "ai.onnx" ? std::string() : p.domain();
    return p.op_type() == node.opType && domain == node.domain;
}

void setFloatAttribute(onnx::NodeProto& node, const std::string& name, float value)
{
    for (auto& a : *node.mutable_attribute())
        if (a.name() == name) {
            a.set_type(onnx::AttributeProto::FLOAT);
            a.set_f(value);
            return;
        }
    onnx::AttributeProto* a = node.add_attribute();
    a->set_name(name);
    a->set_type(onnx::AttributeProto::FLOAT);
    a->set_f(value);
}

void finishPass(PassResult& result, const Model& source, onnx::ModelProto proto, const char* summaryIfUnchanged)
{
    auto stored = std::make_shared<onnx::ModelProto>(std::move(proto));
    result.proto = stored;
    result.model = loadProto(*stored, source.file().string(), source.options());
    result.report["changes"] = result.changes;
    result.report["nodes_before"] = source.graph().nodes().size();
    result.report["nodes_after"] = result.model->graph().nodes().size();
    result.report["notes"] = result.notes;
    if (result.changes == 0 && summaryIfUnchanged)
        result.report["summary"] = summaryIfUnchanged;
}

} // namespace foldwise::passes
