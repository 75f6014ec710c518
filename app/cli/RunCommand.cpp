#include "cli/RunCommand.h"

#include "data/NpyFile.h"
#include "data/TensorProtoFile.h"
#include "exec/Executor.h"
#include "io/FileErrors.h"
#include "model/Model.h"

#include <CLI/CLI.hpp>

#include <filesystem>
#include <iostream>
#include <memory>

namespace foldwise::cli {
namespace {

struct RunOptions {
    std::string model;
    std::vector<std::string> inputs;
    std::vector<std::string> inputShapes;
    std::string outputDir;
};

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

void runModel(const RunOptions& o)
{
    LoadOptions load;
    for (const std::string& spec : o.inputShapes)
        load.inputShapes.push_back(parseInputShape(spec));
    std::map<std::string, HostTensor> feeds;
    for (const std::string& spec : o.inputs) {
        const auto eq = spec.find('=');
        if (eq == std::string::npos || eq == 0 || eq + 1 == spec.size())
            throw std::invalid_argument("--input '" + spec + "' must be NAME=FILE");
        HostTensor t = readInputFile(spec.substr(eq + 1));
        // A given input's shape fixes the model's input shape unless the user set one.
        bool shapeGiven = false;
        for (const auto& s : load.inputShapes)
            shapeGiven = shapeGiven || s.name == spec.substr(0, eq);
        if (!shapeGiven)
            load.inputShapes.push_back({spec.substr(0, eq), t.dims()});
        feeds[spec.substr(0, eq)] = std::move(t);
    }
    const auto model = Model::load(o.model, load);
    Executor executor(model);
    const std::vector<HostTensor> outputs = executor.run(feeds);
    createFolder(o.outputDir);
    const Graph& g = model->graph();
    for (std::size_t i = 0; i < outputs.size(); ++i) {
        const std::string& name = g.tensor(g.outputs()[i]).name;
        const std::filesystem::path file = std::filesystem::path(o.outputDir) / (fileNameFor(name) + ".npy");
        writeNpy(file, outputs[i]);
        std::cout << name << ": " << outputs[i].describe() << " -> " << file.string() << '\n';
    }
}

} // namespace

void addRunCommand(CLI::App& app)
{
    auto options = std::make_shared<RunOptions>();
    CLI::App* cmd = app.add_subcommand("run", "Run a model on input tensors and write its outputs as .npy");
    cmd->add_option("model", options->model, "ONNX model file")->required();
    cmd->add_option("--input", options->inputs, "NAME=FILE with FILE an .npy or ONNX TensorProto .pb (repeatable)")
        ->required();
    cmd->add_option("--input-shape", options->inputShapes, "Fix an input's dimensions, e.g. input:1,3,224,224");
    cmd->add_option("--output-dir", options->outputDir, "Folder for the outputs (one .npy each)")->required();
    cmd->callback([options] { runModel(*options); });
}

} // namespace foldwise::cli
