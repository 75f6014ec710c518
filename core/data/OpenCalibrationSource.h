#pragma once

#include "data/CalibrationSource.h"
#include "data/ImagePreprocessing.h"
#include "data/Normalisation.h"
#include "data/SyntheticSource.h"

#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace foldwise {

// Everything a calibration spec may need; each source kind uses its part.
struct CalibrationOptions {
    ImagePreprocessing image;                          // image folders
    bool recursive = false;                            // image folders: include subfolders
    std::optional<Normalisation> arrayNormalisation;   // .npy arrays (after uint8 scaling)
    // Item dims without batch: the shape of synthetic items (default 3 x 224 x 224) and the
    // expected shape of .pb items (default: from the first file).
    std::optional<std::vector<int64_t>> itemDims;
    SyntheticOptions::Distribution syntheticDistribution = SyntheticOptions::Distribution::Normal;
    std::filesystem::path labels;                      // .csv or .npy; empty: no labels
};

// Opens the calibration source a spec names:
//   "synthetic:N" or "synthetic:N:SEED"  N generated items (SyntheticSource)
//   a folder of images                   ImageFolderSource (PNG, JPEG, BMP)
//   a folder of .pb files                TensorProtoSource
//   a .npy file                          NpyArraySource
//   a .pb file                           TensorProtoSource of that one file
// and attaches the labels file when options.labels is set. Throws ModelError(spec, reason)
// for anything that cannot be opened, including invalid options.
std::shared_ptr<CalibrationSource> openCalibrationSource(const std::string& spec, const CalibrationOptions& options = {});

// The spec with a relative file or folder made absolute (for a manifest that outlives the working
// directory); "synthetic:..." specs, which name no file, as given.
std::string absoluteCalibrationSpec(const std::string& spec);

} // namespace foldwise
