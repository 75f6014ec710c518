#pragma once

// Words put together with a separator, for messages and command lines ("12 13", "a, b").

#include <string>
#include <string_view>
#include <vector>

namespace foldwise {

inline std::string joined(const std::vector<std::string>& words, std::string_view separator)
{
    std::string text;
    for (const std::string& word : words) {
        if (!text.empty())
            text += separator;
        text += word;
    }
    return text;
}

} // namespace foldwise
