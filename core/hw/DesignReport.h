#pragma once

#include "hw/Resources.h"

#include <cstdint>
#include <string>
#include <vector>

namespace foldwise {

// What every hardware style reports about a design, for tables, plots and CSV/JSON export:
// one row per hardware layer (or FINN node) and the network figures.
struct LayerEstimate {
    std::string name;       // hardware layer / FINN node name
    std::string onnxNode;   // the ONNX node it implements ("" when it has none, e.g. a squeeze)
    std::string type;       // "Convolution", "Pooling", "MVAU", ...
    std::string folding;    // human-readable folding, e.g. "coarse_in=4 coarse_out=8 fine=9"
    double cyclesDense = 0; // cycles per item without zero skipping
    double cycles = 0;      // cycles per item as modelled (sparse where the layer is sparse)
    bool sparse = false;    // modelled with zero skipping
    ResourceUsage resources;
    bool operator==(const LayerEstimate&) const = default;
};

struct NetworkEstimate {
    std::vector<LayerEstimate> layers;
    std::size_t bottleneck = 0;  // index of the slowest layer
    double intervalCycles = 0;   // cycles between items (the slowest layer)
    double latencyCycles = 0;    // cycles for one batch, pipeline fill included
    double clockMhz = 0;
    int64_t batch = 1;
    double latencySeconds = 0;
    double throughputFps = 0;
    int partitions = 1;
    ResourceUsage total;
    bool operator==(const NetworkEstimate&) const = default;
};

} // namespace foldwise
