#include "hw/fpgaconvnet/GraphPatterns.h"

#include <algorithm>
#include <limits>

namespace foldwise::fpgaconvnet {
namespace {

bool standardOp(const Node& n, const char* op)
{
    return n.domain.empty() && n.opType == op;
}

std::optional<std::vector<int64_t>> constantInts(const Graph& g, TensorId t)
{
    if (t == kNoId)
        return std::nullopt;
    const ConstantData* c = g.constantData(t);
    if (!c)
        return std::nullopt;
    std::vector<int64_t> v;
    for (double x : c->toDoubles())
        v.push_back(x >= 9.2e18 ? std::numeric_limits<int64_t>::max() : x <= -9.2e18 ? std::numeric_limits<int64_t>::min()
                                                                                     : static_cast<int64_t>(x));
    return v;
}

// dims 1.. of a tensor with a known rank: the batch may stay symbolic.
std::optional<std::vector<int64_t>> dimsAfterBatch(const Graph& g, TensorId t)
{
    if (t == kNoId || !g.tensor(t).hasShape)
        return std::nullopt;
    const std::vector<int64_t> v = g.tensor(t).shape.values();
    if (v.empty())
        return std::nullopt;
    std::vector<int64_t> rest(v.begin() + 1, v.end());
    if (std::any_of(rest.begin(), rest.end(), [](int64_t d) { return d < 0; }))
        return std::nullopt;
    return rest;
}

// One Slice of the channel axis (axis 1 of a rank >= 3 input, step 1) with a static output.
struct ChannelSlice {
    const Node* node = nullptr;
    std::optional<int64_t> start, end; // when constant
    TensorId startTensor = kNoId, endTensor = kNoId;
    int64_t channels = 0;
};

std::optional<ChannelSlice> channelSlice(const Graph& g, const Node& n)
{
    if (!standardOp(n, "Slice") || n.inputs.empty() || n.outputs.size() != 1)
        return std::nullopt;
    const auto in = dimsAfterBatch(g, n.inputs[0]);
    const auto out = dimsAfterBatch(g, n.outputs[0]);
    if (!in || !out || in->size() < 2 || out->size() != in->size())
        return std::nullopt;
    const int64_t rank = static_cast<int64_t>(in->size()) + 1;
    ChannelSlice s;
    s.node = &n;
    s.channels = (*out)[0];
    std::vector<int64_t> axes, steps;
    if (n.inputs.size() >= 3) { // opset 10+: starts, ends, axes, steps are inputs
        const auto input = [&](std::size_t k) { return k < n.inputs.size() ? n.inputs[k] : kNoId; };
        if (input(3) != kNoId) {
            const auto a = constantInts(g, input(3));
            if (!a)
                return std::nullopt;
            axes = *a;
        }
        if (input(4) != kNoId) {
            const auto st = constantInts(g, input(4));
            if (!st)
                return std::nullopt;
            steps = *st;
        }
        s.startTensor = input(1);
        s.endTensor = input(2);
        if (const auto v = constantInts(g, s.startTensor); v && v->size() == 1)
            s.start = (*v)[0];
        if (const auto v = constantInts(g, s.endTensor); v && v->size() == 1)
            s.end = (*v)[0];
    } else { // opset 1..9: attributes
        axes = n.intsAttr("axes");
        const std::vector<int64_t> starts = n.intsAttr("starts"), ends = n.intsAttr("ends");
        if (starts.size() != 1 || ends.size() != 1)
            return std::nullopt;
        s.start = starts[0];
        s.end = ends[0];
    }
    if (axes.empty())
        axes = {0};
    if (axes.size() != 1 || !(axes[0] == 1 || axes[0] == 1 - rank))
        return std::nullopt;
    if (!steps.empty() && (steps.size() != 1 || steps[0] != 1))
        return std::nullopt;
    // Every other dim passes whole.
    for (std::size_t k = 1; k < in->size(); ++k)
        if ((*in)[k] != (*out)[k])
            return std::nullopt;
    const int64_t c = (*in)[0];
    const auto clamp = [c](int64_t v) { return std::clamp(v < 0 ? v + c : v, int64_t{0}, c); };
    if (s.start)
        s.start = clamp(*s.start);
    if (s.end)
        s.end = clamp(*s.end);
    return s;
}

// Whether only the graph's outputs read `t`, through nodes that leave the stream to the host.
bool onlyOutputsRead(const Graph& g, TensorId t)
{
    if (t == kNoId)
        return true;
    if (g.tensor(t).isGraphOutput && g.tensor(t).consumers.empty())
        return true;
    if (g.tensor(t).consumers.empty())
        return g.tensor(t).isGraphOutput;
    for (NodeId c : g.tensor(t).consumers) {
        const Node& n = g.node(c);
        const bool hostSide = n.domain.empty() && (n.opType == "Identity" || n.opType == "Softmax" || n.opType == "LogSoftmax");
        if (!hostSide || n.outputs.size() != 1 || !onlyOutputsRead(g, n.outputs[0]))
            return false;
    }
    return true;
}

} // namespace

std::optional<ChannelChop> channelChop(const Graph& g, const Node& node)
{
    if (standardOp(node, "Split")) {
        if (node.inputs.empty() || node.outputs.size() < 2)
            return std::nullopt;
        const auto in = dimsAfterBatch(g, node.inputs[0]);
        if (!in || in->size() < 2)
            return std::nullopt;
        const int64_t rank = static_cast<int64_t>(in->size()) + 1;
        const int64_t axis = node.intAttr("axis", 0);
        if (axis != 1 && axis != 1 - rank)
            return std::nullopt;
        ChannelChop chop;
        chop.nodes = {g.findNode(node.name).value_or(kNoId)};
        int64_t total = 0;
        for (TensorId t : node.outputs) {
            const auto out = dimsAfterBatch(g, t);
            if (t == kNoId || !out || out->size() != in->size())
                return std::nullopt;
            chop.outputs.push_back(t);
            chop.channels.push_back((*out)[0]);
            total += (*out)[0];
        }
        if (total != (*in)[0])
            return std::nullopt;
        return chop;
    }
    const auto self = channelSlice(g, node);
    if (!self)
        return std::nullopt;
    std::vector<ChannelSlice> slices;
    for (NodeId c : g.tensor(node.inputs[0]).consumers)
        if (const auto s = channelSlice(g, g.node(c)); s && g.node(c).inputs[0] == node.inputs[0])
            slices.push_back(*s);
    const int64_t channels = (*dimsAfterBatch(g, node.inputs[0]))[0];
    // In channel order: each next Slice starts where the previous one ended, by value or, for
    // starts computed at run time, by being that Slice's end tensor.
    ChannelChop chop;
    int64_t offset = 0;
    const ChannelSlice* previous = nullptr;
    std::vector<bool> taken(slices.size(), false);
    for (std::size_t placed = 0; placed < slices.size(); ++placed) {
        std::size_t next = slices.size();
        for (std::size_t k = 0; k < slices.size() && next == slices.size(); ++k) {
            if (taken[k])
                continue;
            const ChannelSlice& s = slices[k];
            const bool byValue = s.start && *s.start == offset;
            const bool byTensor = !s.start && previous && s.startTensor != kNoId && s.startTensor == previous->endTensor;
            if (byValue || byTensor)
                next = k;
        }
        if (next == slices.size())
            return std::nullopt; // a gap, an overlap, or a start nothing tells
        const ChannelSlice& s = slices[next];
        if (s.channels <= 0 || (s.end && *s.end != offset + s.channels))
            return std::nullopt;
        taken[next] = true;
        chop.nodes.push_back(g.findNode(s.node->name).value_or(kNoId));
        chop.outputs.push_back(s.node->outputs[0]);
        chop.channels.push_back(s.channels);
        offset += s.channels;
        previous = &s;
    }
    if (offset != channels || chop.outputs.size() < 2)
        return std::nullopt;
    return chop;
}

bool isChannelShuffle(const Graph& g, const Node& node)
{
    if (!standardOp(node, "Transpose") || node.inputs.size() != 1 || node.outputs.size() != 1
        || node.intsAttr("perm") != std::vector<int64_t>{0, 2, 1, 3, 4})
        return false;
    const NodeId before = g.tensor(node.inputs[0]).producer;
    const auto& readers = g.tensor(node.outputs[0]).consumers;
    if (before == kNoId || readers.size() != 1 || g.tensor(node.outputs[0]).isGraphOutput)
        return false;
    const Node& split = g.node(before);
    const Node& merge = g.node(readers[0]);
    if (!standardOp(split, "Reshape") || !standardOp(merge, "Reshape") || split.inputs.empty() || merge.outputs.size() != 1)
        return false;
    const auto map = dimsAfterBatch(g, split.inputs[0]);     // C, H, W
    const auto grouped = dimsAfterBatch(g, node.inputs[0]);  // g, C/g, H, W
    const auto back = dimsAfterBatch(g, merge.outputs[0]);   // C, H, W
    return map && grouped && back && map->size() == 3 && grouped->size() == 4 && *back == *map
        && (*grouped)[0] * (*grouped)[1] == (*map)[0] && (*grouped)[2] == (*map)[1] && (*grouped)[3] == (*map)[2];
}

const Node* siluMul(const Graph& g, const Node& sigmoid)
{
    if (!standardOp(sigmoid, "Sigmoid") || sigmoid.inputs.size() != 1 || sigmoid.outputs.size() != 1)
        return nullptr;
    const Tensor& out = g.tensor(sigmoid.outputs[0]);
    if (out.isGraphOutput || out.consumers.size() != 1)
        return nullptr;
    const Node& mul = g.node(out.consumers[0]);
    if (!standardOp(mul, "Mul") || mul.inputs.size() != 2)
        return nullptr;
    const TensorId x = sigmoid.inputs[0];
    const bool pairs = (mul.inputs[0] == x && mul.inputs[1] == sigmoid.outputs[0])
        || (mul.inputs[1] == x && mul.inputs[0] == sigmoid.outputs[0]);
    return pairs ? &mul : nullptr;
}

bool isLayoutTransposeAtInput(const Graph& g, const Node& node)
{
    if (!standardOp(node, "Transpose") || node.inputs.size() != 1 || node.outputs.size() != 1)
        return false;
    const std::vector<int64_t> perm = node.intsAttr("perm");
    const Tensor& in = g.tensor(node.inputs[0]);
    return in.role == TensorRole::GraphInput && !perm.empty() && perm[0] == 0;
}

bool isLayoutTransposeAtOutput(const Graph& g, const Node& node)
{
    if (!standardOp(node, "Transpose") || node.inputs.size() != 1 || node.outputs.size() != 1)
        return false;
    const std::vector<int64_t> perm = node.intsAttr("perm");
    return !perm.empty() && perm[0] == 0 && onlyOutputsRead(g, node.outputs[0]);
}

std::string earlyExitProblem(const Graph& g)
{
    for (NodeId id : g.topologicalOrder()) {
        const Node& n = g.node(id);
        if (!standardOp(n, "If"))
            continue;
        // The exit decision: the nodes computing the If's condition from the exit's classifier.
        std::vector<std::string> chain;
        TensorId t = n.inputs.empty() ? kNoId : n.inputs[0];
        while (t != kNoId && g.tensor(t).producer != kNoId && chain.size() < 8) {
            const Node& p = g.node(g.tensor(t).producer);
            const std::string op = p.opType;
            if (op != "Softmax" && op != "ReduceMax" && op != "Greater" && op != "Less" && op != "Cast" && op != "Not"
                && op != "GreaterOrEqual" && op != "ArgMax" && op != "ReduceSum")
                break;
            chain.insert(chain.begin(), op);
            t = p.inputs.empty() ? kNoId : p.inputs[0];
        }
        std::string decision;
        for (const std::string& op : chain)
            decision += (decision.empty() ? "" : " -> ") + op;
        return "node '" + n.name + "' (If) is an early exit (ATHEENA style"
            + (decision.empty() ? std::string() : ", its decision " + decision) + "): fpgaConvNet has no layer for the exit "
            "decision or the If that takes it, and Foldwise does not model early exits (a taken probability per exit, "
            "later stages seeing the samples that go on); design the backbone exported without its exits";
    }
    return {};
}

} // namespace foldwise::fpgaconvnet
