#include "hw/fpgaconvnet/HardwareGraph.h"

#include "hw/HardwareSupport.h"
#include "hw/fpgaconvnet/GraphPatterns.h"

#include "layers/LayerFigures.h"
#include "model/FusedActivations.h"
#include "model/ModelError.h"
#include "model/ShapeValueFolding.h"
#include "model/qonnx/QonnxOps.h"
#include "profile/ActivationProfile.h"

#include <algorithm>
#include <map>
#include <optional>
#include <set>

namespace foldwise::fpgaconvnet {
namespace {

// Nodes that only reshape or relabel a stream: the hardware passes it on.
const std::set<std::string> kPassThrough = {"Flatten", "Reshape", "Squeeze", "Unsqueeze", "Identity", "Dropout"};

// The channel index-add the pruning pass puts before a residual Add whose inputs kept different
// channels (passes/ChannelShrinking.h): a Pad appending a zero channel, then a Gather along the
// channels with constant indices, read by the Add only. In hardware the EltWise layer inserts
// the zero channels as it reads the narrower stream, so both nodes belong to that layer.
bool isChannelIndexAdd(const Graph& g, const Node& node)
{
    const auto onlyReader = [&](const Node& n) -> const Node* {
        if (n.outputs.empty() || n.outputs[0] == kNoId || g.tensor(n.outputs[0]).isGraphOutput
            || g.tensor(n.outputs[0]).consumers.size() != 1)
            return nullptr;
        return &g.node(g.tensor(n.outputs[0]).consumers[0]);
    };
    const auto gatherOfChannels = [&](const Node& n) {
        const Node* next = onlyReader(n);
        return n.domain.empty() && n.opType == "Gather" && n.intAttr("axis", 0) == 1 && n.inputs.size() == 2
            && g.isConstant(n.inputs[1]) && next && next->domain.empty() && next->opType == "Add";
    };
    if (node.domain.empty() && node.opType == "Pad") {
        const Node* next = onlyReader(node);
        return next && gatherOfChannels(*next);
    }
    return gatherOfChannels(node);
}

// A layer under construction: its activation inputs and its outputs as tensors (several for a
// Chop, one per channel range).
struct Pending {
    HardwareLayer layer;
    std::vector<TensorId> inputTensors;
    std::vector<TensorId> outputTensors;
};

// "3 channel shuffles (a, b, c)": a note's count and first names.
std::string counted(const std::vector<std::string>& names, const std::string& what)
{
    std::string text = std::to_string(names.size()) + " " + what + " (";
    for (std::size_t i = 0; i < names.size() && i < 3; ++i)
        text += (i ? ", " : "") + ("'" + names[i] + "'");
    return text + (names.size() > 3 ? ", ...)" : ")");
}

struct Dims {
    int64_t c = 1, h = 1, w = 1;
};

// ONNX's 2-D pads [h_begin, w_begin, h_end, w_end].
void setPads2d(HardwareLayer& l, const std::vector<int64_t>& pads)
{
    l.padTop = pads[0];
    l.padLeft = pads[1];
    l.padBottom = pads[2];
    l.padRight = pads[3];
}

// N x C [x H [x W]] at batch 1 -> C, H, W; N x F -> F, 1, 1.
Dims dimsOf(const Shape& s)
{
    const std::vector<int64_t> v = s.values();
    Dims d;
    if (v.size() >= 2)
        d.c = v[1];
    if (v.size() >= 3)
        d.h = v[2];
    if (v.size() >= 4)
        d.w = v[3];
    if (v.size() == 3) { // N x C x W: a 1-D stream is one row
        d.w = v[2];
        d.h = 1;
    }
    return d;
}

// A tensor nothing reads but the graph's outputs (through Identity nodes), or nothing at all.
bool endsTheGraph(const Graph& g, TensorId t)
{
    if (t == kNoId || g.tensor(t).isGraphOutput)
        return true;
    for (NodeId c : g.tensor(t).consumers) {
        const Node& n = g.node(c);
        if (!(n.domain.empty() && n.opType == "Identity" && n.outputs.size() == 1 && endsTheGraph(g, n.outputs[0])))
            return false;
    }
    return true;
}

// A Transpose whose stream is flattened next (through reshapes): it only reorders the
// flattened vector, which is the next inner product's weight order, so no hardware.
bool transposeBeforeFlatten(const Graph& g, const Node& n)
{
    if (!(n.domain.empty() && n.opType == "Transpose") || n.outputs.size() != 1)
        return false;
    const auto& readers = g.tensor(n.outputs[0]).consumers;
    if (readers.size() != 1)
        return false;
    const Node& next = g.node(readers[0]);
    return next.domain.empty() && (next.opType == "Flatten" || next.opType == "Reshape") && next.outputs.size() == 1
        && g.tensor(next.outputs[0]).hasShape && g.tensor(next.outputs[0]).shape.rank() == 2;
}

// A Pad the next layer takes into its own padding (as fpgaConvNet's parser folds it with
// onnxoptimizer's fuse_pad_into_conv/pool): constant mode, spatial pads only, none negative,
// read by one Conv, MaxPool or AveragePool; the value 0 (or, for MaxPool, -inf/lowest, which is
// MaxPool's own padding). All-zero pads are no padding at all (eliminate_nop_pad).
struct FoldedPad {
    bool nop = false;
    int64_t top = 0, left = 0, bottom = 0, right = 0;
};

std::optional<FoldedPad> foldablePad(const Model& model, const Node& n)
{
    const Graph& g = model.graph();
    if (!(n.domain.empty() && n.opType == "Pad") || n.outputs.size() != 1 || n.inputs.empty())
        return std::nullopt;
    if (n.stringAttr("mode", "constant") != "constant")
        return std::nullopt;
    std::vector<int64_t> pads;
    double value = 0;
    if (model.opsetVersion("") < 11) {
        pads = n.intsAttr("pads");
        value = n.floatAttr("value", 0.0f);
    } else {
        const ConstantData* p = n.inputs.size() > 1 && n.inputs[1] != kNoId ? g.constantData(n.inputs[1]) : nullptr;
        if (!p || (n.inputs.size() > 3 && n.inputs[3] != kNoId))
            return std::nullopt;
        for (double v : p->toDoubles())
            pads.push_back(static_cast<int64_t>(v));
        if (n.inputs.size() > 2 && n.inputs[2] != kNoId) {
            const ConstantData* c = g.constantData(n.inputs[2]);
            const std::vector<double> v = c ? c->toDoubles() : std::vector<double>{};
            if (v.size() != 1)
                return std::nullopt;
            value = v[0];
        }
    }
    const std::size_t rank = pads.size() / 2;
    if (pads.size() % 2 != 0 || rank < 3 || rank > 4)
        return std::nullopt;
    FoldedPad f;
    if (std::all_of(pads.begin(), pads.end(), [](int64_t p) { return p == 0; })) {
        f.nop = true;
        return f;
    }
    if (pads[0] != 0 || pads[1] != 0 || pads[rank] != 0 || pads[rank + 1] != 0
        || std::any_of(pads.begin(), pads.end(), [](int64_t p) { return p < 0; }))
        return std::nullopt;
    const auto& readers = g.tensor(n.outputs[0]).consumers;
    if (readers.size() != 1 || g.tensor(n.outputs[0]).isGraphOutput)
        return std::nullopt;
    const Node& next = g.node(readers[0]);
    const bool conv = next.domain.empty() && next.opType == "Conv";
    const bool maxPool = next.domain.empty() && next.opType == "MaxPool";
    const bool avgPool = next.domain.empty() && next.opType == "AveragePool";
    const bool valueFits = value == 0.0 || (maxPool && value <= -3.4028234e38);
    if (!(conv || maxPool || avgPool) || !valueFits)
        return std::nullopt;
    if (rank == 4) {
        f.top = pads[2];
        f.left = pads[3];
        f.bottom = pads[6];
        f.right = pads[7];
    } else { // N x C x W: one row
        f.left = pads[2];
        f.right = pads[5];
    }
    return f;
}

bool isActivation(const Graph& g, TensorId t)
{
    return t != kNoId && !g.isConstant(t);
}

std::vector<double> histogramFor(const Node& node, const LayerFigures& f, const ActivationProfile* profile,
                                 const std::string& file)
{
    const int64_t k = f.kernel.empty() ? 1 : f.kernel[0] * (f.kernel.size() > 1 ? f.kernel[1] : 1);
    const int64_t channels = f.channelsIn.value_or(0);
    if (profile) {
        if (const ConvWindowZeros* c = profile->findConv(node.name)) {
            if (c->channels != channels || c->kernelSize != k)
                throw ModelError(file, "the profile's window histogram of '" + node.name + "' is for "
                                           + std::to_string(c->channels) + " channels and K = " + std::to_string(c->kernelSize)
                                           + ", the layer has " + std::to_string(channels) + " and K = " + std::to_string(k));
            if (c->windowsPerChannel == 0)
                return {};
            std::vector<double> h;
            h.reserve(static_cast<std::size_t>(channels * (k + 1)));
            for (int64_t ch = 0; ch < channels; ++ch)
                for (double v : normalisedWindowHistogram(*c, ch))
                    h.push_back(v);
            return h;
        }
    }
    if (const Attribute* a = node.attribute("channel_sparsity_hist")) {
        if (a->type != AttributeType::Floats || static_cast<int64_t>(a->floats.size()) != channels * (k + 1))
            throw ModelError(file, "node '" + node.name + "': channel_sparsity_hist must hold C_in x (K + 1) = "
                                       + std::to_string(channels * (k + 1)) + " floats");
        return {a->floats.begin(), a->floats.end()};
    }
    return {};
}

} // namespace

const char* layerTypeName(LayerType type)
{
    switch (type) {
    case LayerType::Convolution: return "Convolution";
    case LayerType::InnerProduct: return "InnerProduct";
    case LayerType::Pooling: return "Pooling";
    case LayerType::ReLU: return "ReLU";
    case LayerType::ThresholdedReLU: return "ThresholdedReLU";
    case LayerType::EltWise: return "EltWise";
    case LayerType::Concat: return "Concat";
    case LayerType::Split: return "Split";
    case LayerType::GlobalPooling: return "GlobalPooling";
    case LayerType::Squeeze: return "Squeeze";
    case LayerType::BatchNorm: return "BatchNorm";
    case LayerType::HardSwish: return "HardSwish";
    case LayerType::Sigmoid: return "Sigmoid";
    case LayerType::HardSigmoid: return "HardSigmoid";
    case LayerType::ReSize: return "ReSize";
    case LayerType::Chop: return "Chop";
    }
    return "?";
}

double HardwareLayer::meanWindowSparsity() const
{
    if (windowHistogram.empty())
        return 0.0;
    const int64_t bins = kernelSize() + 1;
    double sum = 0;
    for (std::size_t i = 0; i < windowHistogram.size(); ++i)
        sum += windowHistogram[i] * static_cast<double>(static_cast<int64_t>(i) % bins);
    return sum / static_cast<double>(kernelSize()) / static_cast<double>(channelsIn);
}

int HardwareGraph::indexOf(const std::string& name) const
{
    for (std::size_t i = 0; i < layers.size(); ++i)
        if (layers[i].name == name)
            return static_cast<int>(i);
    return -1;
}

HardwareGraph buildHardwareGraph(const Model& model, const ActivationProfile* profile, const HardwareGraphOptions& options)
{
    const passes::FusedActivations fused = options.mergeFusedActivations ? passes::readFusedActivations(model)
                                                                          : passes::FusedActivations{};
    const Graph& g = model.graph();
    const std::string file = model.file().string();
    std::vector<Pending> pending;
    std::map<TensorId, TensorId> alias; // pass-through output -> the tensor it carries
    std::vector<UnbuildableNode> unsupported;
    const auto resolve = [&](TensorId t) {
        while (alias.count(t))
            t = alias.at(t);
        return t;
    };
    const auto producerLayer = [&](TensorId t) -> Pending* {
        for (Pending& p : pending)
            if (std::find(p.outputTensors.begin(), p.outputTensors.end(), t) != p.outputTensors.end())
                return &p;
        return nullptr;
    };
    if (const std::string exit = earlyExitProblem(g); !exit.empty())
        throw ModelError(file, exit);
    std::set<NodeId> consumed; // nodes built into an earlier node's layer (a Chop's Slices, a SiLU's Mul)
    std::vector<std::string> shuffles, layoutTransposes, silus, batchNorms, broadcasts;

    // Shape values (a flatten's target shape) are not streams.
    const std::vector<bool> shapeValue = shapeValueTensors(g);
    const auto isShapeValue = [&shapeValue](TensorId t) { return t != kNoId && shapeValue[static_cast<std::size_t>(t)]; };
    std::map<TensorId, FoldedPad> foldedPads; // a Pad's output -> the padding its reader takes over
    for (NodeId id : g.topologicalOrder()) {
        const Node& node = g.node(id);
        if (consumed.count(id))
            continue;
        if (!node.outputs.empty() && std::all_of(node.outputs.begin(), node.outputs.end(), [&](TensorId t) {
                return t == kNoId || g.isConstant(t);
            }))
            continue; // constant computation
        if (!node.outputs.empty() && std::all_of(node.outputs.begin(), node.outputs.end(), [&](TensorId t) {
                return t == kNoId || isShapeValue(t);
            }))
            continue; // computes shape values
        std::vector<TensorId> activations;
        for (TensorId t : node.inputs)
            if (isActivation(g, t) && !isShapeValue(t))
                activations.push_back(resolve(t));
        const TensorId out = node.outputs.empty() ? kNoId : node.outputs[0];
        const std::string& op = node.opType;
        const bool standard = node.domain.empty();

        // A classifier's last Softmax/TopK/ArgMax runs on the host.
        const bool hostTail = (op == "Softmax" || op == "LogSoftmax" || op == "TopK" || op == "ArgMax")
            && std::all_of(node.outputs.begin(), node.outputs.end(), [&](TensorId t) { return endsTheGraph(g, t); });
        if (standard && (kPassThrough.count(op) || hostTail || transposeBeforeFlatten(g, node))) {
            if (activations.size() != 1 || out == kNoId)
                throw ModelError(file, "node '" + node.name + "' (" + op + ") reshapes a stream computed at run time "
                                                                          "(fold its shape into a constant first)");
            alias[out] = activations[0];
            continue;
        }
        if (isChannelShuffle(g, node)) { // reorders each pixel's channels: no hardware (GraphPatterns.h)
            alias[node.outputs[0]] = activations.at(0);
            shuffles.push_back(node.name);
            continue;
        }
        // The host hands the stream over in the layout the first layer reads (its consumers
        // then read a graph input), and takes the result in the layout it wants.
        if (isLayoutTransposeAtInput(g, node)) {
            layoutTransposes.push_back(node.name);
            continue;
        }
        if (isLayoutTransposeAtOutput(g, node)) {
            alias[node.outputs[0]] = activations.at(0);
            layoutTransposes.push_back(node.name);
            continue;
        }
        // QONNX: a quantizer sets the width of the stream it passes on (read by the next layer
        // from the model's number formats); the scales around it are part of that arithmetic.
        if (activations.size() == 1 && out != kNoId && qonnx::isQuantizer(qonnx::opOf(node))) {
            alias[out] = activations[0];
            continue;
        }
        if (model.isQuantized() && standard && activations.size() == 1 && out != kNoId
            && (op == "Mul" || op == "Div" || op == "Sub" || (op == "Add" && !producerLayer(activations[0])))) {
            alias[out] = activations[0];
            continue;
        }
        if (standard && activations.size() == 1 && out != kNoId && isChannelIndexAdd(g, node)) {
            alias[out] = activations[0];
            continue;
        }
        if (activations.size() == 1 && out != kNoId)
            if (const auto pad = foldablePad(model, node)) {
                alias[out] = activations[0]; // the next layer pads itself (or nothing is padded)
                if (!pad->nop)
                    foldedPads[out] = *pad;
                continue;
            }
        if (standard && op == "BatchNormalization" && activations.size() == 1) {
            Pending* p = producerLayer(activations[0]);
            if (p && (p->layer.type == LayerType::Convolution || p->layer.type == LayerType::InnerProduct)
                && g.tensor(node.inputs[0]).consumers.size() == 1) {
                alias[out] = activations[0]; // folded into the convolution's weights and bias
                p->layer.hasBias = true;
                continue;
            }
        }
        if (const passes::FusedActivation* merge = fused.byActivation(node.name); merge && activations.size() == 1) {
            Pending* p = producerLayer(activations[0]);
            if (p && p->layer.onnxNode == merge->layer) {
                alias[out] = activations[0]; // computed at the layer's output (hls4ml's merged ReLU)
                p->layer.fusedActivation = node.name;
                continue;
            }
        }
        if (standard && op == "Add" && activations.size() == 1) {
            Pending* p = producerLayer(activations[0]);
            if (p && (p->layer.type == LayerType::Convolution || p->layer.type == LayerType::InnerProduct)) {
                alias[out] = activations[0]; // a bias
                p->layer.hasBias = true;
                continue;
            }
        }

        const LayerFigures f = computeLayerFigures(model, id);
        Pending p;
        p.inputTensors = activations;
        p.outputTensors = {out};
        HardwareLayer& l = p.layer;
        l.name = node.name;
        l.onnxNode = node.name;
        l.opType = op;
        const auto tensorName = [&](std::size_t k, const std::vector<TensorId>& ids) {
            return k < ids.size() && ids[k] != kNoId ? g.tensor(ids[k]).name : std::string();
        };
        l.inputTensor = tensorName(0, node.inputs);
        l.outputTensor = tensorName(0, node.outputs);
        l.onnxInputCount = static_cast<int>(std::count_if(node.inputs.begin(), node.inputs.end(), [](TensorId t) { return t != kNoId; }));
        if (op == "Conv" || op == "Gemm" || op == "MatMul") {
            l.weightsTensor = tensorName(1, node.inputs);
            l.biasTensor = tensorName(2, node.inputs);
        }
        bool known = standard;
        if (!standard) {
        } else if (op == "Conv") {
            l.type = LayerType::Convolution;
            const std::vector<int64_t> dil = f.dilations;
            if (std::any_of(dil.begin(), dil.end(), [](int64_t d) { return d != 1; }))
                throw ModelError(file, "node '" + node.name + "': dilated convolutions have no fpgaConvNet layer");
            if (f.kernel.size() == 2) {
                l.kernelH = f.kernel[0];
                l.kernelW = f.kernel[1];
                l.strideH = f.strides[0];
                l.strideW = f.strides[1];
                setPads2d(l, f.pads);
            } else if (f.kernel.size() == 1) {
                l.kernelW = f.kernel[0];
                l.strideW = f.strides[0];
                l.padLeft = f.pads[0];
                l.padRight = f.pads[1];
            } else {
                throw ModelError(file, "node '" + node.name + "': only 1-D and 2-D convolutions have fpgaConvNet layers");
            }
            l.groups = f.groups;
            l.filters = f.channelsOut.value_or(0);
            l.hasBias = node.inputs.size() > 2 && node.inputs[2] != kNoId;
            l.windowHistogram = histogramFor(node, f, profile, file);
        } else if (op == "Gemm" || op == "MatMul") {
            l.type = LayerType::InnerProduct;
            l.hasBias = op == "Gemm" && node.inputs.size() > 2 && node.inputs[2] != kNoId;
        } else if (op == "MaxPool" || op == "AveragePool") {
            l.type = LayerType::Pooling;
            l.pooling = op == "MaxPool" ? "max" : "avg";
            l.kernelH = f.kernel.size() == 2 ? f.kernel[0] : 1;
            l.kernelW = f.kernel.empty() ? 1 : f.kernel.back();
            l.strideH = f.strides.size() == 2 ? f.strides[0] : 1;
            l.strideW = f.strides.empty() ? 1 : f.strides.back();
            if (f.pads.size() == 4)
                setPads2d(l, f.pads);
        } else if (op == "GlobalAveragePool" || op == "GlobalMaxPool" || op == "ReduceMean") {
            l.type = LayerType::GlobalPooling;
            l.pooling = op == "GlobalMaxPool" ? "max" : "avg";
        } else if (op == "Relu" || op == "LeakyRelu" || (op == "Clip" && activations.size() == 1)) {
            l.type = LayerType::ReLU; // fpgaConvNet's parser builds LeakyRelu and Clip as ReLU too
        } else if (op == "BatchNormalization" && activations.size() == 1) {
            l.type = LayerType::BatchNorm; // no convolution before it to absorb it (it reads a Concat, ...)
            batchNorms.push_back(node.name);
        } else if (op == "HardSwish") {
            l.type = LayerType::HardSwish;
        } else if (op == "Sigmoid" && siluMul(g, node)) {
            // SiLU: one activation layer, as fpgaConvNet's fuse_mul_sigmoid_into_hardswish makes it.
            const Node& mul = *siluMul(g, node);
            consumed.insert(*g.findNode(mul.name));
            l.type = LayerType::HardSwish;
            l.name = l.onnxNode = mul.name;
            l.opType = "Silu";
            l.outputTensor = tensorName(0, mul.outputs);
            p.outputTensors = {mul.outputs[0]};
            silus.push_back(mul.name);
        } else if (op == "Sigmoid") {
            l.type = LayerType::Sigmoid;
        } else if (op == "HardSigmoid") {
            l.type = LayerType::HardSigmoid;
        } else if ((op == "Resize" || op == "Upsample") && node.stringAttr("mode", "nearest") == "nearest") {
            l.type = LayerType::ReSize;
        } else if (op == "Split" || op == "Slice") {
            const std::optional<ChannelChop> chop = channelChop(g, node);
            if (!chop) {
                known = false;
            } else {
                l.type = LayerType::Chop;
                l.outputChannels = chop->channels;
                l.ports = static_cast<int>(chop->outputs.size());
                p.outputTensors = chop->outputs;
                consumed.insert(chop->nodes.begin(), chop->nodes.end());
            }
        } else if (op == "ThresholdedRelu") {
            l.type = LayerType::ThresholdedReLU;
            l.threshold = node.floatAttr("alpha", 1.0f);
        } else if ((op == "Add" || op == "Mul") && activations.size() == 2) {
            l.type = LayerType::EltWise;
            l.eltwise = op == "Add" ? "add" : "mul";
            l.ports = 2;
            // Equal maps, or a 1 x 1 x C vector scaling every pixel (squeeze-excitation).
            const Dims a = dimsOf(g.tensor(activations[0]).shape), b = dimsOf(g.tensor(activations[1]).shape);
            const auto vectorOf = [](const Dims& v, const Dims& map) { return v.c == map.c && v.h == 1 && v.w == 1 && (map.h > 1 || map.w > 1); };
            if (vectorOf(a, b) || vectorOf(b, a)) {
                l.broadcast = true;
                broadcasts.push_back(node.name);
            } else if (a.h != b.h || a.w != b.w) {
                known = false;
            }
        } else if (op == "Concat") {
            l.type = LayerType::Concat;
            l.ports = static_cast<int>(activations.size());
        } else {
            known = false;
        }
        if (!known || activations.empty()) {
            const std::string qualifiedOp = (node.domain.empty() ? "" : node.domain + ":") + op;
            unsupported.push_back({node.name, qualifiedOp, "fpgaConvNet has no layer for " + qualifiedOp});
            continue;
        }
        if (!f.inputShapeKnown || !f.outputShapeKnown || !f.inputShape.isStatic() || !f.outputShape.isStatic())
            throw ModelError(file, "node '" + node.name + "': fpgaConvNet layers need static shapes, and shape "
                                                          "inference left this one's open (give the input shape)");
        // Widths a quantised model states: its input's format (after the quantizer) and its weights'.
        if (f.inputFormat)
            l.dataBits = f.inputFormat->bits;
        if (f.weightFormat)
            l.weightBits = f.weightFormat->bits;
        // A window layer sees its own input's layout (a reshape before it may make the feature
        // map); an inner product the feature map before its flatten, as fpgaConvNet describes it.
        const bool window = l.type == LayerType::Convolution || l.type == LayerType::Pooling;
        // A folded Pad: the layer reads the unpadded map and pads it itself.
        const TensorId ownInput = node.inputs.empty() ? kNoId : node.inputs[0];
        const auto folded = window && ownInput != kNoId ? foldedPads.find(ownInput) : foldedPads.end();
        if (folded != foldedPads.end()) {
            l.padTop += folded->second.top;
            l.padLeft += folded->second.left;
            l.padBottom += folded->second.bottom;
            l.padRight += folded->second.right;
            l.inputTensor = g.tensor(activations[0]).name; // the Pad is gone: the layer reads its input
        }
        const Dims in = dimsOf(folded != foldedPads.end() ? g.tensor(activations[0]).shape
                               : window                   ? f.inputShape
                                                          : g.tensor(activations[0]).shape);
        const Dims outDims = dimsOf(f.outputShape);
        l.channelsIn = in.c;
        l.rowsIn = in.h;
        l.colsIn = in.w;
        l.channelsOut = outDims.c;
        l.rowsOut = outDims.h;
        l.colsOut = outDims.w;
        if (l.type == LayerType::EltWise) // an index-add may have narrowed an input; the layer reads the union
            l.channelsIn = l.channelsOut;
        if (l.broadcast) { // the layer streams the full map; the vector waits in a buffer
            l.rowsIn = l.rowsOut;
            l.colsIn = l.colsOut;
        }
        if (l.type == LayerType::Chop) { // its figures are of the first range; the layer's are the whole
            l.rowsOut = l.rowsIn;
            l.colsOut = l.colsIn;
            l.channelsOut = l.channelsIn;
        }
        if (l.type == LayerType::ReSize) {
            if (l.rowsIn < 1 || l.colsIn < 1 || l.rowsOut % l.rowsIn != 0 || l.colsOut % l.colsIn != 0 || l.channelsOut != l.channelsIn) {
                unsupported.push_back({node.name, op, "fpgaConvNet has no layer for a " + op
                                                          + " that is not an integer upsampling of rows and columns"});
                continue;
            }
            l.scaleH = l.rowsOut / l.rowsIn;
            l.scaleW = l.colsOut / l.colsIn;
        }
        if (l.type == LayerType::InnerProduct) {
            // A fully connected layer sees the whole flattened input as its channels.
            const std::vector<int64_t> v = g.tensor(activations[0]).shape.values();
            int64_t flat = 1;
            for (std::size_t i = 1; i < v.size(); ++i)
                flat *= v[i];
            l.channelsIn = flat;
            l.rowsIn = l.colsIn = l.rowsOut = l.colsOut = 1;
            l.filters = l.channelsOut;
        }
        if (l.type == LayerType::Concat)
            for (TensorId t : activations)
                l.inputChannels.push_back(dimsOf(g.tensor(t).shape).c);
        if (l.type == LayerType::GlobalPooling)
            l.rowsOut = l.colsOut = 1;
        pending.push_back(std::move(p));
    }
    if (!unsupported.empty()) {
        std::string list;
        for (std::size_t i = 0; i < unsupported.size() && i < 8; ++i)
            list += (i ? ", '" : "'") + unsupported[i].node + "' (" + unsupported[i].op + ")";
        const std::string message = "fpgaConvNet has no layer for " + std::to_string(unsupported.size()) + " node(s): "
            + list + (unsupported.size() > 8 ? ", ..." : "");
        throw UnsupportedNodesError(file, message, std::move(unsupported));
    }
    if (pending.empty())
        throw ModelError(file, "the model has no layer fpgaConvNet can build");
    HardwareGraph graph;
    // What the conversion made of the nodes fpgaConvNet's parser would handle otherwise, a note
    // for each kind it met: "<count> <what> (<names>)<explanation>".
    struct Note {
        const std::vector<std::string>& names;
        const char* what;
        const char* explanation;
    };
    const Note notes[] = {
        {shuffles, "channel shuffle(s)",
         " have no hardware: Reshape -> Transpose -> Reshape only permutes the channels inside each "
         "pixel of a pixel-major, channel-minor stream, so the layer writing the stream emits its "
         "channels in the shuffled order and the next layer's weights are ordered to match"},
        {layoutTransposes, "layout Transpose(s)",
         " at the graph's input or output dropped: the host reads and writes the buffer in the layout the stream has"},
        {silus, "SiLU(s)",
         " (x * Sigmoid(x)) built as one HardSwish layer each, as fpgaConvNet's parser fuses them "
         "(fuse_mul_sigmoid_into_hardswish)"},
        {batchNorms, "BatchNormalization(s)",
         " no convolution before them absorbs are BatchNorm layers; fpgaConvNet's own parser has no "
         "converter for them (its BatchNormLayer class is what config.json describes)"},
        {broadcasts, "broadcast multiply(s)",
         " (a 1 x 1 x C vector times the map) are EltWise layers over the full map; fpgaConvNet's "
         "parser would size them by their first input and never sets broadcast"},
    };
    for (const Note& note : notes)
        if (!note.names.empty())
            graph.notes.push_back(counted(note.names, note.what) + note.explanation);

    // Layers in order, with a Split after every layer whose output several layers read.
    graph.modelName = model.file().stem().string();
    std::map<TensorId, int> source; // tensor -> layer index feeding it to readers
    std::map<TensorId, int> readers;
    for (const Pending& p : pending)
        for (TensorId t : p.inputTensors)
            ++readers[t];
    for (Pending& p : pending) {
        HardwareLayer layer = p.layer;
        for (TensorId t : p.inputTensors) {
            const auto it = source.find(t);
            layer.inputs.push_back(it == source.end() ? -1 : it->second);
        }
        const int index = static_cast<int>(graph.layers.size());
        graph.layers.push_back(std::move(layer));
        for (std::size_t port = 0; port < p.outputTensors.size(); ++port) {
            const TensorId t = p.outputTensors[port];
            source[t] = index;
            if (readers[t] <= 1)
                continue;
            const HardwareLayer& from = graph.layers[static_cast<std::size_t>(index)];
            HardwareLayer split;
            split.name = from.name + (p.outputTensors.size() > 1 ? "_" + std::to_string(port) : std::string()) + "_split";
            split.type = LayerType::Split;
            split.opType = "Split";
            split.rowsIn = split.rowsOut = from.rowsOut;
            split.colsIn = split.colsOut = from.colsOut;
            split.channelsIn = split.channelsOut = from.type == LayerType::Chop ? from.outputChannels[port] : from.channelsOut;
            split.ports = readers[t];
            split.inputs = {index};
            source[t] = static_cast<int>(graph.layers.size());
            graph.layers.push_back(std::move(split));
        }
    }
    for (std::size_t i = 0; i < graph.layers.size(); ++i)
        for (int in : graph.layers[i].inputs)
            if (in >= 0)
                graph.layers[static_cast<std::size_t>(in)].outputs.push_back(static_cast<int>(i));
    return graph;
}

} // namespace foldwise::fpgaconvnet
