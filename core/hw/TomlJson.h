#pragma once

// A TOML file read as the JSON document it is equivalent to, so that Foldwise's TOML inputs other
// than platforms (grid files) are read with the same JsonNode accessors, and their errors read
// like every other file's: "grid.toml: axes.model must be an array, not a string".

#include <filesystem>

#include <nlohmann/json.hpp>

namespace foldwise {

// Throws ModelError naming the file: cannot be read, a TOML syntax error (with line and column),
// characters toml++ cannot check safely (hw/TomlGuard.h).
nlohmann::json readTomlAsJson(const std::filesystem::path& file);

} // namespace foldwise
