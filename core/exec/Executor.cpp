#include "exec/Executor.h"

#include "exec/KernelRegistry.h"
#include "model/ModelError.h"

#include <cmath>
#include <exception>
#include <limits>

namespace foldwise {
namespace {

std::string nodeLabel(const Node& n)
{
    return "node '" + n.name + "' (" + n.opType + ")";
}

// Observers see row-major tensors unless they take channels-last ones.
void notify(ExecutionObserver& observer, const Node& node, std::span<const HostTensor* const> inputs,
            std::span<const HostTensor> outputs)
{
    bool plain = true;
    for (const HostTensor* t : inputs)
        plain = plain && (!t || t->isRowMajor());
    for (const HostTensor& t : outputs)
        plain = plain && t.isRowMajor();
    if (plain || observer.acceptsChannelsLast()) {
        observer.nodeFinished(node, inputs, outputs);
        return;
    }
    std::vector<HostTensor> inputCopies;
    inputCopies.reserve(inputs.size());
    std::vector<const HostTensor*> inputViews;
    for (const HostTensor* t : inputs) {
        inputCopies.push_back(t ? t->asRowMajor() : HostTensor());
        inputViews.push_back(t ? &inputCopies.back() : nullptr);
    }
    std::vector<HostTensor> outputCopies;
    for (const HostTensor& t : outputs)
        outputCopies.push_back(t.asRowMajor());
    observer.nodeFinished(node, inputViews, outputCopies);
}

} // namespace

std::vector<UnsupportedNodeReport> Executor::unsupportedNodes(const Model& model)
{
    std::vector<UnsupportedNodeReport> reports;
    const KernelRegistry& registry = KernelRegistry::instance();
    for (NodeId id : model.graph().topologicalOrder()) {
        const Node& node = model.graph().node(id);
        if (model.isFolded(id))
            continue;
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

namespace {

// Passes its input through: a Relu whose work its producer already did.
class PassThroughKernel final : public Kernel {
public:
    bool acceptsChannelsLast(std::size_t input) const override { return input == 0; }
    void run(std::span<const HostTensor* const> in, std::vector<HostTensor>& out) override { out[0] = *in[0]; }
};

// ThresholdedRelu whose threshold the executor changes between runs: x if x > *t, else 0.
class AdjustableThresholdKernel final : public Kernel {
public:
    explicit AdjustableThresholdKernel(const float* threshold) : threshold_(threshold) {}

    bool acceptsChannelsLast(std::size_t input) const override { return input == 0; }

    void run(std::span<const HostTensor* const> in, std::vector<HostTensor>& out) override
    {
        const HostTensor& x = *in[0];
        out[0] = HostTensor::allocateUninitialised(DataType::Float, x.dims(), x.layout());
        const float t = *threshold_;
        const float* src = x.data<float>();
        float* dst = out[0].mutableData<float>();
        const int64_t n = x.elementCount();
        for (int64_t i = 0; i < n; ++i)
            dst[i] = src[i] > t ? src[i] : 0.0f;
    }

private:
    const float* threshold_;
};

bool isAdjustableRelu(const Model& model, const Node& n)
{
    const bool relu = (n.domain.empty() || n.domain == "ai.onnx") && (n.opType == "Relu" || n.opType == "ThresholdedRelu");
    return relu && n.inputs.size() == 1 && n.inputs[0] != kNoId && n.outputs.size() == 1
        && model.graph().tensor(n.inputs[0]).type == DataType::Float;
}

// Conv -> Relu pairs where the Relu is the convolution output's only reader.
std::vector<bool> convolutionsWithFusableRelu(const Graph& g, std::vector<bool>& reluFused)
{
    std::vector<bool> fused(g.nodes().size(), false);
    reluFused.assign(g.nodes().size(), false);
    for (std::size_t i = 0; i < g.nodes().size(); ++i) {
        const Node& n = g.nodes()[i];
        if (n.opType != "Conv" || !n.domain.empty() || n.outputs.size() != 1 || n.outputs[0] == kNoId)
            continue;
        const Tensor& out = g.tensor(n.outputs[0]);
        if (out.isGraphOutput || out.consumers.size() != 1)
            continue;
        const Node& reader = g.node(out.consumers[0]);
        if (reader.opType != "Relu" || !reader.domain.empty() || reader.inputs.size() != 1)
            continue;
        fused[i] = true;
        reluFused[static_cast<std::size_t>(out.consumers[0])] = true;
    }
    return fused;
}

} // namespace

Executor::Executor(std::shared_ptr<const Model> model, ExecutorOptions options)
    : model_(std::move(model)), sharedWeights_(options.sharedWeights)
{
    const Graph& g = model_->graph();
    const KernelRegistry& registry = KernelRegistry::instance();
    kernels_.resize(g.nodes().size());
    std::vector<bool> reluFused(g.nodes().size(), false);
    std::vector<bool> convFused(g.nodes().size(), false);
    if (options.fuseActivations && !options.adjustableReluThresholds)
        convFused = convolutionsWithFusableRelu(g, reluFused);
    reluThresholds_.assign(g.nodes().size(), std::numeric_limits<float>::quiet_NaN());
    std::string problems;
    int count = 0;
    for (NodeId id : g.topologicalOrder()) {
        const Node& node = g.node(id);
        const auto index = static_cast<std::size_t>(id);
        if (model_->isFolded(id))
            continue; // its outputs are constants computed at load (quantised weights)
        if (reluFused[index]) {
            kernels_[index] = std::make_unique<PassThroughKernel>();
            fused_ = true;
            continue;
        }
        if (options.adjustableReluThresholds && isAdjustableRelu(*model_, node)) {
            reluThresholds_[index] = node.opType == "Relu" ? 0.0f : node.floatAttr("alpha", 1.0f);
            kernels_[index] = std::make_unique<AdjustableThresholdKernel>(&reluThresholds_[index]);
            continue;
        }
        try {
            kernels_[index] = registry.create(KernelBuildContext{*model_, node, model_->opsetVersion(node.domain),
                                                                 static_cast<bool>(convFused[index]), options.winograd,
                                                                 options.sharedWeights.get()});
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
        const Tensor& tensor = g.tensors()[t];
        if (const ConstantData* c = g.constantData(static_cast<TensorId>(t));
            c && (tensor.role == TensorRole::Initializer || model_->isFolded(tensor.producer)))
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

void Executor::setReluThreshold(NodeId node, float t)
{
    const auto index = static_cast<std::size_t>(node);
    if (index >= reluThresholds_.size() || std::isnan(reluThresholds_[index]))
        throw std::invalid_argument("setReluThreshold: node " + std::to_string(node)
                                    + " is not a ReLU of an executor built with adjustable thresholds");
    if (!std::isfinite(t))
        throw std::invalid_argument("setReluThreshold: the threshold must be finite");
    reluThresholds_[index] = t;
}

std::vector<HostTensor> Executor::run(const std::map<std::string, HostTensor>& inputs, ExecutionObserver* observer)
{
    return execute(inputs, nullptr, observer);
}

std::vector<HostTensor> Executor::run(const std::map<std::string, HostTensor>& inputs, const PartialRun& partial,
                                      ExecutionObserver* observer)
{
    if (!partial.nodes || partial.nodes->size() != model_->graph().nodes().size())
        throw std::invalid_argument("a partial run must mark every node of the graph (run or skip)");
    return execute(inputs, &partial, observer);
}

std::vector<HostTensor> Executor::execute(const std::map<std::string, HostTensor>& inputs, const PartialRun* partial,
                                          ExecutionObserver* observer)
{
    if (observer && fused_)
        throw std::logic_error("an observed run needs an executor built without fusion");
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
    if (partial && partial->given)
        for (const auto& [id, tensor] : *partial->given)
            values[static_cast<std::size_t>(id)] = tensor;

    std::vector<const HostTensor*> nodeInputs;
    for (NodeId id : g.topologicalOrder()) {
        if (observer && observer->cancelled())
            throw ExecutionCancelled();
        if (partial && !(*partial->nodes)[static_cast<std::size_t>(id)])
            continue;
        if (!kernels_[static_cast<std::size_t>(id)])
            continue; // folded at load
        const Node& node = g.node(id);
        Kernel& kernel = *kernels_[static_cast<std::size_t>(id)];
        nodeInputs.clear();
        for (std::size_t position = 0; position < node.inputs.size(); ++position) {
            const TensorId t = node.inputs[position];
            if (t == kNoId) {
                nodeInputs.push_back(nullptr);
                continue;
            }
            const auto index = static_cast<std::size_t>(t);
            if (constants_[index].bytes()) {
                nodeInputs.push_back(&constants_[index]);
                continue;
            }
            if (partial && values[index].empty())
                throw std::logic_error("partial run: node '" + node.name + "' reads '" + g.tensor(t).name
                                       + "', which is neither computed nor given");
            // Converted in place: later readers of the tensor get the row-major copy too.
            if (!values[index].isRowMajor() && !kernel.acceptsChannelsLast(position))
                values[index] = values[index].asRowMajor();
            nodeInputs.push_back(&values[index]);
        }
        std::vector<HostTensor> outputs(node.outputs.size());
        try {
            kernel.run(nodeInputs, outputs);
        } catch (const ModelError&) {
            throw;
        } catch (const std::exception& e) {
            throw ModelError(model_->file().string(), nodeLabel(node) + ": " + e.what());
        }
        if (observer)
            notify(*observer, node, nodeInputs, outputs);
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
        results.push_back(constants_[index].bytes() ? constants_[index]
                          : values[index].empty()           ? HostTensor()
                                                            : values[index].asRowMajor());
    }
    return results;
}

} // namespace foldwise
