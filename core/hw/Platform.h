#pragma once

#include "hw/Resources.h"

#include <filesystem>
#include <string>
#include <vector>

namespace foldwise {

// An FPGA board as fpgaConvNet's platform TOML files describe it (resources/platforms/README.md):
// [device] name, part, board; [resources] DSP, BRAM (18 Kb blocks), FF, LUT, URAM;
// [system] board_frequency, memory_bandwidth, reconfiguration_time, port_width.
struct Platform {
    std::string name, part, board;
    ResourceUsage resources;         // [resources]; BRAM counts 18 Kb blocks
    double frequencyMhz = 0;         // [system] board_frequency, required, > 0
    double memoryBandwidthGbps = 0;  // [system] memory_bandwidth; 0 = not given
    double reconfigurationTimeS = 0; // [system] reconfiguration_time; 0 = not given
    int portWidth = 64;              // [system] port_width, bits per memory port
    std::filesystem::path file;      // where it was read from ("" for a string)
};

// Parses one platform file. Throws ModelError naming the file and the key (or the line and
// column of a TOML syntax error).
Platform loadPlatform(const std::filesystem::path& file);
Platform loadPlatformFromString(const std::string& toml, const std::string& fileNameForErrors);

// `nameOrFile` is an existing file, else the name of a bundled platform ("zcu102"), looked up
// as <name>.toml along platformSearchPath(). Throws ModelError listing the bundled names.
Platform findPlatform(const std::string& nameOrFile);

// The names (file stems) of the *.toml files along the search path, sorted, without duplicates.
std::vector<std::string> bundledPlatformNames();

// The existing folders bundled names are looked up in, first match wins: $FOLDWISE_PLATFORMS_DIR,
// <folder of the running executable>/../share/foldwise/platforms, the source tree's
// resources/platforms.
std::vector<std::filesystem::path> platformSearchPath();

} // namespace foldwise
