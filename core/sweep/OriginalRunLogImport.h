#pragma once

#include "sweep/RunLog.h"

#include <filesystem>
#include <string>
#include <vector>

namespace foldwise {

// Import of run logs written by the original ReLU-threshold scripts (fpgaconvnet-torch's
// relu_main.py driving imagenet_main.py; OriginalRunLogImport.cpp documents their layout).
// `dir` is the scripts' `runlog/<arch>` folder.

// The sweeps `dir` holds: the stems of its `<stem>_accuracy.csv` files ("uniform",
// "slowest_node", "slowest_node_changing"), sorted. Throws ModelError when dir is no folder.
std::vector<std::string> originalSweepsIn(const std::filesystem::path& dir);

// Imports the one sweep of `dir`; throws ModelError when it holds none or several (name one with
// the overload). The result has source "imported", name "<arch>_<stem>", the policy and, where
// the file name tells it, the hardware mode; per iteration the accuracy CSV's row, the thresholds
// (from the iteration's JSON when present, else the row's printed dict) and the sparsity log's
// rows (empty when missing). Missing per-iteration files are tolerated; malformed files are
// ModelErrors naming the file and line.
RunLog importOriginalRunLog(const std::filesystem::path& dir);
RunLog importOriginalRunLog(const std::filesystem::path& dir, const std::string& sweep);

} // namespace foldwise
