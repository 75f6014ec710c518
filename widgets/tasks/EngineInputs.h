#pragma once

// What the tasks (and the model document) hand the engine: file names as std::filesystem
// paths, calibration specs and integer lists.
// (Calibration options for a model: data/ModelCalibration.h.)

#include <QString>

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

namespace foldwise::gui {

// A file name as the engine takes it (the local 8-bit encoding on POSIX).
std::filesystem::path enginePath(const QString& path);
// The same as the text the operations' parameter structs hold (core/ops).
std::string engineText(const QString& path);

// "9, 16,16" -> {9, 16, 16} (SIMD lists, prototype counts); nullopt when a part is not a
// positive integer.
std::optional<std::vector<int64_t>> parsePositiveIntegers(const QString& text);


} // namespace foldwise::gui
