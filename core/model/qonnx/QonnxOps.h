#pragma once

#include <string_view>

namespace foldwise {
struct Node;
}

namespace foldwise::qonnx {

// The QONNX and FINN-ONNX operators Foldwise understands, whatever domain a tool put them in:
// Brevitas, QKeras (tf2onnx), qonnx and FINN each used their own (domain reference section 7).
enum class Op {
    None,
    Quant,               // Quant / IntQuant: integer quantisation with scale, zero point, bit width
    BipolarQuant,        // sign(x) * scale (1-bit weights/activations)
    Trunc,               // drops LSBs of an integer (average pooling outputs)
    MultiThreshold,      // FINN's thresholding activation
    ChannelsLastConv,    // qonnx.custom_op.channels_last Conv (NHWC data, OHWI weights)
    ChannelsLastMaxPool, // qonnx.custom_op.channels_last MaxPool (NHWC)
};

Op opOf(std::string_view opType, std::string_view domain);
Op opOf(const Node& node);

std::string_view opName(Op op);

// Quant, BipolarQuant, Trunc and MultiThreshold: element-wise ops whose output is quantised.
bool isQuantizer(Op op);
bool isChannelsLast(Op op);

// "qonnx.custom_op.general", "finn.custom_op.general", "onnx.brevitas".
bool isQuantizerDomain(std::string_view domain);
bool isChannelsLastDomain(std::string_view domain);
// finn.custom_op.fpgadataflow and its .hls / .rtl sub-domains: FINN's hardware layers.
bool isFinnDataflowDomain(std::string_view domain);

} // namespace foldwise::qonnx
