#pragma once

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace foldwise {

// The run log of a ReLU-threshold sweep (issue 5, domain reference section 2): one model that
// Foldwise's own sweeps write, the importer of the original scripts' logs fills, and the GUI
// browses, so sweeps made either way can be compared side by side.

// One row of a sparsity log `<arch>_sparsity_log.csv` (profile/FpgaConvNetExport.h describes
// the columns as Foldwise writes them).
struct SparsityRow {
    std::string layer;    // Layer Name
    std::string type;     // Layer Type ("Conv" from Foldwise; the scripts print a Python class)
    int64_t kernelSize{}; // KERNEL*KERNEL
    double avgZeros{};    // Avg Zeros
    double avgSparsity{}; // Avg Sparsity
    // Avg Window Sparsity: absent from the scripts' older five-column logs.
    std::optional<double> avgWindowSparsity;

    bool operator==(const SparsityRow&) const = default;
};

// What the hardware model said about one iteration; the original scripts kept these in wandb
// only, so imported logs have none of them.
struct HardwareFigures {
    std::optional<double> throughputFps;
    std::optional<double> latencySeconds;
    std::optional<int64_t> cycles;
    std::optional<double> dsp;
    std::optional<double> bram;
    std::optional<double> lut;
    std::optional<double> ff;
    std::optional<std::string> bottleneck; // the slowest layer's name
    // The normalised mode's baseline: a dense design (no zero skipping) optimised with the
    // sparse design's DSP count as its budget.
    std::optional<double> denseThroughputFps;
    std::optional<double> denseDsp;

    bool operator==(const HardwareFigures&) const = default;
};

struct RunIteration {
    int index{}; // 0 for the first (usually all-zero) thresholds
    std::map<std::string, float> thresholds; // ReLU node name -> threshold (profile/ReluThresholds.h)
    std::vector<SparsityRow> sparsity;       // empty when the iteration's sparsity log is missing
    // Accuracies in percent, as the original scripts print them. Without labels Foldwise measures
    // no top-1 but the top-1 agreement with the unmodified model, `fidelity`.
    std::optional<double> top1;
    std::optional<double> top5;
    std::optional<double> fidelity;
    double networkSparsity{}; // domain reference section 2: op-weighted mean window sparsity
    HardwareFigures hardware;

    bool operator==(const RunIteration&) const = default;

    // The accuracy an iteration is judged by: top-1 with labels, else the fidelity.
    std::optional<double> accuracy() const { return top1 ? top1 : fidelity; }
    // Its thresholds' mean (0 without any): one number per iteration for curves and tables.
    double meanThreshold() const;
};

inline constexpr std::string_view kRunLogSourceFoldwise = "foldwise";
inline constexpr std::string_view kRunLogSourceImported = "imported";

struct RunLog {
    std::string name;   // shown in the GUI, e.g. "resnet18_uniform"
    std::string arch;   // the summary's Network column
    std::string source; // kRunLogSourceFoldwise or kRunLogSourceImported
    std::optional<std::string> policy; // "uniform" | "slowest_node", when known
    std::optional<std::string> mode;   // "reoptimise" | "fixed" | "normalised", when known
    std::vector<RunIteration> iterations;

    bool operator==(const RunLog&) const = default;
};

// ---- Summary CSV -------------------------------------------------------------------------------
// Header: the original accuracy CSV's columns, then Foldwise's:
//   Network,ReLU_Threshold,Top1_Accuracy,Top5_Accuracy,Network_Sparsity,
//   fidelity,throughput_fps,latency_s,cycles,DSP,BRAM,LUT,FF,bottleneck,
//   dense_throughput_fps,dense_DSP
// One row per iteration, in order. ReLU_Threshold holds the thresholds printed as Python prints a
// dict ("{'layer1.0.relu': 0.005, ...}", CSV-quoted), so tools written for the original files
// (pandas, the scripts' `split(",")[-3]`-style readers, ast.literal_eval) read ours too. Missing
// values are empty fields; doubles are written in the shortest form that reads back exactly.

// The column names, in order; the first five are the original scripts'. Readers find
// Foldwise's columns by name, so summaries written before a column was added still read.
const std::vector<std::string>& summaryCsvColumns();

// Throws ModelError for non-finite thresholds, which no Python float literal could carry.
std::string summaryCsv(const RunLog& log);
// Writes summaryCsv(log) atomically (io/AtomicFileWriter.h).
void writeSummaryCsv(const std::filesystem::path& file, const RunLog& log);

// Reads a summary CSV, ours or the original scripts' accuracy CSV (whose ReLU_Threshold column is
// an unquoted printed dict, its commas splitting the row, or `None` when no thresholds were
// given). The first five columns must be the original ones; Foldwise's are found by name and
// may be missing. Fills arch (from the first row's Network) and the iterations (index = row
// order; sparsity rows empty); name, source, policy and mode are the caller's to set. Throws
// ModelError(file, "line N, column C: ...") for anything malformed.
RunLog readSummaryCsv(const std::filesystem::path& file);

// ---- Threshold dictionaries --------------------------------------------------------------------

// The thresholds as Python's str(dict) prints them: "{'a': 0.005, 'b': 1e-05}", keys in map
// order, floats in Python's repr (shortest round-trip digits). "{}" when empty.
std::string pythonThresholdDict(const std::map<std::string, float>& thresholds);

// Parses a printed dict of name -> number: single- or double-quoted keys with Python escapes,
// any spacing, a trailing comma, ints, signs, scientific notation, numpy 2's np.float64(x)
// wrappers, and `None` (no thresholds, what the scripts print without a thresholds file) as
// empty. A repeated key keeps its last value, as a Python dict literal does. Throws
// ModelError(file, "line N, column ReLU_Threshold: at character C: ...") otherwise, including
// for values that are not finite floats.
std::map<std::string, float> parseThresholdDict(std::string_view text, const std::string& file = {},
                                                std::size_t line = 0);

// ---- Sparsity logs ---------------------------------------------------------------------------

// Reads `<arch>_sparsity_log.csv` as Foldwise (profile/FpgaConvNetExport.h) or the original
// scripts write it; columns are found by name (spaces around them ignored), Avg Window Sparsity
// may be missing. Throws ModelError(file, "line N, column C: ...").
std::vector<SparsityRow> readSparsityLogCsv(const std::filesystem::path& file);

} // namespace foldwise
