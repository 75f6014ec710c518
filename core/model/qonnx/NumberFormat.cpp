#include "model/qonnx/NumberFormat.h"

#include <charconv>

namespace foldwise::qonnx {
namespace {

std::optional<int> parseInt(std::string_view s)
{
    int v = 0;
    const auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
    if (ec != std::errc() || end != s.data() + s.size() || v < 1 || v > 64)
        return std::nullopt;
    return v;
}

bool startsWith(std::string_view s, std::string_view prefix)
{
    return s.substr(0, prefix.size()) == prefix;
}

} // namespace

std::string NumberFormat::finnName() const
{
    switch (kind) {
    case Kind::Float: return bits == 16 ? "FLOAT16" : "FLOAT32";
    case Kind::Integer: return (isSigned ? "INT" : "UINT") + std::to_string(bits);
    case Kind::Bipolar: return "BIPOLAR";
    case Kind::Binary: return "BINARY";
    case Kind::Ternary: return "TERNARY";
    case Kind::Fixed: return "FIXED<" + std::to_string(bits) + "," + std::to_string(integerBits) + ">";
    case Kind::ScaledInteger: return "SCALEDINT<" + std::to_string(bits) + ">";
    }
    return "FLOAT32";
}

std::optional<NumberFormat> parseFinnDataType(std::string_view name)
{
    if (name == "FLOAT32")
        return NumberFormat::floatingPoint(32);
    if (name == "FLOAT16")
        return NumberFormat::floatingPoint(16);
    if (name == "BIPOLAR")
        return NumberFormat::bipolar();
    if (name == "BINARY")
        return NumberFormat{NumberFormat::Kind::Binary, 1, false, 0};
    if (name == "TERNARY")
        return NumberFormat{NumberFormat::Kind::Ternary, 2, true, 0};
    if (startsWith(name, "UINT"))
        if (auto b = parseInt(name.substr(4)))
            return NumberFormat::integer(*b, false);
    if (startsWith(name, "INT"))
        if (auto b = parseInt(name.substr(3)))
            return NumberFormat::integer(*b, true);
    if (startsWith(name, "SCALEDINT<") && name.back() == '>')
        if (auto b = parseInt(name.substr(10, name.size() - 11)))
            return NumberFormat{NumberFormat::Kind::ScaledInteger, *b, true, 0};
    if (startsWith(name, "FIXED<") && name.back() == '>') {
        const std::string_view inside = name.substr(6, name.size() - 7);
        const auto comma = inside.find(',');
        if (comma != std::string_view::npos) {
            const auto total = parseInt(inside.substr(0, comma));
            std::string_view intPart = inside.substr(comma + 1);
            while (!intPart.empty() && intPart.front() == ' ')
                intPart.remove_prefix(1);
            const auto integer = parseInt(intPart);
            if (total && integer && *integer <= *total)
                return NumberFormat{NumberFormat::Kind::Fixed, *total, true, *integer};
        }
    }
    return std::nullopt;
}

NumberFormat quantOutputFormat(int bits, bool isSigned)
{
    if (bits == 1)
        return isSigned ? NumberFormat::bipolar() : NumberFormat{NumberFormat::Kind::Binary, 1, false, 0};
    return NumberFormat::integer(bits, isSigned);
}

} // namespace foldwise::qonnx
