#pragma once

// What the tasks hand the engine: file names as std::filesystem paths and calibration specs.
// (Calibration options for a model: data/ModelCalibration.h.)

#include <QString>

#include <filesystem>
#include <string>

namespace foldwise::gui {

// A file name as the engine takes it (the local 8-bit encoding on POSIX).
std::filesystem::path enginePath(const QString& path);

// A calibration spec for openCalibrationSource: "synthetic:..." as given, files made absolute.
std::string calibrationSpec(const QString& data);

} // namespace foldwise::gui
