#pragma once

// The files an induced-ReLU run hands to the user's training code (core/passes/README.md,
// "Induced ReLUs: hand-off to training"): per inducer its prototype units, per induced layer its
// choosing map as an index vector and, when small enough, as the one-hot matrix M.

#include "passes/InducedReluChoice.h"

#include <nlohmann/json.hpp>

#include <cstdint>
#include <filesystem>
#include <vector>

namespace foldwise::passes {

// One-hot matrices up to this many elements (64 MiB of float32) are written; larger ones (the
// stem of a 224x224 ResNet-18 inducing itself would take 2.6 TB) only as index vectors.
inline constexpr int64_t kOneHotLimit = int64_t(1) << 24;

// Writes into `dir` (created if missing):
//   <inducer>.prototypes.npy  int64 [K]     the prototype units, flat row-major indices into the
//                                           inducer's input (one item: C x H x W), selection order
//   <layer>.choosing.npy      int64 [U_B]   per unit of the induced layer (flat, row-major over
//                                           its C x H x W), the inducer unit whose sign it takes
//   <layer>.onehot.npy        float32 [U_A, U_B]  M with M[map[j], j] = 1 (when U_A*U_B <= kOneHotLimit)
//   choosing.json             the manifest below (also returned)
// where <name> is the node name with characters other than letters, digits, '.', '-' and '_'
// replaced by '_'. Manifest: {"format", "items", "inducers": [{"inducer", "input", "shape",
// "units", "prototypes", "prototypes_file", "induced": [{"layer", "input", "shape", "units",
// "choosing_map_file", "one_hot_file" (null when omitted), "one_hot_omitted"}]}]}.
// Throws ModelError naming the file that could not be written.
nlohmann::json writeChoosingMaps(const std::vector<InducerChoice>& choices, const std::filesystem::path& dir);

// M for induced layer `layer` of `choice`: inducer units x induced units, row-major.
std::vector<float> oneHotChoosingMatrix(const InducerChoice& choice, std::size_t layer);

} // namespace foldwise::passes
