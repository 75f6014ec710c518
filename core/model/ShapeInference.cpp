#include "model/ShapeInference.h"

#include "model/KernelShapeGuard.h"
#include "model/LocalFunctions.h"
#include "model/ModelError.h"
#include "model/ProtoShapes.h"
#include "model/SchemaGuard.h"
#include "model/ShapeValueFolding.h"
#include "model/TypePlaceholders.h"
#include "model/qonnx/ShapeCompatibleOps.h"

#include <onnx/onnx_pb.h>
#include <onnx/shape_inference/implementation.h>

#include <map>
#include <unordered_map>

namespace foldwise {
namespace {

// Initializers at most this large are copied with their data: shape inference reads constant
// shape operands (Reshape, Slice, Resize, ...), which are always small.
constexpr int64_t kCopiedInitializerElements = 1024;

void copyGraphWithoutPayloads(const onnx::GraphProto& from, onnx::GraphProto& to)
{
    to.set_name(from.name());
    *to.mutable_node() = from.node();
    *to.mutable_input() = from.input();
    *to.mutable_output() = from.output();
    *to.mutable_value_info() = from.value_info();
    for (const auto& t : from.initializer()) {
        const auto count = checkedProduct({t.dims().begin(), t.dims().end()}).value_or(-1);
        auto* copy = to.add_initializer();
        if (count >= 0 && count <= kCopiedInitializerElements && t.data_location() != onnx::TensorProto::EXTERNAL) {
            *copy = t;
        } else {
            copy->set_name(t.name());
            copy->set_data_type(t.data_type());
            *copy->mutable_dims() = t.dims();
        }
    }
}

std::string inputNames(const onnx::GraphProto& g, const std::unordered_map<std::string, bool>& isInitializer)
{
    std::string names;
    for (const auto& in : g.input())
        if (!isInitializer.count(in.name()))
            names += (names.empty() ? "'" : ", '") + in.name() + "'";
    return names.empty() ? "none" : names;
}

} // namespace

void ShapeInference::run(const onnx::ModelProto& model, Graph& graph, const LoadOptions& options,
                         const std::string& file, std::vector<std::string>& warnings)
{
    onnx::ModelProto light;
    light.set_ir_version(model.ir_version());
    *light.mutable_opset_import() = model.opset_import();
    *light.mutable_functions() = model.functions();
    onnx::GraphProto& g = *light.mutable_graph();
    copyGraphWithoutPayloads(model.graph(), g);
    // ONNX's inference of local-function calls mishandles omitted optional inputs; infer the
    // expanded body nodes instead, exactly as GraphBuilder sees them.
    const SingleNodeFunctions functions(model);
    if (!functions.empty())
        for (auto& node : *g.mutable_node())
            if (auto expanded = functions.expand(node))
                node = std::move(*expanded);
    // QONNX quantizers and channels-last ops as standard ops of the same output shapes.
    if (qonnx::needsCompatibleCopy(light))
        qonnx::makeShapeCompatible(light);
    // Before ONNX's inference sees the nodes: it crashes on a missing required attribute or a
    // zero stride.
    std::map<std::string, std::string> nodeNames; // Foldwise's node names, by first output
    for (const Node& n : graph.nodes())
        if (!n.outputs.empty() && n.outputs[0] != kNoId)
            nodeNames.emplace(graph.tensor(n.outputs[0]).name, n.name);
    checkAttributesForInference(light, file, nodeNames);

    std::unordered_map<std::string, bool> isInitializer;
    for (const auto& t : model.graph().initializer())
        isInitializer[t.name()] = true;

    // Apply the user's input shapes; the model's own value_info may contradict them, so it is
    // dropped and re-inferred, and output dims are left to inference.
    bool overridden = false;
    for (const InputShapeOverride& o : options.inputShapes) {
        onnx::ValueInfoProto* target = nullptr;
        int realInputs = 0;
        for (auto& in : *g.mutable_input()) {
            if (isInitializer.count(in.name()))
                continue;
            ++realInputs;
            if (o.name.empty() ? realInputs == 1 : in.name() == o.name)
                target = &in;
        }
        if (o.name.empty() && realInputs != 1)
            throw ModelError(file, "an input shape without a name needs a model with exactly one input; this one has "
                                 + inputNames(g, isInitializer));
        if (!target)
            throw ModelError(file, "no graph input is named '" + o.name + "' (inputs: " + inputNames(g, isInitializer) + ")");
        const auto& tt = target->type().tensor_type();
        if (tt.has_shape() && tt.shape().dim_size() != static_cast<int>(o.dims.size()))
            throw ModelError(file, "input '" + target->name() + "' has rank " + std::to_string(tt.shape().dim_size())
                                 + " but the given shape has " + std::to_string(o.dims.size()) + " dimensions");
        if (!checkedProduct(o.dims))
            throw ModelError(file, "the shape given for input '" + target->name() + "' overflows 64 bits");
        setStaticDims(*target, o.dims);
        overridden = true;
    }
    if (options.batchOneByDefault) {
        for (auto& in : *g.mutable_input()) {
            if (isInitializer.count(in.name()) || !in.type().tensor_type().has_shape())
                continue;
            auto* shape = in.mutable_type()->mutable_tensor_type()->mutable_shape();
            if (shape->dim_size() > 0 && !shape->dim(0).has_dim_value()) {
                shape->mutable_dim(0)->set_dim_value(1);
                overridden = true;
            }
        }
    }
    if (overridden) {
        g.clear_value_info();
        for (auto& out : *g.mutable_output())
            out.mutable_type()->mutable_tensor_type()->clear_shape();
    }

    // Once the value_info is settled (overrides clear it), the other guards against ONNX 1.12's
    // inference crashes: a convolution whose input and weight ranks differ, and a tensor nothing
    // is known of (KernelShapeGuard.h, TypePlaceholders.h).
    KernelShapeGuard kernelShapes(light);
    const TypePlaceholders placeholders(light);

    // Rounds: shapes computed at run time from static shapes (Shape -> Gather -> Concat ->
    // Reshape) become constants between rounds, until nothing more folds. A chain of blocks
    // that each reshape by a shape computed from the previous block's output (ShuffleNet's
    // channel shuffles) takes a round per block; every round folds at least one node, so the
    // node count bounds them.
    const int maxRounds = g.node_size() + 1;
    for (int round = 0; round < maxRounds; ++round) {
        try {
            onnx::ShapeInferenceOptions inferenceOptions(/*check_type=*/false, /*error_mode=*/0, /*data_prop=*/true);
            onnx::shape_inference::InferShapes(light, onnx::OpSchemaRegistry::Instance(), inferenceOptions);
            // A resumed convolution can give later ones their weight's shape: infer until none is.
            while (kernelShapes.resume(light))
                onnx::shape_inference::InferShapes(light, onnx::OpSchemaRegistry::Instance(), inferenceOptions);
        } catch (const std::exception& e) {
            warnings.push_back(std::string("shape inference stopped early: ") + e.what());
            break;
        }
        if (foldShapeComputations(light) == 0)
            break;
    }

    placeholders.remove(light);
    auto apply = [&](const onnx::ValueInfoProto& info, const char* what) {
        const auto id = graph.findTensor(info.name());
        if (!id)
            return;
        Tensor& t = graph.tensors_[static_cast<std::size_t>(*id)];
        if (t.role == TensorRole::Initializer)
            return;
        checkValueInfoDims(info, std::string(what) + " '" + info.name() + "'", file);
        applyValueInfo(info, t);
    };
    for (const auto& in : g.input())
        apply(in, "graph input");
    for (const auto& vi : g.value_info())
        apply(vi, "inferred tensor");
    for (const auto& out : g.output())
        apply(out, "graph output");

    for (TensorId id : graph.inputs_) {
        const Tensor& t = graph.tensor(id);
        if (t.hasShape && !t.shape.isStatic())
            warnings.push_back("input '" + t.name + "' has dynamic dimensions (" + t.shape.toString()
                               + "); fix them with --input-shape " + t.name + ":...");
    }
}

} // namespace foldwise
