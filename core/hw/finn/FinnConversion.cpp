#include "hw/finn/FinnConverter.h"
#include "hw/finn/FoldedGraph.h"

#include <algorithm>
#include <set>

namespace foldwise::finn {
namespace detail {

Stream Converter::activationInput(const Node& n)
{
    const std::vector<TensorId> in = streamInputs(n);
    if (in.empty())
        fail(n, "it has no activation input");
    if (in.size() > 1)
        noLayer(n, "an " + n.opType + " of two streams (FINN joins streams only by AddStreams and StreamingConcat)");
    return take(n, in[0]);
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
        noLayer(n, "a grouped convolution (group=" + std::to_string(group)
                       + "): FINN maps group = 1 to an MVAU and depthwise convolutions (group = channels = filters) "
                         "to a VVAU");
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
    if (padded)
        padStream(cur, pads, here);
    int swg = -1;
    if (pointwise && (s[0] > 1 || s[1] > 1)) {
        // InferConvInpGen: a strided 1x1 window only drops pixels - FINN's DownSampler (after
        // the FMPadding, if any).
        const bool oneD = cur.h == 1 || cur.w == 1;
        if (!oneD && !(cur.h == cur.w && s[0] == s[1]))
            fail(n, "a 1x1 convolution with strides (" + std::to_string(s[0]) + ", " + std::to_string(s[1])
                        + ") on a " + std::to_string(cur.h) + "x" + std::to_string(cur.w)
                        + " map: FINN's DownSampler needs a square map and equal strides");
        FinnNode ds = mapNode(FinnOp::DownSampler, cur, oh, ow);
        ds.stride = s;
        ds.folding.simd = cin;
        feed(cur, ds, here);
    } else if (!(pointwise && s[0] == 1 && s[1] == 1 && !padded)) {
        slidingWindow(n, cur, {oh, ow}, k, s, d, depthwise, here);
        swg = cur.producer;
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
    Stream out = emitCompute(n, c, cur, cout, oh * ow);
    if (depthwise && swg >= 0) {
        network_.nodes[static_cast<std::size_t>(swg)].linked = out.producer;
        network_.nodes[static_cast<std::size_t>(out.producer)].linked = swg;
    }
    out.h = oh;
    out.w = ow;
    publish(n.outputs[0], out);
}

Stream Converter::emitCompute(const Node& n, const FinnNode& compute, const Stream& in, int64_t channels, int64_t vectors)
{
    std::vector<std::string> onnx = in.pending; // a BatchNormalization before the layer folds into it
    onnx.push_back(n.name);
    if (!in.pending.empty())
        network_.notes.push_back(n.name + ": the BatchNormalization before it is taken as folded into its weights");
    Stream out;
    out.producer = emit(compute, in, onnx);
    out.type = compute.outputType;
    out.channels = channels;
    out.vectors = vectors;
    out.rawAccumulatorOf = out.producer;
    out.unactivated = true;
    return out;
}

void Converter::padStream(Stream& s, const std::array<int64_t, 4>& pads, const std::vector<std::string>& onnx)
{
    FinnNode p;
    p.op = FinnOp::FmPadding;
    p.backend = options_.fmPaddingBackend;
    p.channels = s.channels;
    p.ifmDim = {s.h, s.w};
    p.ofmDim = {s.h + pads[0] + pads[2], s.w + pads[1] + pads[3]};
    p.padding = pads;
    p.inputType = p.outputType = s.type;
    p.folding.simd = s.channels;
    feed(s, p, onnx);
    s.h = p.ofmDim[0];
    s.w = p.ofmDim[1];
}

void Converter::slidingWindow(const Node& n, Stream& s, std::array<int64_t, 2> out, std::array<int64_t, 2> kernel,
                              std::array<int64_t, 2> stride, std::array<int64_t, 2> dilation, bool depthwise,
                              const std::vector<std::string>& onnx)
{
    FinnNode w;
    w.op = FinnOp::ConvolutionInputGenerator;
    w.backend = options_.swgBackend;
    w.channels = s.channels;
    w.ifmDim = {s.h, s.w};
    w.ofmDim = out;
    w.kernel = kernel;
    w.stride = stride;
    w.dilation = dilation;
    w.depthwise = depthwise;
    w.inputType = w.outputType = s.type;
    w.folding.simd = s.channels;                // FINN's conversion default
    w.folding.ramStyle = RamStyle::Distributed; // the SWG's ram_style default
    if (w.backend == Backend::Hls && !formulas::swgHlsPossible(w)) {
        w.backend = Backend::Rtl;
        network_.notes.push_back(n.name + ": FINN has no HLS sliding window for this geometry "
                                          "(non-square, dilated or 1-D); the RTL one is used");
    }
    feed(s, w, onnx);
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
    Stream out = emitCompute(n, c, in, mh, vectors);
    out.spatial = false;
    publish(n.outputs[0], out);
}

void Converter::convertRelu(const Node& n)
{
    Stream s = activationInput(n);
    if (fromModel_ && feedsQuantizer(n) && !model_.numberFormat(n.outputs[0])) {
        // QONNX: the quantizer after the ReLU is the activation (FINN's QuantReluHandler makes
        // one MultiThreshold of both).
        s.pending.push_back(n.name);
        publish(n.outputs[0], s);
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
        publish(n.outputs[0], s);
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
    publish(n.outputs[0], s);
}

void Converter::activate(const Node& n, Stream s, const FinnDataType& act)
{
    std::vector<std::string> onnx = s.pending;
    onnx.push_back(n.name);
    publish(n.outputs[0], applyThresholds(s, act, onnx));
}

Stream Converter::applyThresholds(Stream s, const FinnDataType& act, const std::vector<std::string>& onnx)
{
    if (s.rawAccumulatorOf >= 0 && s.rawAccumulatorOf == s.producer) {
        // The MultiThreshold (ReLU quantiser, with any BatchNormalization and bias folded into
        // its thresholds) directly consumes the MVAU/VVAU: FINN absorbs it.
        FinnNode& c = network_.nodes[static_cast<std::size_t>(s.producer)];
        c.hasThresholds = true;
        c.outputType = act;
        c.onnxNodes.insert(c.onnxNodes.end(), onnx.begin(), onnx.end());
    } else {
        FinnNode t = streamNode(FinnOp::Thresholding, s);
        t.backend = options_.thresholdingBackend;
        t.weightType = s.type; // thresholds live in the input's value range
        t.outputType = act;
        t.folding.ramStyle = RamStyle::Distributed; // Thresholding_hls's default
        feed(s, t, onnx);
    }
    s.type = act;
    s.rawAccumulatorOf = -1;
    s.unactivated = false;
    s.pending.clear();
    s.thresholded = true;
    return s;
}

// InferStreamingMaxPool: kernel = stride, no padding, the map divisible by the pool (checked by
// convertPool, which routes every other pooling through an SWG).
void Converter::streamingMaxPool(const Node& n, Stream s, std::array<int64_t, 2> k, std::array<int64_t, 2> st)
{
    std::vector<int64_t> out = requireDims(n, n.outputs[0]);
    if (out.size() == 3)
        out.insert(out.begin() + 2, 1);
    FinnNode p = mapNode(FinnOp::StreamingMaxPool, s, out[2], out[3]);
    p.kernel = k;
    p.stride = st;
    p.numInputVectors = out[2] * out[3];
    p.folding.pe = 1;
    feed(s, p, {n.name});
    publishMap(n.outputs[0], s, out[2], out[3]);
}

// InferLabelSelectLayer: a TopK over the class scores becomes LabelSelect_hls.
void Converter::convertTopK(const Node& n)
{
    Stream s = activationInput(n);
    if (s.spatial && s.h * s.w > 1)
        fail(n, "FINN's LabelSelect takes a flat vector of scores");
    int64_t k = n.intAttr("k", 0);
    if (n.opType == "ArgMax") {
        // The index of the largest score: FINN's LabelSelect with K = 1 (InferLabelSelectLayer
        // takes a TopK; an ArgMax is the same selection).
        k = 1;
        if (n.intAttr("select_last_index", 0) != 0)
            fail(n, "FINN's LabelSelect picks the first of equal scores (select_last_index = 1)");
        network_.notes.push_back(n.name + ": ArgMax taken as FINN's TopK with K = 1 (LabelSelect)");
    } else if (n.inputs.size() > 1 && n.inputs[1] != kNoId) {
        if (const ConstantData* c = g_.constantData(n.inputs[1]); c && c->elementCount() == 1)
            k = static_cast<int64_t>(c->toDoubles().at(0));
    }
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
    feed(s, l, onnx);
    s.pending.clear();
    s.type = l.outputType;
    s.channels = k;
    s.vectors = 1;
    s.rawAccumulatorOf = -1;
    for (TensorId t : n.outputs)
        if (t != kNoId)
            publish(t, s);
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
        publish(n.outputs[0], s);
        return true;
    }
    if ((n.opType == "Reshape" || n.opType == "Flatten" || n.opType == "Transpose") && n.outputs.size() == 1) {
        // Only a float input before its first quantizer (peeked at: taking it would use up a
        // DuplicateStreams port).
        const std::vector<TensorId> ins = streamInputs(n);
        const auto it = ins.size() == 1 ? streams_.find(ins[0]) : streams_.end();
        if (it == streams_.end() || !it->second.outside)
            return false;
        Stream s = activationInput(n);
        // Before the dataflow: the stream takes the shape the first quantizer will see.
        const std::vector<int64_t> out = requireDims(n, n.outputs[0]);
        if (out.empty() || out[0] != 1 || out.size() > 4)
            fail(n, "the input reshaped to " + Shape::fromValues(out).toString() + " is not one 1 x C x H x W, 1 x C x L or 1 x K item");
        s.spatial = out.size() >= 3;
        s.channels = out.size() >= 2 ? out[1] : 1;
        s.h = out.size() == 4 ? out[2] : 1;
        s.w = out.size() == 4 ? out[3] : out.size() == 3 ? out[2] : 1;
        s.vectors = s.h * s.w;
        publish(n.outputs[0], s);
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
    publish(n.outputs[0], s);
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

    if (isFinnDataflowGraph(model_))
        throw ModelError(network_.sourceFile, "is a FINN folded graph already (its nodes are FINN's own layers): "
                                              "evaluate it (foldwise-cli evaluate) instead of converting it");
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
        throw ModelError(network_.sourceFile, "the input '" + g_.tensor(input).name + "' feeds "
                                                  + std::to_string(valueReaders(input))
                                                  + " nodes: FINN has no layer for a fan-out of the graph input "
                                                    "(InferDuplicateStreamsLayer duplicates node outputs only)");
    streams_[input] = in;

    // Every node is tried: one FINN cannot build is recorded with its reason and what reads its
    // output is not judged (it would only fail for want of that input), so the user sees every
    // obstacle at once (the GUI marks them all).
    const auto convertNode = [&](NodeId id, const Node& n) {
        if (model_.isFolded(id))
            return; // a quantised weight's quantizer and reshapes: part of its layer's weights
        if (isStatic(n))
            return;
        const qonnx::Op qop = qonnx::opOf(n);
        if (qonnx::isChannelsLast(qop))
            fail(n, "FINN takes channels-first QONNX; convert the model with qonnx's to_channels_first first");
        if (qop == qonnx::Op::Trunc) {
            convertTrunc(n);
            return;
        }
        if (!qonnx::isQuantizer(qop) && !n.domain.empty() && n.domain != "ai.onnx")
            fail(n, "custom-domain ops have no FINN layer here");
        refuseUnbuildable(n);
        const std::string& op = n.opType;
        if (qonnx::isQuantizer(qop))
            convertQuantizer(n);
        else if (op == "Constant" || leaveOutside(n))
            return;
        else if (op == "TopK" || op == "ArgMax")
            convertTopK(n);
        else if (op == "Conv")
            convertConv(id, n);
        else if (op == "Gemm" || op == "MatMul")
            convertDense(n);
        else if (op == "Relu")
            convertRelu(n);
        else if (op == "Clip" || op == "Selu")
            convertClip(n);
        else if (op == "MaxPool")
            convertMaxPool(n);
        else if (op == "AveragePool")
            convertPool(n, true);
        else if (op == "GlobalAveragePool" || op == "ReduceMean")
            convertGlobalPool(n);
        else if (op == "Resize" || op == "Upsample")
            convertResize(n);
        else if (op == "Pad")
            convertPad(n);
        else if (op == "Transpose")
            convertTranspose(n);
        else if (op == "Concat")
            convertConcat(n);
        else if (op == "Add" && streamInputs(n).size() == 2)
            convertAdd(n);
        else if (op == "Flatten" || op == "Reshape")
            convertFlatten(n);
        else if (op == "Mul" || op == "Add" || op == "Sub" || op == "Div")
            convertScaling(n);
        else if (op == "BatchNormalization" || op == "Identity" || op == "Dropout" || op == "Squeeze"
                 || op == "Unsqueeze") {
            Stream s = activationInput(n);
            if (op == "BatchNormalization")
                s.pending.push_back(n.name);
            publish(n.outputs[0], s);
        } else {
            noLayer(n, op + " (Foldwise maps Conv, Gemm, MatMul, BatchNormalization, Relu, Clip, Selu, MaxPool, "
                           "AveragePool, GlobalAveragePool, ReduceMean, Add, Concat, Resize, TopK, ArgMax, Flatten, "
                           "Reshape to 1 x K, Identity, Dropout, (Un)Squeeze, zero Pads, Mul/Add/Sub/Div by constants, "
                           "QONNX quantizers)");
        }
    };
    std::vector<UnbuildableNode> unbuildable;
    std::string firstReason;
    std::set<TensorId> lost; // outputs of nodes FINN cannot build
    const auto loseOutputs = [&lost](const Node& n) {
        for (TensorId t : n.outputs)
            if (t != kNoId)
                lost.insert(t);
    };
    for (NodeId id : g_.topologicalOrder()) {
        const Node& n = g_.node(id);
        const auto isLost = [&lost](TensorId t) { return lost.count(t) != 0; };
        try {
            if (std::any_of(n.inputs.begin(), n.inputs.end(), isLost))
                loseOutputs(n);
            else
                convertNode(id, n);
        } catch (const UnsupportedNodesError& e) {
            if (firstReason.empty())
                firstReason = e.reason();
            unbuildable.insert(unbuildable.end(), e.nodes().begin(), e.nodes().end());
            loseOutputs(n);
        }
    }
    if (!unbuildable.empty()) {
        const std::string message = firstReason
            + (unbuildable.size() > 1 ? " (and " + std::to_string(unbuildable.size() - 1) + " more node(s) FINN cannot build)"
                                      : std::string());
        throw UnsupportedNodesError(network_.sourceFile, message, std::move(unbuildable));
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

} // namespace detail

FinnNetwork convertToFinn(const Model& model, const ConversionOptions& options)
{
    return detail::Converter(model, options).run();
}

} // namespace foldwise::finn
