#include "hw/finn/FinnNode.h"

namespace foldwise::finn {

std::string_view baseOpType(FinnOp op)
{
    switch (op) {
    case FinnOp::Mvau:
        return "MVAU";
    case FinnOp::Vvau:
        return "VVAU";
    case FinnOp::ConvolutionInputGenerator:
        return "ConvolutionInputGenerator";
    case FinnOp::Thresholding:
        return "Thresholding";
    case FinnOp::StreamingMaxPool:
        return "StreamingMaxPool";
    case FinnOp::FmPadding:
        return "FMPadding";
    case FinnOp::DownSampler:
        return "DownSampler";
    case FinnOp::LabelSelect:
        return "LabelSelect";
    case FinnOp::DuplicateStreams:
        return "DuplicateStreams";
    case FinnOp::AddStreams:
        return "AddStreams";
    case FinnOp::StreamingConcat:
        return "StreamingConcat";
    case FinnOp::Pool:
        return "Pool";
    case FinnOp::GlobalAccPool:
        return "GlobalAccPool";
    case FinnOp::ChannelwiseOp:
        return "ChannelwiseOp";
    case FinnOp::UpsampleNearestNeighbour:
        return "UpsampleNearestNeighbour";
    }
    return "?";
}

std::string opType(FinnOp op, Backend backend)
{
    return std::string(baseOpType(op)) + (backend == Backend::Hls ? "_hls" : "_rtl");
}

FinnDataType FinnDataType::unsignedInt(int bits)
{
    return bits == 1 ? binaryType() : FinnDataType{bits, false, false};
}

FinnDataType FinnDataType::signedInt(int bits)
{
    // A 1-bit signed type is FINN's BIPOLAR: qonnx has no INT1.
    return bits == 1 ? bipolarType() : FinnDataType{bits, true, false};
}

FinnDataType FinnDataType::bipolarType()
{
    return FinnDataType{1, true, true};
}

FinnDataType FinnDataType::binaryType()
{
    return FinnDataType{1, false, false};
}

int64_t FinnDataType::min() const
{
    if (bipolar)
        return -1;
    return isSigned ? -(int64_t{1} << (bits - 1)) : 0;
}

int64_t FinnDataType::max() const
{
    if (bipolar)
        return 1;
    return isSigned ? (int64_t{1} << (bits - 1)) - 1 : (int64_t{1} << bits) - 1;
}

std::string FinnDataType::name() const
{
    if (bipolar)
        return "BIPOLAR";
    if (bits == 1 && !isSigned)
        return "BINARY";
    return (isSigned ? "INT" : "UINT") + std::to_string(bits);
}

std::optional<FinnDataType> finnDataType(const std::optional<qonnx::NumberFormat>& f)
{
    if (!f || f->isFloat())
        return std::nullopt;
    switch (f->kind) {
    case qonnx::NumberFormat::Kind::Bipolar: return FinnDataType::bipolarType();
    case qonnx::NumberFormat::Kind::Binary: return FinnDataType::binaryType();
    case qonnx::NumberFormat::Kind::Ternary: return FinnDataType::signedInt(2);
    default: return f->isSigned ? FinnDataType::signedInt(f->bits) : FinnDataType::unsignedInt(f->bits);
    }
}

std::optional<FinnDataType> parseFinnDataTypeName(std::string_view name)
{
    return finnDataType(qonnx::parseFinnDataType(name));
}

std::string_view ramStyleName(RamStyle style)
{
    switch (style) {
    case RamStyle::Auto:
        return "auto";
    case RamStyle::Block:
        return "block";
    case RamStyle::Distributed:
        return "distributed";
    case RamStyle::Ultra:
        return "ultra";
    }
    return "auto";
}

std::string_view resTypeName(ResType type)
{
    switch (type) {
    case ResType::Auto:
        return "auto";
    case ResType::Lut:
        return "lut";
    case ResType::Dsp:
        return "dsp";
    }
    return "auto";
}

bool parseRamStyle(std::string_view text, RamStyle& style)
{
    for (RamStyle s : {RamStyle::Auto, RamStyle::Block, RamStyle::Distributed, RamStyle::Ultra})
        if (ramStyleName(s) == text) {
            style = s;
            return true;
        }
    return false;
}

bool parseResType(std::string_view text, ResType& type)
{
    for (ResType t : {ResType::Auto, ResType::Lut, ResType::Dsp})
        if (resTypeName(t) == text) {
            type = t;
            return true;
        }
    return false;
}

int FinnNetwork::indexOf(std::string_view name) const
{
    for (std::size_t i = 0; i < nodes.size(); ++i)
        if (nodes[i].name == name)
            return static_cast<int>(i);
    return -1;
}

} // namespace foldwise::finn
