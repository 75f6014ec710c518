#pragma once

// How the profiler splits calibration data into fixed-size runs on a fixed set of threads;
// shared by profileModel and the sweep's incremental profiler (sweep/IncrementalProfiler.h).

#include "data/CalibrationReader.h"
#include "model/Model.h"
#include "profile/ActivationProfile.h"
#include "profile/ReluThresholds.h"

#include <exception>
#include <functional>
#include <memory>
#include <string>
#include <vector>

namespace foldwise::profile_runs {

// The model's one graph input; throws ModelError unless the items fit its known non-batch dims.
const Tensor& profiledInput(const Model& model, const std::vector<int64_t>& itemDims);

// {batch, itemDims...}
std::vector<int64_t> withBatch(std::size_t batch, const std::vector<int64_t>& itemDims);

struct RunShape {
    std::shared_ptr<const Model> model; // the profiled model at `batch`
    std::size_t batch = 1;
};

// `single` (the model at batch 1) at kProfileRunBatch when it takes batches (every graph output
// keeps the batch in dim 0), else at batch 1 (models with a batch size baked into a Reshape,
// say), with a note.
RunShape chooseRunShape(const std::shared_ptr<const Model>& single, const std::string& inputName,
                        const std::vector<int64_t>& itemDims, std::vector<std::string>& notes);

// The provenance every profile of `model` over `reader`'s shard carries (items are filled in
// once the data has been read).
ProfileProvenance provenanceFor(const Model& model, const Model& base, const CalibrationReader& reader,
                                const ReluThresholds& thresholds);

// `requested` threads, or OpenMP's thread count (OMP_NUM_THREADS, else the cores) for 0.
std::size_t threadCount(std::size_t requested);

// Runs job(worker, index) for every worker on OpenMP threads, each with an OpenMP thread count
// of 1 (so the oneDNN primitives its executor creates and runs are single-threaded ones), and
// rethrows the first failure (a real failure before the cancellations it may have caused).
void forEachWorker(std::size_t workers, const std::function<void(std::size_t index)>& job);

// The calibration items as fixed-size runs: the item tensor of run `r` of a batch read from
// the source (padded with zero items when the batch ends inside the run) and how many of its
// items are real.
struct RunSlice {
    HostTensor input;
    std::size_t items = 0;
};
RunSlice sliceRun(const std::shared_ptr<const HostTensor>& batch, std::size_t batchItems, std::size_t run,
                  std::size_t runBatch, const std::vector<int64_t>& runDims);

} // namespace foldwise::profile_runs
