#include "io/CsvText.h"

#include <charconv>

namespace foldwise {

std::string shortestNumber(double v)
{
    char buffer[64];
    const auto [end, ec] = std::to_chars(buffer, buffer + sizeof buffer, v);
    return ec == std::errc() ? std::string(buffer, end) : std::to_string(v);
}

std::string csvField(const std::string& s, bool alwaysQuote)
{
    if (!alwaysQuote && s.find_first_of(",\"\r\n") == std::string::npos)
        return s;
    std::string quoted = "\"";
    for (char c : s)
        quoted += c == '"' ? std::string("\"\"") : std::string(1, c);
    return quoted + "\"";
}

} // namespace foldwise
