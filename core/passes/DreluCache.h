#pragma once

// Runs a model over calibration data and keeps the sign bits (DReLU) of chosen ReLUs' inputs
// for every item: what induced-ReLU prototypes and choosing maps are computed from.

#include "data/CalibrationReader.h"
#include "model/Model.h"
#include "passes/DreluBits.h"
#include "passes/HammingPrototypes.h"

#include <atomic>
#include <cstddef>
#include <string>
#include <vector>

namespace foldwise::passes {

struct DreluCache {
    std::vector<DreluBits> layers; // one per requested ReLU, in the order asked
    std::size_t items = 0;         // items recorded (bit n of every vector is the n-th item read)
    std::size_t skipped = 0;       // unreadable items passed over
    std::vector<std::string> notes;
};

// Runs `model` (one graph input, fed from `reader`, rewound and read to the end of its shard)
// and records for each ReLU node in `relus` 1[x >= 0] of its data input, per unit and item.
// Only the nodes those ReLUs depend on run, with no activation fusion (profilingExecutorOptions)
// in runs of kProfileRunBatch items (one at a time for models that do not take batches).
// `step` sees the items read after each run; `cancel` stops a run between nodes
// (ExecutionCancelled). Throws ModelError for a model the executor cannot run, items that do not
// fit its input, an unknown ReLU name and data with no readable item.
DreluCache cacheDreluBits(const Model& model, CalibrationReader& reader, const std::vector<std::string>& relus,
                          const WorkStep& step = {}, const std::atomic<bool>* cancel = nullptr);

} // namespace foldwise::passes
