#pragma once

// The FINN-style hardware model's node list: what FINN's conversion (convert_to_hw_layers +
// SpecializeLayers + GiveUniqueNodeNames) makes of a CNN, one entry per dataflow layer, with
// the attributes FINN's cycle and resource estimates read.

#include "model/qonnx/NumberFormat.h"

#include <array>
#include <optional>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace foldwise::finn {

// Dataflow layer kinds, by FINN's op type before specialisation.
enum class FinnOp {
    Mvau,                      // MVAU: matrix-vector unit (dense conv as im2col, FC)
    Vvau,                      // VVAU: vector-vector unit (depthwise conv)
    ConvolutionInputGenerator, // sliding window generator (SWG)
    Thresholding,              // standalone MultiThreshold (quantised activation)
    StreamingMaxPool,
    FmPadding,                 // FMPadding: zero padding ahead of a padded conv's SWG
    DownSampler,               // 1x1 conv with stride > 1: FINN's replacement for an SWG
    LabelSelect,               // TopK at the end of a classifier: the k best labels
    DuplicateStreams,          // a fan-out: one input stream copied to NumOutputStreams outputs
    AddStreams,                // residual join: the elementwise sum of two streams
    StreamingConcat,           // channel concatenation of several streams
    Pool,                      // max/average pooling after a depthwise SWG (kernel >= stride)
    GlobalAccPool,             // global average pooling as a sum over H*W (the 1/(H*W) stays outside)
    ChannelwiseOp,             // per-channel add/mul by constants no threshold absorbs
    UpsampleNearestNeighbour,  // Resize (nearest, integer scale)
};

// FINN's two implementation styles; SpecializeLayers appends "_hls" or "_rtl" to the op type.
enum class Backend { Hls, Rtl };

// "MVAU", "ConvolutionInputGenerator", ...
std::string_view baseOpType(FinnOp op);
// The specialised op type FINN names nodes after: "MVAU_hls", "ConvolutionInputGenerator_rtl".
std::string opType(FinnOp op, Backend backend);

// A FINN (qonnx) DataType reduced to what the estimates read. 1-bit types are BIPOLAR
// {-1, +1} (signed, as qonnx counts min < 0) or BINARY {0, 1}.
struct FinnDataType {
    int bits = 8;
    bool isSigned = false;
    bool bipolar = false;

    static FinnDataType unsignedInt(int bits);
    static FinnDataType signedInt(int bits);
    static FinnDataType bipolarType();
    static FinnDataType binaryType();

    int64_t min() const;
    int64_t max() const;
    std::string name() const; // "UINT8", "INT4", "BIPOLAR", "BINARY"
    bool operator==(const FinnDataType&) const = default;
};

// The FINN data type of a model's number format, and of a finn_datatype name ("INT4",
// "BIPOLAR", ...); nullopt for float formats and names FINN does not define.
std::optional<FinnDataType> finnDataType(const std::optional<qonnx::NumberFormat>& format);
std::optional<FinnDataType> parseFinnDataTypeName(std::string_view name);

// FINN's ram_style values ("auto", "block", "distributed", "ultra") and resType values.
enum class RamStyle { Auto, Block, Distributed, Ultra };
enum class ResType { Auto, Lut, Dsp };

std::string_view ramStyleName(RamStyle style);
std::string_view resTypeName(ResType type);
// Parses FINN's spelling; false for anything else.
bool parseRamStyle(std::string_view text, RamStyle& style);
bool parseResType(std::string_view text, ResType& type);

// The folding attributes of one node. Which fields a node reads depends on its op (see
// FinnNodeModel.h); the others keep their defaults.
struct NodeFolding {
    int64_t pe = 1;
    int64_t simd = 1;
    bool parallelWindow = false;               // ConvolutionInputGenerator_rtl parallel_window
    RamStyle ramStyle = RamStyle::Auto;        // weights (MVAU/VVAU), line buffer (SWG), thresholds (Thresholding_hls)
    RamStyle ramStyleThresholds = RamStyle::Auto; // MVAU ram_style_thresholds
    ResType resType = ResType::Auto;           // MVAU/VVAU multipliers
    int64_t depthTriggerUram = 0;              // Thresholding_rtl depth_trigger_uram
    int64_t depthTriggerBram = 0;              // Thresholding_rtl depth_trigger_bram
    bool operator==(const NodeFolding&) const = default;
};

// Where a node input comes from: the node and its output port (DuplicateStreams has several);
// node -1 is the network input.
struct StreamSource {
    int node = -1;
    int port = 0;
    bool operator==(const StreamSource&) const = default;
};

// One dataflow layer. Geometry fields follow FINN's attribute names (in the comments); dims are
// [H, W]. Fields an op does not have stay at their defaults.
struct FinnNode {
    FinnOp op = FinnOp::Mvau;
    Backend backend = Backend::Hls;
    std::string name;                   // unique: "<OpType>_<index>", e.g. "MVAU_hls_0"
    std::vector<std::string> onnxNodes; // ONNX nodes it implements (Conv, BatchNormalization, Relu, ...)
    // One entry per input port (in0, in1, ...), each naming the node and output port it reads.
    std::vector<StreamSource> inputs{StreamSource{}};
    int outputs = 1;                    // output ports (DuplicateStreams NumOutputStreams)

    int64_t mw = 0;                     // MVAU MW (K * C_in)
    int64_t mh = 0;                     // MVAU MH (C_out)
    int64_t channels = 0;               // IFMChannels / NumChannels / Channels
    int64_t numInputVectors = 1;        // product of numInputVectors (pixels per frame; 1 for FC)
    std::array<int64_t, 2> ifmDim{1, 1};   // IFMDim / ImgDim (after padding for an SWG)
    std::array<int64_t, 2> ofmDim{1, 1};   // OFMDim (VVAU Dim)
    std::array<int64_t, 2> kernel{1, 1};   // ConvKernelDim / PoolDim / Kernel
    std::array<int64_t, 2> stride{1, 1};
    std::array<int64_t, 2> dilation{1, 1};
    std::array<int64_t, 4> padding{0, 0, 0, 0}; // FMPadding Padding: top, left, bottom, right
    bool depthwise = false;             // SWG feeding a VVAU (its SIMD follows the VVAU's PE)
    int64_t labelsOut = 1;              // LabelSelect K
    std::vector<int64_t> inputChannels; // StreamingConcat ElemsPerStream (channels of each input)
    bool averagePool = false;           // Pool Function QuantAvgPool (else MaxPool)
    bool multiply = false;              // ChannelwiseOp Func mul (else add)
    int linked = -1;                    // depthwise SWG <-> its VVAU

    FinnDataType inputType;             // inputDataType (SWG/pool/padding: dataType)
    FinnDataType weightType;            // weightDataType (Thresholding: the thresholds' type)
    FinnDataType outputType;            // outputDataType (the accumulator's when no activation)
    FinnDataType accType;               // MVAU/VVAU accDataType
    bool hasThresholds = false;         // MVAU/VVAU: a MultiThreshold was absorbed (noActivation = 0)
    bool binaryXnorMode = false;        // MVAU: bipolar x bipolar computed as XNOR-popcount
    bool hasBias = false;               // the ONNX layer had a bias (absorbed into thresholds when activated)

    NodeFolding folding;

    std::string opType() const { return finn::opType(op, backend); }
    // The node feeding in0 (-1 for the network input).
    int producer() const { return inputs.empty() ? -1 : inputs[0].node; }
};

// A StreamingFIFO of a FINN folded graph (after step_set_fifo_depths), as the file sets it.
struct GivenFifo {
    std::string name;      // "StreamingFIFO_rtl_0"
    std::string producer;  // node before it ("" for the graph input)
    std::string consumer;  // node after it ("" for the graph output)
    int64_t depth = 2;
    int64_t width = 0;     // folded_shape[-1] * bits of dataType
    bool vivado = false;   // impl_style vivado (else rtl)
    RamStyle ramStyle = RamStyle::Auto;
};

// A converted network: the nodes in FINN's order, a DAG in topological order (every input
// comes from an earlier node or the network input; a fan-out goes through DuplicateStreams, so
// every output port feeds one consumer, or the network output).
struct FinnNetwork {
    std::string sourceFile;
    std::vector<FinnNode> nodes;
    // FIFOs read from a FINN folded graph (FifoRule::Given), in the graph's order.
    std::vector<GivenFifo> fifos;
    std::vector<std::string> notes; // decisions the conversion took that the user should know

    // Index of the node with this name, or -1.
    int indexOf(std::string_view name) const;
};

} // namespace foldwise::finn
