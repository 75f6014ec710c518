#pragma once

#include "data/OpenCalibrationSource.h"

#include <memory>
#include <string>

namespace fixtures {

// The bundled example project (resources/example): the trained digits model and its held-out
// split with labels.
inline const std::string kExampleDir = FOLDWISE_SOURCE_DIR "/resources/example/";
inline const std::string kDigitsModel = kExampleDir + "digits_cnn.onnx";

inline std::shared_ptr<const foldwise::CalibrationSource> labelledDigits()
{
    foldwise::CalibrationOptions o;
    o.labels = kExampleDir + "digits_calib_labels.npy";
    static const auto source = foldwise::openCalibrationSource(kExampleDir + "digits_calib.npy", o);
    return source;
}

} // namespace fixtures
