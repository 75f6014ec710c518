#include "model/qonnx/QonnxOps.h"

#include "model/Graph.h"

namespace foldwise::qonnx {

bool isQuantizerDomain(std::string_view domain)
{
    return domain == "qonnx.custom_op.general" || domain == "finn.custom_op.general" || domain == "onnx.brevitas";
}

bool isChannelsLastDomain(std::string_view domain)
{
    return domain == "qonnx.custom_op.channels_last" || domain == "finn.custom_op.channels_last";
}

bool isFinnDataflowDomain(std::string_view domain)
{
    constexpr std::string_view prefix = "finn.custom_op.fpgadataflow";
    return domain.substr(0, prefix.size()) == prefix;
}

Op opOf(std::string_view opType, std::string_view domain)
{
    // Early Brevitas exports put Quant in the default domain; no standard op has these names.
    const bool general = domain.empty() || domain == "ai.onnx" || isQuantizerDomain(domain);
    if (general) {
        if (opType == "Quant" || opType == "IntQuant")
            return Op::Quant;
        if (opType == "BipolarQuant")
            return Op::BipolarQuant;
        if (opType == "Trunc")
            return Op::Trunc;
        if (opType == "MultiThreshold")
            return Op::MultiThreshold;
        return Op::None;
    }
    if (isChannelsLastDomain(domain)) {
        if (opType == "Conv")
            return Op::ChannelsLastConv;
        if (opType == "MaxPool")
            return Op::ChannelsLastMaxPool;
    }
    return Op::None;
}

Op opOf(const Node& node)
{
    return opOf(node.opType, node.domain);
}

std::string_view opName(Op op)
{
    switch (op) {
    case Op::Quant: return "Quant";
    case Op::BipolarQuant: return "BipolarQuant";
    case Op::Trunc: return "Trunc";
    case Op::MultiThreshold: return "MultiThreshold";
    case Op::ChannelsLastConv: return "Conv (channels last)";
    case Op::ChannelsLastMaxPool: return "MaxPool (channels last)";
    case Op::None: break;
    }
    return "";
}

bool isQuantizer(Op op)
{
    return op == Op::Quant || op == Op::BipolarQuant || op == Op::Trunc || op == Op::MultiThreshold;
}

bool isChannelsLast(Op op)
{
    return op == Op::ChannelsLastConv || op == Op::ChannelsLastMaxPool;
}

} // namespace foldwise::qonnx
