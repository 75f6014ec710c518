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

// How the profiler runs the executor: no activation fusion (the observer must see every node's
// output, including each ReLU's input), Winograd convolution allowed.
inline ExecutorOptions profilingExecutorOptions()
{
    ExecutorOptions o;
    o.fuseActivations = false;
    return o;
}

// Items per executor run while profiling. oneDNN picks kernels (and so rounding) by batch size
// and thread count, but at a fixed batch size on one thread an item's activations depend neither
// on its position in the batch nor on the other items (tst_reference_models checks this on
// resnet18 and mobilenet_v2). Runs of 8 are about 15 % faster than single items; a partial
// last run is padded with zero items that are not counted.
inline constexpr std::size_t kProfileRunBatch = 8;

struct ProfileOptions {
    // Items read from the calibration source per step (rounded up to whole runs of
    // kProfileRunBatch for every thread): progress is reported and cancellation checked between
    // steps. Does not change the result.
    std::size_t batchSize = 8;
    // Items profiled at once, each on its own thread; 0 takes OpenMP's thread count
    // (OMP_NUM_THREADS, else the cores). Does not change the result.
    std::size_t threads = 0;
    ReluThresholds thresholds;   // Relu nodes to run as ThresholdedRelu(alpha = t)
    // How the executor runs; activation fusion is always switched off.
    ExecutorOptions executor = profilingExecutorOptions();
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
//
// Items run in batches of kProfileRunBatch (or one at a time for a model that does not take
// batches), each batch on one thread, with an executor per thread and statistics taken in the
// layout the kernels produce (no copies); the threads' partial profiles are added at the end.
// Fixing the run batch and the thread count per run makes an item's activations independent of
// options.batchSize, options.threads and the shard it falls in, so shard profiles merge to
// exactly the whole (on the same CPU instruction set). Nothing is written anywhere, so a cancelled or failed run
// leaves no partial output. Throws ModelError for a model the executor cannot run (before any
// data is read), an input the items do not fit and bad thresholds.
ActivationProfile profileModel(const Model& model, CalibrationReader& reader, const ProfileOptions& options,
                               const ProfileProgress& progress = {});

} // namespace foldwise
