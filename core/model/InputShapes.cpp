#include "model/InputShapes.h"

#include <charconv>
#include <stdexcept>

namespace foldwise {

InputShapeOverride parseInputShape(const std::string& spec)
{
    InputShapeOverride out;
    // Input names may contain ':' (e.g. "input:0" from TF converters): split at the last one.
    const auto colon = spec.rfind(':');
    std::string list = spec;
    if (colon != std::string::npos) {
        out.name = spec.substr(0, colon);
        list = spec.substr(colon + 1);
    }
    if (list.empty())
        throw std::invalid_argument("input shape '" + spec + "' has no dimensions");
    std::size_t start = 0;
    while (start <= list.size()) {
        const auto comma = list.find(',', start);
        const std::string item = list.substr(start, comma == std::string::npos ? std::string::npos : comma - start);
        int64_t value = 0;
        const auto [end, ec] = std::from_chars(item.data(), item.data() + item.size(), value);
        if (item.empty() || ec != std::errc() || end != item.data() + item.size())
            throw std::invalid_argument("input shape '" + spec + "': '" + item + "' is not a whole number");
        if (value < 0)
            throw std::invalid_argument("input shape '" + spec + "': dimension " + item + " is negative");
        out.dims.push_back(value);
        if (comma == std::string::npos)
            break;
        start = comma + 1;
    }
    return out;
}

} // namespace foldwise
