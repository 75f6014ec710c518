#include "passes/InducedReluGraph.h"

#include "passes/ConstantTensors.h"
#include "passes/GraphEditor.h"
#include "passes/TopologicalOrder.h"

#include <onnx/onnx_pb.h>

namespace foldwise::passes {
namespace {

// GreaterOrEqual exists from opset 12; older models compute 1 - (x < 0) instead.
constexpr int64_t kGreaterOrEqualOpset = 12;

void setIntAttribute(onnx::NodeProto& n, const std::string& name, int64_t value)
{
    onnx::AttributeProto* a = n.add_attribute();
    a->set_name(name);
    a->set_type(onnx::AttributeProto::INT);
    a->set_i(value);
}

class MaskBuilder {
public:
    MaskBuilder(GraphEditor& editor, int64_t opset) : editor_(editor), opset_(opset) {}

    // A new node `op` reading `inputs` and writing a fresh value named after `base`; returns
    // its index.
    int add(const std::string& op, const std::vector<std::string>& inputs, const std::string& base)
    {
        onnx::NodeProto n;
        n.set_op_type(op);
        n.set_name(editor_.uniqueName(base));
        for (const std::string& in : inputs)
            n.add_input(in);
        n.add_output(editor_.uniqueName(base + "_output"));
        return editor_.appendNode(std::move(n));
    }

    std::string output(int node) { return editor_.node(node).output(0); }

    void constant(int node, onnx::TensorProto t, const std::string& base)
    {
        editor_.setConstantInput(node, editor_.node(node).input_size(), std::move(t), base);
    }

    // N x K float DReLU of the inducer's prototype units.
    std::string prototypeDrelu(const InducerChoice& c)
    {
        const std::string base = c.inducer.name + "/drelu";
        const int flat = add("Flatten", {c.inducer.input}, base + "/flatten");
        setIntAttribute(editor_.node(flat), "axis", 1);
        const int kept = add("Gather", {output(flat)}, base + "/prototypes");
        constant(kept, makeInt64Tensor({static_cast<int64_t>(c.prototypes.size())}, c.prototypes), base + "/prototype_units");
        setIntAttribute(editor_.node(kept), "axis", 1);
        if (opset_ >= kGreaterOrEqualOpset) {
            const int ge = add("GreaterOrEqual", {output(kept)}, base + "/sign");
            constant(ge, makeFloatTensor({}, {0.0f}), base + "/zero");
            const int cast = add("Cast", {output(ge)}, base + "/mask");
            setIntAttribute(editor_.node(cast), "to", onnx::TensorProto::FLOAT);
            return output(cast);
        }
        const int lt = add("Less", {output(kept)}, base + "/negative");
        constant(lt, makeFloatTensor({}, {0.0f}), base + "/zero");
        const int cast = add("Cast", {output(lt)}, base + "/negative_float");
        setIntAttribute(editor_.node(cast), "to", onnx::TensorProto::FLOAT);
        const int sub = add("Sub", {}, base + "/mask");
        constant(sub, makeFloatTensor({}, {1.0f}), base + "/one");
        editor_.setInput(sub, 1, output(cast));
        return output(sub);
    }

    // The N x dims mask of one induced layer, gathered from the inducer's DReLU.
    std::string layerMask(const std::string& drelu, const InducedLayerChoice& l)
    {
        const std::string base = l.layer.name + "/induced_mask";
        const int gather = add("Gather", {drelu}, base + "/choose");
        std::vector<int64_t> ranks(l.prototype.begin(), l.prototype.end());
        constant(gather, makeInt64Tensor({static_cast<int64_t>(ranks.size())}, ranks), base + "/choosing_map");
        setIntAttribute(editor_.node(gather), "axis", 1);
        const int reshape = add("Reshape", {output(gather)}, base + "/reshape");
        std::vector<int64_t> shape{-1};
        shape.insert(shape.end(), l.layer.itemDims.begin(), l.layer.itemDims.end());
        constant(reshape, makeInt64Tensor({static_cast<int64_t>(shape.size())}, shape), base + "/shape");
        return output(reshape);
    }

    // Turns the ReLU node itself into `op` over its data input (and `second`, when given).
    void rewriteRelu(const Model& model, const ReluLayer& l, const std::string& op, const std::string& second)
    {
        const int index = model.graph().node(l.node).protoIndex;
        const std::string name = editor_.uniqueName(l.name + (op == "Mul" ? "_induced" : "_identity"));
        onnx::NodeProto& n = editor_.node(index);
        n.set_op_type(op);
        n.set_domain("");
        n.set_name(name);
        n.clear_attribute();
        n.clear_input();
        n.add_input(l.input);
        if (!second.empty())
            n.add_input(second);
    }

private:
    GraphEditor& editor_;
    int64_t opset_;
};

} // namespace

int writeInducedReluGraph(const Model& model, onnx::ModelProto& proto, const std::vector<InducerChoice>& choices,
                          const std::vector<std::pair<ReluLayer, ReluOverride>>& overrides)
{
    GraphEditor editor(proto);
    MaskBuilder b(editor, model.opsetVersion(""));
    int rewritten = 0;
    for (const InducerChoice& c : choices) {
        const std::string drelu = b.prototypeDrelu(c);
        for (const InducedLayerChoice& l : c.induced) {
            b.rewriteRelu(model, l.layer, "Mul", b.layerMask(drelu, l));
            ++rewritten;
        }
    }
    for (const auto& [layer, kind] : overrides)
        if (kind == ReluOverride::Identity) {
            b.rewriteRelu(model, layer, "Identity", {});
            ++rewritten;
        }
    editor.finish();
    sortNodesTopologically(*proto.mutable_graph());
    return rewritten;
}

} // namespace foldwise::passes
