#include "model/qonnx/QonnxOps.h"

#include "model/Graph.h"

#include <span>
#include <utility>

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

namespace {

using OpTypes = std::span<const std::pair<std::string_view, Op>>;

constexpr std::pair<std::string_view, Op> kGeneralOps[] = {{"Quant", Op::Quant},
                                                           {"IntQuant", Op::Quant},
                                                           {"BipolarQuant", Op::BipolarQuant},
                                                           {"Trunc", Op::Trunc},
                                                           {"MultiThreshold", Op::MultiThreshold}};
constexpr std::pair<std::string_view, Op> kChannelsLastOps[] = {{"Conv", Op::ChannelsLastConv},
                                                                {"MaxPool", Op::ChannelsLastMaxPool}};

Op lookUp(OpTypes ops, std::string_view opType)
{
    for (const auto& [name, op] : ops)
        if (opType == name)
            return op;
    return Op::None;
}

} // namespace

Op opOf(std::string_view opType, std::string_view domain)
{
    // Early Brevitas exports put Quant in the default domain; no standard op has these names.
    const bool general = domain.empty() || domain == "ai.onnx" || isQuantizerDomain(domain);
    if (general)
        return lookUp(kGeneralOps, opType);
    if (isChannelsLastDomain(domain))
        return lookUp(kChannelsLastOps, opType);
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
