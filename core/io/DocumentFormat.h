#pragma once

// Foldwise's own JSON documents start with what they are: {"format": "foldwise-...", "version": N}.
// One check for all of them, so a wrong file is refused before any of its content is read, in
// the same words everywhere.

#include "io/JsonReading.h"

#include <cstdint>
#include <string_view>

namespace foldwise {

// Throws ModelError naming the file: not an object, another format, or another version.
void requireDocumentFormat(const JsonNode& root, std::string_view format, std::int64_t version);

} // namespace foldwise
