#include "ops/InduceOperation.h"

#include "data/ModelCalibration.h"
#include "data/OpenCalibrationSource.h"
#include "model/Model.h"
#include "passes/ChoosingMaps.h"
#include "passes/InducedRelus.h"
#include "ops/PassOutputs.h"
#include "ops/PassProgress.h"

#include <cstdio>

namespace foldwise::ops {
namespace {

std::string percent(const nlohmann::json& figures, const char* key)
{
    if (!figures.contains(key))
        return "-";
    char text[32];
    std::snprintf(text, sizeof text, "%.2f %%", figures[key].get<double>());
    return text;
}

std::string count(const nlohmann::json& value)
{
    return std::to_string(value.get<int64_t>());
}

std::string reportText(const nlohmann::json& report)
{
    std::string text;
    for (const nlohmann::json& inducer : report["inducers"]) {
        text += inducer["inducer"].get<std::string>() + ": " + count(inducer["prototypes"]) + " prototypes of "
            + count(inducer["units"]) + " units induce";
        for (const nlohmann::json& l : inducer["induced"]) {
            char mismatch[32];
            std::snprintf(mismatch, sizeof mismatch, "%.4f", l["mean_mismatch"].get<double>());
            text += " " + l["layer"].get<std::string>() + " (" + count(l["units"]) + " units, mismatch " + mismatch + ")";
        }
        text += "\n";
    }
    const nlohmann::json& relus = report["relus"];
    text += "ReLUs: " + count(relus["before"]) + " -> " + count(relus["after"]) + " (" + count(relus["removed"])
        + " removed) over " + count(report["calibration"]["items"]) + " calibration item(s)\n";
    if (report.contains("accuracy") && report["accuracy"].contains("before")) {
        const nlohmann::json& a = report["accuracy"];
        // Top-1/top-5 only with labels; fidelity (agreement with the original) always.
        if (a["before"].contains("top1"))
            text += "top-1 " + percent(a["before"], "top1") + " -> " + percent(a["after"], "top1") + ", top-5 "
                + percent(a["before"], "top5") + " -> " + percent(a["after"], "top5") + ", ";
        text += "fidelity " + percent(a["after"], "fidelity") + "\n";
    }
    return text;
}

} // namespace

void describe(ParameterSpecs<InduceParameters>& p)
{
    using P = InduceParameters;
    p.add(&P::model, "model", "model", "ONNX model").required().inputFile();
    p.add(&P::mapping, "mapping", "--mapping",
          R"(Mapping JSON: {"inducer": ["inducer", "induced", ...], "overrides": {"relu": "identity"}})")
        .required()
        .inputFile();
    p.add(&P::prototypes, "prototypes", "--prototypes", "Prototype units per inducer, in mapping order (N[,N...])")
        .required()
        .delimiter(',');
    p.add(&P::data, "data", "--data", "Calibration data: image folder, .npy, .pb file or folder, synthetic:N[:SEED]")
        .required()
        .calibrationData();
    p.add(&P::labels, "labels", "--labels", "Labels (.csv or .npy); without them accuracy is fidelity to the original model")
        .inputFile();
    p.add(&P::seed, "seed", "--seed", "Seed of the first prototype (farthest-point sampling)");
    p.add(&P::output, "output", "-o,--output", "Induced ONNX model to write").required().outputFile();
    p.add(&P::report, "report", "--report", "JSON report to write").required().outputFile();
    p.add(&P::choosingDir, "choosing_dir", "--choosing-dir", "Write prototypes and choosing maps (.npy) for training here")
        .outputFolder();
    p.add(&P::noAccuracy, "no_accuracy", "--no-accuracy", "Skip measuring accuracy before and after");
}

OperationResult run(const InduceParameters& p, OperationContext& context)
{
    const auto model = Model::load(p.model);
    const passes::InducedReluMapping mapping = passes::readInducedReluMapping(p.mapping);
    const auto source = openCalibrationSource(p.data, calibrationOptionsFor(*model, p.labels));
    CalibrationReader reader(source);
    passes::InduceOptions options;
    options.prototypes = p.prototypes;
    options.seed = p.seed;
    options.measureAccuracy = !p.noAccuracy;
    passes::InducedReluResult r = passes::induceRelus(*model, mapping, reader, options, passContext(context));
    nlohmann::json& report = r.pass.report;
    if (!p.choosingDir.empty())
        report["choosing_maps"] = passes::writeChoosingMaps(r.choices, p.choosingDir);
    OperationResult result = writePassOutputs(r.pass, p.output, p.report);
    std::string text = noteLines(r.pass) + reportText(report);
    text += "induce: " + std::to_string(r.pass.changes) + " ReLU node(s) rewritten -> " + p.output + "\nreport -> "
        + p.report + "\n";
    if (!p.choosingDir.empty())
        text += "choosing maps -> " + p.choosingDir + "\n";
    context.result(text);
    if (!p.choosingDir.empty())
        result.outputs.push_back({OutputKind::Folder, p.choosingDir});
    result.summary = "Induced model written to " + p.output;
    return result;
}

} // namespace foldwise::ops
