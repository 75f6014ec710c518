#pragma once

#include "hw/fpgaconvnet/Design.h"

#include <CLI/CLI.hpp>

#include <filesystem>
#include <memory>
#include <optional>
#include <string>

namespace foldwise {
class ActivationProfile;
class Model;
}

namespace foldwise::cli {

// Options `optimise` and `evaluate` share, and what they load from them.
struct HardwareOptions {
    std::string model;
    std::string platform;
    std::string style = "fpgaconvnet";
    std::string profile;
    std::string objective = "throughput";
    int64_t batch = 1;
    int weightBits = 16;
    int actBits = 16;
    std::string limits;
    bool noOffChipStreaming = false;
    bool noBramToLut = false;
    std::string outputDir;
};

// Registers --platform, --style, --profile, --objective, -b, --weight-bits, --act-bits, --limit.
void addHardwareOptions(CLI::App& cmd, HardwareOptions& o);

std::unique_ptr<ActivationProfile> loadProfileOption(const HardwareOptions& o);
fpgaconvnet::DesignSettings designSettings(const HardwareOptions& o);

// Writes design.json, config.json, report.json, layers.csv and layers.json into `dir`, as one
// replacement of the old set (data/DirectoryTransaction.h).
void writeFpgaConvNetOutputs(const std::filesystem::path& dir, const fpgaconvnet::Evaluator& evaluator, const Model& model);

} // namespace foldwise::cli
