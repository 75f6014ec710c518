#include "cli/HardwareOptions.h"

#include "hw/ReportTable.h"
#include "hw/fpgaconvnet/DesignFile.h"
#include "io/DirectoryTransaction.h"
#include "model/Model.h"
#include "model/ModelError.h"
#include "profile/ProfileFile.h"
#include "profile/Sha256.h"

#include <nlohmann/json.hpp>

namespace foldwise::cli {

void addHardwareOptions(CLI::App& cmd, HardwareOptions& o)
{
    cmd.add_option("--style", o.style, "Hardware style")->check(CLI::IsMember({"fpgaconvnet", "finn"}));
    cmd.add_option("--profile", o.profile, "Sparsity profile (foldwise-cli profile) for sparse convolutions");
    cmd.add_option("--objective", o.objective, "What to optimise")->check(CLI::IsMember({"throughput", "latency"}));
    cmd.add_option("-b,--batch", o.batch, "Items per batch")->check(CLI::PositiveNumber);
    cmd.add_option("--weight-bits", o.weightBits, "Weight bit width")->check(CLI::Range(1, 32));
    cmd.add_option("--act-bits", o.actBits, "Activation bit width")->check(CLI::Range(1, 32));
    cmd.add_option("--limit", o.limits, "Fraction of each platform resource the design may use, e.g. lut=0.85,dsp=1,bram=1");
    cmd.add_flag("--no-off-chip-streaming", o.noOffChipStreaming,
                 "fpgaconvnet: keep every weight on chip (no weights streamed from off-chip memory)");
    cmd.add_flag("--no-bram-to-lut", o.noBramToLut, "fpgaconvnet: BRAM beyond the limit is not held in spare LUTs");
}

std::unique_ptr<ActivationProfile> loadProfileOption(const HardwareOptions& o)
{
    if (o.profile.empty())
        return nullptr;
    return std::make_unique<ActivationProfile>(readProfile(o.profile));
}

fpgaconvnet::DesignSettings designSettings(const HardwareOptions& o)
{
    fpgaconvnet::DesignSettings s;
    s.batch = o.batch;
    s.objective = o.objective == "latency" ? fpgaconvnet::Objective::Latency : fpgaconvnet::Objective::Throughput;
    s.bits.weight = o.weightBits;
    s.bits.data = o.actBits;
    s.bits.accumulator = 2 * std::max(o.weightBits, o.actBits);
    s.offChipStreaming = !o.noOffChipStreaming;
    s.bramToLut = !o.noBramToLut;
    try {
        if (!o.limits.empty())
            s.limits = parseResourceLimits(o.limits);
    } catch (const std::invalid_argument& e) {
        throw CLI::ValidationError("--limit", e.what());
    }
    return s;
}

void writeFpgaConvNetOutputs(const std::filesystem::path& dir, const fpgaconvnet::Evaluator& e, const Model& model)
{
    // The files describe one design: they replace the folder's old ones as a whole, so that no
    // reader (nor a kill) ever pairs a new design.json with an old config.json.
    DirectoryTransaction transaction(dir);
    const std::filesystem::path out = transaction.folder();
    const NetworkEstimate estimate = e.estimate();
    fpgaconvnet::writeJsonFile(out / "design.json",
                               fpgaconvnet::designJson(e, model.file().string(), sha256OfFile(model.file())));
    fpgaconvnet::writeConfigJsonFile(out / "config.json", fpgaconvnet::configJson(e));
    fpgaconvnet::writeJsonFile(out / "report.json", fpgaconvnet::reportJson(e));
    writeTextFile(out / "layers.csv", layerTableCsv(estimate));
    fpgaconvnet::writeJsonFile(out / "layers.json", networkEstimateJson(estimate));
    transaction.commit();
}

} // namespace foldwise::cli
