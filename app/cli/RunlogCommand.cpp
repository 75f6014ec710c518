#include "cli/RunlogCommand.h"

#include "hw/fpgaconvnet/DesignFile.h"
#include "io/JsonReading.h"
#include "model/Model.h"
#include "model/ModelError.h"
#include "profile/FpgaConvNetExport.h"
#include "profile/ProfileFile.h"
#include "profile/ReluThresholds.h"
#include "sweep/OriginalRunLogImport.h"
#include "sweep/RunLog.h"

#include <CLI/CLI.hpp>
#include <nlohmann/json.hpp>

#include <cstdio>
#include <fstream>

namespace foldwise::cli {
namespace {

struct RunlogOptions {
    std::string dir;
    std::string sweep;
    std::string output;
};

struct ExportOptions {
    std::string runDir;
    int iteration = -1;
    std::string model;
    std::string output;
    std::string style = "fpgaconvnet";
};

// The model a Foldwise sweep ran: --model, else the manifest's (by its absolute path).
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

// One iteration of a sweep as an annotated ONNX model: its thresholds as ThresholdedRelu and
// its window histograms on the convolutions, runnable in onnxruntime.
void runExport(const ExportOptions& o)
{
    const std::filesystem::path dir = std::filesystem::path(o.runDir) / ("iteration_" + std::to_string(o.iteration));
    if (!std::filesystem::is_directory(dir))
        throw ModelError(dir.string(), "no such iteration in the run directory");
    const auto model = Model::load(sweptModel(o.runDir, o.model));
    const ActivationProfile profile = readProfile(dir / "profile.json");
    const ReluThresholds thresholds = readReluThresholds(dir / "thresholds.json");
    if (profile.provenance.thresholds != thresholds)
        throw ModelError((dir / "profile.json").string(), "its thresholds differ from thresholds.json beside it");
    writeAnnotatedModel(*model, profile, o.output,
                        o.style == "metadata" ? AnnotationStyle::Metadata : AnnotationStyle::FpgaConvNet);
    std::printf("iteration %d of %s (%zu thresholds) -> %s\n", o.iteration, o.runDir.c_str(), thresholds.size(),
                o.output.c_str());
}

void runImport(const RunlogOptions& o)
{
    const RunLog log = o.sweep.empty() ? importOriginalRunLog(o.dir) : importOriginalRunLog(o.dir, o.sweep);
    std::error_code ec;
    std::filesystem::create_directories(o.output, ec);
    if (ec)
        throw ModelError(o.output, "cannot create the run directory: " + ec.message());
    fpgaconvnet::writeJsonFile(std::filesystem::path(o.output) / "manifest.json",
                               {{"format", "foldwise-sweep"},
                                {"version", 1},
                                {"source", log.source},
                                {"imported_from", o.dir},
                                {"name", log.name},
                                {"policy", log.policy.value_or("")},
                                {"mode", log.mode.value_or("")}});
    writeSummaryCsv(std::filesystem::path(o.output) / "summary.csv", log);
    std::printf("%s: %zu iteration(s) imported -> %s\n", log.name.c_str(), log.iterations.size(), o.output.c_str());
}

} // namespace

void addRunlogCommand(CLI::App& app)
{
    CLI::App* runlog = app.add_subcommand("runlog", "Run logs of threshold sweeps");
    runlog->require_subcommand(1);
    auto o = std::make_shared<RunlogOptions>();
    CLI::App* import = runlog->add_subcommand("import", "Import a run log of the original ReLU-threshold scripts");
    import->add_option("dir", o->dir, "The scripts' runlog/<arch> folder (relu_thresholds/<arch> beside runlog/ is read too)")
        ->required()
        ->check(CLI::ExistingDirectory);
    import->add_option("--sweep", o->sweep, "Which sweep, when the folder holds several");
    import->add_option("-o,--output-dir", o->output, "Run directory to write")->required();
    import->callback([o] { runImport(*o); });

    auto e = std::make_shared<ExportOptions>();
    CLI::App* exporter = runlog->add_subcommand("export", "Write one iteration of a sweep as an annotated ONNX model");
    exporter->add_option("rundir", e->runDir, "The sweep's run directory")->required()->check(CLI::ExistingDirectory);
    exporter->add_option("--iteration", e->iteration, "Which iteration (0 = the first)")->required()->check(CLI::NonNegativeNumber);
    exporter->add_option("--model", e->model, "The swept model (default: the one the manifest names)")->check(CLI::ExistingFile);
    exporter->add_option("--annotate-style", e->style,
                         "fpgaconvnet (channel_sparsity_hist on each Conv) | metadata (in metadata_props)")
        ->check(CLI::IsMember({"fpgaconvnet", "metadata"}));
    exporter->add_option("-o,--output", e->output, "Annotated ONNX model to write")->required();
    exporter->callback([e] { runExport(*e); });
}

} // namespace foldwise::cli
