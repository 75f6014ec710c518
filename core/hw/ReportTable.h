#pragma once

#include "hw/DesignReport.h"

#include <filesystem>
#include <nlohmann/json_fwd.hpp>
#include <string>

namespace foldwise {

// The per-layer table of a design (any style): layer, ONNX node, type, folding, cycles dense and
// as modelled, sparse flag, DSP, BRAM18, LUT, FF, URAM and which layer is the bottleneck.
std::string layerTableCsv(const NetworkEstimate& estimate);
nlohmann::json networkEstimateJson(const NetworkEstimate& estimate);
// A fixed-width text table for terminals.
std::string layerTableText(const NetworkEstimate& estimate);

// Writes text atomically (a reader never sees half a file); throws ModelError on I/O errors.
void writeTextFile(const std::filesystem::path& file, const std::string& text);

} // namespace foldwise
