#pragma once

#include "data/CalibrationSource.h"
#include "hw/finn/FinnOptions.h"
#include "hw/fpgaconvnet/Design.h"
#include "model/EnumNames.h"
#include "model/Model.h"
#include "sweep/RunLog.h"
#include "sweep/ThresholdPolicy.h"

#include <atomic>
#include <filesystem>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>

namespace foldwise::sweep {

// How thresholds rise (domain reference section 2): every ReLU by the step, or the ReLU before
// the slowest hardware node.
enum class PolicyKind { Uniform, SlowestNode };
// When the hardware is optimised: once, every iteration, or every iteration with a dense design
// at the same DSP count beside it (SweepOptions::mode says more).
enum class HardwareMode { Fixed, Reoptimise, Normalised };

} // namespace foldwise::sweep

template <>
inline constexpr std::array foldwise::enumNames<foldwise::sweep::PolicyKind> = {
    std::pair{foldwise::sweep::PolicyKind::Uniform, "uniform"}, std::pair{foldwise::sweep::PolicyKind::SlowestNode, "slowest_node"}};
template <>
inline constexpr std::array foldwise::enumNames<foldwise::sweep::HardwareMode> = {
    std::pair{foldwise::sweep::HardwareMode::Fixed, "fixed"}, std::pair{foldwise::sweep::HardwareMode::Reoptimise, "reoptimise"},
    std::pair{foldwise::sweep::HardwareMode::Normalised, "normalised"}};

namespace foldwise::sweep {

// A ReLU-threshold sweep (domain reference section 2).
struct SweepOptions {
    std::string policy = "uniform"; // "uniform" | "slowest_node"
    // "fpgaconvnet": the zero-skipping fpgaConvNet-style model, whose cycles follow sparsity.
    // "finn": FINN-style hardware, which does not skip zeros: its figures are the same every
    // iteration (a baseline to compare the accuracy cost with), and only "fixed" and
    // "reoptimise" apply (they coincide).
    std::string style = "fpgaconvnet";
    // "fixed": optimise the hardware once (iteration 0, thresholds 0) and re-evaluate that design
    // with each iteration's sparsity; "reoptimise": optimise anew every iteration;
    // "normalised": optimise anew every iteration and also optimise a dense design (no zero
    // skipping) with the sparse design's DSP count as budget, so the two compare at the same
    // DSPs (summary columns dense_throughput_fps, dense_DSP).
    std::string mode = "fixed";
    // "fixed" mode: start from this design (a Foldwise design.json or an fpgaConvNet config.json,
    // as relu_main's --fixed-hardware with its optimised config) instead of optimising once.
    std::filesystem::path fixedDesign;
    // The least speed-up a sparse convolution's next `fine` step must give to be kept by the
    // greedy optimiser (fpgaConvNet's threshold: 1.2).
    double sparseFineGain = 1.2;
    ThresholdStep step;
    int iterations = 10;                   // iterations after iteration 0
    std::optional<double> maxAccuracyDrop; // stop once top-1 (else fidelity) fell this many points
    std::optional<double> targetThroughput; // stop once the design reaches this many FPS
    std::size_t threads = 0;               // profiling threads (0: OpenMP's count)
    // Activations kept between iterations (sweep/IncrementalProfiler.h): an iteration recomputes
    // only what lies below the ReLUs it changed.
    std::size_t cacheBytes = std::size_t(1) << 30;
    Platform platform;
    fpgaconvnet::DesignSettings settings; // its limits apply to the FINN style too
    finn::ConversionOptions finn;         // the FINN style's bit widths
    const std::atomic<bool>* cancel = nullptr;
    // How the sweep was asked for (e.g. the CLI's absolute model, data and labels paths), kept in
    // the manifest under "invocation" so that a resume needs only the run directory. Not compared
    // when resuming.
    std::map<std::string, std::string> invocation;
    // The input paths as the user gave them, with the "working_directory" they were given in
    // (for people reading the manifest: the invocation's absolute paths are what a resume
    // opens). Kept in the manifest under "invocation"."as_given" as the sweep was first
    // started: a resume, which takes the absolute paths, does not replace them.
    std::map<std::string, std::string> givenPaths;
};

// The lock file a sweep holds in its run directory while it writes (io/WriterLock.h).
inline constexpr const char* kRunDirectoryLockFile = ".foldwise-writer.lock";

// Called after each iteration with the log so far; returning false stops the sweep (the
// iterations done stay in the run directory, and --resume continues).
using SweepProgress = std::function<bool(const RunLog& log)>;

// Runs the sweep and keeps its run directory up to date after every iteration. Load the model
// (and open the data) by absolute paths: the iterations' files name them as the model's file()
// and the source's describe() spell them, and a resume from another folder must spell them
// alike for the run directory to stay as one uninterrupted run would have written it.
//
//   manifest.json            what ran (format, model hash, data, options)
//   summary.csv              one row per iteration (RunLog summary columns)
//   iteration_<k>/thresholds.json, <model>_sparsity_log.csv, profile.json, and the hardware:
//                 design.json (+ dense_design.json when normalised), or folding_config.json (FINN)
// Every file is written atomically and summary.csv last, so a sweep killed at any point resumes
// from its last complete iteration: when `runDir` already holds a sweep of the same model (by
// content: the manifest keeps its SHA-256 and absolute path), data and options, its iterations
// are kept and the sweep continues after them. One sweep writes a run directory at a time: the
// writer holds kRunDirectoryLockFile's lock, and a second one is refused naming the first (pid,
// host, start, command line). Throws ModelError when runDir holds another sweep or is being
// written, and std::invalid_argument for unknown policies, styles and modes.
RunLog runSweep(const Model& model, std::shared_ptr<const CalibrationSource> data, const SweepOptions& options,
                const std::filesystem::path& runDir, const SweepProgress& progress = {});

} // namespace foldwise::sweep
