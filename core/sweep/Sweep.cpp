#include "sweep/Sweep.h"

#include "data/CalibrationReader.h"
#include "hw/fpgaconvnet/DesignFile.h"
#include "hw/fpgaconvnet/Optimisers.h"
#include "model/ModelError.h"
#include "profile/FpgaConvNetExport.h"
#include "profile/ProfileFile.h"
#include "profile/Profiler.h"
#include "profile/Sha256.h"
#include "sweep/Accuracy.h"

#include <nlohmann/json.hpp>

#include <fstream>

namespace foldwise::sweep {
namespace {

constexpr int kManifestVersion = 1;

nlohmann::json manifestJson(const Model& model, const CalibrationSource& data, const SweepOptions& o)
{
    return {{"format", "foldwise-sweep"},
            {"version", kManifestVersion},
            {"model", {{"file", model.file().string()}, {"sha256", sha256OfFile(model.file())}}},
            {"data", data.describe()},
            {"policy", o.policy},
            {"mode", o.mode},
            {"increment", o.step.increment},
            {"relative_increment", o.step.relative},
            {"iterations", o.iterations},
            {"platform", o.platform.name},
            {"batch", o.settings.batch}};
}

// The fields that must agree for a run directory to be resumed (iterations may grow).
bool sameSweep(nlohmann::json a, nlohmann::json b)
{
    a.erase("iterations");
    b.erase("iterations");
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

} // namespace

RunLog runSweep(const Model& model, std::shared_ptr<const CalibrationSource> data, const SweepOptions& o,
                const std::filesystem::path& runDir, const SweepProgress& progress)
{
    if (o.policy != "uniform" && o.policy != "slowest_node")
        throw std::invalid_argument("sweep policy must be uniform or slowest_node, not '" + o.policy + "'");
    if (o.mode != "fixed" && o.mode != "reoptimise")
        throw std::invalid_argument("sweep mode must be fixed or reoptimise, not '" + o.mode + "'");
    std::error_code ec;
    std::filesystem::create_directories(runDir, ec);
    if (ec)
        throw ModelError(runDir.string(), "cannot create the run directory: " + ec.message());
    const std::filesystem::path manifestFile = runDir / "manifest.json";
    const std::filesystem::path summaryFile = runDir / "summary.csv";
    const nlohmann::json manifest = manifestJson(model, *data, o);

    RunLog log;
    log.name = model.file().stem().string() + "_" + o.policy;
    log.arch = model.file().stem().string();
    log.source = std::string(kRunLogSourceFoldwise);
    log.policy = o.policy;
    log.mode = o.mode;
    if (std::filesystem::exists(manifestFile)) {
        std::ifstream in(manifestFile);
        const nlohmann::json old = nlohmann::json::parse(in, nullptr, false);
        if (old.is_discarded() || !sameSweep(old, manifest))
            throw ModelError(runDir.string(), "holds another sweep (its manifest.json differs): choose another directory");
        if (std::filesystem::exists(summaryFile))
            log.iterations = readSummaryCsv(summaryFile).iterations;
    }
    fpgaconvnet::writeJsonFile(manifestFile, manifest);

    // The unmodified model's predictions: fidelity's reference.
    CalibrationReader reader(data);
    AccuracyOptions plainOptions;
    plainOptions.batchSize = o.batchSize;
    plainOptions.cancel = o.cancel;
    const std::vector<int64_t> reference = measureAccuracy(model, reader, plainOptions).predictions;

    std::optional<fpgaconvnet::Design> fixedDesign;
    if (o.mode == "fixed" && !log.iterations.empty())
        fixedDesign = fpgaconvnet::readDesign(runDir / "iteration_0" / "design.json", model, nullptr, o.platform);

    ReluThresholds thresholds;
    if (log.iterations.empty()) {
        for (const std::string& relu : reluNodes(model))
            thresholds[relu] = 0.0f; // ThresholdedRelu(0) is the ReLU itself
    } else {
        thresholds = log.iterations.back().thresholds;
    }
    std::optional<double> startAccuracy = log.iterations.empty() ? std::nullopt : accuracyOf(log.iterations.front());
    std::string slowest; // the slowest fed convolution of the last iteration (slowest_node)

    for (int k = static_cast<int>(log.iterations.size()); k <= o.iterations; ++k) {
        if (k > 0) {
            if (slowest.empty() && o.policy == "slowest_node") {
                // Resumed: the last iteration's design tells which convolution was slowest.
                const auto profile = readProfile(runDir / ("iteration_" + std::to_string(k - 1)) / "profile.json");
                const fpgaconvnet::Design d = fpgaconvnet::readDesign(
                    runDir / ("iteration_" + std::to_string(k - 1)) / "design.json", model, &profile, o.platform);
                slowest = slowestFedConvolution(model, fpgaconvnet::Evaluator(d));
            }
            thresholds = o.policy == "uniform" ? raiseUniform(model, thresholds, o.step)
                                               : raiseFeeding(model, thresholds, slowest, o.step);
        }
        ProfileOptions profileOptions;
        profileOptions.thresholds = thresholds;
        profileOptions.cancel = o.cancel;
        CalibrationReader profileReader(data);
        ActivationProfile profile = profileModel(model, profileReader, profileOptions);

        AccuracyOptions accuracyOptions;
        accuracyOptions.batchSize = o.batchSize;
        accuracyOptions.thresholds = thresholds;
        accuracyOptions.reference = &reference;
        accuracyOptions.cancel = o.cancel;
        CalibrationReader accuracyReader(data);
        const AccuracyResult accuracy = measureAccuracy(model, accuracyReader, accuracyOptions);

        fpgaconvnet::HardwareGraph graph = fpgaconvnet::buildHardwareGraph(model, &profile);
        fpgaconvnet::Design design;
        if (o.mode == "fixed" && fixedDesign) {
            // Same foldings and zero-skipping layers; the new window histograms.
            for (std::size_t i = 0; i < graph.layers.size() && i < fixedDesign->graph.layers.size(); ++i)
                graph.layers[i].sparseHardware = fpgaconvnet::hasSparseHardware(fixedDesign->graph.layers[i], fixedDesign->settings) ? 1 : 0;
            design = *fixedDesign;
            design.graph = std::move(graph);
        } else {
            design = fpgaconvnet::optimiseGreedy(fpgaconvnet::minimalDesign(std::move(graph), o.platform, o.settings));
            if (o.mode == "fixed")
                fixedDesign = design;
        }
        const fpgaconvnet::Evaluator evaluator(design);
        const NetworkEstimate estimate = evaluator.estimate();
        slowest = slowestFedConvolution(model, evaluator);

        const std::filesystem::path dir = runDir / ("iteration_" + std::to_string(k));
        std::filesystem::create_directories(dir, ec);
        nlohmann::json t = nlohmann::json::object();
        for (const auto& [relu, value] : thresholds)
            t[relu] = value;
        fpgaconvnet::writeJsonFile(dir / "thresholds.json", t);
        writeSparsityLogCsv(dir / (log.arch + "_sparsity_log.csv"), profile);
        writeProfile(dir / "profile.json", profile);
        fpgaconvnet::writeJsonFile(dir / "design.json",
                                   fpgaconvnet::designJson(evaluator, model.file().string(), sha256OfFile(model.file())));

        RunIteration row;
        row.index = k;
        row.thresholds = thresholds;
        row.sparsity = sparsityRows(profile);
        row.top1 = accuracy.top1();
        row.top5 = accuracy.top5();
        row.fidelity = accuracy.fidelity();
        row.networkSparsity = networkSparsity(profile);
        row.hardware.throughputFps = estimate.throughputFps;
        row.hardware.latencySeconds = estimate.latencySeconds;
        row.hardware.cycles = static_cast<int64_t>(estimate.latencyCycles);
        row.hardware.dsp = estimate.total.dsp;
        row.hardware.bram = estimate.total.bram18;
        row.hardware.lut = estimate.total.lut;
        row.hardware.ff = estimate.total.ff;
        if (!estimate.layers.empty())
            row.hardware.bottleneck = estimate.layers[estimate.bottleneck].name;
        log.iterations.push_back(row);
        writeSummaryCsv(summaryFile, log); // last: the iteration is complete once it is listed

        if (!startAccuracy)
            startAccuracy = accuracyOf(row);
        if (progress && !progress(log))
            break;
        const std::optional<double> now = accuracyOf(row);
        if (o.maxAccuracyDrop && startAccuracy && now && *startAccuracy - *now > *o.maxAccuracyDrop)
            break;
        if (o.targetThroughput && estimate.throughputFps >= *o.targetThroughput)
            break;
    }
    return log;
}

} // namespace foldwise::sweep
