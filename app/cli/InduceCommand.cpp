#include "cli/InduceCommand.h"

#include "data/ModelCalibration.h"
#include "passes/ChoosingMaps.h"
#include "passes/InducedRelus.h"
#include "passes/ModelFiles.h"

#include <CLI/CLI.hpp>

#include <cstdio>
#include <memory>

namespace foldwise::cli {
namespace {

struct InduceCommandOptions {
    std::string model;
    std::string mapping;
    std::vector<int64_t> prototypes;
    std::string data;
    std::string labels;
    uint64_t seed = 0;
    std::string output;
    std::string report;
    std::string choosingDir;
    bool noAccuracy = false;
};

std::string percent(const nlohmann::json& figures, const char* key)
{
    if (!figures.contains(key))
        return "-";
    char text[32];
    std::snprintf(text, sizeof text, "%.2f %%", figures[key].get<double>());
    return text;
}

void runInduce(const InduceCommandOptions& o)
{
    const auto model = Model::load(o.model);
    const passes::InducedReluMapping mapping = passes::readInducedReluMapping(o.mapping);
    const auto source = openCalibrationSource(o.data, calibrationOptionsFor(*model, o.labels));
    CalibrationReader reader(source);
    passes::InduceOptions options;
    options.prototypes = o.prototypes;
    options.seed = o.seed;
    options.measureAccuracy = !o.noAccuracy;
    passes::InducedReluResult r = passes::induceRelus(*model, mapping, reader, options);
    nlohmann::json& report = r.pass.report;
    if (!o.choosingDir.empty())
        report["choosing_maps"] = passes::writeChoosingMaps(r.choices, o.choosingDir);
    passes::writeModel(*r.pass.proto, o.output);
    passes::writeReport(report, o.report);

    for (const std::string& note : r.pass.notes)
        std::printf("note: %s\n", note.c_str());
    for (const nlohmann::json& inducer : report["inducers"]) {
        std::printf("%s: %lld prototypes of %lld units induce", inducer["inducer"].get<std::string>().c_str(),
                    static_cast<long long>(inducer["prototypes"].get<int64_t>()),
                    static_cast<long long>(inducer["units"].get<int64_t>()));
        for (const nlohmann::json& l : inducer["induced"])
            std::printf(" %s (%lld units, mismatch %.4f)", l["layer"].get<std::string>().c_str(),
                        static_cast<long long>(l["units"].get<int64_t>()), l["mean_mismatch"].get<double>());
        std::printf("\n");
    }
    const nlohmann::json& relus = report["relus"];
    std::printf("ReLUs: %lld -> %lld (%lld removed) over %lld calibration item(s)\n",
                static_cast<long long>(relus["before"].get<int64_t>()), static_cast<long long>(relus["after"].get<int64_t>()),
                static_cast<long long>(relus["removed"].get<int64_t>()),
                static_cast<long long>(report["calibration"]["items"].get<int64_t>()));
    if (report.contains("accuracy") && report["accuracy"].contains("before")) {
        const nlohmann::json& a = report["accuracy"];
        // Top-1/top-5 only with labels; fidelity (agreement with the original) always.
        if (a["before"].contains("top1"))
            std::printf("top-1 %s -> %s, top-5 %s -> %s, ", percent(a["before"], "top1").c_str(),
                        percent(a["after"], "top1").c_str(), percent(a["before"], "top5").c_str(),
                        percent(a["after"], "top5").c_str());
        std::printf("fidelity %s\n", percent(a["after"], "fidelity").c_str());
    }
    std::printf("induce: %d ReLU node(s) rewritten -> %s\nreport -> %s\n", r.pass.changes, o.output.c_str(), o.report.c_str());
    if (!o.choosingDir.empty())
        std::printf("choosing maps -> %s\n", o.choosingDir.c_str());
}

} // namespace

void addInduceCommand(CLI::App& app)
{
    auto o = std::make_shared<InduceCommandOptions>();
    CLI::App* cmd = app.add_subcommand("induce", "Induced ReLUs: layers share an earlier ReLU's sign decisions (ReLU sharing)");
    cmd->add_option("model", o->model, "ONNX model")->required();
    cmd->add_option("--mapping", o->mapping,
                    R"(Mapping JSON: {"inducer": ["inducer", "induced", ...], "overrides": {"relu": "identity"}})")
        ->required();
    cmd->add_option("--prototypes", o->prototypes, "Prototype units per inducer, in mapping order (N[,N...])")
        ->required()
        ->delimiter(',');
    cmd->add_option("--data", o->data, "Calibration data: image folder, .npy, .pb file or folder, synthetic:N[:SEED]")
        ->required();
    cmd->add_option("--labels", o->labels, "Labels (.csv or .npy); without them accuracy is fidelity to the original model");
    cmd->add_option("--seed", o->seed, "Seed of the first prototype (farthest-point sampling)")->capture_default_str();
    cmd->add_option("-o,--output", o->output, "Induced ONNX model to write")->required();
    cmd->add_option("--report", o->report, "JSON report to write")->required();
    cmd->add_option("--choosing-dir", o->choosingDir, "Write prototypes and choosing maps (.npy) for training here");
    cmd->add_flag("--no-accuracy", o->noAccuracy, "Skip measuring accuracy before and after");
    cmd->callback([o] { runInduce(*o); });
}

} // namespace foldwise::cli
