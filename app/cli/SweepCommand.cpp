#include "cli/SweepCommand.h"

#include "cli/HardwareOptions.h"
#include "data/OpenCalibrationSource.h"
#include "model/Model.h"
#include "sweep/Sweep.h"

#include <CLI/CLI.hpp>

#include <atomic>
#include <csignal>
#include <cstdio>

namespace foldwise::cli {
namespace {

struct SweepCommandOptions : HardwareOptions {
    std::string data;
    std::string labels;
    std::string policy = "uniform";
    std::string mode = "fixed";
    double increment = 0.005;
    bool relative = false;
    int iterations = 10;
    double maxDrop = -1;
    double targetFps = -1;
    std::string resume;
};

std::atomic<bool> interrupted{false};
extern "C" void onSweepInterrupt(int)
{
    interrupted.store(true);
}

void runSweepCommand(const SweepCommandOptions& o)
{
    if (o.style != "fpgaconvnet")
        throw CLI::ValidationError("--style", "sweeps model zero-skipping hardware: fpgaconvnet style only");
    const std::string runDir = o.resume.empty() ? o.outputDir : o.resume;
    if (runDir.empty())
        throw CLI::ValidationError("-o", "give the run directory (-o RUNDIR, or --resume RUNDIR)");
    const auto model = Model::load(o.model);
    CalibrationOptions calibration;
    if (!o.labels.empty())
        calibration.labels = o.labels;
    const auto& input = model->graph().tensor(model->graph().inputs()[0]);
    if (input.hasShape && input.shape.isStatic()) {
        const std::vector<int64_t> dims = input.shape.values();
        calibration.itemDims = std::vector<int64_t>(dims.begin() + 1, dims.end());
    }
    const auto data = openCalibrationSource(o.data, calibration);
    sweep::SweepOptions s;
    s.policy = o.policy;
    s.mode = o.mode;
    s.step = {o.increment, o.relative};
    s.iterations = o.iterations;
    if (o.maxDrop >= 0)
        s.maxAccuracyDrop = o.maxDrop;
    if (o.targetFps > 0)
        s.targetThroughput = o.targetFps;
    s.platform = findPlatform(o.platform);
    s.settings = designSettings(o);
    s.cancel = &interrupted;
    interrupted.store(false);
    std::signal(SIGINT, onSweepInterrupt);
    const auto progress = [](const RunLog& log) {
        const RunIteration& it = log.iterations.back();
        std::printf("iteration %d: top-1 %s, fidelity %.2f %%, network sparsity %.4f, %.4g FPS, bottleneck %s\n", it.index,
                    it.top1 ? (std::to_string(*it.top1) + " %").c_str() : "-", it.fidelity.value_or(0), it.networkSparsity,
                    it.hardware.throughputFps.value_or(0), it.hardware.bottleneck.value_or("-").c_str());
        std::fflush(stdout);
        return !interrupted.load();
    };
    const RunLog log = sweep::runSweep(*model, data, s, runDir, progress);
    std::signal(SIGINT, SIG_DFL);
    std::printf("%zu iteration(s) in %s%s\n", log.iterations.size(), runDir.c_str(),
                interrupted.load() ? " (interrupted: --resume continues)" : "");
}

} // namespace

void addSweepCommand(CLI::App& app)
{
    auto o = std::make_shared<SweepCommandOptions>();
    CLI::App* cmd = app.add_subcommand("sweep", "Raise ReLU thresholds step by step: accuracy, sparsity and throughput");
    cmd->add_option("model", o->model, "ONNX model")->required()->check(CLI::ExistingFile);
    cmd->add_option("--data", o->data, "Calibration data (as for profile)")->required();
    cmd->add_option("--labels", o->labels, "Labels (.csv or .npy); without them accuracy is fidelity to the plain model");
    cmd->add_option("--platform", o->platform, "Platform name or TOML file")->required();
    addHardwareOptions(*cmd, *o);
    cmd->add_option("--policy", o->policy, "uniform | slowest_node")->check(CLI::IsMember({"uniform", "slowest_node"}));
    cmd->add_option("--mode", o->mode, "fixed (optimise once) | reoptimise (every iteration)")
        ->check(CLI::IsMember({"fixed", "reoptimise"}));
    cmd->add_option("--increment", o->increment, "Threshold step (default 0.005)")->check(CLI::PositiveNumber);
    cmd->add_flag("--relative", o->relative, "The step is a fraction of each ReLU's largest input");
    cmd->add_option("--iterations", o->iterations, "Iterations after the first (threshold 0)")->check(CLI::NonNegativeNumber);
    cmd->add_option("--max-drop", o->maxDrop, "Stop once accuracy fell this many percentage points");
    cmd->add_option("--target-fps", o->targetFps, "Stop once the design reaches this throughput");
    cmd->add_option("-o,--output-dir", o->outputDir, "Run directory (manifest, summary.csv, iteration_<k>/)");
    cmd->add_option("--resume", o->resume, "Continue the sweep in this run directory");
    cmd->callback([o] { runSweepCommand(*o); });
}

} // namespace foldwise::cli
