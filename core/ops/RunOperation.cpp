#include "ops/RunOperation.h"

#include "io/FileErrors.h"
#include "data/NpyFile.h"
#include "data/TensorProtoFile.h"
#include "exec/Executor.h"
#include "model/Model.h"

#include <cctype>
#include <map>

namespace foldwise::ops {
namespace {

HostTensor readInputFile(const std::filesystem::path& file)
{
    if (file.extension() == ".pb")
        return readTensorProto(file).tensor;
    return readNpy(file);
}

// Output names become file names: keep them portable.
std::string fileNameFor(const std::string& tensorName)
{
    std::string name;
    for (char c : tensorName)
        name += (std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '_' || c == '.') ? c : '_';
    return name.empty() ? "output" : name;
}

} // namespace

void describe(ParameterSpecs<RunParameters>& p)
{
    p.add(&RunParameters::model, "model", "model", "ONNX model file").required().inputFile();
    p.add(&RunParameters::inputs, "inputs", "--input", "NAME=FILE with FILE an .npy or ONNX TensorProto .pb (repeatable)")
        .required();
    p.add(&RunParameters::inputShapes, "input_shapes", "--input-shape", "Fix an input's dimensions, e.g. input:1,3,224,224");
    p.add(&RunParameters::outputDir, "output_dir", "--output-dir", "Folder for the outputs (one .npy each)")
        .required()
        .outputFolder();
}

void checkTogether(const RunParameters& p)
{
    for (const std::string& spec : p.inputs) {
        const auto eq = spec.find('=');
        if (eq == std::string::npos || eq == 0 || eq + 1 == spec.size())
            throw ParameterError("inputs", "'" + spec + "' must be NAME=FILE");
    }
}

OperationResult run(const RunParameters& p, OperationContext& context)
{
    LoadOptions load;
    for (const std::string& spec : p.inputShapes)
        load.inputShapes.push_back(parseInputShape(spec));
    std::map<std::string, HostTensor> feeds;
    for (const std::string& spec : p.inputs) {
        const auto eq = spec.find('=');
        const std::string name = spec.substr(0, eq);
        HostTensor t = readInputFile(spec.substr(eq + 1));
        // A given input's shape fixes the model's input shape unless the user set one.
        bool shapeGiven = false;
        for (const auto& s : load.inputShapes)
            shapeGiven = shapeGiven || s.name == name;
        if (!shapeGiven)
            load.inputShapes.push_back({name, t.dims()});
        feeds[name] = std::move(t);
    }
    const auto model = Model::load(p.model, load);
    Executor executor(model);
    const std::vector<HostTensor> outputs = executor.run(feeds);
    createFolder(p.outputDir);
    const Graph& g = model->graph();
    OperationResult result;
    for (std::size_t i = 0; i < outputs.size(); ++i) {
        const std::string& name = g.tensor(g.outputs()[i]).name;
        const std::filesystem::path file = std::filesystem::path(p.outputDir) / (fileNameFor(name) + ".npy");
        writeNpy(file, outputs[i]);
        context.result(name + ": " + outputs[i].describe() + " -> " + file.string() + "\n");
        result.outputs.push_back({OutputKind::Table, file});
    }
    result.summary = std::to_string(outputs.size()) + " output(s) written to " + p.outputDir;
    return result;
}

} // namespace foldwise::ops
