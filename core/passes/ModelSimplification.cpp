#include "passes/ModelSimplification.h"

#include "model/ProtoShapes.h"
#include "passes/GraphEditor.h"
#include "passes/PassSupport.h"

#include <onnx/onnx_pb.h>
#include <onnx/shape_inference/implementation.h>

#include <cstring>

namespace foldwise::passes {
namespace {

bool isStandard(const Node& n)
{
    return n.domain.empty() || n.domain == "ai.onnx";
}

// Folded nodes the output may drop: standard ops whose constant inputs come from initializers,
// Constant nodes or other such nodes (not from a quantizer).
std::vector<bool> removableNodes(const Model& model)
{
    const Graph& g = model.graph();
    std::vector<bool> removable(g.nodes().size(), false);
    for (NodeId id : g.topologicalOrder()) {
        const Node& n = g.node(id);
        if (!model.isFolded(id) || !isStandard(n))
            continue;
        bool fromPlainConstants = true;
        for (TensorId t : n.inputs) {
            const NodeId producer = t == kNoId ? kNoId : g.tensor(t).producer;
            if (producer != kNoId && model.isFolded(producer) && !removable[static_cast<std::size_t>(producer)])
                fromPlainConstants = false;
        }
        removable[static_cast<std::size_t>(id)] = fromPlainConstants;
    }
    return removable;
}

onnx::TensorProto tensorProtoOf(const std::string& name, const ConstantData& c)
{
    onnx::TensorProto t;
    t.set_name(name);
    t.set_data_type(static_cast<int32_t>(c.type()));
    for (int64_t d : c.dims())
        t.add_dims(d);
    const auto bytes = c.bytes();
    t.set_raw_data(std::string(reinterpret_cast<const char*>(bytes.data()), bytes.size()));
    return t;
}

} // namespace

PassResult simplifyModel(const Model& model, const PassContext& context)
{
    PassResult result = startPass("simplify", model);
    onnx::ModelProto proto = editableCopy(model);
    GraphEditor editor(proto);
    const Graph& g = model.graph();
    const std::vector<bool> removable = removableNodes(model);

    // Remove the folded nodes first, then give each value still read its constant.
    std::vector<TensorId> values;
    const auto& order = g.topologicalOrder();
    for (std::size_t i = 0; i < order.size(); ++i) {
        context.step(i, order.size());
        const NodeId id = order[i];
        const Node& n = g.node(id);
        if (!removable[static_cast<std::size_t>(id)] || !protoMatches(editor, n) || n.opType == "Constant")
            continue;
        editor.removeNode(n.protoIndex);
        ++result.changes;
        for (TensorId t : n.outputs)
            if (t != kNoId)
                values.push_back(t);
    }
    for (TensorId t : values) {
        const std::string& name = g.tensor(t).name;
        if (editor.readerCount(name) == 0)
            continue;
        *proto.mutable_graph()->add_initializer() = tensorProtoOf(name, *g.constantData(t));
    }
    editor.finish();

    // The shapes the model was loaded with, fixed in the file.
    nlohmann::json fixed = nlohmann::json::object();
    for (auto& in : *proto.mutable_graph()->mutable_input()) {
        const auto id = g.findTensor(in.name());
        if (!id || g.tensor(*id).role != TensorRole::GraphInput || !g.tensor(*id).hasShape
            || !g.tensor(*id).shape.isStatic())
            continue;
        const auto& shape = in.type().tensor_type().shape();
        bool dynamic = !in.type().tensor_type().has_shape();
        for (const auto& d : shape.dim())
            dynamic = dynamic || !d.has_dim_value();
        if (!dynamic)
            continue;
        setStaticDims(in, g.tensor(*id).shape.values());
        fixed[in.name()] = g.tensor(*id).shape.values();
    }
    // Shapes re-inferred on the simplified graph: every tensor static where the inputs are.
    proto.mutable_graph()->clear_value_info();
    for (auto& out : *proto.mutable_graph()->mutable_output())
        if (!fixed.empty())
            out.mutable_type()->mutable_tensor_type()->clear_shape();
    try {
        onnx::ShapeInferenceOptions options(/*check_type=*/false, /*error_mode=*/0, /*data_prop=*/true);
        onnx::shape_inference::InferShapes(proto, onnx::OpSchemaRegistry::Instance(), options);
    } catch (const std::exception& e) {
        result.notes.push_back(std::string("shape inference of the simplified model stopped early: ") + e.what());
    }
    context.step(order.size(), order.size());
    result.report["folded_nodes"] = result.changes;
    result.report["fixed_inputs"] = fixed;
    finishPass(result, model, std::move(proto), "nothing to fold: no node computes a constant");
    return result;
}

} // namespace foldwise::passes
