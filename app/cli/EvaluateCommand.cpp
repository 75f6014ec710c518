#include "cli/EvaluateCommand.h"

#include "cli/FinnCommands.h"
#include "cli/HardwareOptions.h"
#include "hw/ReportTable.h"
#include "hw/fpgaconvnet/CompatibleModel.h"
#include "hw/fpgaconvnet/DesignFile.h"
#include "hw/fpgaconvnet/Fidelity.h"
#include "io/DirectoryTransaction.h"
#include "io/FileErrors.h"
#include "io/JsonReading.h"
#include "model/Model.h"
#include "model/ModelError.h"
#include "profile/ActivationProfile.h"

#include <CLI/CLI.hpp>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iostream>

namespace foldwise::cli {
namespace {

struct EvaluateOptions : HardwareOptions {
    std::string design;
    bool json = false;
    bool compatible = false;
    bool fidelity = false;
    double clockNs = 0;
    bool capConvolutionFifos = false;
};

// --fidelity: the design on Foldwise's native model and on fpgaConvNet's, layer by layer.
void printFidelity(const fpgaconvnet::FidelityReport& r)
{
    std::printf("%-36s %-13s %12s %12s %7s %7s %7s %7s\n", "layer", "type", "native cyc", "fpgaConvNet", "cycles", "DSP",
                "BRAM", "LUT");
    const auto pct = [](double v) {
        char text[16];
        if (!std::isfinite(v))
            return std::string("  n/a");
        std::snprintf(text, sizeof text, "%+.0f%%", v * 100);
        return std::string(text);
    };
    for (const fpgaconvnet::LayerFidelity& l : r.layers)
        std::printf("%-36s %-13s %12.0f %12.0f %7s %7s %7s %7s%s\n", l.name.substr(0, 36).c_str(), l.type.c_str(), l.nativeCycles,
                    l.compatibleCycles, pct(fpgaconvnet::relativeDifference(l.nativeCycles, l.compatibleCycles)).c_str(),
                    pct(fpgaconvnet::relativeDifference(l.native.dsp, l.compatible.dsp)).c_str(),
                    pct(fpgaconvnet::relativeDifference(l.native.bram18, l.compatible.bram18)).c_str(),
                    pct(fpgaconvnet::relativeDifference(l.native.lut, l.compatible.lut)).c_str(), l.sparse ? "  (sparse)" : "");
    std::printf("network: native %.6g FPS, fpgaConvNet %.6g FPS; squeezes fpgaConvNet adds: %.0f LUT, %.0f BRAM18%s\n",
                r.nativeFps, r.compatibleFps, r.squeezes.lut, r.squeezes.bram18,
                r.compatibleInfeasibility.empty() ? "" : ("; fpgaConvNet would not build it: " + r.compatibleInfeasibility).c_str());
}

// --compatible: fpgaConvNet's own numbers for its config.json (its module chains and quirks,
// core/hw/fpgaconvnet/CompatibleModel.h), printed per partition, with its report.json in -o.
void runCompatible(const EvaluateOptions& o)
{
    if (o.platform.empty())
        throw CLI::ValidationError("--platform", "--compatible evaluates an fpgaConvNet config.json on a platform: give one");
    const Platform platform = findPlatform(o.platform);
    const nlohmann::json config = readJsonFile(o.design, "fpgaConvNet config");
    const fpgaconvnet::CompatibleReport report = fpgaconvnet::evaluateCompatible(config, platform, o.design);
    const nlohmann::json json = fpgaconvnet::compatibleReportJson(report);
    if (o.json) {
        std::cout << json.dump(2) << "\n";
    } else {
        for (const fpgaconvnet::CompatiblePartition& p : report.partitions)
            std::printf("partition %lld: %zu layers, interval %.0f cycles, %.0f cycles, weights reloading %lld\n",
                        static_cast<long long>(p.index), p.layers.size(), p.interval, p.cycles,
                        static_cast<long long>(p.weightsReloading));
        std::printf("cycles %.0f, latency %.9g s, throughput %.9g FPS on %s (fpgaConvNet-compatible)\n", report.cycles,
                    report.latencySeconds, report.throughputFps, platform.name.c_str());
    }
    if (!o.outputDir.empty()) {
        createFolder(o.outputDir);
        fpgaconvnet::writeJsonFile(std::filesystem::path(o.outputDir) / "report.json", json);
    }
}

// A FINN folding_config.json: an object of node names (<OpType>_<index>) and "Defaults", without
// the "partitions" of fpgaConvNet's config or a Foldwise design's "format".
bool isFinnFoldingConfig(const std::string& file)
{
    nlohmann::json j;
    try {
        j = readJsonFile(file, "design file");
    } catch (const ModelError&) {
        return false; // the design reader that follows reports what is wrong with it
    }
    return j.is_object() && !j.contains("format") && !j.contains("partitions") && !j.contains("partition")
        && (j.contains("Defaults") || std::any_of(j.items().begin(), j.items().end(), [](const auto& item) {
               return item.key().find("_hls_") != std::string::npos || item.key().find("_rtl_") != std::string::npos;
           }));
}

void runEvaluate(const EvaluateOptions& o, const CLI::App& cmd)
{
    if (o.compatible) {
        runCompatible(o);
        return;
    }
    const bool onnxDesign = std::filesystem::path(o.design).extension() == ".onnx";
    if (o.style == "finn" || onnxDesign || o.design.empty() || isFinnFoldingConfig(o.design)) {
        runFinnEvaluate(o, {"", 0, o.clockNs, cmd.count("--weight-bits") + cmd.count("--act-bits") > 0, o.capConvolutionFifos},
                        o.design, o.json);
        return;
    }
    const auto model = Model::load(o.model);
    const auto profile = loadProfileOption(o);
    std::optional<Platform> platform;
    if (!o.platform.empty())
        platform = findPlatform(o.platform);
    // Settings given on the command line replace those of the design file, one by one.
    const fpgaconvnet::DesignSettings given = designSettings(o);
    const auto adjust = [&](fpgaconvnet::DesignSettings& s) {
        if (cmd.count("--batch"))
            s.batch = given.batch;
        if (cmd.count("--weight-bits"))
            s.bits.weight = given.bits.weight;
        if (cmd.count("--act-bits"))
            s.bits.data = given.bits.data;
        if (cmd.count("--weight-bits") || cmd.count("--act-bits"))
            s.bits.accumulator = 2 * std::max(s.bits.weight, s.bits.data);
        if (cmd.count("--limit"))
            s.limits = given.limits;
        if (cmd.count("--objective"))
            s.objective = given.objective;
    };
    const fpgaconvnet::Design design = fpgaconvnet::readDesign(o.design, *model, profile.get(), platform, adjust);
    if (o.fidelity) {
        const fpgaconvnet::FidelityReport report = fpgaconvnet::fidelityReport(design);
        if (o.json)
            std::cout << fpgaconvnet::fidelityJson(report).dump(2) << "\n";
        else
            printFidelity(report);
        if (!o.outputDir.empty()) {
            DirectoryTransaction transaction(o.outputDir); // the two files as one
            writeTextFile(transaction.folder() / "fidelity.csv", fpgaconvnet::fidelityCsv(report));
            fpgaconvnet::writeJsonFile(transaction.folder() / "fidelity.json", fpgaconvnet::fidelityJson(report));
            transaction.commit();
        }
        return;
    }
    const fpgaconvnet::Evaluator e(design);
    if (o.json)
        std::cout << networkEstimateJson(e.estimate()).dump(2) << "\n";
    else
        std::cout << layerTableText(e.estimate());
    if (!e.feasible())
        std::cerr << "foldwise-cli: warning: the design does not fit " << design.platform.name << ": " << e.infeasibility()
                  << "\n";
    if (!o.outputDir.empty())
        writeFpgaConvNetOutputs(o.outputDir, e, *model);
}

} // namespace

void addEvaluateCommand(CLI::App& app)
{
    auto o = std::make_shared<EvaluateOptions>();
    CLI::App* cmd = app.add_subcommand("evaluate", "Evaluate a saved design (Foldwise design.json or fpgaConvNet config.json)");
    cmd->add_option("model", o->model, "ONNX model")->required()->check(CLI::ExistingFile);
    cmd->add_option("--design", o->design,
                    "design.json, fpgaConvNet config.json, FINN folding_config.json or a FINN folded graph (step_*.onnx); "
                    "none for a model that is a FINN folded graph itself")
        ->check(CLI::ExistingFile);
    cmd->add_option("--clock-ns", o->clockNs, "FINN: clock period in ns (default: the platform's, else 10)");
    cmd->add_flag("--cap-conv-fifos", o->capConvolutionFifos,
                  "FINN: FIFOs from a sliding window generator into an MVAU hold at most one row of windows "
                  "(FINN's default_swg_exception / CapConvolutionFIFODepths)");
    cmd->add_option("--platform", o->platform, "Platform name or TOML file (default: the design's)");
    addHardwareOptions(*cmd, *o);
    cmd->add_flag("--json", o->json, "Print the per-layer table and network figures as JSON");
    cmd->add_flag("--compatible", o->compatible,
                  "Evaluate an fpgaConvNet config.json exactly as fpgaConvNet does (its report.json's numbers)");
    cmd->add_flag("--fidelity", o->fidelity,
                  "Compare the design on Foldwise's native model and on fpgaConvNet's, layer by layer (with -o: "
                  "fidelity.csv and fidelity.json)");
    cmd->add_option("-o,--output-dir", o->outputDir, "Also write the reports and configs here");
    cmd->callback([o, cmd] { runEvaluate(*o, *cmd); });
}

} // namespace foldwise::cli
