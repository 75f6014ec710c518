#pragma once

// What an induced-ReLU run decided for one inducer: its prototype units and, for every layer it
// induces, which prototype each unit follows. Shared by the graph rewrite, the choosing-map
// files and the report.

#include "passes/InducedReluMapping.h"

#include <cstdint>
#include <vector>

namespace foldwise::passes {

struct InducedLayerChoice {
    ReluLayer layer;
    std::vector<int32_t> prototype; // per unit (row-major over layer.itemDims): position in the prototype list
    std::vector<int32_t> distance;  // per unit: Hamming distance to that prototype over the calibration items
};

struct InducerChoice {
    ReluLayer inducer;
    // Inducer units (flat row-major indices into inducer.itemDims) whose decisions are computed,
    // in the order farthest-point sampling chose them.
    std::vector<int64_t> prototypes;
    std::vector<InducedLayerChoice> induced; // as the mapping lists them
    std::size_t items = 0;                   // calibration items the distances are over

    // The choosing map of induced layer i in its compact form: per unit, the inducer unit whose
    // decision it takes (column j of the one-hot matrix M has its 1 in row map[j]).
    std::vector<int64_t> choosingMap(std::size_t i) const
    {
        std::vector<int64_t> map;
        map.reserve(induced[i].prototype.size());
        for (int32_t p : induced[i].prototype)
            map.push_back(prototypes[static_cast<std::size_t>(p)]);
        return map;
    }
};

} // namespace foldwise::passes
