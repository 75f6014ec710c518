#pragma once

#include "data/CalibrationReader.h"
#include "exec/Executor.h"
#include "model/Model.h"
#include "profile/ActivationProfile.h"
#include "profile/ReluThresholds.h"

#include <atomic>
#include <cstddef>
#include <functional>

namespace foldwise {

// Executor settings under which an item's activations do not depend on the batch it runs in,
// so that profiles of shards, and runs with other batch sizes, agree to the last count: no
// activation fusion (the observer must see every node's output) and no Winograd convolution
// (oneDNN's Winograd rounds differently with the batch size; values then move across bucket
// edges of the value histograms).
inline ExecutorOptions batchInvariantExecutorOptions()
{
    ExecutorOptions o;
    o.fuseActivations = false;
    o.winograd = false;
    return o;
}

struct ProfileOptions {
    std::size_t batchSize = 8;   // items per executor run; does not change the result
    ReluThresholds thresholds;   // Relu nodes to run as ThresholdedRelu(alpha = t)
    // How the executor runs; activation fusion is always switched off (an observed run must
    // see every node's output). Winograd may be switched on for speed when exact merging and
    // batch-size independence of the value histograms do not matter.
    ExecutorOptions executor = batchInvariantExecutorOptions();
    // Set (from any thread) to stop the run between two nodes; profileModel then throws
    // ExecutionCancelled.
    const std::atomic<bool>* cancel = nullptr;
};

// Called after every batch with the shard's items done (read or skipped) and its total;
// returning false cancels (profileModel throws ExecutionCancelled).
using ProfileProgress = std::function<bool(std::size_t done, std::size_t total)>;

// Profiles the activations of `model` (its one graph input fed from `reader`, which is rewound
// to the start of its shard and read to its end) and returns the profile with its provenance: the
// SHA-256 of model.file(), the data source, items and skips, the reader's shard, thresholds.
// The model is run at batch size options.batchSize (and once at the size of a last, partial
// batch) whatever batch it declares. Nothing is written anywhere, so a cancelled or failed
// run leaves no partial output. Throws ModelError for a model the executor cannot run, an
// input the items do not fit and bad thresholds.
ActivationProfile profileModel(const Model& model, CalibrationReader& reader, const ProfileOptions& options,
                               const ProfileProgress& progress = {});

} // namespace foldwise
