#include "data/Shard.h"

#include <charconv>
#include <stdexcept>

namespace foldwise {

void Shard::validate() const
{
    if (count == 0 || index >= count)
        throw std::invalid_argument("invalid shard " + std::to_string(index) + " of " + std::to_string(count)
                                    + ": the index must be below the count");
}

std::size_t Shard::size(std::size_t total) const
{
    const std::size_t base = total / count;
    const std::size_t extra = total % count;
    return base + (index < extra ? 1 : 0);
}

std::size_t Shard::position(std::size_t total, std::size_t k) const
{
    if (layout == Layout::Strided)
        return index + k * count;
    // The first total % count shards take one extra item each; computed without total * index,
    // which could overflow.
    const std::size_t base = total / count;
    const std::size_t extra = total % count;
    return index * base + std::min(index, extra) + k;
}

std::string Shard::describe() const
{
    return "shard " + std::to_string(index) + " of " + std::to_string(count)
        + (layout == Layout::Strided ? " (strided)" : " (contiguous)");
}

Shard Shard::parse(std::string_view text)
{
    const auto bad = [&]() {
        return std::invalid_argument("invalid shard '" + std::string(text) + "': expected i/N or i/N:strided");
    };
    Shard s;
    const std::size_t colon = text.find(':');
    const std::string_view numbers = text.substr(0, colon);
    if (colon != std::string_view::npos) {
        const std::string_view layout = text.substr(colon + 1);
        if (layout == "strided")
            s.layout = Layout::Strided;
        else if (layout != "contiguous")
            throw bad();
    }
    const std::size_t slash = numbers.find('/');
    if (slash == std::string_view::npos)
        throw bad();
    const auto parseNumber = [&](std::string_view digits, std::size_t& out) {
        const auto [end, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), out);
        if (digits.empty() || ec != std::errc() || end != digits.data() + digits.size())
            throw bad();
    };
    parseNumber(numbers.substr(0, slash), s.index);
    parseNumber(numbers.substr(slash + 1), s.count);
    s.validate();
    return s;
}

} // namespace foldwise
