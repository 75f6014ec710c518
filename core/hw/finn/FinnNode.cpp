#include "hw/finn/FinnNode.h"

#include <algorithm>
#include <array>

namespace foldwise::finn {

namespace {

// FINN's names, in the order of the enumerators they name.
constexpr std::array<std::string_view, 15> kBaseOpTypes{
    "MVAU", "VVAU", "ConvolutionInputGenerator", "Thresholding", "StreamingMaxPool", "FMPadding", "DownSampler",
    "LabelSelect", "DuplicateStreams", "AddStreams", "StreamingConcat", "Pool", "GlobalAccPool", "ChannelwiseOp",
    "UpsampleNearestNeighbour"};
constexpr std::array<std::string_view, 4> kRamStyles{"auto", "block", "distributed", "ultra"};
constexpr std::array<std::string_view, 3> kResTypes{"auto", "lut", "dsp"};

// A value's name; `unknown` for a value past the table.
template <class E, std::size_t N>
std::string_view nameIn(const std::array<std::string_view, N>& names, E value, std::string_view unknown)
{
    const auto i = static_cast<std::size_t>(value);
    return i < N ? names[i] : unknown;
}

// The enumerator a name stands for; false (and `value` unchanged) for any other text.
template <class E, std::size_t N>
bool parseIn(const std::array<std::string_view, N>& names, std::string_view text, E& value)
{
    const auto found = std::find(names.begin(), names.end(), text);
    if (found == names.end())
        return false;
    value = static_cast<E>(found - names.begin());
    return true;
}

} // namespace

std::string_view baseOpType(FinnOp op)
{
    static_assert(kBaseOpTypes.size() == static_cast<std::size_t>(FinnOp::UpsampleNearestNeighbour) + 1);
    return nameIn(kBaseOpTypes, op, "?");
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
    return nameIn(kRamStyles, style, "auto");
}

std::string_view resTypeName(ResType type)
{
    return nameIn(kResTypes, type, "auto");
}

bool parseRamStyle(std::string_view text, RamStyle& style)
{
    return parseIn(kRamStyles, text, style);
}

bool parseResType(std::string_view text, ResType& type)
{
    return parseIn(kResTypes, text, type);
}

int FinnNetwork::indexOf(std::string_view name) const
{
    for (std::size_t i = 0; i < nodes.size(); ++i)
        if (nodes[i].name == name)
            return static_cast<int>(i);
    return -1;
}

} // namespace foldwise::finn
