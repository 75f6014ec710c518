#pragma once

#include "hw/fpgaconvnet/Design.h"

#include <filesystem>
#include <functional>
#include <nlohmann/json_fwd.hpp>
#include <optional>
#include <string>

namespace foldwise {
class ActivationProfile;
class Model;
}

namespace foldwise::fpgaconvnet {

// Foldwise's design file, style "fpgaconvnet" (format documented in core/hw/DESIGN_FORMAT.md):
// everything needed to re-evaluate the design: model hash, platform, settings, partitions and
// each layer's folding by name; the estimate rides along for readers, and is recomputed on load.
nlohmann::json designJson(const Evaluator& evaluator, const std::string& modelFile, const std::string& modelSha256);

// fpgaConvNet's config.json as its optimiser writes it (every key its parser reads, in its
// order; squeezes, weights reloading and buffer depths as fpgaConvNet sets them; see
// ConfigJson.cpp and CONFIG_NOTES.md), whichever model the design was evaluated with.
nlohmann::ordered_json configJson(const Evaluator& evaluator);
// report.json: network performance, resources, per partition and layer, from the evaluator's
// model (for the compatible model use compatibleReportJson(evaluator.compatibleReport())).
nlohmann::json reportJson(const Evaluator& evaluator);

// Rebuilds a design for `model` from a Foldwise design file or an fpgaConvNet config.json
// (told apart by their keys): the hardware graph is built anew from the model (and profile),
// the file's foldings and partitions applied by layer name. The platform comes from
// `platform` when given, else the design file's. `adjustSettings`, when given, changes the
// settings read from the file (e.g. only the batch size the user gave). Throws ModelError
// naming the file and the problem (unknown or missing layer, wrong types, infeasible folding,
// invalid settings, model hash mismatch for design files).
Design readDesign(const std::filesystem::path& file, const Model& model, const ActivationProfile* profile,
                  const std::optional<Platform>& platform,
                  const std::function<void(DesignSettings&)>& adjustSettings = {});

// Writes `json` (indented) atomically.
void writeJsonFile(const std::filesystem::path& file, const nlohmann::json& json);
// Writes a config.json atomically, formatted as fpgaConvNet writes it.
void writeConfigJsonFile(const std::filesystem::path& file, const nlohmann::ordered_json& config);

} // namespace foldwise::fpgaconvnet
