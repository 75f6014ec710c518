#include "passes/ChannelMasks.h"

#include "layers/LayerFigures.h"
#include "passes/ConstantTensors.h"

#include <algorithm>

namespace foldwise::passes {
namespace {

class Propagation {
public:
    Propagation(const Model& model, const ChannelFlow& flow, const std::vector<ChannelMask>& selection)
        : g_(model.graph()), flow_(flow), selection_(selection)
    {
    }

    ChannelPlan run();

private:
    ChannelMask& mask(TensorId t) { return plan_.tensors[static_cast<std::size_t>(t)]; }
    bool forward();
    bool backward();
    // Whether `reader` still needs channel c of its input `t`.
    bool needs(const ChannelNode& reader, TensorId t, std::size_t c);

    const Graph& g_;
    const ChannelFlow& flow_;
    const std::vector<ChannelMask>& selection_;
    ChannelPlan plan_;
};

// A channel survives when its inputs do (and the selection keeps it, for prunable layers).
bool Propagation::forward()
{
    bool changed = false;
    for (NodeId id : g_.topologicalOrder()) {
        const ChannelNode& c = flow_.nodes[static_cast<std::size_t>(id)];
        if (c.op == ChannelOp::None || c.op == ChannelOp::Barrier)
            continue;
        ChannelMask& out = mask(c.output);
        const int layer = flow_.layerOf[static_cast<std::size_t>(id)];
        for (std::size_t k = 0; k < out.size(); ++k) {
            if (!out[k])
                continue;
            bool alive = true;
            switch (c.op) {
            case ChannelOp::Layer:
                alive = layer < 0 || selection_[static_cast<std::size_t>(layer)][k];
                break;
            case ChannelOp::PassThrough:
                alive = mask(c.inputs[0])[k] != 0;
                break;
            case ChannelOp::Depthwise:
            case ChannelOp::Flatten:
                alive = mask(c.inputs[0])[k / static_cast<std::size_t>(c.spread)] != 0;
                break;
            case ChannelOp::Union:
                alive = std::any_of(c.inputs.begin(), c.inputs.end(), [&](TensorId t) { return mask(t)[k] != 0; });
                break;
            default:
                break;
            }
            if (!alive) {
                out[k] = 0;
                changed = true;
            }
        }
    }
    return changed;
}

bool Propagation::needs(const ChannelNode& reader, TensorId t, std::size_t c)
{
    const ChannelMask& out = reader.op == ChannelOp::None || reader.op == ChannelOp::Barrier ? mask(t) : mask(reader.output);
    const auto spread = static_cast<std::size_t>(reader.spread);
    switch (reader.op) {
    case ChannelOp::PassThrough:
    case ChannelOp::Union:
        return out[c] != 0;
    case ChannelOp::Depthwise:
    case ChannelOp::Flatten:
        return std::any_of(out.begin() + static_cast<std::ptrdiff_t>(c * spread),
                           out.begin() + static_cast<std::ptrdiff_t>((c + 1) * spread), [](char k) { return k != 0; });
    default:
        return true; // a layer or barrier reads every channel it is given
    }
}

// A channel no reader needs is dead.
bool Propagation::backward()
{
    bool changed = false;
    const std::vector<NodeId>& order = g_.topologicalOrder();
    for (auto it = order.rbegin(); it != order.rend(); ++it) {
        const ChannelNode& producer = flow_.nodes[static_cast<std::size_t>(*it)];
        if (producer.op == ChannelOp::None || producer.op == ChannelOp::Barrier)
            continue;
        const Tensor& t = g_.tensor(producer.output);
        if (t.isGraphOutput || t.consumers.empty())
            continue;
        ChannelMask& m = mask(producer.output);
        ChannelMask needed(m.size(), 0);
        for (std::size_t c = 0; c < m.size(); ++c)
            needed[c] = m[c] && std::any_of(t.consumers.begin(), t.consumers.end(), [&](NodeId r) {
                return needs(flow_.nodes[static_cast<std::size_t>(r)], producer.output, c);
            });
        // A depthwise convolution keeps all or none of the outputs of an input channel, so that
        // the shrunk layer still has `multiplier` outputs per group.
        const auto group = static_cast<std::size_t>(producer.op == ChannelOp::Depthwise ? producer.spread : 1);
        for (std::size_t c = 0; c < m.size(); c += group) {
            const bool any = std::any_of(needed.begin() + static_cast<std::ptrdiff_t>(c),
                                         needed.begin() + static_cast<std::ptrdiff_t>(c + group), [](char k) { return k != 0; });
            for (std::size_t k = c; k < c + group; ++k)
                if (m[k] && !any) {
                    m[k] = 0;
                    changed = true;
                }
        }
    }
    return changed;
}

ChannelPlan Propagation::run()
{
    plan_.tensors.resize(flow_.channels.size());
    for (std::size_t t = 0; t < flow_.channels.size(); ++t)
        if (flow_.channels[t] > 0)
            plan_.tensors[t].assign(static_cast<std::size_t>(flow_.channels[t]), 1);
    bool changed = true;
    while (changed) {
        ++plan_.iterations;
        changed = forward();
        changed = backward() || changed;
    }
    return plan_;
}

} // namespace

ChannelPlan propagateChannels(const Model& model, const ChannelFlow& flow, const std::vector<ChannelMask>& selection)
{
    return Propagation(model, flow, selection).run();
}

int64_t keptCount(const ChannelMask& mask)
{
    return std::count(mask.begin(), mask.end(), 1);
}

std::vector<int64_t> keptIndices(const ChannelMask& mask)
{
    std::vector<int64_t> v;
    for (std::size_t i = 0; i < mask.size(); ++i)
        if (mask[i])
            v.push_back(static_cast<int64_t>(i));
    return v;
}

ParameterCounter::ParameterCounter(const Model& model, const ChannelFlow& flow) : model_(model), flow_(flow)
{
    const Graph& g = model.graph();
    kernel_.assign(g.nodes().size(), 0);
    biasSize_.assign(g.nodes().size(), 0);
    for (NodeId id = 0; id < static_cast<NodeId>(g.nodes().size()); ++id) {
        const Node& n = g.node(id);
        const ChannelNode& c = flow.nodes[static_cast<std::size_t>(id)];
        const bool sliced = c.op == ChannelOp::Layer || c.op == ChannelOp::Depthwise
            || (c.op == ChannelOp::PassThrough && n.opType == "BatchNormalization");
        if (!sliced) {
            fixed_ += computeLayerFigures(model, id).params();
            continue;
        }
        sliced_.push_back(id);
        if (n.opType == "Conv") {
            const std::vector<int64_t>& dims = g.constantData(n.inputs[1])->dims();
            kernel_[static_cast<std::size_t>(id)] = 1;
            for (std::size_t i = 2; i < dims.size(); ++i)
                kernel_[static_cast<std::size_t>(id)] *= dims[i];
        }
        const std::size_t biasSlot = 2;
        if ((n.opType == "Conv" || n.opType == "Gemm") && n.inputs.size() > biasSlot && n.inputs[biasSlot] != kNoId)
            biasSize_[static_cast<std::size_t>(id)] = g.constantData(n.inputs[biasSlot])->elementCount();
    }
}

int64_t ParameterCounter::count(const ChannelPlan& plan) const
{
    const Graph& g = model_.graph();
    int64_t total = fixed_;
    for (NodeId id : sliced_) {
        const Node& n = g.node(id);
        const ChannelNode& c = flow_.nodes[static_cast<std::size_t>(id)];
        const int64_t out = keptCount(plan.tensors[static_cast<std::size_t>(c.output)]);
        const int64_t in = keptCount(plan.tensors[static_cast<std::size_t>(c.inputs[0])]);
        const int64_t bias = biasSize_[static_cast<std::size_t>(id)];
        const int64_t fullOut = flow_.channels[static_cast<std::size_t>(c.output)];
        if (n.opType == "BatchNormalization") {
            total += 4 * out;
        } else if (c.op == ChannelOp::Depthwise) {
            total += out * kernel_[static_cast<std::size_t>(id)] + (bias > 0 ? out : 0);
        } else if (n.opType == "Conv") {
            total += out * in * kernel_[static_cast<std::size_t>(id)] + (bias > 0 ? out : 0);
        } else {
            // Gemm/MatMul: a bias with one value per output shrinks with them; a scalar one stays.
            total += in * out + (bias == fullOut && fullOut > 1 ? out : bias);
        }
    }
    return total;
}

} // namespace foldwise::passes
