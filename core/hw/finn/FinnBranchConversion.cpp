// The conversions for branching graphs and the layers around them, as FINN's ResNet-50 style
// convert_to_hw step creates them (BRANCH_NOTES.md): InferDuplicateStreamsLayer at every
// fan-out, InferAddStreamsLayer, InferConcatLayer, InferPool ([FMPadding] + depthwise
// ConvolutionInputGenerator + Pool for overlapping, padded or average pooling),
// InferGlobalAccPoolLayer (GlobalAveragePool, and ReduceMean over H and W), InferChannelwiseLinear
// (per-channel Mul/Add nothing absorbs), InferUpsample, Clip/Selu as thresholds, and the ops FINN
// has no layer for, refused with "FINN has no layer for <what>".
//
// A float model states no data types, so Foldwise assumes quantisation where FINN needs
// integer streams of one type: an unactivated accumulator (also after pooling) that branches
// or joins is taken as quantised like the activations (a MultiThreshold absorbed into the
// MVAU/VVAU that computes it, else a Thresholding node), to the other input's type at an Add
// (AddStreams needs one type on both inputs).
#include "hw/finn/FinnConverter.h"

#include <cmath>
#include <limits>

namespace foldwise::finn::detail {
namespace {

std::string dimsText(int64_t a, int64_t b)
{
    return std::to_string(a) + "x" + std::to_string(b);
}

} // namespace

std::vector<TensorId> Converter::streamInputs(const Node& n) const
{
    std::vector<TensorId> out;
    for (TensorId t : n.inputs)
        if (t != kNoId && !isConstant(t) && !shapeValue(t))
            out.push_back(t);
    return out;
}

FinnDataType Converter::assumedActivationType() const
{
    return options_.activationBits == 1 ? FinnDataType::bipolarType() : FinnDataType::unsignedInt(options_.activationBits);
}

void Converter::publish(TensorId t, Stream s)
{
    if (t == kNoId)
        return;
    const std::size_t readers = valueReaders(t);
    if (readers > 1 && !s.outside) {
        const NodeId at = g_.tensor(t).producer;
        if (raw(s) && at != kNoId)
            s = quantise(g_.node(at), s, assumedActivationType(), "it branches");
        // InferDuplicateStreamsLayer: one copy per reader, PE 1, the stream's type on every output.
        FinnNode d = streamNode(FinnOp::DuplicateStreams, s);
        d.outputs = static_cast<int>(readers);
        feed(s, d, {});
        s.rawAccumulatorOf = -1;
        nextPort_[t] = 0;
    }
    streams_[t] = s;
}

Stream Converter::take(const Node& reader, TensorId t)
{
    const auto it = streams_.find(t);
    if (it == streams_.end())
        fail(reader, "its input '" + g_.tensor(t).name + "' is not produced by a layer FINN maps to hardware");
    Stream s = it->second;
    if (const auto port = nextPort_.find(t); port != nextPort_.end()) {
        const FinnNode& fork = network_.nodes[static_cast<std::size_t>(s.producer)];
        if (port->second >= fork.outputs)
            fail(reader, "it reads '" + g_.tensor(t).name + "' twice; FINN duplicates a stream once per reader");
        s.port = port->second++;
    }
    return s;
}

Stream Converter::quantise(const Node& at, Stream s, const FinnDataType& type, const std::string& why)
{
    const bool absorbed = s.rawAccumulatorOf >= 0 && s.rawAccumulatorOf == s.producer;
    network_.notes.push_back(at.name + ": " + why + ", so its unactivated output is taken as quantised to " + type.name()
                             + (absorbed ? " (thresholds absorbed into its layer)" : " (a Thresholding node)"));
    return applyThresholds(s, type, s.pending);
}

Stream Converter::materialisePending(Stream s)
{
    // InferChannelwiseLinearLayer: BatchNormToAffine makes a BatchNormalization Mul(A) then
    // Add(B); each per-channel Mul/Add by constants becomes one ChannelwiseOp_hls (PE 1,
    // distributed parameters).
    bool noted = false;
    for (const std::string& name : s.pending) {
        const auto id = byName_.find(name);
        const std::string op = id == byName_.end() ? std::string() : g_.node(id->second).opType;
        std::vector<bool> funcs; // true: mul
        if (op == "BatchNormalization")
            funcs = {true, false};
        else if (op == "Mul" || op == "Div")
            funcs = {true};
        else
            funcs = {false};
        for (bool mul : funcs) {
            FinnNode c = streamNode(FinnOp::ChannelwiseOp, s);
            c.multiply = mul;
            // The parameters' and output's ranges follow from integer parameters, which a
            // float model does not have: its type is kept.
            c.weightType = s.type;
            c.folding.ramStyle = RamStyle::Distributed;
            feed(s, c, {name});
        }
        if (!noted)
            network_.notes.push_back(name + ": nothing absorbs it before a join or pooling, so it is FINN's ChannelwiseOp "
                                            "(its output type taken as its input's " + s.type.name() + ")");
        noted = true;
    }
    s.pending.clear();
    s.rawAccumulatorOf = -1;
    return s;
}

// InferAddStreamsLayer: an Add of two streams of one shape and one integer type.
void Converter::convertAdd(const Node& n)
{
    const std::vector<TensorId> ins = streamInputs(n);
    Stream a = take(n, ins[0]);
    Stream b = take(n, ins[1]);
    if (a.outside || b.outside)
        fail(n, "its inputs are float (before the model's first quantizer); FINN's AddStreams takes integers");
    if (a.channels != b.channels || a.h != b.h || a.w != b.w || a.spatial != b.spatial)
        noLayer(n, "an Add of streams of different shapes (" + std::to_string(a.channels) + "x" + dimsText(a.h, a.w) + " and "
                       + std::to_string(b.channels) + "x" + dimsText(b.h, b.w) + "): AddStreams adds equal shapes");
    if (raw(a) && raw(b)) {
        a = quantise(g_.node(g_.tensor(ins[0]).producer), a, assumedActivationType(), "it is added to another stream");
        b = quantise(g_.node(g_.tensor(ins[1]).producer), b, assumedActivationType(), "it is added to another stream");
    } else if (raw(a)) {
        a = quantise(g_.node(g_.tensor(ins[0]).producer), a, b.type, "it is added to a " + b.type.name() + " stream");
    } else if (raw(b)) {
        b = quantise(g_.node(g_.tensor(ins[1]).producer), b, a.type, "it is added to a " + a.type.name() + " stream");
    }
    a = materialisePending(a);
    b = materialisePending(b);
    if (!(a.type == b.type))
        noLayer(n, "adding streams of two data types (" + a.type.name() + " and " + b.type.name()
                       + "): FINN's AddStreams needs one type on both inputs");
    FinnNode add = streamNode(FinnOp::AddStreams, a);
    add.outputType = formulas::addStreamsOutputType(a.type);
    Stream out = a;
    feed(out, add, {n.name});
    network_.nodes.back().inputs = {StreamSource{a.producer, a.port}, StreamSource{b.producer, b.port}};
    out.type = add.outputType;
    out.rawAccumulatorOf = -1;
    out.unactivated = false; // a sum of two quantised streams, an integer stream of its own type
    out.thresholded = false;
    publish(n.outputs[0], out);
}

// InferConcatLayer: a channel concatenation of streams of one integer type.
void Converter::convertConcat(const Node& n)
{
    for (TensorId t : n.inputs)
        if (t != kNoId && isConstant(t))
            noLayer(n, "a Concat with constant inputs (StreamingConcat joins streams)");
    const std::vector<TensorId> ins = streamInputs(n);
    if (ins.size() == 1) {
        publish(n.outputs[0], take(n, ins[0])); // a one-input Concat is the stream itself
        return;
    }
    const std::vector<int64_t> out = requireDims(n, n.outputs[0]);
    int64_t axis = n.intAttr("axis", 1);
    if (axis < 0)
        axis += static_cast<int64_t>(out.size());
    if (axis != 1)
        noLayer(n, "a Concat along axis " + std::to_string(axis)
                       + " (StreamingConcat joins channels, the last axis of FINN's NHWC streams)");
    std::vector<Stream> streams;
    for (TensorId t : ins)
        streams.push_back(take(n, t));
    // A float model's unactivated inputs take the first activated input's type.
    FinnDataType type = assumedActivationType();
    for (const Stream& s : streams)
        if (!raw(s)) {
            type = s.type;
            break;
        }
    FinnNode c;
    c.op = FinnOp::StreamingConcat;
    c.backend = Backend::Hls;
    for (std::size_t k = 0; k < streams.size(); ++k) {
        Stream& s = streams[k];
        if (s.outside)
            fail(n, "its inputs are float (before the model's first quantizer); FINN's StreamingConcat takes integers");
        if (s.h != streams[0].h || s.w != streams[0].w || s.spatial != streams[0].spatial)
            noLayer(n, "a Concat of maps of different sizes");
        if (raw(s))
            s = quantise(g_.node(g_.tensor(ins[k]).producer), s, type, "it is concatenated");
        s = materialisePending(s);
        if (!(s.type == streams[0].type))
            noLayer(n, "concatenating streams of two data types (" + streams[0].type.name() + " and " + s.type.name()
                           + "): FINN's StreamingConcat needs one type on all inputs");
        c.inputChannels.push_back(s.channels);
        c.channels += s.channels;
    }
    const Stream& first = streams[0];
    c.numInputVectors = first.vectors;
    c.ifmDim = c.ofmDim = {first.h, first.w};
    c.inputType = c.outputType = first.type;
    Stream result = first;
    feed(result, c, {n.name});
    std::vector<StreamSource> sources;
    for (const Stream& s : streams)
        sources.push_back(StreamSource{s.producer, s.port});
    network_.nodes.back().inputs = sources;
    result.channels = c.channels;
    result.rawAccumulatorOf = -1;
    result.unactivated = false;
    result.thresholded = false;
    publish(n.outputs[0], result);
}

// MaxPool and AveragePool: FINN's StreamingMaxPool where it applies (kernel = stride, no
// padding, a divisible map), else InferPool's window generator and Pool.
void Converter::convertPool(const Node& n, bool average)
{
    Stream s = activationInput(n);
    std::vector<int64_t> k = n.intsAttr("kernel_shape");
    std::vector<int64_t> st = n.intsAttr("strides");
    std::vector<int64_t> pads = n.intsAttr("pads");
    if (st.empty())
        st.assign(k.size(), 1);
    if (pads.empty())
        pads.assign(2 * k.size(), 0);
    if (k.size() == 1 && s.spatial && s.h == 1) {
        // 1-D pooling on a 1 x L map.
        k.insert(k.begin(), 1);
        st.insert(st.begin(), 1);
        pads = {0, pads[0], 0, pads[1]};
    }
    if (k.size() != 2 || st.size() != 2 || pads.size() != 4 || !s.spatial)
        noLayer(n, "a pooling that is not 2-D");
    for (int64_t dl : n.intsAttr("dilations"))
        if (dl != 1)
            noLayer(n, "a dilated pooling");
    const std::string autoPad = n.stringAttr("auto_pad", "NOTSET");
    if (autoPad != "NOTSET" && autoPad != "VALID")
        noLayer(n, "a pooling with auto_pad " + autoPad + " (FINN reads explicit pads)");
    if (s.outside)
        fail(n, "its input is float (before the model's first quantizer); FINN's pooling layers take integers");
    // ONNX pads [h_begin, w_begin, h_end, w_end] = FINN's [top, left, bottom, right].
    std::array<int64_t, 4> pad{pads[0], pads[1], pads[2], pads[3]};
    const bool explicitPads = pad[0] || pad[1] || pad[2] || pad[3];
    std::vector<int64_t> outDims = requireDims(n, n.outputs[0]);
    if (outDims.size() == 3)
        outDims.insert(outDims.begin() + 2, 1);
    if (outDims.size() != 4)
        fail(n, "expected a 1 x C x H x W output");
    const std::array<int64_t, 2> out{outDims[2], outDims[3]};
    const std::array<int64_t, 2> in{s.h, s.w};
    for (int a = 0; a < 2; ++a) {
        // ceil_mode: the last window may hang over the end. For max pooling that is the same as
        // padding the end with the minimum (0 for unsigned data), which FINN's Im2Col does.
        const int64_t floorOut = (in[a] + pad[a] + pad[a + 2] - k[a]) / st[a] + 1;
        if (out[a] > floorOut) {
            if (average)
                noLayer(n, "an average pooling with ceil_mode (QuantAvgPool2d has no ceil_mode)");
            pad[a + 2] += (out[a] - 1) * st[a] + k[a] - (in[a] + pad[a] + pad[a + 2]);
            network_.notes.push_back(n.name + ": ceil_mode taken as " + std::to_string(pad[a + 2]) + " more "
                                     + (a == 0 ? "bottom" : "right")
                                     + " padding (the same for max pooling; FINN's InferPool reads only pads)");
        }
    }
    const bool padded = pad[0] || pad[1] || pad[2] || pad[3];
    const std::array<int64_t, 2> kernel{k[0], k[1]};
    const std::array<int64_t, 2> stride{st[0], st[1]};
    const bool oneD = (s.h == 1 && k[0] == 1) || (s.w == 1 && k[1] == 1);
    const bool streaming = !average && !padded && kernel == stride
        && (oneD ? !s.type.bipolar : (s.h % k[0] == 0 || s.w % k[1] == 0));
    if (streaming) {
        streamingMaxPool(n, s, kernel, stride);
        return;
    }
    if (k[0] < st[0] || k[1] < st[1])
        noLayer(n, "a pooling with stride (" + std::to_string(st[0]) + ", " + std::to_string(st[1]) + ") beyond its kernel ("
                       + std::to_string(k[0]) + ", " + std::to_string(k[1]) + "): InferPool skips kernel < stride");
    if (average && padded)
        noLayer(n, "a padded average pooling (QuantAvgPool2d takes no padding)");
    if (average && (k[0] != k[1] || st[0] != st[1]))
        noLayer(n, "a non-square average pooling (QuantAvgPool2d has one kernel size and one stride)");
    if (!average && padded && s.type.min() < 0) {
        const std::string min = std::to_string(s.type.min());
        if (!explicitPads)
            noLayer(n, "a ceil_mode max pooling of signed data (" + s.type.name() + "): its overhanging windows need "
                           "padding with the type's minimum " + min + ", FINN's InferPool ignores ceil_mode and its "
                           "FMPadding pads with 0 only (unsigned activations, e.g. --act-bits 2, avoid this)");
        noLayer(n, "a padded max pooling of signed data (" + s.type.name() + "): InferPool pads with the type's minimum "
                       + min + " and FINN's FMPadding pads with 0 only (unsigned activations, e.g. --act-bits 2, avoid this)");
    }
    poolThroughSwg(n, s, average, kernel, stride, pad);
}

void Converter::poolThroughSwg(const Node& n, Stream s, bool average, std::array<int64_t, 2> k, std::array<int64_t, 2> st,
                               std::array<int64_t, 4> pads)
{
    std::vector<int64_t> outDims = requireDims(n, n.outputs[0]);
    if (outDims.size() == 3)
        outDims.insert(outDims.begin() + 2, 1);
    const int64_t oh = outDims[2], ow = outDims[3];
    const std::vector<std::string> here{n.name};
    Stream cur = s;
    if (pads[0] || pads[1] || pads[2] || pads[3])
        padStream(cur, pads, here);
    // InferPool's Im2Col (depthwise = 1) becomes a depthwise ConvolutionInputGenerator.
    slidingWindow(n, cur, {oh, ow}, k, st, {1, 1}, true, here);
    const int swg = cur.producer;
    // Pool. MaxPool keeps the type; a float model's average pool is taken as truncated back to it
    // (Brevitas' TruncAvgPool2d); a quantised model's Trunc after it sets the type.
    FinnNode p = mapNode(FinnOp::Pool, cur, oh, ow);
    p.kernel = k;
    p.stride = st;
    p.numInputVectors = oh * ow;
    p.averagePool = average;
    p.folding.pe = s.channels; // PE = Channels from InferPool, which SetFolding later ties to the SWG's SIMD
    feed(cur, p, here);
    network_.nodes[static_cast<std::size_t>(swg)].linked = cur.producer;
    network_.nodes[static_cast<std::size_t>(cur.producer)].linked = swg;
    publishMap(n.outputs[0], cur, oh, ow);
}

// AvgPoolAndTruncToQuantAvgPool: the Trunc after an average pooling sets its output type.
void Converter::convertTrunc(const Node& n)
{
    Stream s = activationInput(n);
    FinnNode* pool = s.producer >= 0 ? &network_.nodes[static_cast<std::size_t>(s.producer)] : nullptr;
    if (!pool || pool->op != FinnOp::Pool || !pool->averagePool)
        noLayer(n, "a Trunc that does not follow an average pooling (FINN makes the pair one QuantAvgPool2d)");
    const auto type = finnDataType(model_.numberFormat(n.outputs[0]));
    if (!type)
        fail(n, "its output data type is not known (a bit width that is not a constant)");
    if (type->isSigned != pool->inputType.isSigned)
        noLayer(n, "an average pooling that changes signedness (" + pool->inputType.name() + " to " + type->name() + ")");
    pool->outputType = *type;
    pool->onnxNodes.push_back(n.name);
    s.type = *type;
    publish(n.outputs[0], s);
}

// InferGlobalAccPoolLayer: GlobalAveragePool (and a ReduceMean over H and W, the same op) as a
// sum over the map; the Mul by 1 / (H * W) FINN leaves behind is not a hardware layer.
void Converter::convertGlobalPool(const Node& n)
{
    Stream s = activationInput(n);
    if (!s.spatial)
        noLayer(n, "a global pooling of a flat vector");
    if (s.outside)
        fail(n, "its input is float (before the model's first quantizer); FINN's GlobalAccPool takes integers");
    bool keep = true;
    if (n.opType == "ReduceMean") {
        std::vector<int64_t> axes = n.intsAttr("axes");
        if (axes.empty() && n.inputs.size() > 1 && n.inputs[1] != kNoId)
            if (const ConstantData* c = g_.constantData(n.inputs[1]))
                for (double v : c->toDoubles())
                    axes.push_back(static_cast<int64_t>(v));
        for (int64_t& a : axes)
            if (a < 0)
                a += 4;
        std::sort(axes.begin(), axes.end());
        if (axes != std::vector<int64_t>{2, 3})
            noLayer(n, "a ReduceMean over axes other than H and W (GlobalAccPool averages whole maps)");
        keep = n.intAttr("keepdims", 1) != 0;
    }
    const int64_t pixels = s.h * s.w;
    FinnNode g = mapNode(FinnOp::GlobalAccPool, s, 1, 1);
    g.numInputVectors = pixels;
    g.outputType = formulas::globalAccPoolOutputType(s.type, pixels);
    g.folding.pe = 1;
    network_.notes.push_back(n.name + ": FINN's GlobalAccPool sums the " + dimsText(s.h, s.w) + " map; the Mul by 1/"
                             + std::to_string(pixels)
                             + " it leaves is streamlined into later thresholds or stays on the host");
    feed(s, g, {n.name});
    s.type = g.outputType;
    s.h = s.w = 1;
    s.vectors = 1;
    s.spatial = keep;
    s.rawAccumulatorOf = -1;
    s.thresholded = false;
    publish(n.outputs[0], s);
}

// Clip (ReLU6, hard tanh) and Selu: a quantised activation, i.e. FINN's thresholds, unsigned
// when the lower bound is 0 or more, as for a ReLU (Brevitas exports a clipped QuantReLU as a
// ReLU and a Quant whose range does the clipping; FINN's QuantReluHandler takes Relu and Selu).
void Converter::convertClip(const Node& n)
{
    Stream s = activationInput(n);
    double lower = -std::numeric_limits<double>::infinity();
    if (n.opType == "Clip") {
        if (n.inputs.size() > 1 && n.inputs[1] != kNoId) {
            const ConstantData* c = g_.constantData(n.inputs[1]);
            if (!c || c->elementCount() != 1)
                fail(n, "its lower bound is not a constant");
            lower = c->toDoubles().at(0);
        } else if (n.attribute("min")) {
            lower = n.floatAttr("min", 0.0f);
        }
    }
    if (fromModel_ && feedsQuantizer(n) && !model_.numberFormat(n.outputs[0])) {
        // QONNX: the quantizer after it is the activation.
        s.pending.push_back(n.name);
        publish(n.outputs[0], s);
        return;
    }
    if (lower >= 0) {
        activate(n, s, activationType(n));
        return;
    }
    const int b = bits(options_.activationBitsByLayer, n.name, options_.activationBits);
    activate(n, s, FinnDataType::signedInt(b));
}

// InferUpsample: nearest-neighbour Resize by an integer factor of a square or 1-D map.
void Converter::convertResize(const Node& n)
{
    Stream s = activationInput(n);
    const std::string mode = n.stringAttr("mode", "nearest");
    if (mode != "nearest")
        noLayer(n, "a Resize in " + mode + " mode (UpsampleNearestNeighbour is nearest only)");
    std::vector<int64_t> out = requireDims(n, n.outputs[0]);
    if (!s.spatial || out.size() != 4 || out[1] != s.channels)
        noLayer(n, "a Resize that is not of a 1 x C x H x W map's H and W");
    const int64_t oh = out[2], ow = out[3];
    if (oh < s.h || ow < s.w || oh % s.h != 0 || ow % s.w != 0)
        noLayer(n, "a Resize from " + dimsText(s.h, s.w) + " to " + dimsText(oh, ow)
                       + " (UpsampleNearestNeighbour scales up by integer factors)");
    const int64_t sh = oh / s.h, sw = ow / s.w;
    const bool square = s.h == s.w && sh == sw;
    const bool oneD = s.w == 1 && sw == 1 && sh > 1 && s.h > 1;
    if (!square && !oneD)
        noLayer(n, "a Resize of a " + dimsText(s.h, s.w) + " map by (" + std::to_string(sh) + ", " + std::to_string(sw)
                       + "): UpsampleNearestNeighbour needs a square map and scale, or a 1-D one");
    if (s.outside)
        fail(n, "its input is float (before the model's first quantizer); FINN's UpsampleNearestNeighbour takes integers");
    FinnNode u = mapNode(FinnOp::UpsampleNearestNeighbour, s, oh, ow);
    u.numInputVectors = 1; // the batch
    feed(s, u, {n.name});
    publishMap(n.outputs[0], s, oh, ow);
}

// A layout Transpose between channels-last and channels-first: FINN streams are channels-last,
// so at the network input the host does it (outside the dataflow partition), and right before a
// flatten it changes nothing FINN streams (RemoveCNVtoFCFlatten, AbsorbConsecutiveTransposes).
void Converter::convertTranspose(const Node& n)
{
    Stream s = activationInput(n);
    const std::vector<int64_t> perm = n.intsAttr("perm");
    const bool layout = perm == std::vector<int64_t>{0, 2, 3, 1} || perm == std::vector<int64_t>{0, 3, 1, 2};
    std::string permText;
    for (int64_t p : perm)
        permText += (permText.empty() ? "" : ", ") + std::to_string(p);
    if (!layout)
        noLayer(n, "a Transpose (" + permText + ") of a feature map");
    const auto& readers = g_.tensor(n.outputs[0]).consumers;
    const bool intoFlatten = readers.size() == 1
        && (g_.node(readers[0]).opType == "Flatten" || g_.node(readers[0]).opType == "Reshape");
    if (s.producer < 0 && s.pending.empty()) {
        const std::vector<int64_t> out = requireDims(n, n.outputs[0]);
        s.channels = out[1];
        s.h = out[2];
        s.w = out[3];
        s.vectors = s.h * s.w;
        network_.notes.push_back(n.name + ": the input's layout Transpose stays on the host, outside the dataflow partition");
    } else if (intoFlatten) {
        network_.notes.push_back(n.name + ": a layout Transpose before a flatten: FINN's streams are channels-last already");
    } else {
        noLayer(n, "a layout Transpose (" + permText + ") inside the network (FINN absorbs transposes only at the "
                   "partition's edges and before a flatten)");
    }
    publish(n.outputs[0], s);
}

// An all-zero Pad (as exporters leave before an average pooling) is the stream itself.
void Converter::convertPad(const Node& n)
{
    Stream s = activationInput(n);
    std::vector<int64_t> pads = n.intsAttr("pads");
    if (pads.empty() && n.inputs.size() > 1 && n.inputs[1] != kNoId)
        if (const ConstantData* c = g_.constantData(n.inputs[1]))
            for (double v : c->toDoubles())
                pads.push_back(static_cast<int64_t>(v));
    for (int64_t p : pads)
        if (p != 0)
            noLayer(n, "a Pad of its own (FINN pads only in a convolution's or pooling's window generator, FMPadding)");
    publish(n.outputs[0], s);
}

void Converter::refuseUnbuildable(const Node& n) const
{
    const std::string& op = n.opType;
    const std::vector<TensorId> ins = streamInputs(n);
    const auto streamed = [&](TensorId t) {
        const auto it = streams_.find(t);
        return it != streams_.end() && !it->second.outside;
    };
    if (op == "Sigmoid") {
        for (NodeId c : g_.tensor(n.outputs[0]).consumers) {
            const Node& reader = g_.node(c);
            const std::vector<TensorId> operands = streamInputs(reader);
            if (reader.opType != "Mul" || operands.size() != 2)
                continue;
            const TensorId other = operands[0] == n.outputs[0] ? operands[1] : operands[0];
            if (!n.inputs.empty() && other == n.inputs[0])
                noLayer(n, "x * Sigmoid(x) (SiLU/Swish): a product of two streams, and FINN main has no elementwise "
                           "multiply ('" + reader.name + "')");
            noLayer(n, "a Sigmoid gating a product of two streams (squeeze-excitation): FINN main has no elementwise "
                       "multiply ('" + reader.name + "')");
        }
        noLayer(n, "Sigmoid (FINN turns only Relu, Selu and clipping quantizers into thresholds)");
    }
    if ((op == "Mul" || op == "Div" || op == "Sub") && ins.size() == 2 && streamed(ins[0]) && streamed(ins[1]))
        noLayer(n, std::string(op == "Sub" ? "a difference" : "a product") + " of two streams (FINN main has no "
                   + (op == "Sub" ? "elementwise subtract" : "elementwise multiply") + ")");
    if ((op == "Transpose" || op == "Reshape") && ins.size() == 1 && streamed(ins[0])) {
        // ShuffleNet's channel shuffle: a Reshape to (N, groups, C / groups, H, W), a Transpose
        // of the two channel axes, and a Reshape back.
        const auto& readers = g_.tensor(n.outputs[0]).consumers;
        const auto d = dims(n.outputs[0]);
        const auto in = dims(ins[0]);
        const bool grouped = op == "Reshape" ? d && d->size() == 5 : in && in->size() == 5;
        const bool intoTranspose = op == "Transpose" || (readers.size() == 1 && g_.node(readers[0]).opType == "Transpose");
        if (grouped && intoTranspose)
            noLayer(n, "a channel shuffle (a Reshape and Transpose of the channels of a feature map)");
    }
    if ((op == "Slice" || op == "Split") && !ins.empty() && streamed(ins[0]))
        noLayer(n, "splitting a stream's channels (StreamingSplit is only in FINN's dev branch)");
}

} // namespace foldwise::finn::detail
