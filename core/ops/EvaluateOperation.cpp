#include "ops/EvaluateOperation.h"

#include "io/DirectoryTransaction.h"
#include "io/FileErrors.h"
#include "io/JsonReading.h"
#include "hw/Platform.h"
#include "hw/ReportTable.h"
#include "hw/finn/FoldedGraph.h"
#include "hw/finn/FoldingConfig.h"
#include "hw/fpgaconvnet/CompatibleModel.h"
#include "hw/fpgaconvnet/DesignFile.h"
#include "hw/fpgaconvnet/Fidelity.h"
#include "model/Model.h"
#include "model/ModelError.h"
#include "ops/FinnDesigns.h"
#include "profile/ActivationProfile.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <optional>

namespace foldwise::ops {
namespace {

template <class... A>
std::string format(const char* pattern, A... values)
{
    const int length = std::snprintf(nullptr, 0, pattern, values...);
    std::string text(static_cast<std::size_t>(std::max(length, 0)) + 1, '\0');
    std::snprintf(text.data(), text.size(), pattern, values...);
    text.pop_back();
    return text;
}

// The design on Foldwise's native model and on fpgaConvNet's, layer by layer.
std::string fidelityText(const fpgaconvnet::FidelityReport& r)
{
    std::string text = format("%-36s %-13s %12s %12s %7s %7s %7s %7s\n", "layer", "type", "native cyc", "fpgaConvNet", "cycles",
                              "DSP", "BRAM", "LUT");
    const auto pct = [](double v) { return std::isfinite(v) ? format("%+.0f%%", v * 100) : std::string("  n/a"); };
    for (const fpgaconvnet::LayerFidelity& l : r.layers)
        text += format("%-36s %-13s %12.0f %12.0f %7s %7s %7s %7s%s\n", l.name.substr(0, 36).c_str(), l.type.c_str(),
                       l.nativeCycles, l.compatibleCycles,
                       pct(fpgaconvnet::relativeDifference(l.nativeCycles, l.compatibleCycles)).c_str(),
                       pct(fpgaconvnet::relativeDifference(l.native.dsp, l.compatible.dsp)).c_str(),
                       pct(fpgaconvnet::relativeDifference(l.native.bram18, l.compatible.bram18)).c_str(),
                       pct(fpgaconvnet::relativeDifference(l.native.lut, l.compatible.lut)).c_str(), l.sparse ? "  (sparse)" : "");
    const std::string infeasible =
        r.compatibleInfeasibility.empty() ? "" : "; fpgaConvNet would not build it: " + r.compatibleInfeasibility;
    text += format("network: native %.6g FPS, fpgaConvNet %.6g FPS; squeezes fpgaConvNet adds: %.0f LUT, %.0f BRAM18%s\n",
                   r.nativeFps, r.compatibleFps, r.squeezes.lut, r.squeezes.bram18, infeasible.c_str());
    return text;
}

// fpgaConvNet's own numbers for its config.json (its module chains and quirks), per partition.
OperationResult evaluateCompatible(const EvaluateParameters& p, OperationContext& context)
{
    const Platform platform = findPlatform(p.platform);
    const nlohmann::json config = readJsonFile(p.design, "fpgaConvNet config");
    const fpgaconvnet::CompatibleReport report = fpgaconvnet::evaluateCompatible(config, platform, p.design);
    const nlohmann::json json = fpgaconvnet::compatibleReportJson(report);
    if (p.json) {
        context.result(json.dump(2) + "\n");
    } else {
        std::string text;
        for (const fpgaconvnet::CompatiblePartition& part : report.partitions)
            text += format("partition %lld: %zu layers, interval %.0f cycles, %.0f cycles, weights reloading %lld\n",
                           static_cast<long long>(part.index), part.layers.size(), part.interval, part.cycles,
                           static_cast<long long>(part.weightsReloading));
        text += format("cycles %.0f, latency %.9g s, throughput %.9g FPS on %s (fpgaConvNet-compatible)\n", report.cycles,
                       report.latencySeconds, report.throughputFps, platform.name.c_str());
        context.result(text);
    }
    OperationResult result;
    if (!p.outputDir.empty()) {
        createFolder(p.outputDir);
        const std::filesystem::path file = std::filesystem::path(p.outputDir) / "report.json";
        fpgaconvnet::writeJsonFile(file, json);
        result.outputs.push_back({OutputKind::Report, file});
    }
    result.summary = format("%.6g FPS on %s (fpgaConvNet-compatible)", report.throughputFps, platform.name.c_str());
    return result;
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

OperationResult evaluateFinn(const EvaluateParameters& p, OperationContext& context)
{
    const auto model = Model::load(p.model);
    double mhz = 0;
    if (!p.platform.empty())
        mhz = findPlatform(p.platform).frequencyMhz;
    const FinnRunSettings settings{p.clockNs, p.capConvolutionFifos};
    // A FINN folded graph (step_*.onnx) is a design in itself, or the folding of the model it
    // came from; a folding_config.json applies to Foldwise's conversion.
    std::optional<finn::FinnDesign> design;
    const bool foldedDesign = std::filesystem::path(p.design).extension() == ".onnx";
    if (finn::isFinnDataflowGraph(*model) && (p.design.empty() || foldedDesign)) {
        if (!p.design.empty() && std::filesystem::weakly_canonical(p.design) != std::filesystem::weakly_canonical(p.model))
            throw ModelError(p.model, "is a FINN folded graph already: evaluate it without --design");
        finn::EstimateOptions options;
        options.fifos = finn::FifoRule::Given;
        options.clockNs = p.clockNs > 0 ? p.clockNs : mhz > 0 ? 1000.0 / mhz : options.clockNs;
        design.emplace(finn::readFoldedGraph(*model), options);
    } else if (foldedDesign) {
        const auto graph = Model::load(p.design);
        design.emplace(finn::withFoldedGraph(finnDesignFor(*model, p, settings, mhz), finn::readFoldedGraph(*graph), p.design));
    } else {
        design.emplace(finnDesignFor(*model, p, settings, mhz));
        finn::readFoldingConfig(*design, p.design);
    }
    for (const std::string& note : design->network().notes)
        context.note(note);
    const NetworkEstimate estimate = design->networkEstimate();
    context.result(p.json ? networkEstimateJson(estimate).dump(2) + "\n" : layerTableText(estimate));
    OperationResult result;
    if (!p.outputDir.empty())
        result.outputs = writeFinnOutputs(p.outputDir, *design);
    result.summary = format("%.6g FPS (FINN)", estimate.throughputFps);
    return result;
}

OperationResult evaluateFpgaConvNet(const EvaluateParameters& p, OperationContext& context)
{
    const auto model = Model::load(p.model);
    const auto profile = loadProfile(p);
    std::optional<Platform> platform;
    if (!p.platform.empty())
        platform = findPlatform(p.platform);
    // Settings the user gave replace those of the design file, one by one.
    const fpgaconvnet::DesignSettings given = designSettings(p);
    const auto adjust = [&](fpgaconvnet::DesignSettings& s) {
        if (p.wasGiven("batch"))
            s.batch = given.batch;
        if (p.wasGiven("weight_bits"))
            s.bits.weight = given.bits.weight;
        if (p.wasGiven("act_bits"))
            s.bits.data = given.bits.data;
        if (p.wasGiven("weight_bits") || p.wasGiven("act_bits"))
            s.bits.accumulator = 2 * std::max(s.bits.weight, s.bits.data);
        if (p.wasGiven("limit"))
            s.limits = given.limits;
        if (p.wasGiven("objective"))
            s.objective = given.objective;
        if (!p.costModel.empty())
            s.costModel = parseEnum<fpgaconvnet::CostModel>(p.costModel);
    };
    const fpgaconvnet::Design design = fpgaconvnet::readDesign(p.design, *model, profile.get(), platform, adjust);
    if (design.settings.costModel == fpgaconvnet::CostModel::Compatible)
        context.note("evaluated on fpgaConvNet's cost model");
    OperationResult result;
    if (p.fidelity) {
        const fpgaconvnet::FidelityReport report = fpgaconvnet::fidelityReport(design);
        context.result(p.json ? fpgaconvnet::fidelityJson(report).dump(2) + "\n" : fidelityText(report));
        if (!p.outputDir.empty()) {
            // The comparison and the design it compares, as one set.
            const fpgaconvnet::Evaluator e(design);
            DirectoryTransaction transaction(p.outputDir);
            writeFpgaConvNetFiles(transaction.folder(), e, *model);
            writeTextFile(transaction.folder() / "fidelity.csv", fpgaconvnet::fidelityCsv(report));
            fpgaconvnet::writeJsonFile(transaction.folder() / "fidelity.json", fpgaconvnet::fidelityJson(report));
            transaction.commit();
            result.outputs = fpgaConvNetOutputFiles(p.outputDir);
            result.outputs.push_back({OutputKind::Table, std::filesystem::path(p.outputDir) / "fidelity.csv"});
            result.outputs.push_back({OutputKind::Report, std::filesystem::path(p.outputDir) / "fidelity.json"});
        }
        result.summary = format("Foldwise's model %.6g FPS, fpgaConvNet's %.6g FPS", report.nativeFps, report.compatibleFps);
        return result;
    }
    const fpgaconvnet::Evaluator e(design);
    context.result(p.json ? networkEstimateJson(e.estimate()).dump(2) + "\n" : layerTableText(e.estimate()));
    if (!e.feasible())
        context.warning("the design does not fit " + design.platform.name + ": " + e.infeasibility());
    if (!p.outputDir.empty())
        result.outputs = writeFpgaConvNetOutputs(p.outputDir, e, *model);
    result.summary = format("%.6g FPS on %s", e.estimate().throughputFps, design.platform.name.c_str());
    return result;
}

} // namespace

void describe(ParameterSpecs<EvaluateParameters>& p)
{
    using P = EvaluateParameters;
    p.add(&P::model, "model", "model", "ONNX model").required().inputFile().existing();
    p.add(&P::design, "design", "--design",
          "design.json, fpgaConvNet config.json, FINN folding_config.json or a FINN folded graph (step_*.onnx); none "
          "for a model that is a FINN folded graph itself")
        .inputFile()
        .existing();
    p.add(&P::clockNs, "clock_ns", "--clock-ns", "FINN: clock period in ns (default: the platform's, else 10)");
    p.add(&P::capConvolutionFifos, "cap_conv_fifos", "--cap-conv-fifos",
          "FINN: FIFOs from a sliding window generator into an MVAU hold at most one row of windows (FINN's "
          "default_swg_exception / CapConvolutionFIFODepths)");
    p.add(&P::platform, "platform", "--platform", "Platform name or TOML file (default: the design's)");
    describeHardware(p);
    p.add(&P::json, "json", "--json", "Print the per-layer table and network figures as JSON");
    p.add(&P::compatible, "compatible", "--compatible",
          "Evaluate an fpgaConvNet config.json exactly as fpgaConvNet does (its report.json's numbers)");
    p.add(&P::fidelity, "fidelity", "--fidelity",
          "Compare the design on Foldwise's native model and on fpgaConvNet's, layer by layer (with -o: fidelity.csv "
          "and fidelity.json)");
    p.add(&P::costModel, "cost_model", "--cost-model",
          "fpgaconvnet: evaluate on this cost model (native: Foldwise's; compatible: fpgaConvNet's own) instead of the "
          "design file's")
        .oneOf(enumNameList<fpgaconvnet::CostModel>());
    p.add(&P::outputDir, "output_dir", "-o,--output-dir", "Also write the reports and configs here").outputFolder();
}

void checkTogether(const EvaluateParameters& p)
{
    if (p.compatible && p.platform.empty())
        throw ParameterError("platform", "--compatible evaluates an fpgaConvNet config.json on a platform: give one");
}

OperationResult run(const EvaluateParameters& p, OperationContext& context)
{
    if (p.compatible)
        return evaluateCompatible(p, context);
    const bool onnxDesign = std::filesystem::path(p.design).extension() == ".onnx";
    if (p.style == HardwareStyle::Finn || onnxDesign || p.design.empty() || isFinnFoldingConfig(p.design))
        return evaluateFinn(p, context);
    return evaluateFpgaConvNet(p, context);
}

} // namespace foldwise::ops
