#pragma once

#include "data/CalibrationSource.h"
#include "exec/Executor.h"
#include "model/Model.h"
#include "profile/ActivationProfile.h"
#include "profile/Profiler.h"
#include "profile/ReluThresholds.h"

#include <atomic>
#include <cstddef>
#include <memory>
#include <optional>
#include <vector>

namespace foldwise::sweep {

struct IncrementalProfilerOptions {
    std::size_t threads = 0;   // as ProfileOptions::threads
    std::size_t batchSize = 8; // items read per step (progress and cancel granularity)
    // Activations of the calibration set kept between passes so that a pass can start below
    // the first changed ReLU instead of at the input. 0: no cache (a pass still runs only the
    // nodes downstream of a change, but recomputes their inputs from the model's input).
    std::size_t cacheBytes = std::size_t(1) << 30;
    ExecutorOptions executor = profilingExecutorOptions();
    const std::atomic<bool>* cancel = nullptr;
};

// What one pass over the calibration set gives.
struct ProfilingPass {
    ActivationProfile profile; // as profileModel with the same thresholds gives it
    // Per item, its best classes by the model's first output (items x classes scores), best
    // first (sweep::topClasses); empty when that output is not scores.
    std::vector<int64_t> ranking;
    std::size_t rankedPerItem = 0;
    std::vector<int64_t> labels; // per item; -1 when unknown
    // The work the pass did: nodes run per run of items, of the graph's nodes.
    std::size_t nodesRun = 0;
    std::size_t nodesInGraph = 0;
};

// Profiles one model over one calibration set again and again with other ReLU thresholds,
// doing only the work a change of thresholds calls for:
//   - the executors (one per thread, their oneDNN primitives and reordered weights) are built
//     once, with ReLUs whose threshold is set between passes;
//   - a pass runs only the nodes downstream of the ReLUs whose threshold changed since the last
//     pass, starting from the activations the last pass left in a bounded cache (ReLU inputs
//     and the inputs of merging nodes such as Add and Concat, upstream ones first), and
//     re-running upstream nodes only for activations the cache could not hold;
//   - the statistics of the layers above the change are the last pass's, which are exact:
//     their activations did not change.
// Items run as profileModel runs them (fixed runs of kProfileRunBatch, one thread per run), so
// a pass's profile equals profileModel's with the same thresholds and any pass history.
class IncrementalProfiler {
public:
    // Builds the executors; throws ModelError as profileModel does.
    IncrementalProfiler(const Model& model, std::shared_ptr<const CalibrationSource> data,
                        IncrementalProfilerOptions options = {});
    ~IncrementalProfiler();
    IncrementalProfiler(const IncrementalProfiler&) = delete;
    IncrementalProfiler& operator=(const IncrementalProfiler&) = delete;

    // One pass with `thresholds` (ReLU node -> t; other ReLUs run plain). Throws ModelError for
    // thresholds checkReluThresholds refuses and ExecutionCancelled when cancelled (the next
    // pass then starts afresh from the input).
    ProfilingPass run(const ReluThresholds& thresholds, const ProfileProgress& progress = {});

    // Bytes of activations the cache holds.
    std::size_t cachedBytes() const;

private:
    struct State;
    std::unique_ptr<State> state_;
};

} // namespace foldwise::sweep
