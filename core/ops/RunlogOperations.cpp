#include "ops/RunlogOperations.h"

#include "io/JsonReading.h"
#include "hw/fpgaconvnet/DesignFile.h"
#include "model/Model.h"
#include "model/ModelError.h"
#include "profile/ProfileFile.h"
#include "profile/ReluThresholds.h"
#include "sweep/OriginalRunLogImport.h"
#include "sweep/RunLog.h"

namespace foldwise::ops {
namespace {

// The model a Foldwise sweep ran: the given one, else the manifest's (by its absolute path).
std::string sweptModel(const std::filesystem::path& runDir, const std::string& given)
{
    if (!given.empty())
        return given;
    const std::filesystem::path manifestFile = runDir / "manifest.json";
    std::error_code ec;
    if (!std::filesystem::is_regular_file(manifestFile, ec))
        throw ModelError(manifestFile.string(), "cannot read the run directory's manifest: give the model with --model");
    const nlohmann::json document = readJsonFile(manifestFile, "sweep manifest");
    const JsonNode manifest(document, manifestFile.string());
    if (const auto model = manifest.isObject() ? manifest.find("model") : std::nullopt)
        if (const std::string file = model->string("file", ""); !file.empty())
            return file;
    throw ModelError(manifestFile.string(), "the manifest names no model (an imported run log?): give it with --model");
}

} // namespace

void describe(ParameterSpecs<RunlogImportParameters>& p)
{
    using P = RunlogImportParameters;
    p.add(&P::dir, "dir", "dir", "The scripts' runlog/<arch> folder (relu_thresholds/<arch> beside runlog/ is read too)")
        .required()
        .inputFolder()
        .existing();
    p.add(&P::sweep, "sweep", "--sweep", "Which sweep, when the folder holds several");
    p.add(&P::outputDir, "output_dir", "-o,--output-dir", "Run directory to write").required().outputFolder();
}

OperationResult run(const RunlogImportParameters& p, OperationContext& context)
{
    const RunLog log = p.sweep.empty() ? importOriginalRunLog(p.dir) : importOriginalRunLog(p.dir, p.sweep);
    std::error_code ec;
    std::filesystem::create_directories(p.outputDir, ec);
    if (ec)
        throw ModelError(p.outputDir, "cannot create the run directory: " + ec.message());
    fpgaconvnet::writeJsonFile(std::filesystem::path(p.outputDir) / "manifest.json",
                               {{"format", "foldwise-sweep"},
                                {"version", 1},
                                {"source", log.source},
                                {"imported_from", p.dir},
                                {"name", log.name},
                                {"policy", log.policy.value_or("")},
                                {"mode", log.mode.value_or("")}});
    writeSummaryCsv(std::filesystem::path(p.outputDir) / "summary.csv", log);
    context.result(log.name + ": " + std::to_string(log.iterations.size()) + " iteration(s) imported -> " + p.outputDir
                   + "\n");
    OperationResult result;
    result.outputs.push_back({OutputKind::RunDirectory, p.outputDir});
    result.summary = "Run log imported to " + p.outputDir;
    return result;
}

void describe(ParameterSpecs<RunlogExportParameters>& p)
{
    using P = RunlogExportParameters;
    p.add(&P::runDir, "run_dir", "rundir", "The sweep's run directory").required().inputFolder().existing();
    p.add(&P::iteration, "iteration", "--iteration", "Which iteration (0 = the first)").required().atLeast(0);
    p.add(&P::model, "model", "--model", "The swept model (default: the one the manifest names)").inputFile().existing();
    p.addChoice(&P::annotateStyle, "annotate_style", "--annotate-style",
                "fpgaconvnet (channel_sparsity_hist on each Conv) | metadata (in metadata_props)");
    p.add(&P::output, "output", "-o,--output", "Annotated ONNX model to write").required().outputFile();
}

OperationResult run(const RunlogExportParameters& p, OperationContext& context)
{
    const std::filesystem::path dir = std::filesystem::path(p.runDir) / ("iteration_" + std::to_string(p.iteration));
    if (!std::filesystem::is_directory(dir))
        throw ModelError(dir.string(), "no such iteration in the run directory");
    const auto model = Model::load(sweptModel(p.runDir, p.model));
    const ActivationProfile profile = readProfile(dir / "profile.json");
    const ReluThresholds thresholds = readReluThresholds(dir / "thresholds.json");
    if (profile.provenance.thresholds != thresholds)
        throw ModelError((dir / "profile.json").string(), "its thresholds differ from thresholds.json beside it");
    writeAnnotatedModel(*model, profile, p.output, p.annotateStyle);
    context.result("iteration " + std::to_string(p.iteration) + " of " + p.runDir + " (" + std::to_string(thresholds.size())
                   + " thresholds) -> " + p.output + "\n");
    OperationResult result;
    result.outputs.push_back({OutputKind::Model, p.output});
    result.summary = "Iteration " + std::to_string(p.iteration) + " written to " + p.output;
    return result;
}

} // namespace foldwise::ops
