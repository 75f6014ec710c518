#include "sweep/OriginalRunLogImport.h"

#include "model/ModelError.h"
#include "profile/ReluThresholds.h"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <optional>
#include <utility>

// The original scripts' layout, as read in github.com/Yu-Zhewen/fpgaconvnet-torch, branch `krish`
// (relu_main.py, imagenet_main.py, sparsity_utils.py, utils.py, README.md). relu_main.py runs from
// the folder holding runlog/ and relu_thresholds/, and per iteration (run = 0, 1, ...) calls
// imagenet_main.py, which appends one accuracy row and writes one sparsity log:
//
//   runlog/<arch>/
//     uniform_accuracy.csv                  --relu-policy uniform (fixed or re-optimised
//                                           hardware: the scripts use the same name for both)
//     slowest_node_accuracy.csv             --relu-policy slowest_node --fixed-hardware
//     slowest_node_changing_accuracy.csv    --relu-policy slowest_node, re-optimising
//     uniform_relu_<t>/                     one folder per iteration; t = str(round(threshold, 4)),
//                                           Python's float repr: 0.0, 0.005, 0.01, ...
//     slowest_node_<run>/, slowest_node_changing_<run>/
//       <arch>_sparsity_log.csv             the per-convolution sparsity log
//       <arch>_<layer>_{mean,var,correlation,histograms}.npy   (not imported)
//   relu_thresholds/<arch>/
//     <arch>_uniform_relu_<t>.json, <arch>_slowest_node_<run>.json,
//     <arch>_slowest_node_changing_<run>.json    the thresholds the iteration ran with
//
// The accuracy CSV is opened in append mode: a header `Network,ReLU_Threshold,Top1_Accuracy,
// Top5_Accuracy,Network_Sparsity` when the file is new, then per iteration
// ','.join([arch, str(thresholds_dict), top1, top5, str(sparsity)]) - unquoted, so the dict's
// commas split the row (readSummaryCsv rejoins them); top-1/top-5 are percentages.
// relu_main.py itself pairs rows with iterations by position (it re-reads `lines[run + 1]` for
// --use-old-sparsity), so row i is run i. Uniform iteration folders are named by threshold, not
// run, so they are matched by the row's threshold: the largest value of its dict (the scripts
// raise only nn.ReLU modules, leaving any others at 0), compared numerically so that any float
// spelling of the folder name matches. Rows without thresholds (`None`) take the uniform
// folders in ascending threshold order.
//
// The older sparsity_utils.py wrote five columns (no Avg Window Sparsity); readSparsityLogCsv
// accepts both. Hardware figures went to wandb only, so imported logs carry none.

namespace foldwise {
namespace {

struct SweepKind {
    std::optional<std::string> policy;
    std::optional<std::string> mode;
    bool namedByThreshold = false; // folders uniform_relu_<t> rather than <stem>_<run>
};

SweepKind kindOf(const std::string& stem)
{
    if (stem == "uniform")
        return {"uniform", std::nullopt, true};
    if (stem == "slowest_node")
        return {"slowest_node", "fixed", false};
    if (stem == "slowest_node_changing")
        return {"slowest_node", "reoptimise", false};
    return {}; // another script's sweep: run-numbered folders, policy unknown
}

const std::string kAccuracySuffix = "_accuracy.csv";

// Directory entries without exceptions: an unreadable folder reads as empty (tolerated like a
// missing one), never as a crash.
std::vector<std::filesystem::path> entries(const std::filesystem::path& dir)
{
    std::vector<std::filesystem::path> out;
    std::error_code ec;
    std::filesystem::directory_iterator it(dir, ec);
    const std::filesystem::directory_iterator end;
    while (!ec && it != end) {
        out.push_back(it->path());
        it.increment(ec);
    }
    std::sort(out.begin(), out.end());
    return out;
}

bool isFile(const std::filesystem::path& p)
{
    std::error_code ec;
    return std::filesystem::is_regular_file(p, ec);
}

bool isFolder(const std::filesystem::path& p)
{
    std::error_code ec;
    return std::filesystem::is_directory(p, ec);
}

// "runlog/resnet18/" and "runlog/resnet18" alike, so that parent folders are found.
std::filesystem::path normalised(const std::filesystem::path& dir)
{
    std::error_code ec;
    std::filesystem::path p = std::filesystem::absolute(dir, ec);
    if (ec)
        p = dir;
    p = p.lexically_normal();
    if (p.filename().empty() && p.has_parent_path())
        p = p.parent_path();
    return p;
}

// Python's str(float) of a threshold, parsed back: nullopt unless the whole text is a number.
std::optional<double> numberSuffix(const std::string& name, const std::string& prefix, const std::string& suffix)
{
    if (name.size() <= prefix.size() + suffix.size() || name.compare(0, prefix.size(), prefix) != 0
        || name.compare(name.size() - suffix.size(), suffix.size(), suffix) != 0)
        return std::nullopt;
    const std::string text = name.substr(prefix.size(), name.size() - prefix.size() - suffix.size());
    // from_chars, unlike stod, ignores the locale (Qt applications set it from the environment).
    double v{};
    const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), v);
    if (ec != std::errc() || end != text.data() + text.size() || !std::isfinite(v))
        return std::nullopt;
    return v;
}

// Entries of `dir` named prefix<threshold>suffix, sorted by threshold.
std::vector<std::pair<double, std::filesystem::path>> byThreshold(const std::filesystem::path& dir,
                                                                  const std::string& prefix, const std::string& suffix)
{
    std::vector<std::pair<double, std::filesystem::path>> out;
    for (const std::filesystem::path& p : entries(dir))
        if (const std::optional<double> t = numberSuffix(p.filename().string(), prefix, suffix))
            out.emplace_back(*t, p);
    std::stable_sort(out.begin(), out.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
    return out;
}

// The entry whose threshold equals t; names carry round(t, 4) while thresholds are floats, so
// equal means within float precision.
std::optional<std::filesystem::path> matchThreshold(const std::vector<std::pair<double, std::filesystem::path>>& named,
                                                    double t)
{
    std::optional<std::filesystem::path> best;
    double bestDistance = 1e-6 * std::max(1.0, std::abs(t));
    for (const auto& [value, p] : named)
        if (const double d = std::abs(value - t); d <= bestDistance) {
            bestDistance = d;
            best = p;
        }
    return best;
}

std::optional<std::filesystem::path> sparsityLogIn(const std::filesystem::path& folder, const std::string& arch)
{
    if (!isFolder(folder))
        return std::nullopt;
    const std::filesystem::path expected = folder / (arch + "_sparsity_log.csv");
    if (isFile(expected))
        return expected;
    // The Network column and the file name come from the same --arch, but a renamed folder or
    // file should still be found when it is the only log there.
    std::optional<std::filesystem::path> only;
    for (const std::filesystem::path& p : entries(folder)) {
        const std::string name = p.filename().string();
        if (name.size() > 17 && name.ends_with("_sparsity_log.csv") && isFile(p)) {
            if (only)
                return std::nullopt;
            only = p;
        }
    }
    return only;
}

} // namespace

std::vector<std::string> originalSweepsIn(const std::filesystem::path& dir)
{
    if (!isFolder(dir))
        throw ModelError(dir.string(), "not a folder (expected the scripts' runlog/<arch> folder)");
    std::vector<std::string> stems;
    for (const std::filesystem::path& p : entries(dir)) {
        const std::string name = p.filename().string();
        if (name.size() > kAccuracySuffix.size() && name.ends_with(kAccuracySuffix) && isFile(p))
            stems.push_back(name.substr(0, name.size() - kAccuracySuffix.size()));
    }
    std::sort(stems.begin(), stems.end());
    return stems;
}

RunLog importOriginalRunLog(const std::filesystem::path& dir)
{
    const std::vector<std::string> stems = originalSweepsIn(dir);
    if (stems.empty())
        throw ModelError(dir.string(), "holds no accuracy CSV (uniform_accuracy.csv, slowest_node_accuracy.csv or "
                                       "slowest_node_changing_accuracy.csv)");
    if (stems.size() > 1) {
        std::string list;
        for (const std::string& s : stems)
            list += (list.empty() ? "" : ", ") + s;
        throw ModelError(dir.string(), "holds several sweeps (" + list + "); name the one to import");
    }
    return importOriginalRunLog(dir, stems.front());
}

RunLog importOriginalRunLog(const std::filesystem::path& dirIn, const std::string& sweep)
{
    const std::filesystem::path dir = normalised(dirIn);
    if (!isFolder(dir))
        throw ModelError(dirIn.string(), "not a folder (expected the scripts' runlog/<arch> folder)");
    const std::filesystem::path accuracy = dir / (sweep + kAccuracySuffix);
    if (!isFile(accuracy))
        throw ModelError(accuracy.string(), "no such accuracy CSV");

    RunLog log = readSummaryCsv(accuracy);
    if (log.arch.empty())
        log.arch = dir.filename().string();
    const SweepKind kind = kindOf(sweep);
    log.name = log.arch + "_" + sweep;
    log.source = std::string(kRunLogSourceImported);
    log.policy = kind.policy;
    log.mode = kind.mode;

    // Thresholds JSONs live beside runlog/ in the scripts' layout; copies inside the run-log
    // folder (as users move logs around) are found too.
    std::vector<std::filesystem::path> jsonFolders = {dir, dir / "relu_thresholds", dir / "relu_thresholds" / log.arch};
    if (dir.has_parent_path() && dir.parent_path().has_parent_path())
        jsonFolders.push_back(dir.parent_path().parent_path() / "relu_thresholds" / log.arch);

    const std::string folderPrefix = kind.namedByThreshold ? sweep + "_relu_" : sweep + "_";
    const std::string jsonPrefix = log.arch + "_" + folderPrefix;
    std::vector<std::pair<double, std::filesystem::path>> folders;
    std::vector<std::pair<double, std::filesystem::path>> jsons;
    if (kind.namedByThreshold)
        folders = byThreshold(dir, folderPrefix, "");
    if (kind.namedByThreshold)
        for (const std::filesystem::path& f : jsonFolders)
            for (auto& entry : byThreshold(f, jsonPrefix, ".json"))
                jsons.push_back(std::move(entry));

    std::size_t unnamed = 0; // rows without thresholds take the threshold-named folders in order
    for (RunIteration& it : log.iterations) {
        std::optional<std::filesystem::path> folder;
        std::optional<std::filesystem::path> json;
        if (kind.namedByThreshold) {
            if (!it.thresholds.empty()) {
                float t = it.thresholds.begin()->second;
                for (const auto& [name, v] : it.thresholds)
                    t = std::max(t, v);
                folder = matchThreshold(folders, t);
                json = matchThreshold(jsons, t);
            } else if (unnamed < folders.size()) {
                const auto& [t, path] = folders[unnamed++];
                folder = path;
                json = matchThreshold(jsons, t);
            }
        } else {
            const std::string run = std::to_string(it.index);
            folder = dir / (folderPrefix + run);
            for (const std::filesystem::path& f : jsonFolders)
                if (isFile(f / (jsonPrefix + run + ".json"))) {
                    json = f / (jsonPrefix + run + ".json");
                    break;
                }
        }
        if (json && isFile(*json)) {
            it.thresholds = readReluThresholds(*json);
            // readReluThresholds narrows finite doubles to float; beyond the float range they
            // would become infinities no summary could write.
            for (const auto& [name, t] : it.thresholds)
                if (!std::isfinite(t))
                    throw ModelError(json->string(), "the threshold of '" + name + "' is beyond the float range");
        }
        if (folder)
            if (const std::optional<std::filesystem::path> csv = sparsityLogIn(*folder, log.arch))
                it.sparsity = readSparsityLogCsv(*csv);
    }
    return log;
}

} // namespace foldwise
