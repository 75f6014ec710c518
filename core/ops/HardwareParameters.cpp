#include "ops/HardwareParameters.h"

#include "io/DirectoryTransaction.h"
#include "hw/ReportTable.h"
#include "hw/finn/EstimateReports.h"
#include "hw/finn/FinnDesign.h"
#include "hw/finn/FoldingConfig.h"
#include "hw/fpgaconvnet/DesignFile.h"
#include "model/Model.h"
#include "profile/ProfileFile.h"
#include "profile/Sha256.h"

#include <nlohmann/json.hpp>

namespace foldwise::ops {

std::unique_ptr<ActivationProfile> loadProfile(const HardwareParameters& p)
{
    if (p.profile.empty())
        return nullptr;
    return std::make_unique<ActivationProfile>(readProfile(p.profile));
}

fpgaconvnet::DesignSettings designSettings(const HardwareParameters& p)
{
    fpgaconvnet::DesignSettings s;
    s.batch = p.batch;
    s.objective = p.objective;
    s.bits.weight = p.weightBits;
    s.bits.data = p.actBits;
    s.bits.accumulator = 2 * std::max(p.weightBits, p.actBits);
    s.offChipStreaming = !p.noOffChipStreaming;
    s.bramToLut = !p.noBramToLut;
    try {
        if (!p.limits.empty())
            s.limits = parseResourceLimits(p.limits);
    } catch (const std::invalid_argument& e) {
        throw ParameterError("limit", e.what());
    }
    return s;
}

std::vector<OutputFile> writeFpgaConvNetOutputs(const std::filesystem::path& dir, const fpgaconvnet::Evaluator& e,
                                                const Model& model)
{
    // The files describe one design: they replace the folder's old ones as a whole, so that no
    // reader (nor a kill) ever pairs a new design.json with an old config.json.
    DirectoryTransaction transaction(dir);
    writeFpgaConvNetFiles(transaction.folder(), e, model);
    transaction.commit();
    return fpgaConvNetOutputFiles(dir);
}

void writeFpgaConvNetFiles(const std::filesystem::path& out, const fpgaconvnet::Evaluator& e, const Model& model)
{
    const NetworkEstimate estimate = e.estimate();
    fpgaconvnet::writeJsonFile(out / "design.json",
                               fpgaconvnet::designJson(e, model.file().string(), sha256OfFile(model.file())));
    fpgaconvnet::writeConfigJsonFile(out / "config.json", fpgaconvnet::configJson(e));
    fpgaconvnet::writeJsonFile(out / "report.json", fpgaconvnet::reportJson(e));
    writeTextFile(out / "layers.csv", layerTableCsv(estimate));
    fpgaconvnet::writeJsonFile(out / "layers.json", networkEstimateJson(estimate));
}

std::vector<OutputFile> fpgaConvNetOutputFiles(const std::filesystem::path& dir)
{
    return {{OutputKind::Design, dir / "design.json"},
            {OutputKind::FoldingConfig, dir / "config.json"},
            {OutputKind::Report, dir / "report.json"},
            {OutputKind::Table, dir / "layers.csv"}};
}

std::vector<OutputFile> writeFinnOutputs(const std::filesystem::path& dir, const finn::FinnDesign& design)
{
    // One replacement of the folder's old set: the folding and the estimates it gives always
    // come from the same run.
    DirectoryTransaction transaction(dir);
    const std::filesystem::path out = transaction.folder();
    finn::writeFoldingConfig(design, out / "folding_config.json");
    finn::writeEstimateReports(design, out);
    const NetworkEstimate estimate = design.networkEstimate();
    writeTextFile(out / "layers.csv", layerTableCsv(estimate));
    writeTextFile(out / "layers.json", networkEstimateJson(estimate).dump(2) + "\n");
    transaction.commit();
    return {{OutputKind::FoldingConfig, dir / "folding_config.json"}, {OutputKind::Table, dir / "layers.csv"}};
}

} // namespace foldwise::ops
