#pragma once

// What the tasks hand the engine: file names as std::filesystem paths, calibration specs and
// integer lists.
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

// "9, 16,16" -> {9, 16, 16} (SIMD lists, prototype counts); nullopt when a part is not a
// positive integer.
std::optional<std::vector<int64_t>> parsePositiveIntegers(const QString& text);

// A calibration spec for openCalibrationSource: "synthetic:..." as given, files made absolute.
std::string calibrationSpec(const QString& data);

} // namespace foldwise::gui
