#pragma once

// FINN's folding_config.json (qonnx/FINN ApplyConfig and extract_model_config_to_json):
//   {"Defaults": {"<attr>": [<value>, ["<OpType>", ...]] or [<value>, "all"], ...},
//    "MVAU_hls_0": {"PE": 16, "SIMD": 3, "ram_style": "auto", "resType": "lut"}, ...}
// Node entries are keyed by node name. Reading applies the folding attributes (PE, SIMD,
// ram_style, ram_style_thresholds, resType, parallel_window, depth_trigger_uram/bram) to the
// named nodes; mem_mode must be "internal_decoupled" (the only weight memory modelled);
// runtime_writeable_weights, inFIFODepths and outFIFODepths are accepted and do not change
// the estimates. Defaults match a node by its specialised ("MVAU_hls") or base ("MVAU") op type.
// Unlike FINN, which only warns, an unknown node name is an error.

#include "hw/finn/FinnDesign.h"

#include <filesystem>
#include <string>

namespace foldwise::finn {

// Applies the file to the design. Throws ModelError(file, reason) naming the node (and the
// attribute) for an unknown node, an attribute the node lacks, a value of the wrong type or a
// folding FINN's constraints reject; the design is then unchanged.
void readFoldingConfig(FinnDesign& design, const std::filesystem::path& file);
// The same from JSON text; `file` only names the source in messages.
void applyFoldingConfig(FinnDesign& design, const std::string& text, const std::string& file);

// {"Defaults": {}, node: {attributes}} for every node, in network order, as FINN's
// extract_model_config_to_json writes the folding attributes.
std::string foldingConfigJson(const FinnDesign& design);
// Written atomically (AtomicFileWriter); errors are ModelErrors.
void writeFoldingConfig(const FinnDesign& design, const std::filesystem::path& file);

} // namespace foldwise::finn
