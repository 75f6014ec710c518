#include "profile/Profiler.h"

#include "exec/Executor.h"
#include "model/ModelError.h"
#include "profile/ProfileRuns.h"
#include "profile/ProfilingObserver.h"

#include <memory>

namespace foldwise {
namespace {

using namespace profile_runs;

// One thread's share of the profiling: its executor, observer and partial profile.
struct ItemWorker {
    ActivationProfile partial;
    std::unique_ptr<Executor> executor;
    std::unique_ptr<ProfilingObserver> observer;
};

} // namespace

ActivationProfile profileModel(const Model& model, CalibrationReader& reader, const ProfileOptions& options,
                               const ProfileProgress& progress)
{
    if (options.batchSize == 0)
        throw std::invalid_argument("profileModel: the batch size must be positive");
    const std::vector<int64_t> itemDims = reader.source().itemDims();
    const std::string inputName = profiledInput(model, itemDims).name;

    // Every item runs at batch 1: the model at batch 1 plans the profile, gives the per-item
    // MACs and is what the executors run.
    const std::vector<InputShapeOverride> single{{inputName, withBatch(1, itemDims)}};
    std::shared_ptr<const Model> base;
    if (options.thresholds.empty()) {
        base = model.reshaped(single);
    } else {
        LoadOptions load = model.options();
        load.inputShapes = single;
        base = loadWithReluThresholds(model, options.thresholds, load);
    }

    ProfileProvenance p = provenanceFor(model, *base, reader, options.thresholds);

    ExecutorOptions executorOptions = options.executor;
    executorOptions.fuseActivations = false;
    // The threads' executors run one model: its weights are transformed once for all of them.
    if (!executorOptions.sharedWeights)
        executorOptions.sharedWeights = std::make_shared<SharedWeights>();
    const std::size_t threads = threadCount(options.threads);
    const RunShape run = chooseRunShape(base, inputName, itemDims, p.notes);
    std::vector<ItemWorker> workers(threads);
    // Executors are built up front, so unsupported nodes are reported before any data is read.
    forEachWorker(threads, [&](std::size_t w) {
        workers[w].executor = std::make_unique<Executor>(run.model, executorOptions);
        workers[w].observer = std::make_unique<ProfilingObserver>(*base, workers[w].partial, options.cancel);
    });

    // Whole runs for every thread per step.
    const std::size_t perStep = run.batch * threads;
    const std::size_t step = (std::max<std::size_t>(options.batchSize, 1) + perStep - 1) / perStep * perStep;
    const std::vector<int64_t> runDims = withBatch(run.batch, itemDims);
    reader.rewind();
    while (!reader.atEnd()) {
        if (options.cancel && options.cancel->load())
            throw ExecutionCancelled();
        const CalibrationBatch batch = reader.next(step);
        if (!batch.empty()) {
            const auto owner = std::make_shared<HostTensor>(batch.inputs);
            const std::size_t runs = (batch.size() + run.batch - 1) / run.batch;
            forEachWorker(threads, [&](std::size_t index) {
                ItemWorker& w = workers[index];
                for (std::size_t r = index; r < runs; r += threads) {
                    const RunSlice slice = sliceRun(owner, batch.size(), r, run.batch, runDims);
                    w.observer->countOnlyFirstItems(static_cast<int64_t>(slice.items), static_cast<int64_t>(run.batch));
                    w.executor->run({{inputName, slice.input}}, w.observer.get());
                }
            });
        }
        if (progress && !progress(reader.itemsRead() + reader.itemsSkipped(), reader.size()))
            throw ExecutionCancelled();
    }

    ActivationProfile profile = std::move(workers.front().partial);
    for (std::size_t w = 1; w < workers.size(); ++w)
        profile.mergeStatistics(workers[w].partial);
    // What planning could not profile, after what choosing the run shape noted.
    p.notes.insert(p.notes.end(), profile.provenance.notes.begin(), profile.provenance.notes.end());
    p.items = static_cast<int64_t>(reader.itemsRead());
    p.skippedItems = static_cast<int64_t>(reader.itemsSkipped());
    profile.provenance = std::move(p);
    return profile;
}

} // namespace foldwise
