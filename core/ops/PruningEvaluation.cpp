#include "ops/PruningEvaluation.h"

#include "data/CalibrationReader.h"
#include "hw/Platform.h"
#include "hw/finn/BudgetedSearch.h"
#include "hw/finn/FinnConversion.h"
#include "hw/fpgaconvnet/Design.h"
#include "hw/fpgaconvnet/Optimisers.h"
#include "model/ModelError.h"
#include "profile/Accuracy.h"

#include <stdexcept>

namespace foldwise::passes {
namespace {

nlohmann::json resources(const ResourceUsage& r)
{
    return {{"dsp", r.dsp}, {"bram18", r.bram18}, {"lut", r.lut}, {"ff", r.ff}, {"uram", r.uram}};
}

// fpgaConvNet's greedy optimiser from every layer at folding 1, within the whole device.
nlohmann::json fpgaConvNetFigures(const Model& model, const Platform& platform)
{
    fpgaconvnet::Design start = fpgaconvnet::minimalDesign(fpgaconvnet::buildHardwareGraph(model), platform, {});
    const fpgaconvnet::Evaluator e(fpgaconvnet::optimiseGreedy(std::move(start)));
    const NetworkEstimate n = e.estimate();
    nlohmann::json j = resources(n.total);
    j["interval_cycles"] = n.intervalCycles;
    j["latency_cycles"] = n.latencyCycles;
    j["throughput_fps"] = n.throughputFps;
    j["latency_s"] = n.latencySeconds;
    j["partitions"] = n.partitions;
    j["bottleneck"] = n.layers.empty() ? "" : n.layers[n.bottleneck].name;
    return j;
}

// FINN's flow with the budgeted folding search within the device (as the sweep's FINN style).
nlohmann::json finnFigures(const Model& model, const Platform& platform)
{
    finn::EstimateOptions estimate;
    estimate.clockNs = 1000.0 / platform.frequencyMhz;
    finn::FinnDesign design(finn::convertToFinn(model), estimate);
    finn::BudgetOptions budget;
    budget.available = platform.resources;
    const finn::BudgetSearchResult r = finn::budgetedSearch(design, budget);
    if (!r.feasible)
        return {{"error", "no FINN folding fits " + platform.name + ", even the slowest (" + r.stopReason + ")"}};
    design.setFoldings(r.foldings);
    nlohmann::json j = resources(design.totalResources());
    j["max_cycles"] = design.maxCycles();
    j["critical_path_cycles"] = design.criticalPathCycles();
    j["throughput_fps"] = design.throughputFps();
    j["bottleneck"] = design.bottleneck() < 0 ? "" : design.node(static_cast<std::size_t>(design.bottleneck())).name;
    return j;
}

template <typename F>
nlohmann::json beforeAfter(const Model& before, const Model& after, F&& figures)
{
    nlohmann::json j;
    for (const auto& [key, model] : {std::pair<const char*, const Model*>{"before", &before}, {"after", &after}}) {
        try {
            j[key] = figures(*model);
        } catch (const ModelError& e) {
            j[key] = {{"error", e.reason()}};
        } catch (const std::invalid_argument& e) {
            j[key] = {{"error", e.what()}};
        } catch (const std::runtime_error& e) {
            j[key] = {{"error", e.what()}};
        }
    }
    return j;
}

} // namespace

nlohmann::json evaluatePruning(const Model& before, const Model& after, const PruningEvaluationOptions& options,
                               const PassContext& context)
{
    nlohmann::json report = nlohmann::json::object();
    std::size_t stage = 0;
    const std::size_t stages = 3;
    context.step(stage++, stages);
    if (!options.platform.empty()) {
        const Platform platform = findPlatform(options.platform);
        nlohmann::json hw = {{"platform", platform.name}};
        if (options.fpgaconvnet)
            hw["fpgaconvnet"] = beforeAfter(before, after, [&](const Model& m) { return fpgaConvNetFigures(m, platform); });
        context.step(stage++, stages);
        if (options.finn)
            hw["finn"] = beforeAfter(before, after, [&](const Model& m) { return finnFigures(m, platform); });
        report["hardware"] = hw;
    }
    context.step(stage++, stages);
    if (!options.data.empty()) {
        const auto source = openCalibrationSource(options.data, options.calibration);
        CalibrationReader reader(source);
        sweep::AccuracyOptions o;
        o.batchSize = options.batch;
        o.cancel = context.cancel;
        const sweep::AccuracyResult plain = sweep::measureAccuracy(before, reader, o);
        o.reference = &plain.predictions;
        const sweep::AccuracyResult pruned = sweep::measureAccuracy(after, reader, o);
        report["accuracy"] = {{"items", pruned.items},
                              {"labelled", pruned.labelled},
                              {"before", sweep::accuracyJson(plain)},
                              {"after", sweep::accuracyJson(pruned)}};
    }
    context.step(stages, stages);
    return report;
}

} // namespace foldwise::passes
