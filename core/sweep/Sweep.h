#pragma once

#include "data/CalibrationSource.h"
#include "hw/fpgaconvnet/Design.h"
#include "model/Model.h"
#include "sweep/RunLog.h"
#include "sweep/ThresholdPolicy.h"

#include <atomic>
#include <filesystem>
#include <functional>
#include <memory>
#include <optional>
#include <string>

namespace foldwise::sweep {

// A ReLU-threshold sweep (domain reference section 2) on the fpgaConvNet-style model.
struct SweepOptions {
    std::string policy = "uniform"; // "uniform" | "slowest_node"
    // "fixed": optimise the hardware once (iteration 0, thresholds 0) and re-evaluate that design
    // with each iteration's sparsity; "reoptimise": optimise anew every iteration.
    std::string mode = "fixed";
    ThresholdStep step;
    int iterations = 10;                   // iterations after iteration 0
    std::optional<double> maxAccuracyDrop; // stop once top-1 (else fidelity) fell this many points
    std::optional<double> targetThroughput; // stop once the design reaches this many FPS
    std::size_t batchSize = 32;
    Platform platform;
    fpgaconvnet::DesignSettings settings;
    const std::atomic<bool>* cancel = nullptr;
};

// Called after each iteration with the log so far; returning false stops the sweep (the
// iterations done stay in the run directory, and --resume continues).
using SweepProgress = std::function<bool(const RunLog& log)>;

// Runs the sweep and keeps its run directory up to date after every iteration:
//   manifest.json            what ran (format, model hash, data, options)
//   summary.csv              one row per iteration (RunLog summary columns)
//   iteration_<k>/thresholds.json, <model>_sparsity_log.csv, profile.json, design.json
// Every file is written atomically and summary.csv last, so a sweep killed at any point resumes
// from its last complete iteration: when `runDir` already holds a sweep of the same model,
// data and options, its iterations are kept and the sweep continues after them. Throws
// ModelError when runDir holds another sweep.
RunLog runSweep(const Model& model, std::shared_ptr<const CalibrationSource> data, const SweepOptions& options,
                const std::filesystem::path& runDir, const SweepProgress& progress = {});

} // namespace foldwise::sweep
