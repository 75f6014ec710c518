#include "cli/InspectCommand.h"

#include "layers/ModelSummary.h"
#include "model/Model.h"
#include "report/InspectReport.h"

#include <CLI/CLI.hpp>
#include <nlohmann/json.hpp>

#include <iostream>
#include <memory>

namespace foldwise::cli {
namespace {

struct InspectOptions {
    std::string model;
    std::vector<std::string> inputShapes;
    bool json = false;
    bool csv = false;
};

void runInspect(const InspectOptions& o)
{
    LoadOptions load;
    for (const std::string& spec : o.inputShapes)
        load.inputShapes.push_back(parseInputShape(spec));
    const std::shared_ptr<const Model> model = Model::load(o.model, load);
    const ModelSummary summary = summariseModel(*model);
    if (o.json)
        std::cout << inspectJson(*model, summary).dump(2) << '\n';
    else if (o.csv)
        writeInspectCsv(summary, std::cout);
    else
        writeInspectTable(*model, summary, std::cout);
}

} // namespace

void addInspectCommand(CLI::App& app)
{
    auto options = std::make_shared<InspectOptions>();
    CLI::App* cmd = app.add_subcommand("inspect", "Per-layer table of an ONNX model: shapes, MACs, parameters");
    cmd->add_option("model", options->model, "ONNX model file")->required();
    cmd->add_option("--input-shape", options->inputShapes,
                    "Fix an input's dimensions, e.g. input:1,3,224,224 (repeatable; name optional for one input)");
    auto* json = cmd->add_flag("--json", options->json, "Print one JSON object");
    cmd->add_flag("--csv", options->csv, "Print CSV")->excludes(json);
    cmd->callback([options] { runInspect(*options); });
}

} // namespace foldwise::cli
