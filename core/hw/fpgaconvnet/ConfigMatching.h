#pragma once

#include "hw/fpgaconvnet/HardwareGraph.h"

#include <cstdint>
#include <map>
#include <string>
#include <vector>

namespace foldwise::fpgaconvnet {

// One layer of an fpgaConvNet config.json, as far as matching it to a model needs.
struct ConfigLayerRef {
    std::string name;
    std::string type; // the config's enum name: "CONVOLUTION", "SQUEEZE", ...
    int64_t rowsIn = 0, colsIn = 0, kernelRows = 1, kernelCols = 1, strideRows = 1, strideCols = 1;
    std::vector<std::string> inputs; // streams_in[].node other than itself
};

// Which layer of `graph` each config layer (squeezes aside: fpgaConvNet inserts them) stands
// for: by name when every name is a layer of the model, else by structure (type, input
// feature-map size and window, in order, consistent with the config's streams); either way
// every layer of the model must be matched. Throws std::invalid_argument naming the config
// layers that match nothing and the model layers the config leaves out.
std::map<std::string, int> matchConfigLayers(const std::vector<ConfigLayerRef>& config, const HardwareGraph& graph);

} // namespace foldwise::fpgaconvnet
