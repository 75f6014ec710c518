#pragma once

// How calibration data is opened for a model (the CLI's profile, sweep and induce commands, the
// GUI's tasks).

#include "data/OpenCalibrationSource.h"
#include "model/Model.h"

#include <filesystem>

namespace foldwise {

// The model's input decides what the data must look like: synthetic items and .pb tensors take
// its non-batch dims, images are cropped to its height and width (grey for one channel).
CalibrationOptions calibrationOptionsFor(const Model& model, const std::filesystem::path& labels = {});

} // namespace foldwise
