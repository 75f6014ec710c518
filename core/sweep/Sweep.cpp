#include "sweep/Sweep.h"

#include "hw/finn/BudgetedSearch.h"
#include "hw/finn/FinnConversion.h"
#include "hw/finn/FoldingConfig.h"
#include "hw/fpgaconvnet/DesignFile.h"
#include "hw/fpgaconvnet/Optimisers.h"
#include "io/FileErrors.h"
#include "io/WriterLock.h"
#include "model/ModelError.h"
#include "profile/Accuracy.h"
#include "profile/FpgaConvNetExport.h"
#include "profile/ProfileFile.h"
#include "profile/Sha256.h"
#include "sweep/IncrementalProfiler.h"

#include "io/JsonReading.h"

#include <nlohmann/json.hpp>

#include <cmath>
#include <fstream>
#include <map>
#include <set>

namespace foldwise::sweep {
namespace {

constexpr int kManifestVersion = 1;

std::string absolutePath(const std::filesystem::path& p)
{
    std::error_code ec;
    const std::filesystem::path a = std::filesystem::absolute(p, ec);
    return (ec ? p : a.lexically_normal()).string();
}

nlohmann::json invocationJson(const SweepOptions& o)
{
    nlohmann::json j = o.invocation;
    if (!o.givenPaths.empty())
        j["as_given"] = o.givenPaths;
    return j;
}

nlohmann::json manifestJson(const Model& model, const CalibrationSource& data, const SweepOptions& o)
{
    return {{"format", "foldwise-sweep"},
            {"version", kManifestVersion},
            {"model", {{"file", absolutePath(model.file())}, {"sha256", sha256OfFile(model.file())}}},
            {"data", data.describe()},
            {"policy", o.policy},
            {"style", o.style},
            {"mode", o.mode},
            {"increment", o.step.increment},
            {"relative_increment", o.step.relative},
            {"iterations", o.iterations},
            {"platform", o.platform.name},
            {"batch", o.settings.batch},
            {"sparse_fine_gain", o.sparseFineGain},
            {"fixed_design",
             o.fixedDesign.empty() ? nlohmann::json()
                                   : nlohmann::json{{"file", absolutePath(o.fixedDesign)}, {"sha256", sha256OfFile(o.fixedDesign)}}},
            {"invocation", invocationJson(o)}};
}

// Manifests the GUI wrote before it opened the labels by their absolute path describe the data
// with the labels spelt as the user gave them, relative, while the invocation has them
// absolute: spelt absolute here, such a sweep still resumes.
void spellLabelsAbsolute(nlohmann::json& m)
{
    const auto inv = m.find("invocation");
    const auto data = m.find("data");
    if (inv == m.end() || !inv->is_object() || data == m.end() || !data->is_string())
        return;
    const auto labels = inv->find("labels");
    if (labels == inv->end() || !labels->is_string() || !std::filesystem::path(labels->get<std::string>()).is_absolute())
        return;
    const std::string absolute = labels->get<std::string>();
    std::string text = data->get<std::string>();
    const std::size_t at = text.rfind("; labels ");
    const std::size_t end = text.rfind(" (");
    if (at == std::string::npos || end == std::string::npos || end <= at + 9)
        return;
    const std::filesystem::path given = text.substr(at + 9, end - at - 9);
    if (given.is_absolute() || !absolute.ends_with("/" + given.lexically_normal().string()))
        return;
    text.replace(at + 9, end - at - 9, absolute);
    *data = text;
}

// Whether a run directory's manifest describes this sweep: the same model (by content; its
// path may be spelt otherwise), data and options (the iteration count may grow).
bool sameSweep(nlohmann::json a, nlohmann::json b)
{
    for (nlohmann::json* m : {&a, &b}) {
        spellLabelsAbsolute(*m);
        m->erase("iterations");
        m->erase("invocation");
        if (m->contains("model") && (*m)["model"].is_object())
            (*m)["model"].erase("file");
        if (m->contains("fixed_design") && (*m)["fixed_design"].is_object())
            (*m)["fixed_design"].erase("file");
        if (!m->contains("sparse_fine_gain"))
            (*m)["sparse_fine_gain"] = 1.2; // manifests written before the gain was settable
        if (!m->contains("fixed_design"))
            (*m)["fixed_design"] = nullptr;
        if (!m->contains("style"))
            (*m)["style"] = "fpgaconvnet"; // manifests written before the FINN style existed
    }
    return a == b;
}

std::vector<SparsityRow> sparsityRows(const ActivationProfile& p)
{
    std::vector<SparsityRow> rows;
    for (const ConvWindowZeros& c : p.convolutions)
        rows.push_back({c.conv, "Conv", c.kernelSize, meanZerosPerWindow(c), meanWindowSparsity(c), allZeroWindowFraction(c)});
    return rows;
}

std::optional<double> accuracyOf(const RunIteration& it)
{
    return it.top1 ? it.top1 : it.fidelity;
}

// The slowest convolution some ReLU feeds, by modelled cycles.
std::string slowestFedConvolution(const Model& model, const fpgaconvnet::Evaluator& e)
{
    std::string best;
    double slowest = -1;
    for (std::size_t i = 0; i < e.layerCount(); ++i) {
        const fpgaconvnet::HardwareLayer& l = e.design().graph.layers[i];
        if (l.type != fpgaconvnet::LayerType::Convolution || e.layerLatency(i) <= slowest)
            continue;
        if (relusFeeding(model, l.onnxNode).empty())
            continue;
        slowest = e.layerLatency(i);
        best = l.onnxNode;
    }
    return best;
}

void fillHardware(HardwareFigures& h, const NetworkEstimate& estimate)
{
    h.throughputFps = estimate.throughputFps;
    h.latencySeconds = estimate.latencySeconds;
    h.cycles = static_cast<int64_t>(estimate.latencyCycles);
    h.dsp = estimate.total.dsp;
    h.bram = estimate.total.bram18;
    h.lut = estimate.total.lut;
    h.ff = estimate.total.ff;
    if (!estimate.layers.empty())
        h.bottleneck = estimate.layers[estimate.bottleneck].name;
}

std::filesystem::path iterationDir(const std::filesystem::path& runDir, int k)
{
    return runDir / ("iteration_" + std::to_string(k));
}

// The FINN-style design: the budgeted search within the platform's limits. It does not depend
// on the thresholds (FINN computes every zero).
finn::FinnDesign finnDesign(const Model& model, const SweepOptions& o)
{
    finn::EstimateOptions estimate;
    if (o.platform.frequencyMhz > 0)
        estimate.clockNs = 1000.0 / o.platform.frequencyMhz;
    finn::FinnDesign design(finn::convertToFinn(model, o.finn), estimate);
    finn::BudgetOptions budget;
    budget.available = o.platform.resources;
    budget.limits = o.settings.limits;
    const finn::BudgetSearchResult r = finn::budgetedSearch(design, budget);
    if (!r.feasible)
        throw ModelError(model.file().string(), "no FINN folding of this model fits " + o.platform.name
                                                    + " within the limits, even the slowest (" + r.stopReason + ")");
    design.setFoldings(r.foldings);
    return design;
}

// The fpgaConvNet-style hardware of one iteration, per mode.
class FpgaConvNetHardware {
public:
    FpgaConvNetHardware(const Model& model, const SweepOptions& o, const std::filesystem::path& runDir, bool resumed)
        : model_(model), o_(o)
    {
        if (o.mode == "fixed" && resumed)
            fixed_ = fpgaconvnet::readDesign(iterationDir(runDir, 0) / "design.json", model, nullptr, o.platform);
        else if (o.mode == "fixed" && !o.fixedDesign.empty())
            fixed_ = fpgaconvnet::readDesign(o.fixedDesign, model, nullptr, o.platform);
    }

    fpgaconvnet::Design designFor(const ActivationProfile& profile)
    {
        fpgaconvnet::HardwareGraph graph = fpgaconvnet::buildHardwareGraph(model_, &profile);
        if (o_.mode == "fixed" && fixed_) {
            // Same foldings and zero-skipping layers; the new window histograms.
            for (std::size_t i = 0; i < graph.layers.size() && i < fixed_->graph.layers.size(); ++i)
                graph.layers[i].sparseHardware = fpgaconvnet::hasSparseHardware(fixed_->graph.layers[i], fixed_->settings) ? 1 : 0;
            fpgaconvnet::Design design = *fixed_;
            design.graph = std::move(graph);
            return design;
        }
        fpgaconvnet::Design design = fpgaconvnet::optimiseGreedy(fpgaconvnet::minimalDesign(std::move(graph), o_.platform, o_.settings),
                                                                 {o_.sparseFineGain});
        if (o_.mode == "fixed")
            fixed_ = design;
        return design;
    }

    // The normalised mode's dense design with `dsp` DSPs as its budget (the same budget gives
    // the same design: kept).
    const fpgaconvnet::Design& denseDesign(double dsp)
    {
        auto it = dense_.find(dsp);
        if (it == dense_.end()) {
            fpgaconvnet::DesignSettings settings = o_.settings;
            if (o_.platform.resources.dsp > 0)
                settings.limits.dsp = std::min(settings.limits.dsp, dsp / o_.platform.resources.dsp);
            fpgaconvnet::Design d = fpgaconvnet::optimiseGreedy(
                fpgaconvnet::minimalDesign(fpgaconvnet::buildHardwareGraph(model_, nullptr), o_.platform, settings));
            it = dense_.emplace(dsp, std::move(d)).first;
        }
        return it->second;
    }

private:
    const Model& model_;
    const SweepOptions& o_;
    std::optional<fpgaconvnet::Design> fixed_;
    std::map<double, fpgaconvnet::Design> dense_;
};

// The iterations a run directory's summary.csv lists must be this model's before a resume
// builds on them: a hand-edited or damaged file would otherwise fail later, in the profiler,
// with an error that blames the model.
void checkResumable(const std::vector<RunIteration>& iterations, const Model& model, const std::filesystem::path& summary)
{
    const std::vector<std::string> relus = reluNodes(model);
    const std::set<std::string> known(relus.begin(), relus.end());
    for (std::size_t k = 0; k < iterations.size(); ++k) {
        const std::string row = "iteration " + std::to_string(k) + " (line " + std::to_string(k + 2) + ")";
        for (const auto& [relu, threshold] : iterations[k].thresholds) {
            if (!known.contains(relu))
                throw ModelError(summary.string(), row + ": a threshold for '" + relu + "', which is no ReLU of "
                                                       + model.file().filename().string()
                                                       + " (the file is damaged, or belongs to another sweep)");
            if (!std::isfinite(threshold))
                throw ModelError(summary.string(), row + ": the threshold of '" + relu + "' is not a finite number");
        }
        if (iterations[k].thresholds.size() != known.size())
            throw ModelError(summary.string(), row + ": thresholds for " + std::to_string(iterations[k].thresholds.size())
                                                   + " ReLUs, the model has " + std::to_string(known.size())
                                                   + " (the file is damaged, or belongs to another sweep)");
    }
}

} // namespace

RunLog runSweep(const Model& model, std::shared_ptr<const CalibrationSource> data, const SweepOptions& o,
                const std::filesystem::path& runDir, const SweepProgress& progress)
{
    if (o.policy != "uniform" && o.policy != "slowest_node")
        throw std::invalid_argument("sweep policy must be uniform or slowest_node, not '" + o.policy + "'");
    if (o.style != "fpgaconvnet" && o.style != "finn")
        throw std::invalid_argument("sweep hardware style must be fpgaconvnet or finn, not '" + o.style + "'");
    if (o.mode != "fixed" && o.mode != "reoptimise" && o.mode != "normalised")
        throw std::invalid_argument("sweep mode must be fixed, reoptimise or normalised, not '" + o.mode + "'");
    if (!o.fixedDesign.empty() && (o.mode != "fixed" || o.style != "fpgaconvnet"))
        throw std::invalid_argument("a starting design applies to the fixed mode of the fpgaconvnet style only");
    if (!(o.sparseFineGain >= 1))
        throw std::invalid_argument("the sparse fine gain must be at least 1");
    if (o.style == "finn" && o.mode == "normalised")
        throw std::invalid_argument("the normalised mode compares zero-skipping and dense designs: fpgaconvnet style only");
    if (o.style == "finn" && o.policy == "slowest_node")
        throw std::invalid_argument("the slowest_node policy follows zero-skipping cycles: fpgaconvnet style only");
    std::error_code ec;
    createFolder(runDir);
    // One writer per run directory: two sweeps filling it at once would mix their iterations.
    const WriterLock lock(runDir, kRunDirectoryLockFile);
    const std::filesystem::path manifestFile = runDir / "manifest.json";
    const std::filesystem::path summaryFile = runDir / "summary.csv";
    nlohmann::json manifest = manifestJson(model, *data, o);

    RunLog log;
    log.name = model.file().stem().string() + "_" + o.policy;
    log.arch = model.file().stem().string();
    log.source = std::string(kRunLogSourceFoldwise);
    log.policy = o.policy;
    log.mode = o.mode;
    if (std::filesystem::exists(manifestFile)) {
        const nlohmann::json old = readJsonFile(manifestFile, "sweep manifest");
        if (!sameSweep(old, manifest))
            throw ModelError(runDir.string(), "holds another sweep (its manifest.json differs): choose another directory");
        // The paths as given when the sweep started stay (a resume gives absolute ones).
        if (const auto inv = old.find("invocation"); inv != old.end() && inv->is_object() && inv->contains("as_given"))
            manifest["invocation"]["as_given"] = (*inv)["as_given"];
        if (std::filesystem::exists(summaryFile)) {
            log.iterations = readSummaryCsv(summaryFile).iterations;
            checkResumable(log.iterations, model, summaryFile);
        }
    }
    fpgaconvnet::writeJsonFile(manifestFile, manifest);
    const bool resumed = !log.iterations.empty();

    IncrementalProfilerOptions profilerOptions;
    profilerOptions.threads = o.threads;
    profilerOptions.cacheBytes = o.cacheBytes;
    profilerOptions.cancel = o.cancel;
    IncrementalProfiler profiler(model, data, profilerOptions);

    ReluThresholds zero;
    for (const std::string& relu : reluNodes(model))
        zero[relu] = 0.0f; // ThresholdedRelu(0) is the ReLU itself
    // The unmodified model's predictions (fidelity's reference) and ReLU input ranges (what
    // relative steps are fractions of): iteration 0's, recomputed when resuming.
    std::vector<int64_t> reference;
    std::optional<ActivationProfile> plainProfile;
    if (resumed) {
        const ProfilingPass plain = profiler.run(zero);
        if (!plain.ranking.empty())
            reference = tallyAccuracy(plain.ranking, plain.rankedPerItem, plain.labels).predictions;
        plainProfile = plain.profile;
    }

    std::optional<FpgaConvNetHardware> fpgaconvnetHardware;
    std::optional<finn::FinnDesign> finnHardware;
    if (o.style == "fpgaconvnet")
        fpgaconvnetHardware.emplace(model, o, runDir, resumed);
    else
        finnHardware = finnDesign(model, o);

    ReluThresholds thresholds = resumed ? log.iterations.back().thresholds : zero;
    std::optional<double> startAccuracy = resumed ? accuracyOf(log.iterations.front()) : std::nullopt;
    std::string slowest; // the slowest fed convolution of the last iteration (slowest_node)

    for (int k = static_cast<int>(log.iterations.size()); k <= o.iterations; ++k) {
        if (k > 0) {
            if (slowest.empty() && o.policy == "slowest_node") {
                // Resumed: the last iteration's design tells which convolution was slowest.
                const auto profile = readProfile(iterationDir(runDir, k - 1) / "profile.json");
                const fpgaconvnet::Design d
                    = fpgaconvnet::readDesign(iterationDir(runDir, k - 1) / "design.json", model, &profile, o.platform);
                slowest = slowestFedConvolution(model, fpgaconvnet::Evaluator(d));
            }
            const ActivationProfile* ranges = plainProfile ? &*plainProfile : nullptr;
            thresholds = o.policy == "uniform" ? raiseUniform(model, thresholds, o.step, ranges)
                                               : raiseFeeding(model, thresholds, slowest, o.step, ranges);
        }
        const ProfilingPass pass = profiler.run(thresholds);
        const ActivationProfile& profile = pass.profile;
        if (k == 0) {
            plainProfile = profile;
            if (!pass.ranking.empty())
                reference = tallyAccuracy(pass.ranking, pass.rankedPerItem, pass.labels).predictions;
        }

        RunIteration row;
        row.index = k;
        row.thresholds = thresholds;
        row.sparsity = sparsityRows(profile);
        row.networkSparsity = networkSparsity(profile);
        if (!pass.ranking.empty()) {
            const AccuracyResult accuracy
                = tallyAccuracy(pass.ranking, pass.rankedPerItem, pass.labels, reference.empty() ? nullptr : &reference);
            row.top1 = accuracy.top1();
            row.top5 = accuracy.top5();
            row.fidelity = accuracy.fidelity();
        }

        const std::filesystem::path dir = iterationDir(runDir, k);
        std::filesystem::create_directories(dir, ec);
        if (ec)
            throw ModelError(dir.string(), "cannot create the iteration directory: " + ec.message());
        nlohmann::json t = nlohmann::json::object();
        for (const auto& [relu, value] : thresholds)
            t[relu] = value;
        fpgaconvnet::writeJsonFile(dir / "thresholds.json", t);
        writeSparsityLogCsv(dir / (log.arch + "_sparsity_log.csv"), profile);
        writeProfile(dir / "profile.json", profile);

        if (fpgaconvnetHardware) {
            const fpgaconvnet::Evaluator evaluator(fpgaconvnetHardware->designFor(profile));
            fillHardware(row.hardware, evaluator.estimate());
            slowest = slowestFedConvolution(model, evaluator);
            const std::string hash = sha256OfFile(model.file());
            fpgaconvnet::writeJsonFile(dir / "design.json", fpgaconvnet::designJson(evaluator, model.file().string(), hash));
            if (o.mode == "normalised") {
                const fpgaconvnet::Evaluator dense(fpgaconvnetHardware->denseDesign(*row.hardware.dsp));
                const NetworkEstimate d = dense.estimate();
                row.hardware.denseThroughputFps = d.throughputFps;
                row.hardware.denseDsp = d.total.dsp;
                fpgaconvnet::writeJsonFile(dir / "dense_design.json", fpgaconvnet::designJson(dense, model.file().string(), hash));
            }
        } else {
            fillHardware(row.hardware, finnHardware->networkEstimate());
            finn::writeFoldingConfig(*finnHardware, dir / "folding_config.json");
        }
        log.iterations.push_back(row);
        writeSummaryCsv(summaryFile, log); // last: the iteration is complete once it is listed

        if (!startAccuracy)
            startAccuracy = accuracyOf(row);
        if (progress && !progress(log))
            break;
        const std::optional<double> now = accuracyOf(row);
        if (o.maxAccuracyDrop && startAccuracy && now && *startAccuracy - *now > *o.maxAccuracyDrop)
            break;
        if (o.targetThroughput && row.hardware.throughputFps && *row.hardware.throughputFps >= *o.targetThroughput)
            break;
    }
    return log;
}

} // namespace foldwise::sweep
