#include "cli/InspectCommand.h"

#include "layers/InspectReport.h"
#include "layers/ModelSummary.h"
#include "model/Model.h"
#include "passes/ModelFiles.h"
#include "passes/ModelSimplification.h"

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
    bool simplify = false;
    std::string output;
};

void runInspect(const InspectOptions& o)
{
    LoadOptions load;
    for (const std::string& spec : o.inputShapes)
        load.inputShapes.push_back(parseInputShape(spec));
    const std::shared_ptr<const Model> model = Model::load(o.model, load);
    if (o.simplify) {
        // Written before the table is printed: a failure leaves no table that looks like success.
        const passes::PassResult simplified = passes::simplifyModel(*model);
        passes::writeModel(*simplified.proto, o.output);
        std::cerr << "simplified: " << simplified.changes << " constant node(s) folded, "
                  << model->graph().nodes().size() << " -> " << simplified.model->graph().nodes().size()
                  << " nodes, written to " << o.output << '\n';
    }
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
    auto* simplify = cmd->add_flag("--simplify", options->simplify,
                                   "Write the model with constant subgraphs folded (Shape/Gather/Concat/Reshape chains, "
                                   "constant reshapes) and the input shapes fixed, as onnx-simplifier does (needs -o)");
    auto* output = cmd->add_option("-o,--output", options->output, "Where --simplify writes the simplified model");
    simplify->needs(output);
    output->needs(simplify);
    cmd->callback([options] { runInspect(*options); });
}

} // namespace foldwise::cli
