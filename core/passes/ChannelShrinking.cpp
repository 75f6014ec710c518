#include "passes/ChannelShrinking.h"

#include "model/qonnx/QonnxOps.h"
#include "passes/ConstantTensors.h"
#include "passes/GraphEditor.h"
#include "passes/QuantisedWeights.h"

#include <onnx/onnx_pb.h>

#include <algorithm>
#include <set>

namespace foldwise::passes {
namespace {

// Keeps the elements at `keep` along `axis` of a row-major tensor.
FloatConstant sliceAxis(const FloatConstant& t, std::size_t axis, const std::vector<int64_t>& keep)
{
    std::size_t outer = 1, inner = 1;
    for (std::size_t i = 0; i < axis; ++i)
        outer *= static_cast<std::size_t>(t.dims[i]);
    for (std::size_t i = axis + 1; i < t.dims.size(); ++i)
        inner *= static_cast<std::size_t>(t.dims[i]);
    const auto extent = static_cast<std::size_t>(t.dims[axis]);
    FloatConstant r;
    r.dims = t.dims;
    r.dims[axis] = static_cast<int64_t>(keep.size());
    r.values.reserve(outer * keep.size() * inner);
    for (std::size_t o = 0; o < outer; ++o)
        for (int64_t k : keep) {
            const auto begin = t.values.begin() + static_cast<std::ptrdiff_t>((o * extent + static_cast<std::size_t>(k)) * inner);
            r.values.insert(r.values.end(), begin, begin + static_cast<std::ptrdiff_t>(inner));
        }
    return r;
}

onnx::TensorProto makeInt64Tensor(const std::vector<int64_t>& values)
{
    onnx::TensorProto t;
    t.set_data_type(onnx::TensorProto::INT64);
    t.add_dims(static_cast<int64_t>(values.size()));
    t.set_raw_data(std::string(reinterpret_cast<const char*>(values.data()), values.size() * sizeof(int64_t)));
    return t;
}

class Shrinker {
public:
    Shrinker(const Model& model, const ChannelFlow& flow, const ChannelPlan& plan, GraphEditor& editor)
        : model_(model), g_(model.graph()), flow_(flow), plan_(plan), editor_(editor)
    {
    }

    ShrinkResult run();

private:
    const ChannelMask& mask(TensorId t) const { return plan_.tensors[static_cast<std::size_t>(t)]; }
    bool whole(TensorId t) const { return keptCount(mask(t)) == flow_.channels[static_cast<std::size_t>(t)]; }
    void slice(const Node& n, std::size_t slot, const std::vector<std::pair<std::size_t, const ChannelMask*>>& axes,
               const std::string& suffix);
    // QONNX: slices a quantised weight before its quantizer (its input, and per-channel scale and
    // zero point along the sliced axes); false when the input is no quantised weight.
    bool sliceQuantised(const Node& n, std::size_t slot, const std::vector<std::pair<std::size_t, const ChannelMask*>>& axes);
    // An activation quantizer's per-channel parameters (MultiThreshold: its threshold rows).
    void shrinkQuantizer(const Node& n, const ChannelNode& c);
    void shrinkLayer(const Node& n, const ChannelNode& c);
    void addIndexAdds(const Node& n, const ChannelNode& c);
    void record(const Node& n, const ChannelNode& c);

    const Model& model_;
    const Graph& g_;
    const ChannelFlow& flow_;
    const ChannelPlan& plan_;
    GraphEditor& editor_;
    ShrinkResult result_;
};

// `t` sliced along the given axes of the tensor it broadcasts against (of rank `rank`): a
// dim of 1 (or a scalar) broadcasts and stays.
FloatConstant sliceBroadcast(FloatConstant t, std::size_t rank, const std::vector<std::pair<std::size_t, const ChannelMask*>>& axes)
{
    for (const auto& [axis, m] : axes) {
        const auto at = static_cast<int64_t>(axis) - static_cast<int64_t>(rank) + static_cast<int64_t>(t.dims.size());
        if (at < 0 || t.dims[static_cast<std::size_t>(at)] == 1 || keptCount(*m) == static_cast<int64_t>(m->size()))
            continue;
        t = sliceAxis(t, static_cast<std::size_t>(at), keptIndices(*m));
    }
    return t;
}

bool Shrinker::sliceQuantised(const Node& n, std::size_t slot, const std::vector<std::pair<std::size_t, const ChannelMask*>>& axes)
{
    std::string why;
    const std::optional<QuantisedWeight> w = quantisedWeight(model_, n, slot, why);
    if (!w)
        return false;
    // Through a Transpose the layer's axes are the other way round on the quantizer's input.
    std::vector<std::pair<std::size_t, const ChannelMask*>> mapped = axes;
    if (w->transpose != kNoId)
        for (auto& [axis, m] : mapped)
            axis = 1 - axis;
    const std::size_t rank = w->raw.dims.size();
    const Node& q = g_.node(w->quantizer);
    const FloatConstant raw = sliceBroadcast(w->raw, rank, mapped);
    editor_.setConstantInput(q.protoIndex, 0, makeFloatTensor(raw.dims, raw.values), q.name + ".weight_pruned");
    const FloatConstant scale = sliceBroadcast(w->scale, rank, mapped);
    if (scale.values.size() != w->scale.values.size())
        editor_.setConstantInput(q.protoIndex, 1, makeFloatTensor(scale.dims, scale.values), q.name + ".scale_pruned");
    if (!w->zeroPoint.values.empty()) {
        const FloatConstant zero = sliceBroadcast(w->zeroPoint, rank, mapped);
        if (zero.values.size() != w->zeroPoint.values.size())
            editor_.setConstantInput(q.protoIndex, 2, makeFloatTensor(zero.dims, zero.values), q.name + ".zeropt_pruned");
    }
    return true;
}

void Shrinker::shrinkQuantizer(const Node& n, const ChannelNode& c)
{
    const ChannelMask& m = mask(c.output);
    const std::size_t rank = g_.tensor(c.output).shape.rank();
    if (qonnx::opOf(n) == qonnx::Op::MultiThreshold) {
        const FloatConstant t = *numericConstant(model_, n.inputs[1]);
        if (t.dims[0] > 1) {
            const FloatConstant sliced = sliceAxis(t, 0, keptIndices(m));
            editor_.setConstantInput(n.protoIndex, 1, makeFloatTensor(sliced.dims, sliced.values), n.name + ".thresholds_pruned");
        }
        return;
    }
    for (std::size_t i = 1; i < n.inputs.size(); ++i) {
        const FloatConstant p = *numericConstant(model_, n.inputs[i]);
        const FloatConstant sliced = sliceBroadcast(p, rank, {{1, &m}});
        if (sliced.values.size() != p.values.size())
            editor_.setConstantInput(n.protoIndex, static_cast<int>(i), makeFloatTensor(sliced.dims, sliced.values),
                                     n.name + ".param_pruned");
    }
}

// Replaces constant input `slot` of `n` by its slice along the given axes.
void Shrinker::slice(const Node& n, std::size_t slot, const std::vector<std::pair<std::size_t, const ChannelMask*>>& axes,
                     const std::string& suffix)
{
    if (sliceQuantised(n, slot, axes))
        return;
    FloatConstant t = *floatConstant(model_, n.inputs[slot]);
    bool changed = false;
    for (const auto& [axis, m] : axes)
        if (keptCount(*m) != static_cast<int64_t>(m->size())) {
            t = sliceAxis(t, axis, keptIndices(*m));
            changed = true;
        }
    if (changed)
        editor_.setConstantInput(n.protoIndex, static_cast<int>(slot), makeFloatTensor(t.dims, t.values), n.name + suffix);
}

void Shrinker::shrinkLayer(const Node& n, const ChannelNode& c)
{
    const ChannelMask& out = mask(c.output);
    const ChannelMask& in = mask(c.inputs[0]);
    const bool hasBias = n.inputs.size() > 2 && n.inputs[2] != kNoId;
    if (n.opType == "BatchNormalization") {
        for (std::size_t slot = 1; slot <= 4; ++slot)
            slice(n, slot, {{0, &out}}, ".pruned");
    } else if (c.op == ChannelOp::Depthwise) {
        slice(n, 1, {{0, &out}}, ".weight_pruned");
        if (hasBias)
            slice(n, 2, {{0, &out}}, ".bias_pruned");
        onnx::NodeProto& p = editor_.node(n.protoIndex);
        for (auto& a : *p.mutable_attribute())
            if (a.name() == "group")
                a.set_i(keptCount(in));
    } else if (n.opType == "Conv") {
        slice(n, 1, {{0, &out}, {1, &in}}, ".weight_pruned");
        if (hasBias)
            slice(n, 2, {{0, &out}}, ".bias_pruned");
    } else {
        const bool transB = n.opType == "Gemm" && n.intAttr("transB", 0) != 0;
        slice(n, 1, transB ? std::vector<std::pair<std::size_t, const ChannelMask*>>{{0, &out}, {1, &in}}
                           : std::vector<std::pair<std::size_t, const ChannelMask*>>{{0, &in}, {1, &out}},
              ".weight_pruned");
        if (hasBias) {
            const FloatConstant bias = *floatConstant(model_, n.inputs[2]);
            if (bias.values.size() == out.size() && out.size() > 1)
                slice(n, 2, {{bias.dims.size() - 1, &out}}, ".bias_pruned");
        }
    }
}

// Each Add input that kept fewer channels than the union is widened to the union's channels.
void Shrinker::addIndexAdds(const Node& n, const ChannelNode& c)
{
    const std::vector<int64_t> unionChannels = keptIndices(mask(c.output));
    const bool padAttribute = model_.opsetVersion("") < 11;
    for (std::size_t i = 0; i < c.inputs.size(); ++i) {
        const TensorId in = c.inputs[i];
        const std::vector<int64_t> own = keptIndices(mask(in));
        if (own.size() == unionChannels.size())
            continue; // the same channels (an input only keeps channels of the union)
        const std::size_t rank = g_.tensor(in).shape.rank();
        std::vector<int64_t> pads(2 * rank, 0);
        pads[rank + 1] = 1; // one zero channel after the kept ones
        std::vector<int64_t> indices;
        for (int64_t u : unionChannels) {
            const auto at = std::lower_bound(own.begin(), own.end(), u);
            indices.push_back(at != own.end() && *at == u ? at - own.begin() : static_cast<int64_t>(own.size()));
        }
        const std::string& inName = g_.tensor(in).name;
        const std::string base = n.name + "/index_add_" + std::to_string(c.inputSlots[i]);
        onnx::GraphProto& graph = *editor_.proto().mutable_graph();
        onnx::NodeProto pad;
        pad.set_op_type("Pad");
        pad.set_name(editor_.uniqueName(base + "/Pad"));
        pad.add_input(inName);
        if (padAttribute) {
            onnx::AttributeProto* a = pad.add_attribute();
            a->set_name("pads");
            a->set_type(onnx::AttributeProto::INTS);
            for (int64_t p : pads)
                a->add_ints(p);
        } else {
            onnx::TensorProto* t = graph.add_initializer();
            *t = makeInt64Tensor(pads);
            t->set_name(editor_.uniqueName(base + "/pads"));
            pad.add_input(t->name());
        }
        const std::string padded = editor_.uniqueName(base + "/padded");
        pad.add_output(padded);
        onnx::NodeProto gather;
        gather.set_op_type("Gather");
        gather.set_name(editor_.uniqueName(base + "/Gather"));
        onnx::TensorProto* idx = graph.add_initializer();
        *idx = makeInt64Tensor(indices);
        idx->set_name(editor_.uniqueName(base + "/indices"));
        gather.add_input(padded);
        gather.add_input(idx->name());
        onnx::AttributeProto* axis = gather.add_attribute();
        axis->set_name("axis");
        axis->set_type(onnx::AttributeProto::INT);
        axis->set_i(1);
        const std::string widened = editor_.uniqueName(base + "/widened");
        gather.add_output(widened);
        result_.placeBefore[n.name].push_back(pad.name());
        result_.placeBefore[n.name].push_back(gather.name());
        result_.indexAdds.push_back({{"add", n.name},
                                     {"input", inName},
                                     {"channels", own.size()},
                                     {"union_channels", unionChannels.size()},
                                     {"pad", pad.name()},
                                     {"gather", gather.name()}});
        *graph.add_node() = std::move(pad);
        *graph.add_node() = std::move(gather);
        editor_.setInput(n.protoIndex, c.inputSlots[i], widened);
    }
}

void Shrinker::record(const Node& n, const ChannelNode& c)
{
    const ChannelMask& out = mask(c.output);
    std::vector<int64_t> removed;
    for (std::size_t k = 0; k < out.size(); ++k)
        if (!out[k])
            removed.push_back(static_cast<int64_t>(k));
    result_.nodes.push_back({{"node", n.name},
                             {"op", n.opType},
                             {"channels_before", out.size()},
                             {"channels_after", keptCount(out)},
                             {"inputs_before", mask(c.inputs[0]).size()},
                             {"inputs_after", keptCount(mask(c.inputs[0]))},
                             {"removed", removed}});
}

ShrinkResult Shrinker::run()
{
    for (NodeId id : g_.topologicalOrder()) {
        const Node& n = g_.node(id);
        const ChannelNode& c = flow_.nodes[static_cast<std::size_t>(id)];
        const bool parameters = c.op == ChannelOp::Layer || c.op == ChannelOp::Depthwise
            || (c.op == ChannelOp::PassThrough && n.opType == "BatchNormalization");
        if (parameters && (!whole(c.output) || !whole(c.inputs[0]))) {
            shrinkLayer(n, c);
            record(n, c);
        } else if (c.op == ChannelOp::PassThrough && qonnx::isQuantizer(qonnx::opOf(n)) && !whole(c.output)) {
            shrinkQuantizer(n, c);
        } else if (c.op == ChannelOp::Union) {
            addIndexAdds(n, c);
        }
    }
    // Intermediate shapes changed; the recorded ones would contradict the new weights.
    editor_.proto().mutable_graph()->clear_value_info();
    return result_;
}

} // namespace

ShrinkResult shrinkChannels(const Model& model, const ChannelFlow& flow, const ChannelPlan& plan, GraphEditor& editor)
{
    return Shrinker(model, flow, plan, editor).run();
}

void placeIndexAdds(onnx::ModelProto& proto, const ShrinkResult& shrink)
{
    if (shrink.placeBefore.empty())
        return;
    google::protobuf::RepeatedPtrField<onnx::NodeProto> nodes;
    nodes.Swap(proto.mutable_graph()->mutable_node());
    std::map<std::string, onnx::NodeProto*> appended;
    for (const auto& [add, names] : shrink.placeBefore)
        for (const std::string& name : names)
            appended[name] = nullptr;
    for (onnx::NodeProto& n : nodes)
        if (appended.count(n.name()))
            appended[n.name()] = &n;
    onnx::GraphProto& graph = *proto.mutable_graph();
    std::set<const onnx::NodeProto*> moved;
    for (const auto& [name, node] : appended)
        moved.insert(node);
    for (onnx::NodeProto& n : nodes) {
        if (moved.count(&n)) // checked by address: a node moved from has lost its name
            continue;
        if (const auto it = shrink.placeBefore.find(n.name()); it != shrink.placeBefore.end())
            for (const std::string& name : it->second)
                *graph.add_node() = std::move(*appended.at(name));
        *graph.add_node() = std::move(n);
    }
}

} // namespace foldwise::passes
