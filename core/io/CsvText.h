#pragma once

#include <string>

namespace foldwise {

// The shortest text that reads back to the same double (std::to_chars).
std::string shortestNumber(double v);

// RFC 4180 quoting: the field as is, or in double quotes (inner quotes doubled) when it holds a
// separator, a quote or a line break, or when `alwaysQuote`.
std::string csvField(const std::string& s, bool alwaysQuote = false);

} // namespace foldwise
