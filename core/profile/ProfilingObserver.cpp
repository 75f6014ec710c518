#include "profile/ProfilingObserver.h"

#include "layers/LayerFigures.h"
#include "model/ModelError.h"
#include "profile/ChannelZeros.h"

#include <numeric>

namespace foldwise {
namespace {

bool isDefaultDomain(const Node& n)
{
    return n.domain.empty() || n.domain == "ai.onnx";
}

bool isRelu(const Node& n)
{
    return isDefaultDomain(n) && (n.opType == "Relu" || n.opType == "ThresholdedRelu");
}

// Channels of a tensor as profiled: dim 1 for rank >= 2, else one channel. nullopt when the
// shape does not say.
std::optional<int64_t> channelsOf(const Tensor& t)
{
    if (!t.hasShape)
        return std::nullopt;
    if (t.shape.rank() < 2)
        return 1;
    if (!t.shape[1].isKnown() || t.shape[1].value <= 0)
        return std::nullopt;
    return t.shape[1].value;
}

} // namespace

ProfilingObserver::ProfilingObserver(const Model& model, ActivationProfile& profile, const std::atomic<bool>* cancel)
    : profile_(profile), cancel_(cancel), file_(model.file().string())
{
    const Graph& g = model.graph();
    int maxIndex = -1;
    for (const Node& n : g.nodes())
        maxIndex = std::max(maxIndex, n.protoIndex);
    plans_.resize(static_cast<std::size_t>(maxIndex + 1));
    std::vector<bool> recorded(g.tensors().size(), false);
    std::vector<std::string>& notes = profile_.provenance.notes;

    // A tensor record, fed at `node` from output or input `slot`; false (with a note) when
    // the tensor cannot be profiled.
    const auto addTensor = [&](const Node& node, bool fromOutput, std::size_t slot) {
        const TensorId id = fromOutput ? node.outputs[slot] : node.inputs[slot];
        if (id == kNoId || recorded[static_cast<std::size_t>(id)])
            return;
        const Tensor& t = g.tensor(id);
        if (t.role == TensorRole::Initializer || g.isConstant(id))
            return;
        const std::optional<int64_t> channels = channelsOf(t);
        if (t.type != DataType::Float || !channels) {
            notes.push_back("tensor '" + t.name + "' not profiled: " + (t.type != DataType::Float ? "not float" : "channel count unknown"));
            return;
        }
        recorded[static_cast<std::size_t>(id)] = true;
        TensorZeros record;
        record.tensor = t.name;
        if (t.producer != kNoId) {
            record.producer = g.node(t.producer).name;
            record.producerOp = g.node(t.producer).opType;
        }
        record.channels = *channels;
        record.channelZeros.assign(static_cast<std::size_t>(*channels), 0);
        plans_[static_cast<std::size_t>(node.protoIndex)].zeros.push_back({fromOutput, slot, profile_.tensors.size()});
        profile_.tensors.push_back(std::move(record));
    };

    for (NodeId id : g.topologicalOrder()) {
        const Node& node = g.node(id);
        NodePlan& plan = plans_[static_cast<std::size_t>(node.protoIndex)];
        const LayerFigures figures = computeLayerFigures(model, id);
        if (isDefaultDomain(node) && node.opType == "Conv" && !node.inputs.empty() && node.inputs[0] != kNoId) {
            addTensor(node, false, 0);
            const Tensor& in = g.tensor(node.inputs[0]);
            try {
                if (in.type != DataType::Float)
                    throw std::invalid_argument("its input is not float");
                if (!in.hasShape || !in.shape.isStatic())
                    throw std::invalid_argument("its input shape is not known");
                const std::vector<int64_t> dims = in.shape.values();
                const PlaneWindows w = resolveConvWindows(node, g, dims);
                ConvWindowZeros record;
                record.conv = node.name;
                record.input = in.name;
                record.kernel = dims.size() == 3 ? std::vector<int64_t>{w.kernelW} : std::vector<int64_t>{w.kernelH, w.kernelW};
                record.strides = dims.size() == 3 ? std::vector<int64_t>{w.strideW} : std::vector<int64_t>{w.strideH, w.strideW};
                record.dilations = dims.size() == 3 ? std::vector<int64_t>{w.dilationW}
                                                    : std::vector<int64_t>{w.dilationH, w.dilationW};
                record.pads = dims.size() == 3 ? std::vector<int64_t>{w.padLeft, w.padRight}
                                               : std::vector<int64_t>{w.padTop, w.padLeft, w.padBottom, w.padRight};
                record.group = node.intAttr("group", 1);
                record.channels = dims[1];
                record.kernelSize = w.kernelSize();
                record.macsPerItem = figures.macs.value_or(0) / std::max<int64_t>(1, dims[0]);
                record.counts.assign(static_cast<std::size_t>(record.channels * record.bins()), 0);
                plan.conv = static_cast<std::ptrdiff_t>(profile_.convolutions.size());
                plan.windows = w;
                profile_.convolutions.push_back(std::move(record));
            } catch (const std::invalid_argument& e) {
                notes.push_back("convolution '" + node.name + "' has no window histogram: " + e.what());
            }
        }
        if (figures.kind == LayerKind::Activation && !node.outputs.empty())
            addTensor(node, true, 0);
        if (isRelu(node) && !node.inputs.empty() && node.inputs[0] != kNoId) {
            const Tensor& in = g.tensor(node.inputs[0]);
            if (in.type == DataType::Float) {
                plan.relu = static_cast<std::ptrdiff_t>(profile_.relus.size());
                profile_.relus.push_back({node.name, node.opType, in.name, {}});
            } else {
                notes.push_back("ReLU '" + node.name + "' has no value histogram: its input is not float");
            }
        }
    }
}

void ProfilingObserver::countOnlyFirstItems(int64_t items, int64_t batch)
{
    countedItems_ = items;
    runBatch_ = batch;
}

void ProfilingObserver::recordOnly(std::vector<bool> byProtoIndex)
{
    recorded_ = std::move(byProtoIndex);
}

void ProfilingObserver::copyUnrecorded(const ActivationProfile& previous, ActivationProfile& into) const
{
    for (std::size_t p = 0; p < plans_.size() && !recorded_.empty(); ++p) {
        if (p < recorded_.size() && recorded_[p])
            continue;
        const NodePlan& plan = plans_[p];
        for (const Step& step : plan.zeros)
            into.tensors.at(step.record) = previous.tensors.at(step.record);
        if (plan.conv >= 0)
            into.convolutions.at(static_cast<std::size_t>(plan.conv)) = previous.convolutions.at(static_cast<std::size_t>(plan.conv));
        if (plan.relu >= 0)
            into.relus.at(static_cast<std::size_t>(plan.relu)) = previous.relus.at(static_cast<std::size_t>(plan.relu));
    }
}

int64_t ProfilingObserver::countedItems(const Node& node, const HostTensor& t) const
{
    const std::vector<int64_t>& d = t.dims();
    const int64_t items = d.empty() ? 1 : d[0];
    if (countedItems_ < 0 || countedItems_ >= items)
        return items;
    if (items != runBatch_)
        throw ModelError(file_, "profiling node '" + node.name + "': tensor " + t.describe()
                                    + " does not keep the batch in its first dimension, so the padding of a partial "
                                      "batch cannot be left out");
    return countedItems_;
}

void ProfilingObserver::countZeros(const Node& node, const HostTensor& t, TensorZeros& record)
{
    const std::vector<int64_t>& d = t.dims();
    const int64_t channels = d.size() < 2 ? 1 : d[1];
    if (t.type() != DataType::Float || channels != record.channels)
        throw ModelError(file_, "profiling node '" + node.name + "': tensor '" + record.tensor + "' is "
                                    + t.describe() + ", expected float with " + std::to_string(record.channels)
                                    + " channels");
    const int64_t allItems = d.empty() ? 1 : d[0];
    const int64_t outer = countedItems(node, t);
    const int64_t perItem = allItems > 0 ? t.elementCount() / allItems : 0;
    const int64_t elements = outer * perItem;
    const int64_t inner = channels > 0 ? perItem / channels : 0;
    const int64_t before = std::accumulate(record.channelZeros.begin(), record.channelZeros.end(), int64_t(0));
    if (d.size() < 2)
        accumulateChannelZeros(t.data<float>(), 1, 1, elements, record.channelZeros);
    else if (!t.isRowMajor())
        accumulateChannelZerosChannelsLast(t.data<float>(), outer * inner, channels, record.channelZeros);
    else
        accumulateChannelZeros(t.data<float>(), outer, channels, inner, record.channelZeros);
    record.zeros += std::accumulate(record.channelZeros.begin(), record.channelZeros.end(), int64_t(0)) - before;
    record.elements += elements;
}

void ProfilingObserver::nodeFinished(const Node& node, std::span<const HostTensor* const> inputs,
                                     std::span<const HostTensor> outputs)
{
    if (node.protoIndex < 0 || static_cast<std::size_t>(node.protoIndex) >= plans_.size())
        return;
    const auto index = static_cast<std::size_t>(node.protoIndex);
    if (!recorded_.empty() && (index >= recorded_.size() || !recorded_[index]))
        return;
    const NodePlan& plan = plans_[index];
    for (const Step& step : plan.zeros) {
        const HostTensor* t = step.fromOutput ? (step.slot < outputs.size() ? &outputs[step.slot] : nullptr)
                                              : (step.slot < inputs.size() ? inputs[step.slot] : nullptr);
        if (t && t->elementCount() > 0)
            countZeros(node, *t, profile_.tensors[step.record]);
    }
    if (plan.conv >= 0 && !inputs.empty() && inputs[0]) {
        const HostTensor& x = *inputs[0];
        const PlaneWindows& w = plan.windows;
        ConvWindowZeros& record = profile_.convolutions[static_cast<std::size_t>(plan.conv)];
        const std::vector<int64_t>& d = x.dims();
        const bool matches = x.type() == DataType::Float && d.size() >= 3 && d[1] == record.channels
            && (d.size() == 3 ? d[2] == w.width : d.size() == 4 && d[2] == w.height && d[3] == w.width);
        if (!matches)
            throw ModelError(file_, "profiling node '" + node.name + "': input " + x.describe()
                                        + " differs from the shape the profile was planned for");
        const int64_t items = countedItems(node, x);
        if (x.isRowMajor())
            accumulateWindowZeros(x.data<float>(), items, d[1], w, record.counts);
        else
            accumulateWindowZerosChannelsLast(x.data<float>(), items, d[1], w, record.counts);
        record.windowsPerChannel += items * w.windowsPerPlane();
    }
    if (plan.relu >= 0 && !inputs.empty() && inputs[0]) {
        const HostTensor& x = *inputs[0];
        if (x.type() != DataType::Float)
            throw ModelError(file_, "profiling node '" + node.name + "': input " + x.describe() + " is not float");
        const int64_t all = x.dims().empty() ? 1 : x.dims()[0];
        const int64_t counted = all > 0 ? x.elementCount() / all * countedItems(node, x) : 0;
        profile_.relus[static_cast<std::size_t>(plan.relu)].histogram.add(
            std::span<const float>(x.data<float>(), static_cast<std::size_t>(counted)));
    }
}

} // namespace foldwise
