#include "cli/OptimiseCommand.h"

#include "cli/FinnCommands.h"
#include "cli/HardwareOptions.h"
#include "hw/ReportTable.h"
#include "hw/fpgaconvnet/DesignFile.h"
#include "hw/fpgaconvnet/Optimisers.h"
#include "model/Model.h"
#include "profile/ActivationProfile.h"

#include <CLI/CLI.hpp>

#include <atomic>
#include <chrono>
#include <csignal>
#include <iostream>

namespace foldwise::cli {
namespace {

struct OptimiseOptions : HardwareOptions {
    std::string optimiser; // default: annealing (fpgaconvnet), budgeted (finn)
    double targetFps = 0;
    double clockNs = 0;
    bool capConvolutionFifos = false;
    uint64_t seed = 0;
    int64_t moves = 0;
    bool compatible = false;
    double gain = 1.2;
    std::string design;
};

std::atomic<bool> interrupted{false};
extern "C" void onOptimiseInterrupt(int)
{
    interrupted.store(true);
}

void runOptimise(const OptimiseOptions& given, const CLI::App& cmd)
{
    OptimiseOptions o = given;
    if (o.optimiser.empty())
        o.optimiser = o.style == "finn" ? "budgeted" : "annealing";
    if (o.style == "finn") {
        runFinnOptimise(o, {o.optimiser, o.targetFps, o.clockNs, cmd.count("--weight-bits") + cmd.count("--act-bits") > 0,
                            o.capConvolutionFifos});
        return;
    }
    const auto model = Model::load(o.model);
    const auto profile = loadProfileOption(o);
    const Platform platform = findPlatform(o.platform);
    fpgaconvnet::DesignSettings settings = designSettings(o);
    if (o.compatible)
        settings.costModel = fpgaconvnet::CostModel::Compatible;
    fpgaconvnet::Design start =
        o.design.empty()
            ? fpgaconvnet::minimalDesign(fpgaconvnet::buildHardwareGraph(*model, profile.get()), platform, settings)
            // Continue from a design: its foldings and partitions, this run's settings.
            : fpgaconvnet::readDesign(o.design, *model, profile.get(), platform,
                                      [&](fpgaconvnet::DesignSettings& s) { s = settings; });
    for (const std::string& note : start.graph.notes)
        std::cerr << "note: " << note << "\n";
    interrupted.store(false);
    std::signal(SIGINT, onOptimiseInterrupt);
    const auto progress = [](int64_t, double) { return !interrupted.load(); };
    const auto begin = std::chrono::steady_clock::now();
    fpgaconvnet::Design best;
    int64_t moves = 0;
    if (o.optimiser == "greedy") {
        best = fpgaconvnet::optimiseGreedy(std::move(start), {o.gain}, progress);
    } else if (o.optimiser == "annealing") {
        fpgaconvnet::AnnealingOptions a;
        a.sparseFineGain = o.gain;
        a.seed = o.seed;
        a.maxMoves = o.moves;
        best = fpgaconvnet::optimiseAnnealing(std::move(start), a, progress, &moves);
    } else {
        throw CLI::ValidationError("--optimiser", "the budgeted search is the FINN style's (--style finn)");
    }
    std::signal(SIGINT, SIG_DFL);
    const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - begin).count();
    const fpgaconvnet::Evaluator e(best);
    std::cout << layerTableText(e.estimate());
    std::cout << o.optimiser << " on " << platform.name << (o.compatible ? " (fpgaConvNet-compatible model)" : "") << " in "
              << seconds << " s"
              << (moves ? " (" + std::to_string(moves) + " moves)" : std::string())
              << (interrupted.load() ? " (interrupted: best design so far)" : "") << "\n";
    writeFpgaConvNetOutputs(o.outputDir, e, *model);
    std::cout << "design, config.json, report.json, layers.csv -> " << o.outputDir << "\n";
}

} // namespace

void addOptimiseCommand(CLI::App& app)
{
    auto o = std::make_shared<OptimiseOptions>();
    CLI::App* cmd = app.add_subcommand("optimise", "Search the folding of a streaming accelerator for a device");
    cmd->add_option("model", o->model, "ONNX model")->required()->check(CLI::ExistingFile);
    cmd->add_option("--platform", o->platform, "Platform name (zcu102, ...) or TOML file")->required();
    addHardwareOptions(*cmd, *o);
    cmd->add_option("--optimiser", o->optimiser,
                    "greedy (fpgaConvNet's, or FINN's SetFolding), annealing (fpgaconvnet), budgeted (finn); "
                    "default annealing / budgeted")
        ->check(CLI::IsMember({"greedy", "annealing", "budgeted"}));
    cmd->add_option("--target-fps", o->targetFps, "FINN SetFolding's target frame rate");
    cmd->add_option("--clock-ns", o->clockNs, "FINN: clock period in ns (default: the platform's)");
    cmd->add_flag("--cap-conv-fifos", o->capConvolutionFifos,
                  "FINN: FIFOs from a sliding window generator into an MVAU hold at most one row of windows "
                  "(FINN's default_swg_exception / CapConvolutionFIFODepths)");
    cmd->add_option("--seed", o->seed, "Seed of the annealing (same seed, same design)");
    cmd->add_option("--moves", o->moves, "Stop the annealing after this many moves (0: when cold)");
    cmd->add_option("--design", o->design,
                    "Start from this design (design.json or fpgaConvNet config.json) instead of folding 1, "
                    "with this run's settings")
        ->check(CLI::ExistingFile);
    cmd->add_flag("--compatible", o->compatible,
                  "Search on fpgaConvNet's own model (its cycles, resources, squeezes, weights reloading and bandwidth "
                  "limit), so every figure is what fpgaConvNet computes for the design's config.json");
    cmd->add_option("--gain", o->gain,
                    "Least speed-up a sparse convolution's next fine step must give to be kept (fpgaConvNet: 1.2)")
        ->check(CLI::Range(1.0, 1000.0));
    cmd->add_option("-o,--output-dir", o->outputDir,
                    "Folder for the outputs: design.json, config.json, report.json (fpgaconvnet) or "
                    "folding_config.json, estimate_*.json (finn), and layers.csv")
        ->required();
    cmd->callback([o, cmd] { runOptimise(*o, *cmd); });
}

} // namespace foldwise::cli
