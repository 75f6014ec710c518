#pragma once

// How the commands that read calibration data (profile, induce) open it for a model.

#include "data/OpenCalibrationSource.h"
#include "model/Model.h"

#include <string>

namespace foldwise::cli {

// The model's input decides what the data must look like: synthetic items and .pb tensors take
// its non-batch dims, images are cropped to its height and width (grey for one channel).
CalibrationOptions calibrationOptionsFor(const Model& model, const std::string& labels);

} // namespace foldwise::cli
