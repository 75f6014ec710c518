#include "ops/OptimiseOperation.h"

#include "hw/Platform.h"
#include "hw/ReportTable.h"
#include "hw/finn/BudgetedSearch.h"
#include "hw/finn/SetFolding.h"
#include "hw/fpgaconvnet/DesignFile.h"
#include "hw/fpgaconvnet/Optimisers.h"
#include "model/Model.h"
#include "model/ModelError.h"
#include "ops/FinnDesigns.h"
#include "profile/ActivationProfile.h"

#include <chrono>
#include <cmath>
#include <sstream>

namespace foldwise::ops {
namespace {

OperationResult optimiseFinn(const OptimiseParameters& p, OperationContext& context)
{
    const auto model = Model::load(p.model);
    const Platform platform = findPlatform(p.platform);
    finn::FinnDesign design = finnDesignFor(*model, p, {p.clockNs, p.capConvolutionFifos}, platform.frequencyMhz);
    const fpgaconvnet::DesignSettings settings = designSettings(p); // parses the limits
    std::string summary;
    if (optimiserOf(p) == "budgeted") {
        finn::BudgetOptions budget;
        budget.available = platform.resources;
        budget.limits = settings.limits;
        const finn::BudgetSearchResult r = finn::budgetedSearch(design, budget);
        if (!r.feasible)
            throw ModelError(p.model, "no FINN folding of this model fits " + platform.name
                                          + " within the limits, even the slowest (" + r.stopReason + ")");
        design.setFoldings(r.foldings);
        summary = "budgeted search (" + r.policy + ", " + std::to_string(r.steps) + " steps): " + r.stopReason;
    } else {
        finn::SetFoldingOptions options;
        options.targetCyclesPerFrame = finn::targetCyclesPerFrame(p.targetFps, design.options().clockNs);
        const finn::SetFoldingResult r = finn::setFolding(design, options);
        summary = "SetFolding to " + std::to_string(options.targetCyclesPerFrame) + " cycles per frame ("
            + std::to_string(r.passes) + " pass(es))";
        for (const std::string& w : r.warnings)
            context.note(w);
        if (const std::string excess = firstExcess(design.totalResources(), platform.resources, settings.limits); !excess.empty())
            context.warning("the SetFolding design does not fit " + platform.name + ": " + excess);
    }
    context.result(layerTableText(design.networkEstimate()) + summary + "\n");
    OperationResult result;
    result.outputs = writeFinnOutputs(p.outputDir, design);
    context.result("folding_config.json, estimate_*.json, layers.csv -> " + p.outputDir + "\n");
    result.summary = "FINN folding written to " + p.outputDir;
    return result;
}

// Moves the annealing makes when it runs until cold: rounds of the cooling schedule times the
// moves per round (for progress).
double expectedMoves(const fpgaconvnet::AnnealingOptions& o)
{
    if (o.maxMoves > 0)
        return static_cast<double>(o.maxMoves);
    const double rounds = std::ceil(std::log(o.minTemperature / o.temperature) / std::log(o.cool));
    return std::max(1.0, rounds) * static_cast<double>(o.iterations);
}

OperationResult optimiseFpgaConvNet(const OptimiseParameters& p, OperationContext& context)
{
    const auto model = Model::load(p.model);
    const auto profile = loadProfile(p);
    const Platform platform = findPlatform(p.platform);
    fpgaconvnet::DesignSettings settings = designSettings(p);
    if (p.compatible)
        settings.costModel = fpgaconvnet::CostModel::Compatible;
    fpgaconvnet::Design start =
        p.design.empty()
            ? fpgaconvnet::minimalDesign(fpgaconvnet::buildHardwareGraph(*model, profile.get()), platform, settings)
            // Continue from a design: its foldings and partitions, this run's settings.
            : fpgaconvnet::readDesign(p.design, *model, profile.get(), platform,
                                      [&](fpgaconvnet::DesignSettings& s) { s = settings; });
    for (const std::string& note : start.graph.notes)
        context.note(note);
    if (p.compatible)
        context.note("searching on fpgaConvNet's cost model: every figure is what fpgaConvNet computes for config.json");
    const auto begin = std::chrono::steady_clock::now();
    fpgaconvnet::Design best;
    int64_t moves = 0;
    const std::string optimiser = optimiserOf(p);
    if (optimiser == "greedy") {
        // The greedy search has no known length: no progress until it is done.
        best = fpgaconvnet::optimiseGreedy(std::move(start), {p.gain}, [&context](int64_t, double) { return !context.cancelled(); });
    } else {
        fpgaconvnet::AnnealingOptions a;
        a.sparseFineGain = p.gain;
        a.seed = p.seed;
        a.maxMoves = p.moves;
        const auto total = static_cast<std::size_t>(expectedMoves(a));
        best = fpgaconvnet::optimiseAnnealing(
            std::move(start), a,
            [&context, total](int64_t done, double) {
                context.progress(std::min(static_cast<std::size_t>(done), total), total, "moves");
                return !context.cancelled();
            },
            &moves);
    }
    const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - begin).count();
    const fpgaconvnet::Evaluator e(best);
    std::ostringstream text;
    text << layerTableText(e.estimate());
    text << optimiser << " on " << platform.name << (p.compatible ? " (fpgaConvNet-compatible model)" : "") << " in "
         << seconds << " s" << (moves ? " (" + std::to_string(moves) + " moves)" : std::string())
         << (context.cancelled() ? " (interrupted: best design so far)" : "") << "\n";
    context.result(text.str());
    OperationResult result;
    result.interrupted = context.cancelled();
    result.outputs = writeFpgaConvNetOutputs(p.outputDir, e, *model);
    context.result("design, config.json, report.json, layers.csv -> " + p.outputDir + "\n");
    result.summary = "Design written to " + (std::filesystem::path(p.outputDir) / "design.json").string();
    return result;
}

} // namespace

void describe(ParameterSpecs<OptimiseParameters>& p)
{
    using P = OptimiseParameters;
    p.add(&P::model, "model", "model", "ONNX model").required().inputFile().existing();
    p.add(&P::platform, "platform", "--platform", "Platform name (zcu102, ...) or TOML file").required();
    describeHardware(p);
    p.add(&P::optimiser, "optimiser", "--optimiser",
          "greedy (fpgaConvNet's, or FINN's SetFolding), annealing (fpgaconvnet), budgeted (finn); default annealing / "
          "budgeted")
        .oneOf({"greedy", "annealing", "budgeted"});
    p.add(&P::targetFps, "target_fps", "--target-fps", "FINN SetFolding's target frame rate");
    p.add(&P::clockNs, "clock_ns", "--clock-ns", "FINN: clock period in ns (default: the platform's)");
    p.add(&P::capConvolutionFifos, "cap_conv_fifos", "--cap-conv-fifos",
          "FINN: FIFOs from a sliding window generator into an MVAU hold at most one row of windows (FINN's "
          "default_swg_exception / CapConvolutionFIFODepths)");
    p.add(&P::seed, "seed", "--seed", "Seed of the annealing (same seed, same design)");
    p.add(&P::moves, "moves", "--moves", "Stop the annealing after this many moves (0: when cold)");
    p.add(&P::design, "design", "--design",
          "Start from this design (design.json or fpgaConvNet config.json) instead of folding 1, with this run's settings")
        .inputFile()
        .existing();
    p.add(&P::compatible, "compatible", "--compatible",
          "Search on fpgaConvNet's own model (its cycles, resources, squeezes, weights reloading and bandwidth limit), "
          "so every figure is what fpgaConvNet computes for the design's config.json");
    p.add(&P::gain, "gain", "--gain",
          "Least speed-up a sparse convolution's next fine step must give to be kept (fpgaConvNet: 1.2)")
        .range(1.0, 1000.0);
    p.add(&P::outputDir, "output_dir", "-o,--output-dir",
          "Folder for the outputs: design.json, config.json, report.json (fpgaconvnet) or folding_config.json, "
          "estimate_*.json (finn), and layers.csv")
        .required()
        .outputFolder();
}

void checkTogether(const OptimiseParameters& p)
{
    const std::string optimiser = optimiserOf(p);
    if (p.style == HardwareStyle::Finn && optimiser == "annealing")
        throw ParameterError("optimiser", "the FINN style searches with greedy (SetFolding) or budgeted; annealing "
                                          "searches fpgaConvNet-style designs");
    if (p.style == HardwareStyle::FpgaConvNet && optimiser == "budgeted")
        throw ParameterError("optimiser", "the budgeted search is the FINN style's (--style finn)");
    if (p.style == HardwareStyle::Finn && optimiser == "greedy" && !(p.targetFps > 0))
        throw ParameterError("target_fps", "FINN's SetFolding (--optimiser greedy) needs a target frame rate");
}

OperationResult run(const OptimiseParameters& p, OperationContext& context)
{
    return p.style == HardwareStyle::Finn ? optimiseFinn(p, context) : optimiseFpgaConvNet(p, context);
}

std::string optimiserOf(const OptimiseParameters& p)
{
    if (!p.optimiser.empty())
        return p.optimiser;
    return p.style == HardwareStyle::Finn ? "budgeted" : "annealing";
}

} // namespace foldwise::ops
