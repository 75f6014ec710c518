#include "cli/SweepCommand.h"

#include "cli/HardwareOptions.h"
#include "data/ModelCalibration.h"
#include "data/OpenCalibrationSource.h"
#include "io/CsvText.h"
#include "io/JsonReading.h"
#include "io/WriterLock.h"
#include "model/Model.h"
#include "model/ModelError.h"
#include "sweep/Sweep.h"

#include <CLI/CLI.hpp>
#include <nlohmann/json.hpp>

#include <atomic>
#include <csignal>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <map>

namespace foldwise::cli {
namespace {

struct SweepCommandOptions : HardwareOptions {
    std::string data;
    std::string labels;
    std::string policy = "uniform";
    std::string mode = "fixed";
    std::string design;
    double gain = 1.2;
    double increment = 0.005;
    bool relative = false;
    int iterations = 10;
    double maxDrop = -1;
    double targetFps = -1;
    std::size_t cacheMb = 1024;
    std::size_t threads = 0;
    std::string resume;
};

std::atomic<bool> interrupted{false};
extern "C" void onSweepInterrupt(int)
{
    interrupted.store(true);
}

std::string absolute(const std::string& path)
{
    return path.empty() ? path : std::filesystem::absolute(path).lexically_normal().string();
}

// What a sweep was started with, as the manifest's "invocation" keeps it.
std::map<std::string, std::string> invocationOf(const SweepCommandOptions& o)
{
    return {{"model", absolute(o.model)},   {"data", absoluteCalibrationSpec(o.data)}, {"labels", absolute(o.labels)},
            {"platform", o.platform},        {"style", o.style},             {"policy", o.policy},
            {"mode", o.mode},                {"increment", shortestNumber(o.increment)},
            {"relative", o.relative ? "1" : "0"}, {"batch", std::to_string(o.batch)},
            {"objective", o.objective},      {"weight_bits", std::to_string(o.weightBits)},
            {"act_bits", std::to_string(o.actBits)}, {"limit", o.limits},
            {"design", absolute(o.design)},   {"gain", shortestNumber(o.gain)}};
}

// --resume RUNDIR alone continues a sweep: what the command line leaves out comes from the
// run directory's manifest (model, data and every option that must not change).
void fillFromManifest(SweepCommandOptions& o, const CLI::App& cmd)
{
    // A sweep still writing the folder may not have written its manifest yet: name it first.
    refuseIfBeingWritten(o.resume, sweep::kRunDirectoryLockFile);
    const std::filesystem::path manifestFile = std::filesystem::path(o.resume) / "manifest.json";
    std::error_code ec;
    if (!std::filesystem::is_regular_file(manifestFile, ec))
        throw ModelError(manifestFile.string(), "cannot read it: --resume needs a sweep's run directory");
    const nlohmann::json document = readJsonFile(manifestFile, "sweep manifest");
    const JsonNode manifest(document, manifestFile.string());
    if (!manifest.isObject() || !manifest.has("format") || !manifest.at("format").isString()
        || manifest.at("format").string() != "foldwise-sweep")
        throw ModelError(manifestFile.string(), "not a Foldwise sweep manifest");
    const auto invocation = manifest.find("invocation");
    const auto has = [&](const char* key) { return invocation && invocation->has(key); };
    const auto text = [&](const char* key) -> std::string {
        if (!has(key))
            throw ModelError(manifestFile.string(), std::string("the manifest does not say the sweep's ") + key
                                                        + ": give it on the command line");
        return invocation->at(key).string();
    };
    const auto given = [&](const char* option) { return cmd.count(option) > 0; };
    try {
        if (o.model.empty())
            o.model = text("model");
        if (!given("--data"))
            o.data = text("data");
        if (!given("--labels") && has("labels"))
            o.labels = text("labels");
        if (!given("--platform"))
            o.platform = text("platform");
        if (!given("--style"))
            o.style = text("style");
        if (!given("--policy"))
            o.policy = text("policy");
        if (!given("--mode"))
            o.mode = text("mode");
        if (!given("--design") && has("design"))
            o.design = text("design");
        if (!given("--gain") && has("gain"))
            o.gain = std::stod(text("gain"));
        if (!given("--increment"))
            o.increment = std::stod(text("increment"));
        if (!given("--relative"))
            o.relative = text("relative") == "1";
        if (!given("--batch"))
            o.batch = std::stoll(text("batch"));
        if (!given("--objective"))
            o.objective = text("objective");
        if (!given("--weight-bits"))
            o.weightBits = std::stoi(text("weight_bits"));
        if (!given("--act-bits"))
            o.actBits = std::stoi(text("act_bits"));
        if (!given("--limit"))
            o.limits = text("limit");
        if (!given("--iterations") && manifest.find("iterations"))
            o.iterations = static_cast<int>(manifest.at("iterations").integerIn(0, 1000000));
    } catch (const std::logic_error& e) { // stod/stoi on a hand-edited manifest
        throw ModelError(manifestFile.string(), std::string("a number in \"invocation\" is malformed (") + e.what() + ")");
    }
}

void runSweepCommand(SweepCommandOptions o, const CLI::App& cmd)
{
    if (!o.resume.empty())
        fillFromManifest(o, cmd);
    const std::string runDir = o.resume.empty() ? o.outputDir : o.resume;
    if (runDir.empty())
        throw CLI::ValidationError("-o", "give the run directory (-o RUNDIR, or --resume RUNDIR)");
    if (o.model.empty() || o.data.empty() || o.platform.empty())
        throw CLI::ValidationError("sweep", "a new sweep needs MODEL, --data and --platform");
    // By absolute paths: every iteration's files then name the model and data alike, whichever
    // folder the sweep or a resume of it runs in.
    const auto model = Model::load(absolute(o.model));
    const auto data = openCalibrationSource(absoluteCalibrationSpec(o.data), calibrationOptionsFor(*model, absolute(o.labels)));
    sweep::SweepOptions s;
    s.policy = o.policy;
    s.style = o.style;
    s.mode = o.mode;
    s.fixedDesign = o.design;
    s.sparseFineGain = o.gain;
    s.step = {o.increment, o.relative};
    s.iterations = o.iterations;
    if (o.maxDrop >= 0)
        s.maxAccuracyDrop = o.maxDrop;
    if (o.targetFps > 0)
        s.targetThroughput = o.targetFps;
    s.platform = findPlatform(o.platform);
    s.settings = designSettings(o);
    if (o.style == "finn") {
        if (o.weightBits > 16 || o.actBits > 16)
            throw CLI::ValidationError("--weight-bits/--act-bits", "FINN models 1 to 16 bits");
        s.finn.weightBits = o.weightBits;
        s.finn.activationBits = o.actBits;
    }
    s.cacheBytes = o.cacheMb << 20;
    s.threads = o.threads;
    s.invocation = invocationOf(o);
    s.givenPaths = {{"model", o.model}, {"data", o.data}, {"labels", o.labels}, {"design", o.design},
                    {"working_directory", std::filesystem::current_path().string()}};
    s.cancel = &interrupted;
    interrupted.store(false);
    std::signal(SIGINT, onSweepInterrupt);
    const auto progress = [](const RunLog& log) {
        const RunIteration& it = log.iterations.back();
        std::printf("iteration %d: top-1 %s, fidelity %.2f %%, network sparsity %.4f, %.4g FPS", it.index,
                    it.top1 ? (std::to_string(*it.top1) + " %").c_str() : "-", it.fidelity.value_or(0), it.networkSparsity,
                    it.hardware.throughputFps.value_or(0));
        if (it.hardware.denseThroughputFps)
            std::printf(" (dense at %g DSP: %.4g FPS)", it.hardware.denseDsp.value_or(0), *it.hardware.denseThroughputFps);
        std::printf(", bottleneck %s\n", it.hardware.bottleneck.value_or("-").c_str());
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
    cmd->add_option("model", o->model, "ONNX model (with --resume: taken from the run directory)")->check(CLI::ExistingFile);
    cmd->add_option("--data", o->data, "Calibration data (as for profile)");
    cmd->add_option("--labels", o->labels, "Labels (.csv or .npy); without them accuracy is fidelity to the plain model");
    cmd->add_option("--platform", o->platform, "Platform name or TOML file");
    addHardwareOptions(*cmd, *o);
    cmd->add_option("--policy", o->policy, "uniform | slowest_node")->check(CLI::IsMember({"uniform", "slowest_node"}));
    cmd->add_option("--mode", o->mode,
                    "fixed (optimise once) | reoptimise (every iteration) | normalised (reoptimise, and compare "
                    "with a dense design at the same DSP count)")
        ->check(CLI::IsMember({"fixed", "reoptimise", "normalised"}));
    cmd->add_option("--design", o->design,
                    "fixed mode: start from this design (design.json or fpgaConvNet config.json) instead of optimising once")
        ->check(CLI::ExistingFile);
    cmd->add_option("--gain", o->gain,
                    "Least speed-up a sparse convolution's next fine step must give to be kept (fpgaConvNet: 1.2)")
        ->check(CLI::Range(1.0, 1000.0));
    cmd->add_option("--increment", o->increment, "Threshold step (default 0.005)")->check(CLI::PositiveNumber);
    cmd->add_flag("--relative", o->relative, "The step is a fraction of each ReLU's largest input (of the plain model)");
    cmd->add_option("--iterations", o->iterations, "Iterations after the first (threshold 0)")->check(CLI::NonNegativeNumber);
    cmd->add_option("--max-drop", o->maxDrop, "Stop once accuracy fell this many percentage points");
    cmd->add_option("--target-fps", o->targetFps, "Stop once the design reaches this throughput");
    cmd->add_option("--cache-mb", o->cacheMb,
                    "Memory for activations kept between iterations, so that each recomputes only below the "
                    "ReLUs it changed (default 1024)");
    cmd->add_option("--threads", o->threads, "Profiling threads (default: the cores)");
    cmd->add_option("-o,--output-dir", o->outputDir, "Run directory (manifest, summary.csv, iteration_<k>/)");
    cmd->add_option("--resume", o->resume, "Continue the sweep in this run directory (the rest comes from its manifest)")
        ->check(CLI::ExistingDirectory);
    cmd->callback([o, cmd] { runSweepCommand(*o, *cmd); });
}

} // namespace foldwise::cli
