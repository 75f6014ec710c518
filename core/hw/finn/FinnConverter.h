#pragma once

// The converter behind convertToFinn (FinnConversion.h), shared by the files that implement it:
// FinnConversion.cpp (the linear layers: Conv, Gemm/MatMul, activations, StreamingMaxPool,
// TopK) and FinnBranchConversion.cpp (forks, joins, pooling through an SWG, global pooling,
// channelwise ops, upsampling, and the ops FINN has no layer for). Internal to core/hw/finn.

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

namespace foldwise::finn::detail {

// What flows along an activation tensor of the ONNX graph in FINN terms.
struct Stream {
    int producer = -1;           // FINN node that emits it; -1 for the network input
    int port = 0;                // the producer's output port (a DuplicateStreams has several)
    FinnDataType type;
    bool spatial = true;         // (1, C, H, W) rather than (1, ..., K)
    int64_t channels = 0;        // C, or K for a flat stream
    int64_t h = 1;
    int64_t w = 1;
    int64_t vectors = 1;         // numInputVectors: H * W, or the leading dims of a flat stream
    int rawAccumulatorOf = -1;   // MVAU/VVAU whose accumulators these still are (no activation yet)
    bool unactivated = false;    // accumulator values no threshold has quantised since (also after pooling)
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
        for (std::size_t i = 0; i < g_.nodes().size(); ++i)
            byName_[g_.nodes()[i].name] = static_cast<NodeId>(i);
    }

    FinnNetwork run();

private:
    [[noreturn]] void fail(const Node& n, const std::string& why) const
    {
        // UnsupportedNodesError (a ModelError) lets the graph view mark the node with the reason.
        const std::string message = "node '" + n.name + "' (" + n.opType + "): " + why;
        std::vector<UnbuildableNode> nodes{UnbuildableNode{n.name, n.opType, why}};
        throw UnsupportedNodesError(network_.sourceFile, message, std::move(nodes));
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
    Stream activationInput(const Node& n);
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
        node.inputs = {StreamSource{input.producer, input.port}};
        node.onnxNodes = std::move(onnx);
        network_.nodes.push_back(std::move(node));
        return static_cast<int>(network_.nodes.size()) - 1;
    }
    // Emits the node reading stream s, which it then produces.
    void feed(Stream& s, FinnNode node, std::vector<std::string> onnx)
    {
        s.producer = emit(std::move(node), s, std::move(onnx));
        s.port = 0;
    }
    // An HLS node taking stream s's map to an oh x ow map of the same channels and data type.
    FinnNode mapNode(FinnOp op, const Stream& s, int64_t oh, int64_t ow) const
    {
        FinnNode node;
        node.op = op;
        node.backend = Backend::Hls;
        node.channels = s.channels;
        node.ifmDim = {s.h, s.w};
        node.ofmDim = {oh, ow};
        node.inputType = node.outputType = s.type;
        return node;
    }
    // An HLS node with PE 1 that keeps stream s's map and its vectors, data type in and out (one
    // with another output type sets it).
    FinnNode streamNode(FinnOp op, const Stream& s) const
    {
        FinnNode node = mapNode(op, s, s.h, s.w);
        node.numInputVectors = s.vectors;
        node.folding.pe = 1;
        return node;
    }
    // Publishes stream s, which a map node made an oh x ow map of values rather than
    // accumulators (a later ReLU is a standalone Thresholding), as tensor t.
    void publishMap(TensorId t, Stream s, int64_t oh, int64_t ow)
    {
        s.h = oh;
        s.w = ow;
        s.vectors = oh * ow;
        s.rawAccumulatorOf = -1;
        publish(t, s);
    }
    // FINN's FMPadding of stream s by `pads` (top, left, bottom, right); s is then the padded map.
    void padStream(Stream& s, const std::array<int64_t, 4>& pads, const std::vector<std::string>& onnx);
    // The sliding window generator (ConvolutionInputGenerator) from stream s to `out` windows,
    // with FINN's conversion defaults (SIMD = channels, ram_style distributed); an HLS one FINN
    // cannot build (non-square, dilated or 1-D windows) falls back to RTL, as in FINN.
    void slidingWindow(const Node& n, Stream& s, std::array<int64_t, 2> out, std::array<int64_t, 2> kernel,
                       std::array<int64_t, 2> stride, std::array<int64_t, 2> dilation, bool depthwise,
                       const std::vector<std::string>& onnx);
    // The MultiThreshold of activation type `act` (with the ONNX nodes it implements) on stream
    // s: absorbed into the MVAU/VVAU computing s, else a Thresholding node.
    Stream applyThresholds(Stream s, const FinnDataType& act, const std::vector<std::string>& onnx);
    // The compute node (MVAU/VVAU) for a layer: MultiThreshold absorption happens later.
    void setCompute(FinnNode& node, const Node& layer, const Stream& in, int64_t dotLength) const;
    // Emits layer n's compute node reading stream `in` (a BatchNormalization pending on it is
    // taken as folded into the weights) and returns the node's accumulator stream: `vectors`
    // vectors of `channels`, no activation yet.
    Stream emitCompute(const Node& n, const FinnNode& compute, const Stream& in, int64_t channels, int64_t vectors);

    // The node's stream output: a fan-out gets a DuplicateStreams (FINN's
    // InferDuplicateStreamsLayer), whose ports go to the readers in the order they take them.
    void publish(TensorId t, Stream s);
    // Takes the stream of tensor t for one reader (the next DuplicateStreams port on a fork).
    Stream take(const Node& reader, TensorId t);
    // The dynamic (stream) inputs of a node, in input order.
    std::vector<TensorId> streamInputs(const Node& n) const;
    // A float model's assumed quantiser: the accumulator stream s quantised to `type` (a
    // MultiThreshold absorbed into the MVAU/VVAU computing it, else a Thresholding node).
    Stream quantise(const Node& at, Stream s, const FinnDataType& type, const std::string& why);
    // A float model's type for activations no ReLU produced (unactivated accumulators that
    // branch or join): the activation type (UINT b, BIPOLAR for 1 bit).
    FinnDataType assumedActivationType() const;
    // A float model's stream that needs an assumed quantiser at a fork or join.
    bool raw(const Stream& s) const { return !fromModel_ && s.unactivated; }
    // Pending per-channel Mul/Add (BatchNormalization, scalings) that nothing absorbs before a
    // join or pool: FINN's ChannelwiseOp nodes (InferChannelwiseLinearLayer), in order.
    Stream materialisePending(Stream s);

    void convertConv(NodeId id, const Node& n);
    void convertAdd(const Node& n);
    void convertConcat(const Node& n);
    void convertPool(const Node& n, bool average);
    void poolThroughSwg(const Node& n, Stream s, bool average, std::array<int64_t, 2> k, std::array<int64_t, 2> st,
                        std::array<int64_t, 4> pads);
    void convertGlobalPool(const Node& n);
    void convertClip(const Node& n);
    void convertResize(const Node& n);
    void convertPad(const Node& n);
    void convertTranspose(const Node& n);
    void convertTrunc(const Node& n);
    // Ops FINN has no layer for: throws "FINN has no layer for <what>" when n is one.
    void refuseUnbuildable(const Node& n) const;
    [[noreturn]] void noLayer(const Node& n, const std::string& what) const { fail(n, "FINN has no layer for " + what); }
    void convertDense(const Node& n);
    void convertRelu(const Node& n);
    void activate(const Node& n, Stream s, const FinnDataType& act);
    void convertQuantizer(const Node& n);
    void convertScaling(const Node& n);
    void convertMaxPool(const Node& n) { convertPool(n, false); }
    void streamingMaxPool(const Node& n, Stream s, std::array<int64_t, 2> k, std::array<int64_t, 2> st);
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
    std::unordered_map<TensorId, int> nextPort_; // forked tensors: the next DuplicateStreams port to hand out
    std::unordered_map<std::string, NodeId> byName_; // ONNX node by name (pending scalings)
};

} // namespace foldwise::finn::detail
