#include "ops/InspectOperation.h"

#include "layers/ModelSummary.h"
#include "model/Model.h"
#include "passes/ModelFiles.h"
#include "passes/ModelSimplification.h"
#include "layers/InspectReport.h"

#include <sstream>

namespace foldwise::ops {

void describe(ParameterSpecs<InspectParameters>& p)
{
    p.add(&InspectParameters::model, "model", "model", "ONNX model file").required().inputFile();
    p.add(&InspectParameters::inputShapes, "input_shapes", "--input-shape",
          "Fix an input's dimensions, e.g. input:1,3,224,224 (repeatable; name optional for one input)");
    p.add(&InspectParameters::json, "json", "--json", "Print one JSON object");
    p.add(&InspectParameters::csv, "csv", "--csv", "Print CSV");
    p.add(&InspectParameters::simplify, "simplify", "--simplify",
          "Write the model with constant subgraphs folded (Shape/Gather/Concat/Reshape chains, constant reshapes) "
          "and the input shapes fixed, as onnx-simplifier does (needs -o)");
    p.add(&InspectParameters::output, "output", "-o,--output", "Where --simplify writes the simplified model").outputFile();
}

void checkTogether(const InspectParameters& p)
{
    if (p.json && p.csv)
        throw ParameterError("csv", "excludes json: choose one output format");
    if (p.simplify && p.output.empty())
        throw ParameterError("simplify", "requires output: the file to write the simplified model to");
    if (!p.simplify && !p.output.empty())
        throw ParameterError("output", "requires simplify: it names the simplified model's file");
}

OperationResult run(const InspectParameters& p, OperationContext& context)
{
    LoadOptions load;
    for (const std::string& spec : p.inputShapes)
        load.inputShapes.push_back(parseInputShape(spec));
    const std::shared_ptr<const Model> model = Model::load(p.model, load);
    OperationResult result;
    if (p.simplify) {
        // Written before the table: a failure leaves no table that looks like success.
        const passes::PassResult simplified = passes::simplifyModel(*model);
        passes::writeModel(*simplified.proto, p.output);
        context.note("simplified: " + std::to_string(simplified.changes) + " constant node(s) folded, "
                     + std::to_string(model->graph().nodes().size()) + " -> "
                     + std::to_string(simplified.model->graph().nodes().size()) + " nodes, written to " + p.output);
        result.outputs.push_back({OutputKind::Model, p.output});
    }
    const ModelSummary summary = summariseModel(*model);
    std::ostringstream text;
    if (p.json)
        text << inspectJson(*model, summary).dump(2) << '\n';
    else if (p.csv)
        writeInspectCsv(summary, text);
    else
        writeInspectTable(*model, summary, text);
    context.result(text.str());
    result.summary = p.model + ": " + std::to_string(summary.layers.size()) + " layers";
    return result;
}

} // namespace foldwise::ops
