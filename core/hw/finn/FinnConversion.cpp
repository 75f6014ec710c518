#include "hw/finn/FinnConversion.h"

#include "hw/HardwareSupport.h"

#include "hw/finn/FinnFormulas.h"
#include "layers/LayerFigures.h"
#include "model/ModelError.h"
#include "model/ShapeValueFolding.h"
#include "model/qonnx/QonnxOps.h"

#include <algorithm>
#include <map>
#include <optional>
#include <stdexcept>
#include <unordered_map>
#include <utility>

namespace foldwise::finn {
namespace {

// What flows along an activation tensor of the ONNX graph in FINN terms.
struct Stream {
    int producer = -1;           // FINN node that emits it; -1 for the network input
    FinnDataType type;
    bool spatial = true;         // (1, C, H, W) rather than (1, ..., K)
    int64_t channels = 0;        // C, or K for a flat stream
    int64_t h = 1;
    int64_t w = 1;
    int64_t vectors = 1;         // numInputVectors: H * W, or the leading dims of a flat stream
    int rawAccumulatorOf = -1;   // MVAU/VVAU whose accumulators these still are (no activation yet)
    std::vector<std::string> pending; // BatchNormalizations waiting for an activation to absorb them
    // A quantised model's float input before its first quantizer: FINN leaves that quantizer
    // (and any scaling before it) outside the dataflow partition.
    bool outside = false;
    bool thresholded = false; // the output of a threshold, no scaling since
};


class Converter {
public:
    Converter(const Model& model, const ConversionOptions& options)
        : model_(model), g_(model.graph()), options_(options), fromModel_(model.isQuantized() && !options.bitsOverrideModel),
          shapeValues_(shapeValueTensors(model.graph()))
    {
        network_.sourceFile = model.file().string();
    }

    FinnNetwork run();

private:
    [[noreturn]] void fail(const Node& n, const std::string& why) const
    {
        throw UnsupportedNodesError(network_.sourceFile, "node '" + n.name + "' (" + n.opType + "): " + why,
                                    {{n.name, n.opType, why}});
    }

    std::optional<std::vector<int64_t>> dims(TensorId t) const
    {
        if (t == kNoId || !g_.tensor(t).hasShape || !g_.tensor(t).shape.isStatic())
            return std::nullopt;
        return g_.tensor(t).shape.values();
    }
    std::vector<int64_t> requireDims(const Node& n, TensorId t) const
    {
        auto d = dims(t);
        if (!d)
            fail(n, "the shape of '" + g_.tensor(t).name + "' is not known (give the input shape)");
        return *d;
    }
    bool isConstant(TensorId t) const
    {
        return t != kNoId && (g_.isConstant(t) || g_.tensor(t).role == TensorRole::Initializer);
    }
    const Stream& activationInput(const Node& n) const;
    int bits(const std::map<std::string, int>& overrides, const std::string& layer, int fallback) const
    {
        const auto it = overrides.find(layer);
        return it == overrides.end() ? fallback : it->second;
    }
    FinnDataType activationType(const Node& relu) const
    {
        if (fromModel_ && !options_.activationBitsByLayer.count(relu.name))
            if (auto t = finnDataType(model_.numberFormat(relu.outputs[0])))
                return *t;
        const int b = bits(options_.activationBitsByLayer, relu.name, options_.activationBits);
        return b == 1 ? FinnDataType::bipolarType() : FinnDataType::unsignedInt(b);
    }
    FinnDataType weightType(const Node& layer) const
    {
        if (fromModel_ && !options_.weightBitsByLayer.count(layer.name) && layer.inputs.size() > 1)
            if (auto t = finnDataType(model_.numberFormat(layer.inputs[1])))
                return *t;
        return FinnDataType::signedInt(bits(options_.weightBitsByLayer, layer.name, options_.weightBits));
    }
    // A node computing shape values or constants only (a Reshape's target, a decomposed
    // BatchNormalization's divisor): no hardware.
    bool isStatic(const Node& n) const
    {
        return std::all_of(n.outputs.begin(), n.outputs.end(), [this](TensorId t) { return t == kNoId || shapeValue(t); })
            && !n.outputs.empty();
    }
    bool shapeValue(TensorId t) const { return t != kNoId && shapeValues_[static_cast<std::size_t>(t)]; }
    // Readers of a tensor's values (a Shape node reads only its shape).
    std::size_t valueReaders(TensorId t) const
    {
        std::size_t count = 0;
        for (NodeId c : g_.tensor(t).consumers)
            if (!(g_.node(c).opType == "Shape" && g_.node(c).domain.empty()))
                ++count;
        return count;
    }
    bool feedsQuantizer(const Node& n) const
    {
        if (n.outputs.empty() || n.outputs[0] == kNoId)
            return false;
        const auto& readers = g_.tensor(n.outputs[0]).consumers;
        return readers.size() == 1 && qonnx::isQuantizer(qonnx::opOf(g_.node(readers[0])));
    }

    int emit(FinnNode node, const Stream& input, std::vector<std::string> onnx)
    {
        node.producer = input.producer;
        node.onnxNodes = std::move(onnx);
        network_.nodes.push_back(std::move(node));
        return static_cast<int>(network_.nodes.size()) - 1;
    }
    // The compute node (MVAU/VVAU) for a layer: MultiThreshold absorption happens later.
    void setCompute(FinnNode& node, const Node& layer, const Stream& in, int64_t dotLength) const;

    void convertConv(NodeId id, const Node& n);
    void convertDense(const Node& n);
    void convertRelu(const Node& n);
    void activate(const Node& n, Stream s, const FinnDataType& act);
    void convertQuantizer(const Node& n);
    void convertScaling(const Node& n);
    void convertMaxPool(const Node& n);
    void convertTopK(const Node& n);
    bool leaveOutside(const Node& n);
    void convertFlatten(const Node& n);
    void finish();

    const Model& model_;
    const Graph& g_;
    const ConversionOptions& options_;
    FinnNetwork network_;
    std::unordered_map<TensorId, Stream> streams_;
    bool fromModel_ = false; // data types from the model's quantizers and annotations
    std::vector<bool> shapeValues_; // shapeValueTensors: not streams
};

const Stream& Converter::activationInput(const Node& n) const
{
    const Stream* found = nullptr;
    for (TensorId t : n.inputs) {
        if (t == kNoId || isConstant(t) || shapeValue(t))
            continue;
        const auto it = streams_.find(t);
        if (it == streams_.end())
            fail(n, "its input '" + g_.tensor(t).name + "' is not produced by a layer FINN maps to hardware");
        if (found)
            fail(n, "it merges two activation streams, which needs FINN layers (AddStreams, Concat) "
                    "this model does not cover");
        found = &it->second;
    }
    if (!found)
        fail(n, "it has no activation input");
    return *found;
}

void Converter::setCompute(FinnNode& node, const Node& layer, const Stream& in, int64_t dotLength) const
{
    if (in.outside)
        fail(layer, "its input is float: the model quantises nothing before it, and FINN's layers take integers "
                    "(quantise the input, or give --weight-bits/--act-bits to assume widths)");
    node.inputType = in.type;
    node.weightType = weightType(layer);
    if (node.op == FinnOp::Mvau && in.type.bipolar && node.weightType.bipolar) {
        // FINN's ConvertBipolarMatMulToXnorPopcount: bipolar x bipolar becomes XNOR-popcount on
        // BINARY data; the accumulator range is taken with the weights as bipolar.
        node.binaryXnorMode = true;
        node.inputType = FinnDataType::binaryType();
        node.weightType = FinnDataType::binaryType();
        node.accType = formulas::accumulatorType(dotLength, FinnDataType::bipolarType(), node.inputType);
    } else {
        node.accType = formulas::accumulatorType(dotLength, node.weightType, node.inputType);
    }
    node.outputType = node.accType; // noActivation until a MultiThreshold is absorbed
    node.hasBias = layer.inputs.size() > 2 && layer.inputs[2] != kNoId;
}

void Converter::convertConv(NodeId id, const Node& n)
{
    const Stream in = activationInput(n);
    LayerFigures f = computeLayerFigures(model_, id);
    if (f.kernel.size() != 2 && f.kernel.size() != 1)
        fail(n, "only 1-D and 2-D convolutions have FINN layers (kernel has " + std::to_string(f.kernel.size()) + " dims)");
    if (!in.spatial)
        fail(n, "its input is not a (1, C, H, W) or (1, C, L) feature map");
    std::vector<int64_t> outDims = requireDims(n, n.outputs[0]);
    if (f.kernel.size() == 1) {
        // A 1-D convolution is FINN's 2-D one on a 1 x L map (as it lowers Conv1d).
        f.kernel.insert(f.kernel.begin(), 1);
        f.strides.insert(f.strides.begin(), 1);
        f.dilations.insert(f.dilations.begin(), 1);
        if (f.pads.size() == 2)
            f.pads = {0, f.pads[0], 0, f.pads[1]};
        if (outDims.size() == 3)
            outDims.insert(outDims.begin() + 2, 1);
    }
    if (outDims.size() != 4 || outDims[0] != 1)
        fail(n, "expected a 1 x C x H x W output");
    const int64_t cin = in.channels;
    const int64_t cout = outDims[1];
    const int64_t oh = outDims[2];
    const int64_t ow = outDims[3];
    const int64_t group = f.groups;
    const bool depthwise = group > 1 && group == cin && cout == cin;
    if (group != 1 && !depthwise)
        fail(n, "grouped convolution (group=" + std::to_string(group)
                    + ") has no FINN layer: FINN maps group = 1 to an MVAU and depthwise convolutions "
                      "(group = channels = filters) to a VVAU");
    if (!isConstant(n.inputs[1]))
        fail(n, "its weights are not constant");

    std::array<int64_t, 2> k{f.kernel[0], f.kernel[1]};
    std::array<int64_t, 2> s{f.strides[0], f.strides[1]};
    std::array<int64_t, 2> d{f.dilations.size() == 2 ? f.dilations[0] : 1, f.dilations.size() == 2 ? f.dilations[1] : 1};
    // ONNX pads [h_begin, w_begin, h_end, w_end] = FINN's Padding [top, left, bottom, right].
    std::array<int64_t, 4> pads{0, 0, 0, 0};
    const std::string autoPad = n.stringAttr("auto_pad", "NOTSET");
    if (autoPad == "SAME_UPPER" || autoPad == "SAME_LOWER") {
        const int64_t inSize[2] = {in.h, in.w};
        const int64_t outSize[2] = {oh, ow};
        for (int a = 0; a < 2; ++a) {
            const int64_t total =
                std::max<int64_t>(0, (outSize[a] - 1) * s[a] + (k[a] - 1) * d[a] + 1 - inSize[a]);
            const int64_t small = total / 2;
            pads[a] = autoPad == "SAME_UPPER" ? small : total - small;
            pads[a + 2] = total - pads[a];
        }
    } else if (f.pads.size() == 4) {
        pads = {f.pads[0], f.pads[1], f.pads[2], f.pads[3]};
    }
    const bool padded = pads[0] || pads[1] || pads[2] || pads[3];
    const bool pointwise = k[0] == 1 && k[1] == 1;

    Stream cur = in;
    std::vector<std::string> here{n.name};
    if (padded) {
        FinnNode p;
        p.op = FinnOp::FmPadding;
        p.backend = options_.fmPaddingBackend;
        p.channels = cin;
        p.ifmDim = {in.h, in.w};
        p.ofmDim = {in.h + pads[0] + pads[2], in.w + pads[1] + pads[3]};
        p.padding = pads;
        p.inputType = p.outputType = in.type;
        p.folding.simd = cin;
        cur.producer = emit(p, cur, here);
        cur.h = p.ofmDim[0];
        cur.w = p.ofmDim[1];
    }
    int swg = -1;
    if (pointwise && (s[0] > 1 || s[1] > 1)) {
        // InferConvInpGen: a strided 1x1 window only drops pixels - FINN's DownSampler (after
        // the FMPadding, if any).
        const bool oneD = cur.h == 1 || cur.w == 1;
        if (!oneD && !(cur.h == cur.w && s[0] == s[1]))
            fail(n, "a 1x1 convolution with strides (" + std::to_string(s[0]) + ", " + std::to_string(s[1])
                        + ") on a " + std::to_string(cur.h) + "x" + std::to_string(cur.w)
                        + " map: FINN's DownSampler needs a square map and equal strides");
        FinnNode ds;
        ds.op = FinnOp::DownSampler;
        ds.backend = Backend::Hls;
        ds.channels = cin;
        ds.ifmDim = {cur.h, cur.w};
        ds.ofmDim = {oh, ow};
        ds.stride = s;
        ds.inputType = ds.outputType = cur.type;
        ds.folding.simd = cin;
        cur.producer = emit(ds, cur, here);
    } else if (!(pointwise && s[0] == 1 && s[1] == 1 && !padded)) {
        FinnNode w;
        w.op = FinnOp::ConvolutionInputGenerator;
        w.backend = options_.swgBackend;
        w.channels = cin;
        w.ifmDim = {cur.h, cur.w};
        w.ofmDim = {oh, ow};
        w.kernel = k;
        w.stride = s;
        w.dilation = d;
        w.depthwise = depthwise;
        w.inputType = w.outputType = cur.type;
        w.folding.simd = cin;                        // FINN's conversion default
        w.folding.ramStyle = RamStyle::Distributed;  // the SWG's ram_style default
        if (w.backend == Backend::Hls && !formulas::swgHlsPossible(w)) {
            w.backend = Backend::Rtl;
            network_.notes.push_back(n.name + ": FINN has no HLS sliding window for this geometry "
                                              "(non-square, dilated or 1-D); the RTL one is used");
        }
        swg = emit(w, cur, here);
        cur.producer = swg;
    }

    FinnNode c;
    c.ifmDim = {in.h, in.w};
    c.ofmDim = {oh, ow};
    c.kernel = k;
    c.stride = s;
    c.dilation = d;
    c.padding = pads;
    c.channels = cin;
    c.numInputVectors = oh * ow;
    c.backend = Backend::Hls;
    if (depthwise) {
        c.op = FinnOp::Vvau;
        setCompute(c, n, cur, k[0] * k[1]);
        c.folding.pe = cin; // InferVectorVectorActivation's default
    } else {
        c.op = FinnOp::Mvau;
        c.mw = k[0] * k[1] * cin;
        c.mh = cout;
        setCompute(c, n, cur, c.mw);
    }
    std::vector<std::string> onnx = in.pending; // a BatchNormalization before the conv folds into it
    onnx.push_back(n.name);
    const int compute = emit(c, cur, onnx);
    if (depthwise && swg >= 0) {
        network_.nodes[static_cast<std::size_t>(swg)].linked = compute;
        network_.nodes[static_cast<std::size_t>(compute)].linked = swg;
    }
    if (!in.pending.empty())
        network_.notes.push_back(n.name + ": the BatchNormalization before it is taken as folded into its weights");

    Stream out;
    out.producer = compute;
    out.type = network_.nodes.back().outputType;
    out.channels = cout;
    out.h = oh;
    out.w = ow;
    out.vectors = oh * ow;
    out.rawAccumulatorOf = compute;
    streams_[n.outputs[0]] = out;
}

void Converter::convertDense(const Node& n)
{
    const Stream in = activationInput(n);
    if (n.inputs.size() < 2 || !isConstant(n.inputs[1]))
        fail(n, "its second operand (the weights) is not constant");
    const std::vector<int64_t> w = requireDims(n, n.inputs[1]);
    if (w.size() != 2)
        fail(n, "its weights are not a 2-D matrix");
    int64_t mw = w[0];
    int64_t mh = w[1];
    if (n.opType == "Gemm") {
        if (n.intAttr("transA", 0) != 0)
            fail(n, "transA = 1 is not supported (the activation must be the left operand)");
        if (n.intAttr("transB", 0) != 0)
            std::swap(mw, mh);
    }
    const std::vector<int64_t> a = requireDims(n, n.inputs[0]);
    if (in.spatial && in.h * in.w > 1 && a.size() == 4)
        fail(n, "a matrix product over a 4-D feature map; flatten it first");
    if (a.empty() || a.back() != mw)
        fail(n, "its input's last dimension does not match the weights' " + std::to_string(mw) + " rows");
    int64_t vectors = 1;
    for (std::size_t i = 0; i + 1 < a.size(); ++i)
        vectors *= a[i];

    FinnNode c;
    c.op = FinnOp::Mvau;
    c.backend = Backend::Hls;
    c.mw = mw;
    c.mh = mh;
    c.channels = mw;
    c.numInputVectors = vectors;
    setCompute(c, n, in, mw);
    std::vector<std::string> onnx = in.pending;
    onnx.push_back(n.name);
    if (!in.pending.empty())
        network_.notes.push_back(n.name + ": the BatchNormalization before it is taken as folded into its weights");
    const int compute = emit(c, in, onnx);

    Stream out;
    out.producer = compute;
    out.type = network_.nodes.back().outputType;
    out.spatial = false;
    out.channels = mh;
    out.vectors = vectors;
    out.rawAccumulatorOf = compute;
    streams_[n.outputs[0]] = out;
}

void Converter::convertRelu(const Node& n)
{
    Stream s = activationInput(n);
    if (fromModel_ && feedsQuantizer(n) && !model_.numberFormat(n.outputs[0])) {
        // QONNX: the quantizer after the ReLU is the activation (FINN's QuantReluHandler makes
        // one MultiThreshold of both).
        s.pending.push_back(n.name);
        streams_[n.outputs[0]] = s;
        return;
    }
    activate(n, s, activationType(n));
}

void Converter::convertQuantizer(const Node& n)
{
    Stream s = activationInput(n);
    const auto type = options_.bitsOverrideModel ? std::optional(activationType(n)) : finnDataType(model_.numberFormat(n.outputs[0]));
    if (!type)
        fail(n, "its output data type is not known (a bit width that is not a constant, or a float format)");
    if (s.outside) {
        network_.notes.push_back(n.name + ": quantises the float input to " + type->name()
                                 + "; FINN leaves it (and any scaling before it) outside the dataflow partition");
        s.outside = false;
        s.type = *type;
        s.pending.clear();
        s.rawAccumulatorOf = -1;
        streams_[n.outputs[0]] = s;
        return;
    }
    activate(n, s, *type);
}

// Mul/Add/Sub/Div by a constant: streamlining absorbs them into the next thresholds (scales,
// biases, a decomposed BatchNormalization); before the first quantizer they stay outside.
void Converter::convertScaling(const Node& n)
{
    Stream s = activationInput(n);
    if (!s.outside) {
        s.pending.push_back(n.name);
        // AbsorbSignBiasIntoMultiThreshold: a negative bias right after a threshold makes its
        // unsigned output signed (UINT2 - 1 -> INT2).
        const TensorId other = n.inputs[0] == kNoId || isConstant(n.inputs[0]) ? n.inputs[0] : n.inputs[1];
        if (const ConstantData* c = g_.constantData(other); c && c->elementCount() == 1 && s.thresholded
            && !s.type.isSigned && !s.type.bipolar) {
            const double v = c->toDoubles().at(0);
            if ((n.opType == "Add" && v < 0) || (n.opType == "Sub" && v > 0))
                s.type = FinnDataType::signedInt(s.type.bits);
        }
    }
    streams_[n.outputs[0]] = s;
}

void Converter::activate(const Node& n, Stream s, const FinnDataType& act)
{
    std::vector<std::string> onnx = s.pending;
    onnx.push_back(n.name);
    if (s.rawAccumulatorOf >= 0 && s.rawAccumulatorOf == s.producer) {
        // The MultiThreshold (ReLU quantiser, with any BatchNormalization and bias folded into
        // its thresholds) directly consumes the MVAU/VVAU: FINN absorbs it.
        FinnNode& c = network_.nodes[static_cast<std::size_t>(s.producer)];
        c.hasThresholds = true;
        c.outputType = act;
        c.onnxNodes.insert(c.onnxNodes.end(), onnx.begin(), onnx.end());
    } else {
        FinnNode t;
        t.op = FinnOp::Thresholding;
        t.backend = options_.thresholdingBackend;
        t.channels = s.channels;
        t.numInputVectors = s.vectors;
        t.ifmDim = t.ofmDim = {s.h, s.w};
        t.inputType = s.type;
        t.weightType = s.type; // thresholds live in the input's value range
        t.outputType = act;
        t.folding.pe = 1;
        t.folding.ramStyle = RamStyle::Distributed; // Thresholding_hls's default
        s.producer = emit(t, s, onnx);
    }
    s.type = act;
    s.rawAccumulatorOf = -1;
    s.pending.clear();
    s.thresholded = true;
    streams_[n.outputs[0]] = s;
}

void Converter::convertMaxPool(const Node& n)
{
    Stream s = activationInput(n);
    std::vector<int64_t> k = n.intsAttr("kernel_shape");
    std::vector<int64_t> st = n.intsAttr("strides");
    if (st.empty())
        st.assign(k.size(), 1);
    if (k.size() == 1 && s.spatial && s.h == 1) {
        // 1-D pooling on a 1 x L map.
        k.insert(k.begin(), 1);
        st.insert(st.begin(), 1);
    }
    if (k.size() != 2 || !s.spatial)
        fail(n, "only 2-D max pooling has a FINN layer");
    for (int64_t p : n.intsAttr("pads"))
        if (p != 0)
            fail(n, "padded max pooling has no FINN StreamingMaxPool");
    for (int64_t dl : n.intsAttr("dilations"))
        if (dl != 1)
            fail(n, "dilated max pooling has no FINN StreamingMaxPool");
    if (k != st)
        fail(n, "kernel (" + std::to_string(k[0]) + ", " + std::to_string(k[1]) + ") with strides ("
                    + std::to_string(st[0]) + ", " + std::to_string(st[1])
                    + "): FINN's StreamingMaxPool needs stride = kernel");
    const bool oneD = (s.h == 1 && k[0] == 1) || (s.w == 1 && k[1] == 1);
    if (oneD && s.type.bipolar)
        fail(n, "FINN's 1-D StreamingMaxPool does not take bipolar data");
    if (!oneD && (s.h % k[0] != 0 || s.w % k[1] != 0))
        fail(n, "FINN's StreamingMaxPool needs the " + std::to_string(s.h) + "x" + std::to_string(s.w)
                    + " map to divide by the pool size");
    std::vector<int64_t> out = requireDims(n, n.outputs[0]);
    if (out.size() == 3)
        out.insert(out.begin() + 2, 1);
    FinnNode p;
    p.op = FinnOp::StreamingMaxPool;
    p.backend = Backend::Hls;
    p.channels = s.channels;
    p.ifmDim = {s.h, s.w};
    p.kernel = {k[0], k[1]};
    p.stride = {st[0], st[1]};
    p.ofmDim = {out[2], out[3]};
    p.numInputVectors = out[2] * out[3];
    p.inputType = p.outputType = s.type;
    p.folding.pe = 1;
    s.producer = emit(p, s, {n.name});
    s.h = out[2];
    s.w = out[3];
    s.vectors = s.h * s.w;
    s.rawAccumulatorOf = -1; // a later ReLU is a standalone Thresholding
    streams_[n.outputs[0]] = s;
}

// InferLabelSelectLayer: a TopK over the class scores becomes LabelSelect_hls.
void Converter::convertTopK(const Node& n)
{
    Stream s = activationInput(n);
    if (s.spatial && s.h * s.w > 1)
        fail(n, "FINN's LabelSelect takes a flat vector of scores");
    int64_t k = n.intAttr("k", 0);
    if (n.inputs.size() > 1 && n.inputs[1] != kNoId)
        if (const ConstantData* c = g_.constantData(n.inputs[1]); c && c->elementCount() == 1)
            k = static_cast<int64_t>(c->toDoubles().at(0));
    if (k < 1 || k > s.channels)
        fail(n, "K must be a constant in 1.." + std::to_string(s.channels));
    if (n.intAttr("largest", 1) == 0)
        fail(n, "FINN's LabelSelect selects the largest values");
    FinnNode l;
    l.op = FinnOp::LabelSelect;
    l.backend = Backend::Hls;
    l.channels = s.channels;
    l.labelsOut = k;
    l.inputType = s.type;
    // The label index: the smallest unsigned type holding Labels - 1.
    int bits = 1;
    while ((int64_t{1} << bits) < s.channels)
        ++bits;
    l.outputType = FinnDataType::unsignedInt(std::max(bits, 2));
    l.folding.pe = 1;
    std::vector<std::string> onnx = s.pending;
    onnx.push_back(n.name);
    if (!s.pending.empty())
        network_.notes.push_back(n.name + ": the scaling before it is absorbed (AbsorbScalarMulAddIntoTopK)");
    s.producer = emit(l, s, onnx);
    s.pending.clear();
    s.type = l.outputType;
    s.channels = k;
    s.vectors = 1;
    s.rawAccumulatorOf = -1;
    for (TensorId t : n.outputs)
        if (t != kNoId)
            streams_[t] = s;
}

// Nodes FINN leaves outside its dataflow partition, run by the host: a Softmax/LogSoftmax at the
// end of the network, and the reshapes of a float input before its first quantizer.
bool Converter::leaveOutside(const Node& n)
{
    const bool trailing = (n.opType == "Softmax" || n.opType == "LogSoftmax") && n.outputs.size() == 1
        && [&] {
               TensorId t = n.outputs[0];
               while (true) {
                   if (g_.tensor(t).isGraphOutput)
                       return true;
                   const auto& readers = g_.tensor(t).consumers;
                   if (readers.size() != 1 || g_.node(readers[0]).opType != "Identity")
                       return false;
                   t = g_.node(readers[0]).outputs[0];
               }
           }();
    if (trailing) {
        network_.notes.push_back(n.name + ": " + n.opType + " at the end stays outside the dataflow partition (host)");
        Stream s = activationInput(n);
        streams_[n.outputs[0]] = s;
        return true;
    }
    if ((n.opType == "Reshape" || n.opType == "Flatten" || n.opType == "Transpose") && n.outputs.size() == 1) {
        Stream s = activationInput(n);
        if (!s.outside)
            return false;
        // Before the dataflow: the stream takes the shape the first quantizer will see.
        const std::vector<int64_t> out = requireDims(n, n.outputs[0]);
        if (out.empty() || out[0] != 1 || out.size() > 4)
            fail(n, "the input reshaped to " + Shape::fromValues(out).toString() + " is not one 1 x C x H x W, 1 x C x L or 1 x K item");
        s.spatial = out.size() >= 3;
        s.channels = out.size() >= 2 ? out[1] : 1;
        s.h = out.size() == 4 ? out[2] : 1;
        s.w = out.size() == 4 ? out[3] : out.size() == 3 ? out[2] : 1;
        s.vectors = s.h * s.w;
        streams_[n.outputs[0]] = s;
        return true;
    }
    return false;
}

void Converter::convertFlatten(const Node& n)
{
    Stream s = activationInput(n);
    const std::vector<int64_t> out = requireDims(n, n.outputs[0]);
    const int64_t elements = s.channels * (s.spatial ? s.h * s.w : s.vectors);
    if (out.size() != 2 || out[0] != 1 || out[1] != elements)
        fail(n, "only a flatten to 1 x " + std::to_string(elements) + " has a FINN equivalent");
    s.spatial = false;
    s.channels = elements;
    s.h = s.w = 1;
    s.vectors = 1;
    streams_[n.outputs[0]] = s;
}

void Converter::finish()
{
    for (TensorId t : g_.outputs()) {
        const auto it = streams_.find(t);
        if (it == streams_.end() || it->second.pending.empty() || it->second.producer < 0)
            continue;
        FinnNode& last = network_.nodes[static_cast<std::size_t>(it->second.producer)];
        last.onnxNodes.insert(last.onnxNodes.end(), it->second.pending.begin(), it->second.pending.end());
        network_.notes.push_back(last.name + ": a trailing BatchNormalization is taken as folded into it");
    }
    for (const FinnNode& node : network_.nodes)
        if ((node.op == FinnOp::Mvau || node.op == FinnOp::Vvau) && node.hasBias && !node.hasThresholds)
            network_.notes.push_back(node.name + ": its bias is not modelled (no activation absorbs it; FINN "
                                                 "leaves such an Add outside the dataflow layers)");
}

FinnNetwork Converter::run()
{
    for (int b : {options_.weightBits, options_.activationBits, options_.inputBits})
        if (b < 1 || b > 16)
            throw std::invalid_argument("FINN bit widths must be 1..16, not " + std::to_string(b));
    for (const auto* m : {&options_.weightBitsByLayer, &options_.activationBitsByLayer})
        for (const auto& [layer, b] : *m)
            if (b < 1 || b > 16)
                throw std::invalid_argument("FINN bit width of " + layer + " must be 1..16, not " + std::to_string(b));

    if (g_.inputs().size() != 1)
        throw ModelError(network_.sourceFile, "a FINN dataflow network has one input; this model has "
                                                  + std::to_string(g_.inputs().size()));
    const TensorId input = g_.inputs()[0];
    const auto inDims = dims(input);
    if (!inDims || inDims->size() < 2 || inDims->size() > 4 || (*inDims)[0] != 1)
        throw ModelError(network_.sourceFile, "the input '" + g_.tensor(input).name
                                                  + "' must have a known 1 x C x H x W, 1 x C x L or 1 x K shape");
    Stream in;
    in.type = options_.inputBits == 1 ? (options_.inputSigned ? FinnDataType::bipolarType() : FinnDataType::binaryType())
                                       : (options_.inputSigned ? FinnDataType::signedInt(options_.inputBits)
                                                               : FinnDataType::unsignedInt(options_.inputBits));
    if (fromModel_) {
        // An annotated integer input (FINN-ONNX: UINT8 pixels) enters the dataflow as it is; a
        // float one only through its first quantizer.
        if (auto t = finnDataType(model_.numberFormat(input)))
            in.type = *t;
        else
            in.outside = true;
    }
    in.spatial = inDims->size() >= 3;
    in.channels = (*inDims)[1];
    in.h = inDims->size() == 4 ? (*inDims)[2] : 1;
    in.w = inDims->size() == 4 ? (*inDims)[3] : inDims->size() == 3 ? (*inDims)[2] : 1;
    in.vectors = in.h * in.w;
    if (valueReaders(input) > 1)
        throw ModelError(network_.sourceFile, "the input '" + g_.tensor(input).name
                                                  + "' feeds several nodes; fan-out needs FINN's DuplicateStreams, "
                                                    "which this model does not cover");
    streams_[input] = in;

    for (NodeId id : g_.topologicalOrder()) {
        const Node& n = g_.node(id);
        if (model_.isFolded(id))
            continue; // a quantised weight's quantizer and reshapes: part of its layer's weights
        if (isStatic(n))
            continue;
        const qonnx::Op qop = qonnx::opOf(n);
        if (qonnx::isChannelsLast(qop))
            fail(n, "FINN takes channels-first QONNX; convert the model with qonnx's to_channels_first first");
        if (qop == qonnx::Op::Trunc)
            fail(n, "Trunc (after an average pooling) needs FINN's QuantAvgPool2d, which this model does not cover");
        if (!qonnx::isQuantizer(qop) && !n.domain.empty() && n.domain != "ai.onnx")
            fail(n, "custom-domain ops have no FINN layer here");
        for (TensorId t : n.outputs)
            if (t != kNoId && !isConstant(t) && valueReaders(t) > 1)
                fail(n, "its output feeds " + std::to_string(valueReaders(t))
                            + " nodes; fan-out needs FINN's DuplicateStreams, which this model does not cover");
        const std::string& op = n.opType;
        if (qonnx::isQuantizer(qop))
            convertQuantizer(n);
        else if (op == "Constant" || leaveOutside(n))
            continue;
        else if (op == "TopK")
            convertTopK(n);
        else if (op == "Conv")
            convertConv(id, n);
        else if (op == "Gemm" || op == "MatMul")
            convertDense(n);
        else if (op == "Relu")
            convertRelu(n);
        else if (op == "MaxPool")
            convertMaxPool(n);
        else if (op == "Flatten" || op == "Reshape")
            convertFlatten(n);
        else if (op == "Mul" || op == "Add" || op == "Sub" || op == "Div")
            convertScaling(n);
        else if (op == "BatchNormalization" || op == "Identity" || op == "Dropout" || op == "Squeeze"
                 || op == "Unsqueeze") {
            Stream s = activationInput(n);
            if (op == "BatchNormalization")
                s.pending.push_back(n.name);
            streams_[n.outputs[0]] = s;
        } else {
            fail(n, "no FINN dataflow layer for " + op
                        + " (supported: Conv, Gemm, MatMul, BatchNormalization, Relu, MaxPool, Flatten, "
                          "Reshape to 1 x K, Identity, Dropout, (Un)Squeeze, Mul/Add/Sub/Div by constants, "
                          "QONNX quantizers)");
        }
    }
    if (network_.nodes.empty())
        throw ModelError(network_.sourceFile, "no layer FINN would put in hardware");

    // GiveUniqueNodeNames after SpecializeLayers: <op_type>_<count per op type>.
    std::map<std::string, int> count;
    for (FinnNode& node : network_.nodes)
        node.name = node.opType() + "_" + std::to_string(count[node.opType()]++);
    finish();
    return std::move(network_);
}

} // namespace

FinnNetwork convertToFinn(const Model& model, const ConversionOptions& options)
{
    return Converter(model, options).run();
}

} // namespace foldwise::finn
