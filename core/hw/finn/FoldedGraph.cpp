#include "hw/finn/FoldedGraph.h"

#include "hw/finn/FinnFormulas.h"

#include "model/ModelError.h"
#include "model/qonnx/QonnxOps.h"

#include <map>
#include <numeric>

namespace foldwise::finn {
namespace {

// A node's op type without the _hls/_rtl of SpecializeLayers, and its implementation style.
struct OpKind {
    std::string base;
    Backend backend = Backend::Hls;
};

OpKind kindOf(const Node& n)
{
    OpKind k{n.opType, Backend::Hls};
    for (const char* suffix : {"_hls", "_rtl"}) {
        const std::string s(suffix);
        if (k.base.size() > s.size() && k.base.compare(k.base.size() - s.size(), s.size(), s) == 0) {
            k.base.resize(k.base.size() - s.size());
            k.backend = s == "_rtl" ? Backend::Rtl : Backend::Hls;
        }
    }
    // FINN's names before 2024 (v0.6 to v0.9).
    static const std::map<std::string, std::string> legacy{
        {"MatrixVectorActivation", "MVAU"},       {"StreamingFCLayer_Batch", "MVAU"},
        {"VectorVectorActivation", "VVAU"},       {"Vector_Vector_Activate_Batch", "VVAU"},
        {"ConvolutionInputGenerator1D", "ConvolutionInputGenerator"},
        {"Thresholding_Batch", "Thresholding"},   {"StreamingMaxPool_Batch", "StreamingMaxPool"},
        {"FMPadding_Batch", "FMPadding"},         {"LabelSelect_Batch", "LabelSelect"},
        {"StreamingDataWidthConverter_Batch", "StreamingDataWidthConverter"},
        {"DuplicateStreams_Batch", "DuplicateStreams"}, {"AddStreams_Batch", "AddStreams"},
        {"ChannelwiseOp_Batch", "ChannelwiseOp"}, {"GlobalAccPool_Batch", "GlobalAccPool"}, {"Pool_Batch", "Pool"}};
    if (const auto it = legacy.find(k.base); it != legacy.end())
        k.base = it->second;
    return k;
}

class Reader {
public:
    explicit Reader(const Model& model) : model_(model), g_(model.graph()) { network_.sourceFile = model.file().string(); }

    FinnNetwork run();

private:
    [[noreturn]] void fail(const Node& n, const std::string& why) const
    {
        throw ModelError(network_.sourceFile, "node '" + n.name + "' (" + n.opType + "): " + why);
    }
    // An optional integer attribute: the fallback when absent, an error when of another type
    // (a folding must never be read as something it is not).
    int64_t optionalInt(const Node& n, const char* attr, int64_t fallback) const
    {
        const Attribute* a = n.attribute(attr);
        if (a && a->type != AttributeType::Int)
            fail(n, std::string("attribute ") + attr + " is not an integer");
        return a ? a->i : fallback;
    }
    int64_t requireInt(const Node& n, const char* attr) const
    {
        const Attribute* a = n.attribute(attr);
        if (!a || a->type != AttributeType::Int)
            fail(n, std::string("has no integer attribute ") + attr);
        return a->i;
    }
    std::vector<int64_t> requireInts(const Node& n, const char* attr, std::size_t size) const
    {
        std::vector<int64_t> v = n.intsAttr(attr);
        if (v.size() == 1 && size == 2)
            v.push_back(v[0]); // square, as older FINN stored some dims as one int
        if (v.empty())
            if (const Attribute* a = n.attribute(attr); a && a->type == AttributeType::Int)
                v.assign(size, a->i);
        if (v.size() != size)
            fail(n, std::string("needs attribute ") + attr + " with " + std::to_string(size) + " values");
        return v;
    }
    FinnDataType type(const Node& n, std::initializer_list<const char*> attrs, const char* fallback = nullptr) const
    {
        for (const char* attr : attrs)
            if (const std::string name = n.stringAttr(attr); !name.empty()) {
                const auto t = parseFinnDataTypeName(name);
                if (!t)
                    fail(n, std::string(attr) + " '" + name + "' is not a FINN integer data type");
                return *t;
            }
        if (fallback)
            return *parseFinnDataTypeName(fallback);
        fail(n, std::string("has no ") + *attrs.begin() + " attribute");
    }
    int64_t vectors(const Node& n) const
    {
        const std::vector<int64_t> v = n.intsAttr("numInputVectors");
        return std::accumulate(v.begin(), v.end(), int64_t{1}, std::multiplies<>());
    }
    void readStyles(const Node& n, NodeFolding& f) const
    {
        if (const std::string s = n.stringAttr("ram_style"); !s.empty() && !parseRamStyle(s, f.ramStyle))
            fail(n, "unknown ram_style '" + s + "'");
        if (const std::string s = n.stringAttr("ram_style_thresholds"); !s.empty() && !parseRamStyle(s, f.ramStyleThresholds))
            fail(n, "unknown ram_style_thresholds '" + s + "'");
        if (const std::string s = n.stringAttr("resType"); !s.empty() && !parseResType(s, f.resType))
            fail(n, "unknown resType '" + s + "'");
    }
    void memMode(const Node& n, FinnNode& node)
    {
        const std::string mode = n.stringAttr("mem_mode");
        // Before 2024 FINN's default was "const" (today's internal_embedded).
        const bool legacy = n.opType == "MatrixVectorActivation" || n.opType == "StreamingFCLayer_Batch"
            || n.opType == "VectorVectorActivation" || n.opType == "Vector_Vector_Activate_Batch";
        if (mode.empty() && legacy)
            note(n.name + ": no mem_mode (an old FINN's \"const\", internal_embedded); estimated as internal_decoupled");
        else if (!mode.empty() && mode != "internal_decoupled" && mode != "decoupled")
            note(node.name + ": mem_mode " + mode + " is estimated as internal_decoupled");
    }
    void note(const std::string& text) { network_.notes.push_back(text); }
    // MVAU and VVAU: data types, whether thresholds are built in, and the weight memory mode.
    void readMacUnit(const Node& n, FinnNode& node)
    {
        node.inputType = type(n, {"inputDataType"});
        node.weightType = type(n, {"weightDataType"});
        node.accType = type(n, {"accDataType"}, "INT32");
        node.hasThresholds = n.intAttr("noActivation", 0) == 0;
        node.outputType = node.hasThresholds ? type(n, {"outputDataType"}) : node.accType;
        memMode(n, node);
    }
    // VVAU and Pool (after a depthwise SWG): channels, the kernel and the output image, one input
    // vector per output pixel.
    void readWindowOutput(const Node& n, FinnNode& node, const char* kernelAttr, const char* outputAttr) const
    {
        node.channels = requireInt(n, "Channels");
        const auto k = requireInts(n, kernelAttr, 2), out = requireInts(n, outputAttr, 2);
        node.kernel = {k[0], k[1]};
        node.ofmDim = {out[0], out[1]};
        node.numInputVectors = out[0] * out[1];
    }

    bool readLayer(const Node& n, FinnNode& node);

    const Model& model_;
    const Graph& g_;
    FinnNetwork network_;
};

bool Reader::readLayer(const Node& n, FinnNode& node)
{
    const OpKind kind = kindOf(n);
    node.backend = kind.backend;
    NodeFolding& f = node.folding;
    f.pe = optionalInt(n, "PE", 1);
    f.simd = optionalInt(n, "SIMD", 1);
    readStyles(n, f);
    if (kind.base == "MVAU") {
        node.op = FinnOp::Mvau;
        node.mw = requireInt(n, "MW");
        node.mh = requireInt(n, "MH");
        node.channels = node.mw;
        node.numInputVectors = vectors(n);
        readMacUnit(n, node);
        node.binaryXnorMode = n.intAttr("binaryXnorMode", 0) != 0;
    } else if (kind.base == "VVAU") {
        node.op = FinnOp::Vvau;
        readWindowOutput(n, node, "Kernel", "Dim");
        readMacUnit(n, node);
    } else if (kind.base == "ConvolutionInputGenerator") {
        node.op = FinnOp::ConvolutionInputGenerator;
        node.channels = requireInt(n, "IFMChannels");
        const auto ifm = requireInts(n, "IFMDim", 2), ofm = requireInts(n, "OFMDim", 2), k = requireInts(n, "ConvKernelDim", 2);
        const auto s = requireInts(n, "Stride", 2);
        std::vector<int64_t> d = n.intsAttr("Dilation");
        if (d.size() != 2)
            d = {1, 1};
        node.ifmDim = {ifm[0], ifm[1]};
        node.ofmDim = {ofm[0], ofm[1]};
        node.kernel = {k[0], k[1]};
        node.stride = {s[0], s[1]};
        node.dilation = {d[0], d[1]};
        node.depthwise = n.intAttr("depthwise", 0) != 0;
        node.inputType = node.outputType = type(n, {"inputDataType", "dataType"});
        f.parallelWindow = n.intAttr("parallel_window", 0) != 0;
    } else if (kind.base == "Thresholding") {
        node.op = FinnOp::Thresholding;
        node.channels = requireInt(n, "NumChannels");
        node.numInputVectors = vectors(n);
        node.inputType = type(n, {"inputDataType"});
        node.outputType = type(n, {"outputDataType"});
        node.weightType = type(n, {"weightDataType"}, node.inputType.name().c_str());
        f.depthTriggerUram = n.intAttr("depth_trigger_uram", 0);
        f.depthTriggerBram = n.intAttr("depth_trigger_bram", 0);
    } else if (kind.base == "StreamingMaxPool") {
        node.op = FinnOp::StreamingMaxPool;
        node.channels = requireInt(n, "NumChannels");
        const auto img = requireInts(n, "ImgDim", 2), k = requireInts(n, "PoolDim", 2);
        node.ifmDim = {img[0], img[1]};
        node.kernel = {k[0], k[1]};
        node.stride = node.kernel;
        node.ofmDim = {img[0] / k[0], img[1] / k[1]};
        node.numInputVectors = node.ofmDim[0] * node.ofmDim[1];
        node.inputType = node.outputType = type(n, {"dataType", "inputDataType"});
    } else if (kind.base == "FMPadding") {
        node.op = FinnOp::FmPadding;
        node.channels = requireInt(n, "NumChannels");
        const auto img = requireInts(n, "ImgDim", 2), pad = requireInts(n, "Padding", 4);
        node.ifmDim = {img[0], img[1]};
        node.padding = {pad[0], pad[1], pad[2], pad[3]};
        node.ofmDim = {img[0] + pad[0] + pad[2], img[1] + pad[1] + pad[3]};
        node.inputType = node.outputType = type(n, {"inputDataType", "dataType"});
    } else if (kind.base == "LabelSelect") {
        node.op = FinnOp::LabelSelect;
        node.channels = requireInt(n, "Labels");
        node.labelsOut = requireInt(n, "K");
        node.inputType = type(n, {"inputDataType"});
        node.outputType = type(n, {"outputDataType"}, "UINT32");
    } else if (kind.base == "DownSampler") {
        node.op = FinnOp::DownSampler;
        node.channels = requireInt(n, "NumChannels");
        const int64_t img = requireInt(n, "ImgDim"), stride = requireInt(n, "Stride");
        const bool oneD = n.intAttr("is1D", 0) != 0;
        node.ifmDim = oneD ? std::array<int64_t, 2>{1, img} : std::array<int64_t, 2>{img, img};
        const int64_t out = (img - 1) / stride + 1;
        node.ofmDim = oneD ? std::array<int64_t, 2>{1, out} : std::array<int64_t, 2>{out, out};
        node.stride = {stride, stride};
        node.inputType = node.outputType = type(n, {"inputDataType"});
    } else if (kind.base == "DuplicateStreams") {
        node.op = FinnOp::DuplicateStreams;
        node.channels = requireInt(n, "NumChannels");
        node.outputs = static_cast<int>(optionalInt(n, "NumOutputStreams", 2));
        node.numInputVectors = vectors(n);
        node.inputType = node.outputType = type(n, {"inputDataType"});
    } else if (kind.base == "AddStreams") {
        node.op = FinnOp::AddStreams;
        node.channels = requireInt(n, "NumChannels");
        node.numInputVectors = vectors(n);
        node.inputType = type(n, {"inputDataType"});
        node.outputType = formulas::addStreamsOutputType(node.inputType);
    } else if (kind.base == "StreamingConcat" || kind.base == "Concat") {
        node.op = FinnOp::StreamingConcat;
        node.inputChannels = n.intsAttr("ElemsPerStream");
        if (node.inputChannels.empty())
            node.inputChannels = n.intsAttr("ChannelsPerStream");
        if (node.inputChannels.empty())
            fail(n, "has no ElemsPerStream");
        node.channels = std::accumulate(node.inputChannels.begin(), node.inputChannels.end(), int64_t{0});
        node.numInputVectors = vectors(n);
        node.inputType = node.outputType = type(n, {"inputDataType"});
    } else if (kind.base == "Pool") {
        node.op = FinnOp::Pool;
        readWindowOutput(n, node, "KernelSize", "OutImgDims");
        node.averagePool = n.stringAttr("Function") == "QuantAvgPool";
        node.inputType = type(n, {"InputDataType"});
        node.outputType = type(n, {"OutputDataType"}, node.inputType.name().c_str());
    } else if (kind.base == "GlobalAccPool") {
        node.op = FinnOp::GlobalAccPool;
        node.channels = requireInt(n, "NumChannels");
        node.numInputVectors = vectors(n);
        node.inputType = type(n, {"inputDataType"});
        node.outputType = formulas::globalAccPoolOutputType(node.inputType, node.numInputVectors);
    } else if (kind.base == "ChannelwiseOp") {
        node.op = FinnOp::ChannelwiseOp;
        node.channels = requireInt(n, "NumChannels");
        node.numInputVectors = vectors(n);
        node.multiply = n.stringAttr("Func", "add") == "mul";
        node.inputType = type(n, {"inputDataType"});
        node.outputType = type(n, {"outputDataType"}, node.inputType.name().c_str());
        node.weightType = type(n, {"paramDataType"}, node.inputType.name().c_str());
        if (n.stringAttr("ram_style").empty())
            f.ramStyle = RamStyle::Distributed; // ChannelwiseOp's default
    } else if (kind.base == "UpsampleNearestNeighbour") {
        node.op = FinnOp::UpsampleNearestNeighbour;
        node.channels = requireInt(n, "NumChannels");
        const int64_t in = requireInt(n, "IFMDim"), out = requireInt(n, "OFMDim");
        const bool oneD = n.intAttr("DimMode", 0) == 1;
        node.ifmDim = oneD ? std::array<int64_t, 2>{in, 1} : std::array<int64_t, 2>{in, in};
        node.ofmDim = oneD ? std::array<int64_t, 2>{out, 1} : std::array<int64_t, 2>{out, out};
        node.inputType = node.outputType = type(n, {"inputDataType"});
    } else {
        return false;
    }
    return true;
}

FinnNetwork Reader::run()
{
    // Unnamed nodes (SpecializeLayers leaves them so) already carry GraphBuilder's
    // <op_type>_<k>, counted per op type in graph order as FINN's GiveUniqueNodeNames counts.
    if (!isFinnDataflowGraph(model_))
        throw ModelError(network_.sourceFile, "holds no FINN hardware layer (finn.custom_op.fpgadataflow nodes)");

    std::map<TensorId, StreamSource> producerOf;           // tensor -> the layer output whose stream it is
    std::map<TensorId, std::vector<std::size_t>> fifosOn; // tensor -> FIFOs on its way still without a consumer
    for (NodeId id : g_.topologicalOrder()) {
        const Node& n = g_.node(id);
        if (!qonnx::isFinnDataflowDomain(n.domain)) {
            if (!n.domain.empty() || (n.opType != "Constant"))
                fail(n, "is not a FINN hardware layer: only a dataflow partition's graph is a FINN design");
            continue;
        }
        // The streams in: the inputs that are not constants (weights, thresholds).
        std::vector<TensorId> ins;
        for (TensorId t : n.inputs)
            if (t != kNoId && !g_.isConstant(t) && g_.tensor(t).role != TensorRole::Initializer)
                ins.push_back(t);
        const auto sourceOf = [&](TensorId t) {
            const auto it = producerOf.find(t);
            return it == producerOf.end() ? StreamSource{} : it->second;
        };
        for (TensorId t : n.outputs)
            if (t != kNoId && g_.tensor(t).consumers.size() > 1)
                fail(n, "feeds " + std::to_string(g_.tensor(t).consumers.size())
                            + " layers from one output; FINN stitches a fan-out only through DuplicateStreams");
        const OpKind kind = kindOf(n);
        const std::string& name = n.name;
        if (kind.base == "StreamingFIFO" || kind.base == "StreamingDataWidthConverter") {
            if (ins.size() != 1)
                fail(n, "needs one stream input");
            std::vector<std::size_t> waiting = fifosOn[ins[0]];
            if (kind.base == "StreamingFIFO") {
                const StreamSource from = sourceOf(ins[0]);
                GivenFifo fifo;
                fifo.name = name;
                fifo.producer = from.node >= 0 ? network_.nodes[static_cast<std::size_t>(from.node)].name : "";
                fifo.depth = requireInt(n, "depth");
                if (fifo.depth < 1)
                    fail(n, "depth " + std::to_string(fifo.depth) + " is not positive");
                const std::vector<int64_t> folded = n.intsAttr("folded_shape");
                if (folded.empty() || folded.back() < 1)
                    fail(n, "has no folded_shape with a positive last dimension");
                fifo.width = folded.back() * type(n, {"dataType"}).bits;
                fifo.vivado = n.stringAttr("impl_style", "rtl") == "vivado";
                if (const std::string st = n.stringAttr("ram_style"); !st.empty() && !parseRamStyle(st, fifo.ramStyle))
                    fail(n, "unknown ram_style '" + st + "'");
                waiting.push_back(network_.fifos.size());
                network_.fifos.push_back(fifo);
            }
            // The design places converters itself; the stream passes through.
            for (TensorId t : n.outputs) {
                producerOf[t] = sourceOf(ins[0]);
                fifosOn[t] = waiting;
            }
            continue;
        }
        FinnNode node;
        node.name = name;
        node.onnxNodes = {name};
        node.inputs.clear();
        for (TensorId t : ins) {
            node.inputs.push_back(sourceOf(t));
            if (node.inputs.back().node < 0 && !network_.nodes.empty())
                fail(n, "does not read the stream of a layer before it");
            for (std::size_t k : fifosOn[t])
                network_.fifos[k].consumer = name;
        }
        if (node.inputs.empty())
            node.inputs.push_back(StreamSource{});
        if (!readLayer(n, node))
            fail(n, "FINN's " + kind.base + " has no estimate model here (modelled: MVAU, VVAU, ConvolutionInputGenerator, "
                    "Thresholding, StreamingMaxPool, FMPadding, DownSampler, LabelSelect, DuplicateStreams, AddStreams, "
                    "StreamingConcat, Pool, GlobalAccPool, ChannelwiseOp, UpsampleNearestNeighbour, StreamingFIFO, "
                    "StreamingDataWidthConverter)");
        if (static_cast<std::size_t>(node.outputs) != n.outputs.size())
            fail(n, "has " + std::to_string(n.outputs.size()) + " outputs, not " + std::to_string(node.outputs));
        if (node.inputs.size() != (node.op == FinnOp::AddStreams ? 2 : node.op == FinnOp::StreamingConcat ? node.inputChannels.size() : 1))
            fail(n, "reads " + std::to_string(node.inputs.size()) + " streams, which FINN's " + kind.base + " does not");
        network_.nodes.push_back(node);
        for (std::size_t k = 0; k < n.outputs.size(); ++k)
            producerOf[n.outputs[k]] = StreamSource{static_cast<int>(network_.nodes.size()) - 1, static_cast<int>(k)};
    }
    // A depthwise SWG feeds its VVAU or Pool.
    for (std::size_t i = 0; i < network_.nodes.size(); ++i) {
        FinnNode& node = network_.nodes[i];
        if (leadsDepthwiseSwg(node.op) && node.producer() >= 0) {
            FinnNode& swg = network_.nodes[static_cast<std::size_t>(node.producer())];
            if (swg.op == FinnOp::ConvolutionInputGenerator && swg.depthwise) {
                swg.linked = static_cast<int>(i);
                node.linked = node.producer();
            }
        }
    }
    return std::move(network_);
}

} // namespace

bool isFinnDataflowGraph(const Model& model)
{
    for (const Node& n : model.graph().nodes())
        if (qonnx::isFinnDataflowDomain(n.domain))
            return true;
    return false;
}

FinnNetwork readFoldedGraph(const Model& model)
{
    return Reader(model).run();
}

FinnDesign withFoldedGraph(const FinnDesign& design, const FinnNetwork& folded, const std::string& file)
{
    FinnNetwork network = design.network();
    for (const FinnNode& f : folded.nodes) {
        const int i = network.indexOf(f.name);
        if (i < 0)
            throw ModelError(file, "layer '" + f.name + "' of the folded graph is not in Foldwise's conversion of the model ("
                                       + std::to_string(network.nodes.size()) + " layers)");
        FinnNode& n = network.nodes[static_cast<std::size_t>(i)];
        if (n.op != f.op)
            throw ModelError(file, "layer '" + f.name + "' is a " + std::string(baseOpType(f.op)) + " in the folded graph but a "
                                       + std::string(baseOpType(n.op)) + " in Foldwise's conversion");
        n.folding = f.folding;
    }
    network.fifos = folded.fifos;
    EstimateOptions options = design.options();
    options.fifos = FifoRule::Given;
    try {
        return FinnDesign(std::move(network), options);
    } catch (const std::invalid_argument& e) {
        throw ModelError(file, e.what());
    }
}

} // namespace foldwise::finn
