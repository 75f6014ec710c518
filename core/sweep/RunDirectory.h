#pragma once

#include "sweep/RunLog.h"

#include <filesystem>
#include <optional>
#include <string>

namespace foldwise::sweep {

// A sweep's run directory read back for browsing (the GUI's sweep browser): the run log with
// every iteration's sparsity rows, and where each iteration's files are. Sweep.h describes the
// layout Foldwise writes; `foldwise-cli runlog import` writes the same without iteration folders.
struct RunDirectory {
    std::filesystem::path dir;
    RunLog log;
    std::string modelFile;   // as the manifest names it ("" when it names none)
    std::string modelSha256; // "" when unknown
    std::string platform;    // the manifest's platform name ("" when unknown)

    // iteration_<k>/<name> when that file exists.
    std::optional<std::filesystem::path> iterationFile(int iteration, const std::string& name) const;
};

// Whether `dir` looks like something readRunDirectory reads: a folder with a summary.csv, or
// the original scripts' runlog/<arch> folder (with *_accuracy.csv files).
bool isRunDirectory(const std::filesystem::path& dir);

// Reads summary.csv, the manifest (optional: name, source, policy, mode, model, platform) and each
// iteration's sparsity log (`iteration_<k>/*_sparsity_log.csv`; none is fine). A folder of the
// original scripts (no summary.csv) is imported with importOriginalRunLog. Throws ModelError
// naming the file and the problem.
RunDirectory readRunDirectory(const std::filesystem::path& dir);

} // namespace foldwise::sweep
