#include "ops/SweepOperation.h"

#include "io/JsonReading.h"
#include "data/ModelCalibration.h"
#include "data/OpenCalibrationSource.h"
#include "io/WriterLock.h"
#include "model/Model.h"
#include "model/ModelError.h"
#include "io/CsvText.h"

#include <cstdio>
#include <map>

namespace foldwise::ops {
namespace {

// What a sweep was started with, as the manifest's "invocation" keeps it.
std::map<std::string, std::string> invocationOf(const SweepParameters& p)
{
    return {{"model", absolutePath(p.model)},
            {"data", absoluteCalibrationSpec(p.data)},
            {"labels", absolutePath(p.labels)},
            {"platform", p.platform},
            {"style", enumName(p.style)},
            {"policy", enumName(p.policy)},
            {"mode", enumName(p.mode)},
            {"increment", shortestNumber(p.increment)},
            {"relative", p.relative ? "1" : "0"},
            {"batch", std::to_string(p.batch)},
            {"objective", enumName(p.objective)},
            {"weight_bits", std::to_string(p.weightBits)},
            {"act_bits", std::to_string(p.actBits)},
            {"limit", p.limits},
            {"design", absolutePath(p.design)},
            {"gain", shortestNumber(p.gain)}};
}

std::string iterationLine(const RunIteration& it)
{
    char text[512];
    std::string line;
    std::snprintf(text, sizeof text, "iteration %d: top-1 %s, fidelity %.2f %%, network sparsity %.4f, %.4g FPS", it.index,
                  it.top1 ? (std::to_string(*it.top1) + " %").c_str() : "-", it.fidelity.value_or(0), it.networkSparsity,
                  it.hardware.throughputFps.value_or(0));
    line = text;
    if (it.hardware.denseThroughputFps) {
        std::snprintf(text, sizeof text, " (dense at %g DSP: %.4g FPS)", it.hardware.denseDsp.value_or(0),
                      *it.hardware.denseThroughputFps);
        line += text;
    }
    return line + ", bottleneck " + it.hardware.bottleneck.value_or("-") + "\n";
}

} // namespace

void describe(ParameterSpecs<SweepParameters>& p)
{
    using P = SweepParameters;
    p.add(&P::model, "model", "model", "ONNX model (with --resume: taken from the run directory)").inputFile().existing();
    p.add(&P::data, "data", "--data", "Calibration data (as for profile)").calibrationData();
    p.add(&P::labels, "labels", "--labels", "Labels (.csv or .npy); without them accuracy is fidelity to the plain model")
        .inputFile();
    p.add(&P::platform, "platform", "--platform", "Platform name or TOML file");
    describeHardware(p);
    p.addChoice(&P::policy, "policy", "--policy", "uniform | slowest_node");
    p.addChoice(&P::mode, "mode", "--mode",
                "fixed (optimise once) | reoptimise (every iteration) | normalised (reoptimise, and compare with a dense "
                "design at the same DSP count)");
    p.add(&P::design, "design", "--design",
          "fixed mode: start from this design (design.json or fpgaConvNet config.json) instead of optimising once")
        .inputFile()
        .existing();
    p.add(&P::gain, "gain", "--gain",
          "Least speed-up a sparse convolution's next fine step must give to be kept (fpgaConvNet: 1.2)")
        .range(1.0, 1000.0);
    p.add(&P::increment, "increment", "--increment", "Threshold step (default 0.005)").positive();
    p.add(&P::relative, "relative", "--relative", "The step is a fraction of each ReLU's largest input (of the plain model)");
    p.add(&P::iterations, "iterations", "--iterations", "Iterations after the first (threshold 0)").atLeast(0);
    p.add(&P::maxDrop, "max_drop", "--max-drop", "Stop once accuracy fell this many percentage points");
    p.add(&P::targetFps, "target_fps", "--target-fps", "Stop once the design reaches this throughput");
    p.add(&P::cacheMb, "cache_mb", "--cache-mb",
          "Memory for activations kept between iterations, so that each recomputes only below the ReLUs it changed "
          "(default 1024)");
    p.add(&P::threads, "threads", "--threads", "Profiling threads (default: the cores)");
    p.add(&P::outputDir, "output_dir", "-o,--output-dir", "Run directory (manifest, summary.csv, iteration_<k>/)")
        .outputFolder();
    p.add(&P::resume, "resume", "--resume", "Continue the sweep in this run directory (the rest comes from its manifest)")
        .inputFolder()
        .existing();
}

OperationResult run(const SweepParameters& given, OperationContext& context)
{
    SweepParameters p = given;
    if (!p.resume.empty())
        fillFromRunDirectory(p);
    const std::string runDir = p.resume.empty() ? p.outputDir : p.resume;
    if (runDir.empty())
        throw ParameterError("output_dir", "give the run directory (-o RUNDIR, or --resume RUNDIR)");
    if (p.model.empty() || p.data.empty() || p.platform.empty())
        throw ParameterError("model", "a new sweep needs MODEL, --data and --platform");
    // By absolute paths: every iteration's files then name the model and data alike, whichever
    // folder the sweep or a resume of it runs in.
    const auto model = Model::load(absolutePath(p.model));
    const auto data = openCalibrationSource(absoluteCalibrationSpec(p.data), calibrationOptionsFor(*model, absolutePath(p.labels)));
    sweep::SweepOptions s;
    s.policy = enumName(p.policy);
    s.style = enumName(p.style);
    s.mode = enumName(p.mode);
    s.fixedDesign = p.design;
    s.sparseFineGain = p.gain;
    s.step = {p.increment, p.relative};
    s.iterations = p.iterations;
    if (p.maxDrop >= 0)
        s.maxAccuracyDrop = p.maxDrop;
    if (p.targetFps > 0)
        s.targetThroughput = p.targetFps;
    s.platform = findPlatform(p.platform);
    s.settings = designSettings(p);
    if (p.style == HardwareStyle::Finn) {
        if (p.weightBits > 16 || p.actBits > 16)
            throw ParameterError(p.weightBits > 16 ? "weight_bits" : "act_bits", "FINN models 1 to 16 bits");
        s.finn.weightBits = p.weightBits;
        s.finn.activationBits = p.actBits;
    }
    s.cacheBytes = p.cacheMb << 20;
    s.threads = p.threads;
    s.invocation = invocationOf(p);
    s.givenPaths = {{"model", p.model},
                    {"data", p.data},
                    {"labels", p.labels},
                    {"design", p.design},
                    {"working_directory", std::filesystem::current_path().string()}};
    s.cancel = context.cancelFlag();
    const auto progress = [&context, &p](const RunLog& log) {
        context.result(iterationLine(log.iterations.back()));
        context.progress(log.iterations.size(), static_cast<std::size_t>(p.iterations) + 1, "iterations");
        return !context.cancelled();
    };
    const RunLog log = sweep::runSweep(*model, data, s, runDir, progress);
    context.result(std::to_string(log.iterations.size()) + " iteration(s) in " + runDir
                   + (context.cancelled() ? " (interrupted: --resume continues)" : "") + "\n");
    OperationResult result;
    result.interrupted = context.cancelled();
    result.outputs.push_back({OutputKind::RunDirectory, runDir});
    result.summary = std::to_string(log.iterations.size()) + " iteration(s) in " + runDir;
    return result;
}

// `resume` alone continues a sweep: what the parameters leave out comes from the run
// directory's manifest (model, data and every option that must not change).
void fillFromRunDirectory(SweepParameters& p)
{
    // A sweep still writing the folder may not have written its manifest yet: name it first.
    refuseIfBeingWritten(p.resume, sweep::kRunDirectoryLockFile);
    const std::filesystem::path manifestFile = std::filesystem::path(p.resume) / "manifest.json";
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
            throw ModelError(manifestFile.string(),
                             std::string("the manifest does not say the sweep's ") + key + ": give it on the command line");
        return invocation->at(key).string();
    };
    const auto given = [&](const char* key) { return p.wasGiven(key); };
    try {
        if (p.model.empty())
            p.model = text("model");
        if (!given("data"))
            p.data = text("data");
        if (!given("labels") && has("labels"))
            p.labels = text("labels");
        if (!given("platform"))
            p.platform = text("platform");
        if (!given("style"))
            p.style = parseEnum<HardwareStyle>(text("style"));
        if (!given("policy"))
            p.policy = parseEnum<sweep::PolicyKind>(text("policy"));
        if (!given("mode"))
            p.mode = parseEnum<sweep::HardwareMode>(text("mode"));
        if (!given("design") && has("design"))
            p.design = text("design");
        if (!given("gain") && has("gain"))
            p.gain = std::stod(text("gain"));
        if (!given("increment"))
            p.increment = std::stod(text("increment"));
        if (!given("relative"))
            p.relative = text("relative") == "1";
        if (!given("batch"))
            p.batch = std::stoll(text("batch"));
        if (!given("objective"))
            p.objective = parseEnum<fpgaconvnet::Objective>(text("objective"));
        if (!given("weight_bits"))
            p.weightBits = std::stoi(text("weight_bits"));
        if (!given("act_bits"))
            p.actBits = std::stoi(text("act_bits"));
        if (!given("limit"))
            p.limits = text("limit");
        if (!given("iterations") && manifest.find("iterations"))
            p.iterations = static_cast<int>(manifest.at("iterations").integerIn(0, 1000000));
    } catch (const std::logic_error& e) { // stod/stoi or an unknown name in a hand-edited manifest
        throw ModelError(manifestFile.string(), std::string("a value in \"invocation\" is malformed (") + e.what() + ")");
    }
}

} // namespace foldwise::ops
