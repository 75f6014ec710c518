#pragma once

// What a pruning costs and buys, measured on the model before and after: predicted cycles and
// resources on a platform (fpgaConvNet-style greedy folding, FINN-style budgeted folding) and
// top-1/top-5 accuracy and fidelity (agreement with the unpruned model) on calibration data.
// A hardware style that cannot take a model gets {"error": "..."} for that style.

#include "data/OpenCalibrationSource.h"
#include "passes/PassResult.h"

#include <nlohmann/json.hpp>

#include <cstddef>
#include <string>

namespace foldwise::passes {

struct PruningEvaluationOptions {
    std::string platform = "zcu102"; // bundled name or TOML file; empty: no hardware figures
    bool fpgaconvnet = true;
    bool finn = true;
    std::string data;                // calibration spec (openCalibrationSource); empty: no accuracy
    CalibrationOptions calibration;  // labels, preprocessing
    std::size_t batch = 32;
};

// {"hardware": {"platform", "fpgaconvnet": {"before": {...}, "after": {...}}, "finn": {...}},
//  "accuracy": {"items", "labelled", "before": {"top1", "top5"}, "after": {"top1", "top5",
//  "fidelity"}}}; each side of "fpgaconvnet" holds "interval_cycles", "latency_cycles",
// "throughput_fps", "latency_s", "partitions", "dsp", "bram18", "lut", "ff", "bottleneck"; of
// "finn": "max_cycles", "critical_path_cycles", "throughput_fps", "bottleneck", "lut", "bram18",
// "dsp", "uram". Throws ModelError for a platform or data spec that cannot be opened, and
// PassCancelled when the context's flag is set (checked between the stages; the accuracy runs
// check it between batches and throw ExecutionCancelled).
nlohmann::json evaluatePruning(const Model& before, const Model& after, const PruningEvaluationOptions& options,
                               const PassContext& context = {});

} // namespace foldwise::passes
