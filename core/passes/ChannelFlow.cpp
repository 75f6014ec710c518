#include "passes/ChannelFlow.h"

#include "model/qonnx/QonnxOps.h"
#include "passes/ConstantTensors.h"
#include "passes/QuantisedWeights.h"

#include <onnx/onnx_pb.h>

#include <algorithm>
#include <set>

namespace foldwise::passes {
namespace {

// Ops whose output channel c depends on input channel c only (their constant operands, where
// they have any, are scalars or per-channel statistics the shrinking slices).
const std::set<std::string> kChannelwise = {
    "Relu",         "LeakyRelu",   "Elu",   "Selu",     "Sigmoid",         "Tanh",          "HardSigmoid",
    "HardSwish",    "Softplus",    "Softsign", "Abs",   "Neg",             "Identity",      "Dropout",
    "ThresholdedRelu", "Clip",     "MaxPool", "AveragePool", "GlobalAveragePool", "GlobalMaxPool", "LpPool",
    "BatchNormalization"};

class Analyser {
public:
    explicit Analyser(const Model& model) : model_(model), g_(model.graph()) {}
    ChannelFlow run();

private:
    bool activation(TensorId t) const
    {
        return t != kNoId && !g_.isConstant(t) && g_.tensor(t).role != TensorRole::Initializer;
    }
    bool tracked(TensorId t) const { return t != kNoId && flow_.channels[static_cast<std::size_t>(t)] > 0; }
    int64_t channels(TensorId t) const { return flow_.channels[static_cast<std::size_t>(t)]; }
    bool extraOutputsRead(const Node& n) const;
    ChannelNode classify(const Node& n) const;
    std::string classifyConv(const Node& n, ChannelNode& c) const;
    std::string classifyMatrix(const Node& n, ChannelNode& c) const;
    std::string classifyPad(const Node& n) const;
    std::string classifyBinary(const Node& n, ChannelNode& c) const;
    std::string classifyFlatten(const Node& n, ChannelNode& c) const;
    std::string classifyQuantizer(const Node& n, ChannelNode& c) const;
    // A layer's weights behind a quantizer must be editable (its only reader, constant operands).
    std::string checkQuantisedWeight(const Node& n) const;
    void lock();
    void findLayers();
    void findTrunk();
    // The tensor a chain of channel-preserving nodes started from, and the node that made it.
    TensorId chainStart(TensorId t, bool throughDepthwise) const;

    const Model& model_;
    const Graph& g_;
    ChannelFlow flow_;
};

bool Analyser::extraOutputsRead(const Node& n) const
{
    for (std::size_t i = 1; i < n.outputs.size(); ++i)
        if (n.outputs[i] != kNoId && (!g_.tensor(n.outputs[i]).consumers.empty() || g_.tensor(n.outputs[i]).isGraphOutput))
            return true;
    return false;
}

std::string Analyser::checkQuantisedWeight(const Node& n) const
{
    std::string why;
    quantisedWeight(model_, n, 1, why);
    return why;
}

// A quantizer on an activation is channel-wise when its parameters are per tensor or per channel
// (the shrinking slices per-channel ones); MultiThreshold's thresholds are one row or one per
// channel, and only its NCHW form keeps channels on axis 1.
std::string Analyser::classifyQuantizer(const Node& n, ChannelNode& c) const
{
    const qonnx::Op op = qonnx::opOf(n);
    const std::size_t rank = g_.tensor(c.output).shape.rank();
    const int64_t channels = this->channels(c.output);
    if (op == qonnx::Op::MultiThreshold) {
        if (n.stringAttr("data_layout", "NCHW") != "NCHW")
            return "a channels-last MultiThreshold";
        const auto t = numericConstant(model_, n.inputs[1]);
        if (!t || t->dims.size() != 2 || (t->dims[0] != 1 && t->dims[0] != channels))
            return "its thresholds are not constant rows (one, or one per channel)";
        c.op = ChannelOp::PassThrough;
        return {};
    }
    for (std::size_t i = 1; i < n.inputs.size(); ++i) {
        const auto p = numericConstant(model_, n.inputs[i]);
        if (!p)
            return "its parameter " + std::to_string(i) + " is not a constant";
        if (p->values.size() == 1)
            continue;
        const auto axis = static_cast<int64_t>(p->dims.size()) - static_cast<int64_t>(rank) + 1;
        for (std::size_t d = 0; d < p->dims.size(); ++d)
            if (p->dims[d] != (static_cast<int64_t>(d) == axis ? channels : 1))
                return "its parameter " + std::to_string(i) + " is neither per tensor nor per channel";
    }
    c.op = ChannelOp::PassThrough;
    return {};
}

std::string Analyser::classifyConv(const Node& n, ChannelNode& c) const
{
    if (std::string why = checkQuantisedWeight(n); !why.empty())
        return why;
    const std::optional<FloatConstant> w = n.inputs.size() > 1 ? floatConstant(model_, n.inputs[1]) : std::nullopt;
    if (!w || w->dims.size() < 3)
        return "its weights are not a constant float tensor";
    if (n.inputs.size() > 2 && n.inputs[2] != kNoId && !floatConstant(model_, n.inputs[2]))
        return "its bias is not a constant float tensor";
    const int64_t groups = n.intAttr("group", 1);
    const int64_t cin = channels(c.inputs[0]);
    if (w->dims[1] * groups != cin)
        return "its weights do not match its " + std::to_string(cin) + " input channels";
    if (groups == 1) {
        c.op = ChannelOp::Layer;
    } else if (groups == cin && w->dims[0] % cin == 0) {
        c.op = ChannelOp::Depthwise;
        c.spread = w->dims[0] / cin;
    } else {
        return "it is a grouped convolution (" + std::to_string(groups) + " groups)";
    }
    return {};
}

std::string Analyser::classifyMatrix(const Node& n, ChannelNode& c) const
{
    if (g_.tensor(c.inputs[0]).shape.rank() != 2 || c.inputSlots[0] != 0)
        return "it does not multiply a 2-D activation by constant weights";
    if (std::string why = checkQuantisedWeight(n); !why.empty())
        return why;
    if (n.opType == "Gemm" && n.intAttr("transA", 0) != 0)
        return "it transposes its activation input";
    const std::optional<FloatConstant> b = floatConstant(model_, n.inputs[1]);
    if (!b || b->dims.size() != 2)
        return "its weights are not a constant 2-D float tensor";
    if (n.opType == "Gemm" && n.inputs.size() > 2 && n.inputs[2] != kNoId) {
        const std::optional<FloatConstant> bias = floatConstant(model_, n.inputs[2]);
        const int64_t outputs = n.intAttr("transB", 0) != 0 ? b->dims[0] : b->dims[1];
        const int64_t count = bias ? static_cast<int64_t>(bias->values.size()) : -1;
        if (!bias || (count != 1 && count != outputs) || (count == outputs && outputs > 1 && bias->dims.size() == 2 && bias->dims[0] != 1))
            return "its bias (C) is not a constant with one value or one per output";
    }
    c.op = ChannelOp::Layer;
    return {};
}

std::string Analyser::classifyPad(const Node& n) const
{
    if (n.stringAttr("mode", "constant") != "constant" && n.stringAttr("mode", "constant") != "edge"
        && n.stringAttr("mode", "constant") != "reflect")
        return "unknown Pad mode";
    std::vector<int64_t> pads;
    if (model_.opsetVersion("") < 11) {
        pads = n.intsAttr("pads");
    } else {
        if (n.inputs.size() > 3 && n.inputs[3] != kNoId)
            return "it pads chosen axes only";
        const ConstantData* p = n.inputs.size() > 1 ? g_.constantData(n.inputs[1]) : nullptr;
        if (!p)
            return "its pads are not constant";
        for (double v : p->toDoubles())
            pads.push_back(static_cast<int64_t>(v));
    }
    const std::size_t rank = pads.size() / 2;
    if (rank < 2 || pads[0] != 0 || pads[1] != 0 || pads[rank] != 0 || pads[rank + 1] != 0)
        return "it pads the batch or channel axis";
    return {};
}

// A constant operand keeps the op channel-wise when it broadcasts over the channel axis.
std::string Analyser::classifyBinary(const Node& n, ChannelNode& c) const
{
    const std::size_t rank = g_.tensor(c.output).shape.rank();
    for (std::size_t i = 0; i < n.inputs.size(); ++i) {
        if (activation(n.inputs[i]) || n.inputs[i] == kNoId)
            continue;
        const Tensor& k = g_.tensor(n.inputs[i]);
        if (!k.hasShape)
            return "a constant operand has an unknown shape";
        const auto axis = static_cast<int64_t>(k.shape.rank()) - static_cast<int64_t>(rank) + 1;
        if (axis >= 0 && !(k.shape[static_cast<std::size_t>(axis)].isKnown() && k.shape[static_cast<std::size_t>(axis)].value == 1))
            return "a constant operand differs per channel";
    }
    c.op = ChannelOp::PassThrough;
    return {};
}

std::string Analyser::classifyFlatten(const Node& n, ChannelNode& c) const
{
    const Shape& in = g_.tensor(c.inputs[0]).shape;
    if (n.opType == "Flatten") {
        if (n.intAttr("axis", 1) != 1)
            return "it flattens from an axis other than 1";
    } else {
        const ConstantData* shape = n.inputs.size() > 1 ? g_.constantData(n.inputs[1]) : nullptr;
        const std::vector<double> v = shape ? shape->toDoubles() : std::vector<double>{};
        if (v.size() != 2 || v[1] != -1 || v[0] < 0 || n.intAttr("allowzero", 0) != 0)
            return "it reshapes to something other than N x -1";
    }
    int64_t spread = 1;
    for (std::size_t i = 2; i < in.rank(); ++i) {
        if (!in[i].isKnown())
            return "its input's spatial size is unknown";
        spread *= in[i].value;
    }
    c.op = ChannelOp::Flatten;
    c.spread = spread;
    return {};
}

ChannelNode Analyser::classify(const Node& n) const
{
    ChannelNode c;
    for (std::size_t i = 0; i < n.inputs.size(); ++i)
        if (activation(n.inputs[i])) {
            c.inputs.push_back(n.inputs[i]);
            c.inputSlots.push_back(static_cast<int>(i));
        }
    const bool constantOnly = !n.outputs.empty()
        && std::all_of(n.outputs.begin(), n.outputs.end(), [&](TensorId t) { return t == kNoId || g_.isConstant(t); });
    if (c.inputs.empty() || constantOnly) {
        c.op = ChannelOp::None;
        return c;
    }
    c.output = n.outputs.empty() ? kNoId : n.outputs[0];
    c.op = ChannelOp::Barrier;
    const auto barrier = [&](std::string why) {
        c.op = ChannelOp::Barrier;
        c.why = std::move(why);
        return c;
    };
    const qonnx::Op qop = qonnx::opOf(n);
    if (qop != qonnx::Op::None && !qonnx::isQuantizer(qop))
        return barrier("it is a channels-last op");
    if (qop == qonnx::Op::None && !n.domain.empty())
        return barrier("it is a custom op");
    const onnx::NodeProto& p = model_.proto().graph().node(n.protoIndex);
    if (p.op_type() != n.opType || !n.implicitInputs.empty())
        return barrier("it is a local function call or has sub-graphs");
    if (!std::all_of(c.inputs.begin(), c.inputs.end(), [&](TensorId t) { return tracked(t); }) || !tracked(c.output))
        return barrier("a channel count it reads or writes is unknown");
    if (extraOutputsRead(n))
        return barrier("a secondary output is read");
    std::string why;
    const std::string& op = n.opType;
    if (qonnx::isQuantizer(qop)) {
        why = c.inputs.size() == 1 && c.inputSlots[0] == 0 ? classifyQuantizer(n, c) : "it quantises a non-constant parameter";
    } else if (op == "Conv" && c.inputs.size() == 1 && c.inputSlots[0] == 0) {
        why = classifyConv(n, c);
    } else if ((op == "Gemm" || op == "MatMul") && c.inputs.size() == 1) {
        why = classifyMatrix(n, c);
    } else if (op == "Add" || op == "Sum") {
        if (c.inputs.size() >= 2) {
            const bool same = c.inputs.size() == n.inputs.size() && std::all_of(c.inputs.begin(), c.inputs.end(), [&](TensorId t) {
                return channels(t) == channels(c.output) && g_.tensor(t).shape.rank() == g_.tensor(c.output).shape.rank();
            });
            c.op = ChannelOp::Union;
            why = same ? "" : "its operands broadcast or have other channel counts";
        } else {
            why = classifyBinary(n, c);
        }
    } else if ((op == "Sub" || op == "Mul" || op == "Div") && c.inputs.size() == 1) {
        why = classifyBinary(n, c);
    } else if ((op == "Flatten" || op == "Reshape") && c.inputSlots[0] == 0 && c.inputs.size() == 1) {
        why = classifyFlatten(n, c);
    } else if (op == "Pad" && c.inputSlots[0] == 0 && c.inputs.size() == 1) {
        why = classifyPad(n);
        c.op = ChannelOp::PassThrough;
    } else if (kChannelwise.count(op) && c.inputs.size() == 1 && c.inputSlots[0] == 0) {
        if (op == "BatchNormalization" && n.intAttr("training_mode", 0) != 0)
            why = "it runs in training mode";
        for (std::size_t i = 1; op == "BatchNormalization" && i < 5 && why.empty(); ++i)
            if (i >= n.inputs.size() || !floatConstant(model_, n.inputs[i]))
                why = "its statistics are not constant";
        c.op = ChannelOp::PassThrough;
    } else {
        why = op + " is not channel-wise";
    }
    if (!why.empty())
        return barrier(why);
    if (c.op == ChannelOp::PassThrough && channels(c.output) != channels(c.inputs[0]))
        return barrier("it changes the channel count");
    return c;
}

void Analyser::lock()
{
    flow_.locked.assign(g_.tensors().size(), false);
    for (TensorId t : g_.outputs())
        flow_.locked[static_cast<std::size_t>(t)] = true;
    for (TensorId t : g_.inputs())
        flow_.locked[static_cast<std::size_t>(t)] = true;
    for (const Node& n : g_.nodes())
        for (TensorId t : n.implicitInputs)
            flow_.locked[static_cast<std::size_t>(t)] = true;
    const std::vector<NodeId>& order = g_.topologicalOrder();
    for (NodeId id : order) {
        const ChannelNode& c = flow_.nodes[static_cast<std::size_t>(id)];
        if (c.op == ChannelOp::Barrier)
            for (TensorId t : c.inputs)
                flow_.locked[static_cast<std::size_t>(t)] = true;
    }
    // Every reader of a tensor comes after its producer, so one backward sweep settles the locks.
    for (auto it = order.rbegin(); it != order.rend(); ++it) {
        const ChannelNode& c = flow_.nodes[static_cast<std::size_t>(*it)];
        const bool follows = c.op == ChannelOp::PassThrough || c.op == ChannelOp::Depthwise || c.op == ChannelOp::Flatten
            || c.op == ChannelOp::Union;
        if (follows && flow_.locked[static_cast<std::size_t>(c.output)])
            for (TensorId t : c.inputs)
                flow_.locked[static_cast<std::size_t>(t)] = true;
    }
}

TensorId Analyser::chainStart(TensorId t, bool throughDepthwise) const
{
    while (g_.tensor(t).producer != kNoId) {
        const ChannelNode& c = flow_.nodes[static_cast<std::size_t>(g_.tensor(t).producer)];
        if (c.op == ChannelOp::PassThrough || (throughDepthwise && c.op == ChannelOp::Depthwise))
            t = c.inputs[0];
        else
            break;
    }
    return t;
}

void Analyser::findLayers()
{
    flow_.layerOf.assign(g_.nodes().size(), -1);
    for (NodeId id : g_.topologicalOrder()) {
        const Node& n = g_.node(id);
        const ChannelNode& c = flow_.nodes[static_cast<std::size_t>(id)];
        if (c.op != ChannelOp::Layer)
            continue;
        if (flow_.locked[static_cast<std::size_t>(c.output)]) {
            flow_.notes.push_back("'" + n.name + "' keeps all its channels: they reach a model output or a node that needs them all");
            continue;
        }
        if (channels(c.output) < 2)
            continue;
        PrunableLayer l;
        l.node = id;
        l.name = n.name;
        l.op = n.opType;
        l.channels = channels(c.output);
        const Tensor& out = g_.tensor(c.output);
        if (out.consumers.size() == 1 && !out.isGraphOutput) {
            const Node& next = g_.node(out.consumers[0]);
            if (next.opType == "BatchNormalization" && flow_.nodes[static_cast<std::size_t>(out.consumers[0])].op == ChannelOp::PassThrough)
                l.batchNorm = out.consumers[0];
        }
        const TensorId start = chainStart(c.inputs[0], false);
        l.stem = g_.tensor(start).role == TensorRole::GraphInput;
        flow_.layerOf[static_cast<std::size_t>(id)] = static_cast<int>(flow_.layers.size());
        flow_.layers.push_back(l);
    }
}

// The residual trunk: every layer whose channels reach an Add through channel-preserving
// nodes (the chains end at a layer, a graph input or another Add, whose own inputs are
// followed when that Add is).
void Analyser::findTrunk()
{
    for (NodeId id : g_.topologicalOrder()) {
        const ChannelNode& c = flow_.nodes[static_cast<std::size_t>(id)];
        if (c.op != ChannelOp::Union)
            continue;
        flow_.residualAdds.push_back(id);
        for (TensorId in : c.inputs) {
            const TensorId start = chainStart(in, true);
            const NodeId producer = g_.tensor(start).producer;
            if (producer == kNoId || flow_.layerOf[static_cast<std::size_t>(producer)] < 0)
                continue;
            PrunableLayer& l = flow_.layers[static_cast<std::size_t>(flow_.layerOf[static_cast<std::size_t>(producer)])];
            l.trunk = true;
            // A shortcut layer shares its input with the branch it bypasses.
            const TensorId layerInput = flow_.nodes[static_cast<std::size_t>(producer)].inputs[0];
            l.role = l.stem ? "stem" : g_.tensor(layerInput).consumers.size() > 1 ? "shortcut" : "branch end";
        }
    }
    for (PrunableLayer& l : flow_.layers)
        if (l.stem && l.role.empty())
            l.role = "stem";
}

ChannelFlow Analyser::run()
{
    flow_.channels.assign(g_.tensors().size(), 0);
    for (std::size_t t = 0; t < g_.tensors().size(); ++t) {
        const Tensor& x = g_.tensors()[t];
        if (activation(static_cast<TensorId>(t)) && x.hasShape && x.shape.rank() >= 2 && x.shape[1].isKnown())
            flow_.channels[t] = x.shape[1].value;
    }
    flow_.nodes.resize(g_.nodes().size());
    for (NodeId id : g_.topologicalOrder())
        flow_.nodes[static_cast<std::size_t>(id)] = classify(g_.node(id));
    lock();
    findLayers();
    findTrunk();
    return flow_;
}

} // namespace

ChannelFlow analyseChannels(const Model& model)
{
    return Analyser(model).run();
}

} // namespace foldwise::passes
