#include "cli/PruneCommand.h"

#include "io/AtomicFileWriter.h"
#include "model/ModelError.h"
#include "ops/PruningEvaluation.h"
#include "passes/ModelFiles.h"
#include "passes/PruningRecipe.h"
#include "passes/StructuredPruning.h"

#include <CLI/CLI.hpp>

#include <iostream>
#include <memory>
#include <sstream>

namespace foldwise::cli {
namespace {

struct PruneOptions {
    std::string model;
    std::string criterion = "global";
    double rate = 0;
    int64_t targetParams = 0;
    std::string simdList;
    std::string data;
    std::string labels;
    std::string platform = "zcu102";
    std::string style = "both";
    std::string output;
    std::string report;
    std::string recipe;
    std::size_t batch = 32;
};

// "9, 16,16" -> {9, 16, 16}.
std::vector<int64_t> parseSimdList(const std::string& text)
{
    std::vector<int64_t> values;
    std::stringstream in(text);
    std::string part;
    while (std::getline(in, part, ',')) {
        const auto first = part.find_first_not_of(" \t"), last = part.find_last_not_of(" \t");
        const std::string v = first == std::string::npos ? "" : part.substr(first, last - first + 1);
        std::size_t used = 0;
        long long n = 0;
        try {
            n = std::stoll(v, &used);
        } catch (const std::exception&) {
            used = 0;
        }
        if (v.empty() || used != v.size() || n < 1)
            throw CLI::ValidationError("--simd-list", "'" + v + "' is not a positive integer");
        values.push_back(n);
    }
    if (values.empty())
        throw CLI::ValidationError("--simd-list", "no SIMD values given");
    return values;
}

void printSummary(const nlohmann::json& r)
{
    std::cout << "prune (" << r["criterion"].get<std::string>() << "): params " << r["params"]["before"] << " -> "
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
            std::cout << style << " on " << r["hardware"]["platform"].get<std::string>() << ": " << side(h["before"])
                      << " -> " << side(h["after"]) << '\n';
        }
    if (r.contains("accuracy")) {
        const nlohmann::json& a = r["accuracy"]["after"];
        std::cout << "accuracy over " << r["accuracy"]["items"] << " items:";
        for (const char* k : {"top1", "top5", "fidelity"})
            if (a.contains(k))
                std::cout << ' ' << k << ' ' << a[k].get<double>() << '%';
        std::cout << '\n';
    }
}

void run(const PruneOptions& o, bool rateGiven, bool targetGiven)
{
    passes::PruningOptions options;
    options.criterion = passes::parseCriterion(o.criterion);
    if (rateGiven)
        options.rate = o.rate;
    if (targetGiven)
        options.targetParams = o.targetParams;
    if (!o.simdList.empty())
        options.simd = parseSimdList(o.simdList);
    const auto model = Model::load(o.model);
    passes::PassResult r = [&] {
        try {
            return passes::pruneChannels(*model, options);
        } catch (const std::invalid_argument& e) {
            throw ModelError(o.model, e.what());
        }
    }();

    passes::PruningEvaluationOptions evaluation;
    evaluation.platform = o.platform;
    evaluation.fpgaconvnet = o.style != "finn";
    evaluation.finn = o.style != "fpgaconvnet";
    evaluation.data = o.data;
    evaluation.batch = o.batch;
    if (!o.labels.empty())
        evaluation.calibration.labels = o.labels;
    const Tensor& input = model->graph().tensor(model->graph().inputs().at(0));
    if (input.hasShape && input.shape.isStatic()) {
        const std::vector<int64_t> dims = input.shape.values();
        evaluation.calibration.itemDims = std::vector<int64_t>(dims.begin() + 1, dims.end());
    }
    r.report.update(passes::evaluatePruning(*model, *r.model, evaluation));

    passes::writeModel(*r.proto, o.output);
    if (!o.report.empty())
        passes::writeReport(r.report, o.report);
    if (!o.recipe.empty()) {
        const std::string recipe = passes::pruningRecipe(*model, r.report);
        AtomicFileWriter writer(o.recipe); // errors name the file
        writer.write(recipe.data(), recipe.size());
        writer.commit();
    }
    for (const std::string& note : r.notes)
        std::cout << "note: " << note << '\n';
    printSummary(r.report);
    std::cout << "pruned model -> " << o.output << '\n';
    if (!o.report.empty())
        std::cout << "report -> " << o.report << '\n';
    if (!o.recipe.empty())
        std::cout << "recipe -> " << o.recipe << '\n';
}

} // namespace

void addPruneCommand(CLI::App& app)
{
    auto o = std::make_shared<PruneOptions>();
    CLI::App* cmd = app.add_subcommand("prune", "Structured channel pruning (BN |gamma| or filter L1 scores), weights shrunk");
    cmd->add_option("model", o->model, "ONNX model")->required();
    cmd->add_option("--criterion", o->criterion, "global (one threshold), local (same fraction per layer) or safe "
                                                 "(global, residual trunk kept)")
        ->check(CLI::IsMember({"global", "local", "safe"}))
        ->capture_default_str();
    CLI::Option* rate = cmd->add_option("--rate", o->rate, "Fraction of the channels to remove, in [0, 1)");
    CLI::Option* target = cmd->add_option("--target-params", o->targetParams, "Parameters to remain (bisection, within 1%)");
    rate->excludes(target);
    cmd->add_option("--simd-list", o->simdList, "FINN SIMD per prunable layer, or one for all (\"9,16,...\")");
    cmd->add_option("--data", o->data, "Calibration data for accuracy/fidelity (as for profile)");
    cmd->add_option("--labels", o->labels, "Labels (.csv or .npy); without them only fidelity to the unpruned model");
    cmd->add_option("--batch", o->batch, "Items per run for the accuracy")->check(CLI::PositiveNumber)->capture_default_str();
    cmd->add_option("--platform", o->platform, "Platform for the predicted cycles and resources (name or TOML file)")
        ->capture_default_str();
    cmd->add_option("--style", o->style, "Hardware models in the report")
        ->check(CLI::IsMember({"fpgaconvnet", "finn", "both"}))
        ->capture_default_str();
    cmd->add_option("-o,--output", o->output, "Pruned ONNX model to write")->required();
    cmd->add_option("--report", o->report, "Write the JSON report here");
    cmd->add_option("--recipe", o->recipe, "Write the per-layer sparsities as a SparseML recipe (YAML) here");
    cmd->callback([o, rate, target] {
        if (rate->count() == 0 && target->count() == 0)
            throw CLI::ValidationError("prune", "give --rate R or --target-params N");
        if (!o->labels.empty() && o->data.empty())
            throw CLI::ValidationError("--labels", "labels need --data");
        run(*o, rate->count() > 0, target->count() > 0);
    });
}

} // namespace foldwise::cli
