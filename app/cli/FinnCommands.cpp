#include "cli/FinnCommands.h"

#include "hw/Platform.h"
#include "hw/ReportTable.h"
#include "hw/finn/BudgetedSearch.h"
#include "hw/finn/EstimateReports.h"
#include "hw/finn/FinnConversion.h"
#include "hw/finn/FinnDesign.h"
#include "hw/finn/FoldedGraph.h"
#include "hw/finn/FoldingConfig.h"
#include "hw/finn/SetFolding.h"
#include "io/DirectoryTransaction.h"
#include "model/Model.h"
#include "model/ModelError.h"

#include <CLI/CLI.hpp>
#include <nlohmann/json.hpp>

#include <filesystem>
#include <iostream>
#include <optional>

namespace foldwise::cli {
namespace {

finn::FinnDesign designFor(const Model& model, const HardwareOptions& o, const FinnRunOptions& f, double platformMhz)
{
    finn::ConversionOptions conversion;
    if (f.bitsGiven) {
        conversion.weightBits = o.weightBits;
        conversion.activationBits = o.actBits;
        conversion.bitsOverrideModel = true;
    }
    if (conversion.weightBits > 16 || conversion.activationBits > 16)
        throw CLI::ValidationError("--weight-bits/--act-bits", "FINN models 1 to 16 bits");
    finn::EstimateOptions estimate;
    estimate.capConvolutionFifos = f.capConvolutionFifos;
    if (f.clockNs > 0)
        estimate.clockNs = f.clockNs;
    else if (platformMhz > 0)
        estimate.clockNs = 1000.0 / platformMhz;
    return finn::FinnDesign(finn::convertToFinn(model, conversion), estimate);
}

// One replacement of the folder's old set (data/DirectoryTransaction.h): the folding and the
// estimates it gives always come from the same run.
void writeOutputs(const std::filesystem::path& dir, const finn::FinnDesign& design)
{
    DirectoryTransaction transaction(dir);
    const std::filesystem::path out = transaction.folder();
    finn::writeFoldingConfig(design, out / "folding_config.json");
    finn::writeEstimateReports(design, out);
    const NetworkEstimate estimate = design.networkEstimate();
    writeTextFile(out / "layers.csv", layerTableCsv(estimate));
    writeTextFile(out / "layers.json", networkEstimateJson(estimate).dump(2) + "\n");
    transaction.commit();
}

} // namespace

void runFinnOptimise(const HardwareOptions& o, const FinnRunOptions& f)
{
    const auto model = Model::load(o.model);
    const Platform platform = findPlatform(o.platform);
    finn::FinnDesign design = designFor(*model, o, f, platform.frequencyMhz);
    const fpgaconvnet::DesignSettings settings = designSettings(o); // parses --limit
    std::string summary;
    if (f.optimiser == "budgeted") {
        finn::BudgetOptions budget;
        budget.available = platform.resources;
        budget.limits = settings.limits;
        const finn::BudgetSearchResult r = finn::budgetedSearch(design, budget);
        if (!r.feasible)
            throw ModelError(o.model, "no FINN folding of this model fits " + platform.name + " within the limits, even "
                                      "the slowest (" + r.stopReason + ")");
        design.setFoldings(r.foldings);
        summary = "budgeted search (" + r.policy + ", " + std::to_string(r.steps) + " steps): " + r.stopReason;
    } else if (f.optimiser == "greedy") {
        if (!(f.targetFps > 0))
            throw CLI::ValidationError("--target-fps", "FINN's SetFolding (--optimiser greedy) needs a target frame rate");
        finn::SetFoldingOptions options;
        options.targetCyclesPerFrame = finn::targetCyclesPerFrame(f.targetFps, design.options().clockNs);
        const finn::SetFoldingResult r = finn::setFolding(design, options);
        summary = "SetFolding to " + std::to_string(options.targetCyclesPerFrame) + " cycles per frame ("
            + std::to_string(r.passes) + " pass(es))";
        for (const std::string& w : r.warnings)
            std::cerr << "foldwise-cli: note: " << w << "\n";
        if (const std::string excess = firstExcess(design.totalResources(), platform.resources, settings.limits); !excess.empty())
            std::cerr << "foldwise-cli: warning: the SetFolding design does not fit " << platform.name << ": " << excess << "\n";
    } else {
        throw CLI::ValidationError("--optimiser", "the FINN style searches with greedy (SetFolding) or budgeted; "
                                                  "annealing searches fpgaConvNet-style designs");
    }
    std::cout << layerTableText(design.networkEstimate()) << summary << "\n";
    writeOutputs(o.outputDir, design);
    std::cout << "folding_config.json, estimate_*.json, layers.csv -> " << o.outputDir << "\n";
}

void runFinnEvaluate(const HardwareOptions& o, const FinnRunOptions& f, const std::string& foldingConfig, bool json)
{
    const auto model = Model::load(o.model);
    double mhz = 0;
    if (!o.platform.empty())
        mhz = findPlatform(o.platform).frequencyMhz;
    // A FINN folded graph (step_*.onnx) is a design in itself, or the folding of the model it
    // came from; a folding_config.json applies to Foldwise's conversion.
    std::optional<finn::FinnDesign> design;
    const bool foldedDesign = std::filesystem::path(foldingConfig).extension() == ".onnx";
    if (finn::isFinnDataflowGraph(*model) && (foldingConfig.empty() || foldedDesign)) {
        if (!foldingConfig.empty() && std::filesystem::weakly_canonical(foldingConfig) != std::filesystem::weakly_canonical(o.model))
            throw ModelError(o.model, "is a FINN folded graph already: evaluate it without --design");
        finn::EstimateOptions options;
        options.fifos = finn::FifoRule::Given;
        options.clockNs = f.clockNs > 0 ? f.clockNs : mhz > 0 ? 1000.0 / mhz : options.clockNs;
        design.emplace(finn::readFoldedGraph(*model), options);
    } else if (foldedDesign) {
        const auto graph = Model::load(foldingConfig);
        design.emplace(finn::withFoldedGraph(designFor(*model, o, f, mhz), finn::readFoldedGraph(*graph), foldingConfig));
    } else {
        design.emplace(designFor(*model, o, f, mhz));
        finn::readFoldingConfig(*design, foldingConfig);
    }
    for (const std::string& note : design->network().notes)
        std::cerr << "note: " << note << "\n";
    const NetworkEstimate estimate = design->networkEstimate();
    if (json)
        std::cout << networkEstimateJson(estimate).dump(2) << "\n";
    else
        std::cout << layerTableText(estimate);
    if (!o.outputDir.empty())
        writeOutputs(o.outputDir, *design);
}

} // namespace foldwise::cli
