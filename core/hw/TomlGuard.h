#pragma once

#include <string>
#include <string_view>

namespace foldwise {

// toml++ 3.3 (Debian 12's) reaches __builtin_unreachable() -- undefined behaviour -- when it
// checks a character between U+00A1 and U+0499 (Latin-1 letters, Greek, Cyrillic, ...) or around
// U+3000 for being whitespace: its generated table misses those ranges. TOML allows non-ASCII
// text only inside strings and comments, so Foldwise refuses it anywhere else before toml++
// sees the file: ModelError(file, "TOML syntax error at line L, column C: ...").
void checkTomlCharacters(std::string_view text, const std::string& file);

} // namespace foldwise
