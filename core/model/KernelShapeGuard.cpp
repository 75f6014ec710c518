#include "model/KernelShapeGuard.h"

#include <onnx/onnx_pb.h>

#include <map>
#include <optional>

namespace foldwise {
namespace {

constexpr const char* kParkedOp = "FoldwiseParkedConvolution";

// The weight input of the convolutions whose inference reads the kernel from it; -1 otherwise.
int weightInput(const onnx::NodeProto& node)
{
    if (!node.domain().empty() && node.domain() != "ai.onnx")
        return -1;
    const std::string& op = node.op_type();
    if (op == "Conv" || op == "ConvInteger" || op == "ConvTranspose")
        return 1;
    if (op == "QLinearConv")
        return 3;
    return -1;
}

bool needsKernelShape(const onnx::NodeProto& node)
{
    const int w = weightInput(node);
    if (w < 0 || node.input_size() <= w)
        return false;
    for (const onnx::AttributeProto& a : node.attribute())
        if (a.name() == "kernel_shape")
            return false;
    return true;
}

std::optional<std::vector<int64_t>> staticDims(const onnx::TypeProto& type)
{
    if (!type.has_tensor_type() || !type.tensor_type().has_shape())
        return std::nullopt;
    std::vector<int64_t> dims;
    for (const auto& d : type.tensor_type().shape().dim()) {
        if (!d.has_dim_value())
            return std::nullopt;
        dims.push_back(d.dim_value());
    }
    return dims;
}

// Static dims by tensor name: inputs and value_info whose every dim is a number, initializers.
std::map<std::string, std::vector<int64_t>> staticShapes(const onnx::GraphProto& graph)
{
    std::map<std::string, std::vector<int64_t>> shapes;
    for (const auto* infos : {&graph.input(), &graph.value_info()})
        for (const onnx::ValueInfoProto& info : *infos)
            if (auto dims = staticDims(info.type()))
                shapes[info.name()] = std::move(*dims);
    for (const onnx::TensorProto& t : graph.initializer()) // an initializer's dims are its own
        shapes[t.name()] = {t.dims().begin(), t.dims().end()};
    return shapes;
}

void setKernelShape(onnx::NodeProto& node, const std::vector<int64_t>& weightDims)
{
    onnx::AttributeProto* kernel = node.add_attribute();
    kernel->set_name("kernel_shape");
    kernel->set_type(onnx::AttributeProto::INTS);
    for (std::size_t i = 2; i < weightDims.size(); ++i)
        kernel->add_ints(weightDims[i]);
}

// Inside subgraphs: completed from their own static shapes, else parked for good.
void guardSubgraphs(onnx::NodeProto& node)
{
    for (onnx::AttributeProto& a : *node.mutable_attribute()) {
        std::vector<onnx::GraphProto*> graphs;
        if (a.has_g())
            graphs.push_back(a.mutable_g());
        for (onnx::GraphProto& g : *a.mutable_graphs())
            graphs.push_back(&g);
        for (onnx::GraphProto* g : graphs) {
            const auto shapes = staticShapes(*g);
            for (onnx::NodeProto& inner : *g->mutable_node()) {
                guardSubgraphs(inner);
                if (!needsKernelShape(inner))
                    continue;
                if (const auto s = shapes.find(inner.input(weightInput(inner))); s != shapes.end())
                    setKernelShape(inner, s->second);
                else
                    inner.set_op_type(kParkedOp);
            }
        }
    }
}

} // namespace

KernelShapeGuard::KernelShapeGuard(onnx::ModelProto& model)
{
    onnx::GraphProto& graph = *model.mutable_graph();
    const auto shapes = staticShapes(graph);
    for (onnx::NodeProto& node : *graph.mutable_node()) {
        guardSubgraphs(node);
        if (!needsKernelShape(node))
            continue;
        const std::string& weight = node.input(weightInput(node));
        if (const auto s = shapes.find(weight); s != shapes.end()) {
            setKernelShape(node, s->second);
        } else if (node.output_size() > 0 && !node.output(0).empty()) {
            parked_.push_back({node.output(0), node.op_type(), weight});
            node.set_op_type(kParkedOp);
        } else {
            node.set_op_type(kParkedOp); // no output to infer anyway
        }
    }
}

bool KernelShapeGuard::resume(onnx::ModelProto& model)
{
    if (parked_.empty())
        return false;
    onnx::GraphProto& graph = *model.mutable_graph();
    const auto shapes = staticShapes(graph);
    bool resumed = false;
    for (auto it = parked_.begin(); it != parked_.end();) {
        onnx::NodeProto* node = nullptr;
        for (onnx::NodeProto& n : *graph.mutable_node())
            if (n.op_type() == kParkedOp && n.output_size() > 0 && n.output(0) == it->output)
                node = &n;
        const auto s = shapes.find(it->weight);
        if (node && s == shapes.end()) {
            ++it;
            continue;
        }
        if (node) {
            setKernelShape(*node, s->second);
            node->set_op_type(it->opType);
            resumed = true;
        }
        it = parked_.erase(it); // resumed, or folded away meanwhile
    }
    return resumed;
}

} // namespace foldwise
