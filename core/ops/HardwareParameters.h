#pragma once

// The parameters optimise, evaluate and sweep share (the CLI's --style, --profile, --batch,
// --limit, ...), and what is made of them.

#include "hw/HardwareSupport.h"
#include "hw/fpgaconvnet/Design.h"
#include "ops/Operation.h"

#include <filesystem>
#include <memory>

namespace foldwise {
class ActivationProfile;
class Model;
namespace finn {
class FinnDesign;
}
}

namespace foldwise::ops {

struct HardwareParameters : OperationParameters {
    std::string model;
    std::string platform;
    HardwareStyle style = HardwareStyle::FpgaConvNet;
    std::string profile;
    fpgaconvnet::Objective objective = fpgaconvnet::Objective::Throughput;
    std::int64_t batch = 1;
    int weightBits = 16;
    int actBits = 16;
    std::string limits; // "lut=0.85,dsp=1"
    bool noOffChipStreaming = false;
    bool noBramToLut = false;
    std::string outputDir;
};

// Adds --style, --profile, --objective, -b/--batch, --weight-bits, --act-bits, --limit,
// --no-off-chip-streaming and --no-bram-to-lut (model, platform and output folder are each
// operation's own: their help and whether they are required differ).
template <class P>
void describeHardware(ParameterSpecs<P>& p)
{
    p.addChoice(&P::style, "style", "--style", "Hardware style");
    p.add(&P::profile, "profile", "--profile", "Sparsity profile (foldwise-cli profile) for sparse convolutions").inputFile();
    p.addChoice(&P::objective, "objective", "--objective", "What to optimise");
    p.add(&P::batch, "batch", "-b,--batch", "Items per batch").positive();
    p.add(&P::weightBits, "weight_bits", "--weight-bits", "Weight bit width").range(1, 32);
    p.add(&P::actBits, "act_bits", "--act-bits", "Activation bit width").range(1, 32);
    p.add(&P::limits, "limit", "--limit", "Fraction of each platform resource the design may use, e.g. lut=0.85,dsp=1,bram=1");
    p.add(&P::noOffChipStreaming, "no_off_chip_streaming", "--no-off-chip-streaming",
          "fpgaconvnet: keep every weight on chip (no weights streamed from off-chip memory)");
    p.add(&P::noBramToLut, "no_bram_to_lut", "--no-bram-to-lut", "fpgaconvnet: BRAM beyond the limit is not held in spare LUTs");
}

std::unique_ptr<ActivationProfile> loadProfile(const HardwareParameters& p);
// The design settings of the parameters; a malformed --limit is a ParameterError.
fpgaconvnet::DesignSettings designSettings(const HardwareParameters& p);

// Writes design.json, config.json, report.json, layers.csv and layers.json into `dir`, as one
// replacement of the old set (data/DirectoryTransaction.h).
std::vector<OutputFile> writeFpgaConvNetOutputs(const std::filesystem::path& dir, const fpgaconvnet::Evaluator& evaluator,
                                                const Model& model);
// The same files, into a transaction's staging folder that also takes other files.
void writeFpgaConvNetFiles(const std::filesystem::path& folder, const fpgaconvnet::Evaluator& evaluator, const Model& model);
// What writeFpgaConvNetOutputs lists for `dir`.
std::vector<OutputFile> fpgaConvNetOutputFiles(const std::filesystem::path& dir);
// Writes folding_config.json, FINN's estimate reports, layers.csv and layers.json, likewise.
std::vector<OutputFile> writeFinnOutputs(const std::filesystem::path& dir, const finn::FinnDesign& design);

} // namespace foldwise::ops
