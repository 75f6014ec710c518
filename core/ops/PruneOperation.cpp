#include "ops/PruneOperation.h"

#include "io/AtomicFileWriter.h"
#include "model/Model.h"
#include "model/ModelError.h"
#include "ops/PassOutputs.h"
#include "ops/PruningEvaluation.h"
#include "passes/PruningRecipe.h"
#include "passes/StructuredPruning.h"
#include "ops/PassProgress.h"

#include <sstream>

namespace foldwise::ops {
namespace {

std::string summaryText(const nlohmann::json& r)
{
    std::ostringstream out;
    out << "prune (" << r["criterion"].get<std::string>() << "): params " << r["params"]["before"] << " -> "
        << r["params"]["after"] << ", MACs " << r["macs"]["before"] << " -> " << r["macs"]["after"] << ", "
        << r["index_adds"].size() << " index-add(s), " << r["dead_channels"] << " dead channel(s)\n";
    if (r.contains("hardware"))
        for (const char* style : {"fpgaconvnet", "finn"}) {
            if (!r["hardware"].contains(style))
                continue;
            const nlohmann::json& h = r["hardware"][style];
            const char* cycles = std::string(style) == "finn" ? "max_cycles" : "interval_cycles";
            const auto side = [&](const nlohmann::json& s) {
                return s.contains("error") ? "error: " + s["error"].get<std::string>() : s[cycles].dump() + " cycles";
            };
            out << style << " on " << r["hardware"]["platform"].get<std::string>() << ": " << side(h["before"]) << " -> "
                << side(h["after"]) << '\n';
        }
    if (r.contains("accuracy")) {
        const nlohmann::json& a = r["accuracy"]["after"];
        out << "accuracy over " << r["accuracy"]["items"] << " items:";
        for (const char* k : {"top1", "top5", "fidelity"})
            if (a.contains(k))
                out << ' ' << k << ' ' << a[k].get<double>() << '%';
        out << '\n';
    }
    return out.str();
}

} // namespace

void describe(ParameterSpecs<PruneParameters>& p)
{
    using P = PruneParameters;
    p.add(&P::model, "model", "model", "ONNX model").required().inputFile();
    p.addChoice(&P::criterion, "criterion", "--criterion",
                "global (one threshold), local (same fraction per layer) or safe (global, residual trunk kept)");
    p.add(&P::rate, "rate", "--rate", "Fraction of the channels to remove, in [0, 1)");
    p.add(&P::targetParams, "target_params", "--target-params", "Parameters to remain (bisection, within 1%)");
    p.add(&P::simd, "simd_list", "--simd-list", "FINN SIMD per prunable layer, or one for all (\"9,16,...\")")
        .atLeast(1)
        .delimiter(',');
    p.add(&P::data, "data", "--data", "Calibration data for accuracy/fidelity (as for profile)").calibrationData();
    p.add(&P::labels, "labels", "--labels", "Labels (.csv or .npy); without them only fidelity to the unpruned model")
        .inputFile();
    p.add(&P::batch, "batch", "--batch", "Items per run for the accuracy").positive();
    p.add(&P::platform, "platform", "--platform", "Platform for the predicted cycles and resources (name or TOML file)");
    p.add(&P::style, "style", "--style", "Hardware models in the report").oneOf({"fpgaconvnet", "finn", "both"});
    p.add(&P::output, "output", "-o,--output", "Pruned ONNX model to write").required().outputFile();
    p.add(&P::report, "report", "--report", "Write the JSON report here").outputFile();
    p.add(&P::recipe, "recipe", "--recipe", "Write the per-layer sparsities as a SparseML recipe (YAML) here").outputFile();
}

void checkTogether(const PruneParameters& p)
{
    if (p.wasGiven("rate") && p.wasGiven("target_params"))
        throw ParameterError("target_params", "excludes --rate: give one");
    if (!p.wasGiven("rate") && !p.wasGiven("target_params"))
        throw ParameterError("rate", "give --rate R or --target-params N");
    if (!p.labels.empty() && p.data.empty())
        throw ParameterError("labels", "labels need --data");
}

OperationResult run(const PruneParameters& p, OperationContext& context)
{
    passes::PruningOptions options;
    options.criterion = p.criterion;
    if (p.wasGiven("rate"))
        options.rate = p.rate;
    if (p.wasGiven("target_params"))
        options.targetParams = p.targetParams;
    if (!p.simd.empty())
        options.simd = p.simd;
    const auto model = Model::load(p.model);
    passes::PassResult r = [&] {
        try {
            return passes::pruneChannels(*model, options, passContext(context));
        } catch (const std::invalid_argument& e) {
            throw ModelError(p.model, e.what());
        }
    }();

    passes::PruningEvaluationOptions evaluation;
    evaluation.platform = p.platform;
    evaluation.fpgaconvnet = p.style != "finn";
    evaluation.finn = p.style != "fpgaconvnet";
    evaluation.data = p.data;
    evaluation.batch = p.batch;
    if (!p.labels.empty())
        evaluation.calibration.labels = p.labels;
    const Tensor& input = model->graph().tensor(model->graph().inputs().at(0));
    if (input.hasShape && input.shape.isStatic()) {
        const std::vector<int64_t> dims = input.shape.values();
        evaluation.calibration.itemDims = std::vector<int64_t>(dims.begin() + 1, dims.end());
    }
    r.report.update(passes::evaluatePruning(*model, *r.model, evaluation, passContext(context)));

    OperationResult result = writePassOutputs(r, p.output, p.report);
    if (!p.recipe.empty()) {
        const std::string recipe = passes::pruningRecipe(*model, r.report);
        AtomicFileWriter writer(p.recipe); // errors name the file
        writer.write(recipe.data(), recipe.size());
        writer.commit();
        result.outputs.push_back({OutputKind::Report, p.recipe});
    }
    std::string text = noteLines(r) + summaryText(r.report) + "pruned model -> " + p.output + "\n";
    if (!p.report.empty())
        text += "report -> " + p.report + "\n";
    if (!p.recipe.empty())
        text += "recipe -> " + p.recipe + "\n";
    context.result(text);
    result.summary = "Pruned model written to " + p.output;
    return result;
}

} // namespace foldwise::ops
