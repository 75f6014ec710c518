#include "exec/Executor.h"

#include "exec/KernelRegistry.h"
#include "model/ModelError.h"

#include <exception>

namespace foldwise {
namespace {

std::string nodeLabel(const Node& n)
{
    return "node '" + n.name + "' (" + n.opType + ")";
}

} // namespace

std::vector<UnsupportedNodeReport> Executor::unsupportedNodes(const Model& model)
{
    std::vector<UnsupportedNodeReport> reports;
    const KernelRegistry& registry = KernelRegistry::instance();
    for (NodeId id : model.graph().topologicalOrder()) {
        const Node& node = model.graph().node(id);
        try {
            registry.create(KernelBuildContext{model, node, model.opsetVersion(node.domain)});
        } catch (const UnsupportedNode& e) {
            reports.push_back({id, node.name, node.opType, e.what()});
        } catch (const std::exception& e) {
            reports.push_back({id, node.name, node.opType, e.what()});
        }
    }
    return reports;
}

Executor::Executor(std::shared_ptr<const Model> model) : model_(std::move(model))
{
    const Graph& g = model_->graph();
    const KernelRegistry& registry = KernelRegistry::instance();
    kernels_.resize(g.nodes().size());
    std::string problems;
    int count = 0;
    for (NodeId id : g.topologicalOrder()) {
        const Node& node = g.node(id);
        try {
            kernels_[static_cast<std::size_t>(id)] =
                registry.create(KernelBuildContext{*model_, node, model_->opsetVersion(node.domain)});
        } catch (const std::exception& e) {
            if (count < 8)
                problems += (count ? "; " : "") + nodeLabel(node) + ": " + e.what();
            ++count;
        }
    }
    if (count)
        throw ModelError(model_->file().string(), "cannot execute " + std::to_string(count) + " node(s): " + problems
                                                      + (count > 8 ? "; ..." : ""));

    constants_.resize(g.tensors().size());
    uses_.assign(g.tensors().size(), 0);
    for (std::size_t t = 0; t < g.tensors().size(); ++t) {
        if (const ConstantData* c = g.constantData(static_cast<TensorId>(t)); c && g.tensor(static_cast<TensorId>(t)).role == TensorRole::Initializer)
            constants_[t] = HostTensor::fromConstant(*c, model_);
        if (g.tensors()[t].isGraphOutput)
            ++uses_[t];
    }
    for (const Node& node : g.nodes()) {
        for (TensorId t : node.inputs)
            if (t != kNoId)
                ++uses_[static_cast<std::size_t>(t)];
        for (TensorId t : node.implicitInputs)
            ++uses_[static_cast<std::size_t>(t)];
    }
}

Executor::~Executor() = default;

void Executor::checkInput(const Tensor& declared, const HostTensor& given) const
{
    const std::string file = model_->file().string();
    if (declared.type != DataType::Undefined && given.type() != declared.type)
        throw ModelError(file, "input '" + declared.name + "' must be " + std::string(dataTypeName(declared.type))
                                   + " but " + given.describe() + " was given");
    // Known dims (from the model, or fixed by the user's input shapes) must match; symbolic ones are free.
    bool ok = !declared.hasShape || declared.shape.rank() == given.rank();
    for (std::size_t i = 0; ok && declared.hasShape && i < given.rank(); ++i)
        ok = !declared.shape[i].isKnown() || declared.shape[i].value == given.dims()[i];
    if (!ok)
        throw ModelError(file, "input '" + declared.name + "' has shape " + Shape::fromValues(given.dims()).toString()
                                   + " but the model declares " + declared.shape.toString()
                                   + " (load it with another input shape to change it)");
}

std::vector<HostTensor> Executor::run(const std::map<std::string, HostTensor>& inputs, ExecutionObserver* observer)
{
    const Graph& g = model_->graph();
    std::vector<HostTensor> values(g.tensors().size());
    std::vector<int> remaining = uses_;

    for (TensorId id : g.inputs()) {
        const Tensor& declared = g.tensor(id);
        const auto it = inputs.find(declared.name);
        if (it == inputs.end())
            throw ModelError(model_->file().string(), "no data given for input '" + declared.name + "'");
        checkInput(declared, it->second);
        values[static_cast<std::size_t>(id)] = it->second;
    }
    for (const auto& [name, tensor] : inputs)
        if (!g.findTensor(name) || g.tensor(*g.findTensor(name)).role != TensorRole::GraphInput)
            throw ModelError(model_->file().string(), "the model has no input named '" + name + "'");

    std::vector<const HostTensor*> nodeInputs;
    for (NodeId id : g.topologicalOrder()) {
        if (observer && observer->cancelled())
            throw ExecutionCancelled();
        const Node& node = g.node(id);
        nodeInputs.clear();
        for (TensorId t : node.inputs) {
            if (t == kNoId) {
                nodeInputs.push_back(nullptr);
                continue;
            }
            const auto index = static_cast<std::size_t>(t);
            nodeInputs.push_back(constants_[index].bytes() ? &constants_[index] : &values[index]);
        }
        std::vector<HostTensor> outputs(node.outputs.size());
        try {
            kernels_[static_cast<std::size_t>(id)]->run(nodeInputs, outputs);
        } catch (const ModelError&) {
            throw;
        } catch (const std::exception& e) {
            throw ModelError(model_->file().string(), nodeLabel(node) + ": " + e.what());
        }
        if (observer)
            observer->nodeFinished(node, nodeInputs, outputs);
        for (std::size_t o = 0; o < node.outputs.size(); ++o)
            if (node.outputs[o] != kNoId)
                values[static_cast<std::size_t>(node.outputs[o])] = std::move(outputs[o]);
        // Free what no later node reads.
        for (TensorId t : node.inputs)
            if (t != kNoId && --remaining[static_cast<std::size_t>(t)] == 0)
                values[static_cast<std::size_t>(t)] = HostTensor();
    }

    std::vector<HostTensor> results;
    for (TensorId id : g.outputs()) {
        const auto index = static_cast<std::size_t>(id);
        results.push_back(constants_[index].bytes() ? constants_[index] : values[index]);
    }
    return results;
}

} // namespace foldwise
