#pragma once

// Before/after figures of a fusion in the hardware models: hls4ml's io_stream stages and FIFOs
// (hw/hls4ml/StreamEstimate.h) and the fpgaConvNet-style layers at folding 1 with fused ReLUs
// merged (hw/fpgaconvnet, HardwareGraphOptions::mergeFusedActivations). A model a hardware model
// cannot take (an op it has no layer for) gets {"error": "..."} for that model instead.

#include "model/Model.h"

#include <nlohmann/json.hpp>

namespace foldwise::passes {

// {"hls4ml": {"bits", "before": {"stages", "fifos", "fifo_bram18", "fifo_lut"}, "after": {...},
//   "removed_stages": [...], "removed_fifos": [{"value", "from", "to", "depth", "width", "bram18",
//   "lut"}]}, "fpgaconvnet": {"before": {"layers", "relu_layers", "interval_cycles", "dsp",
//   "bram18", "lut", "ff"}, "after": {...}}}
nlohmann::json fusionHardwareReport(const Model& before, const Model& after, int bits);

} // namespace foldwise::passes
