#include "profile/Profiler.h"

#include "exec/Executor.h"
#include "layers/ModelSummary.h"
#include "model/ModelError.h"
#include "profile/ProfilingObserver.h"
#include "profile/Sha256.h"

#include <omp.h>

#include <cstring>
#include <exception>
#include <memory>

#ifndef FOLDWISE_VERSION
#define FOLDWISE_VERSION "unknown"
#endif

namespace foldwise {
namespace {

// The model's one graph input; the items must fit its known non-batch dims.
const Tensor& profiledInput(const Model& model, const std::vector<int64_t>& itemDims)
{
    const Graph& g = model.graph();
    const std::string file = model.file().string();
    if (g.inputs().size() != 1)
        throw ModelError(file, "profiling needs a model with one input; this one has " + std::to_string(g.inputs().size()));
    const Tensor& input = g.tensor(g.inputs()[0]);
    bool fits = !input.hasShape || input.shape.rank() == itemDims.size() + 1;
    for (std::size_t i = 0; fits && input.hasShape && i < itemDims.size(); ++i)
        fits = !input.shape[i + 1].isKnown() || input.shape[i + 1].value == itemDims[i];
    if (!fits)
        throw ModelError(file, "the calibration items are " + Shape::fromValues(itemDims).toString() + " but input '"
                                   + input.name + "' is " + input.shape.toString());
    return input;
}

std::vector<int64_t> withBatch(std::size_t batch, const std::vector<int64_t>& itemDims)
{
    std::vector<int64_t> dims{static_cast<int64_t>(batch)};
    dims.insert(dims.end(), itemDims.begin(), itemDims.end());
    return dims;
}

constexpr std::size_t kRunBatch = kProfileRunBatch;

struct RunShape {
    std::shared_ptr<const Model> model; // the profiled model at `batch`
    std::size_t batch = 1;
};

// The model at kRunBatch when it takes batches (every graph output keeps the batch in dim 0),
// else at batch 1 (models with a batch size baked into a Reshape, say) with a note.
RunShape chooseRunShape(const std::shared_ptr<const Model>& single, const std::string& inputName, const std::vector<int64_t>& itemDims,
                        std::vector<std::string>& notes)
{
    try {
        auto batched = single->reshaped({{inputName, withBatch(kRunBatch, itemDims)}});
        bool keepsBatch = true;
        for (TensorId id : batched->graph().outputs()) {
            const Tensor& t = batched->graph().tensor(id);
            keepsBatch = keepsBatch && t.hasShape && t.shape.rank() > 0 && t.shape[0].isKnown()
                && t.shape[0].value == static_cast<int64_t>(kRunBatch);
        }
        if (keepsBatch)
            return {std::move(batched), kRunBatch};
    } catch (const ModelError&) {
    }
    notes.push_back("the model does not take batches of " + std::to_string(kRunBatch)
                    + " (its outputs do not keep the batch in their first dimension); items ran one at a time");
    return {single, 1};
}

// One thread's share of the profiling: its executor, observer and partial profile.
struct ItemWorker {
    ActivationProfile partial;
    std::unique_ptr<Executor> executor;
    std::unique_ptr<ProfilingObserver> observer;
};

// A fixed set of ItemWorkers run on OpenMP threads. Inside a job each thread's OpenMP thread
// count is 1, so the oneDNN primitives its executor creates and runs are single-threaded ones.
class ItemWorkers {
public:
    explicit ItemWorkers(std::size_t count) : workers_(count) {}

    std::size_t size() const { return workers_.size(); }

    // Runs job(worker, index) for every worker, in parallel; rethrows the first failure.
    void forEach(const std::function<void(ItemWorker&, std::size_t)>& job)
    {
        std::vector<std::exception_ptr> errors(workers_.size());
        const auto count = static_cast<int>(workers_.size());
#pragma omp parallel num_threads(count)
        {
            omp_set_num_threads(1);
            // OpenMP may grant fewer threads than asked: each takes every n-th worker.
            for (int w = omp_get_thread_num(); w < count; w += omp_get_num_threads()) {
                try {
                    job(workers_[static_cast<std::size_t>(w)], static_cast<std::size_t>(w));
                } catch (...) {
                    errors[static_cast<std::size_t>(w)] = std::current_exception();
                }
            }
        }
        // A real failure wins over the cancellations it may have caused elsewhere.
        std::exception_ptr first;
        for (const std::exception_ptr& e : errors) {
            if (!e)
                continue;
            try {
                std::rethrow_exception(e);
            } catch (const ExecutionCancelled&) {
                if (!first)
                    first = e;
            } catch (...) {
                std::rethrow_exception(e);
            }
        }
        if (first)
            std::rethrow_exception(first);
    }

    ActivationProfile takeMergedProfile()
    {
        ActivationProfile merged = std::move(workers_.front().partial);
        for (std::size_t w = 1; w < workers_.size(); ++w)
            merged.mergeStatistics(workers_[w].partial);
        return merged;
    }

private:
    std::vector<ItemWorker> workers_;
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

    ProfileProvenance p;
    p.foldwiseVersion = FOLDWISE_VERSION;
    p.modelFile = model.file().string();
    p.modelSha256 = sha256OfFile(model.file());
    p.dataSource = reader.source().describe();
    p.synthetic = reader.source().synthetic();
    p.shards.count = reader.shard().count;
    p.shards.layout = reader.shard().layout == Shard::Layout::Strided ? "strided" : "contiguous";
    p.shards.covered = {reader.shard().index};
    p.thresholds = options.thresholds;
    p.networkMacsPerItem = summariseModel(*base).totals.macs;

    ExecutorOptions executorOptions = options.executor;
    executorOptions.fuseActivations = false;
    // The threads' executors run one model: its weights are transformed once for all of them.
    if (!executorOptions.sharedWeights)
        executorOptions.sharedWeights = std::make_shared<SharedWeights>();
    const std::size_t threads
        = options.threads ? options.threads : static_cast<std::size_t>(std::max(1, omp_get_max_threads()));
    const RunShape run = chooseRunShape(base, inputName, itemDims, p.notes);
    ItemWorkers workers(threads);
    // Executors are built up front, so unsupported nodes are reported before any data is read.
    workers.forEach([&](ItemWorker& w, std::size_t) {
        w.executor = std::make_unique<Executor>(run.model, executorOptions);
        w.observer = std::make_unique<ProfilingObserver>(*base, w.partial, options.cancel);
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
            const std::size_t itemBytes = owner->byteSize() / batch.size();
            const std::size_t runs = (batch.size() + run.batch - 1) / run.batch;
            workers.forEach([&](ItemWorker& w, std::size_t index) {
                for (std::size_t r = index; r < runs; r += workers.size()) {
                    const std::size_t begin = r * run.batch;
                    const std::size_t count = std::min(run.batch, batch.size() - begin);
                    HostTensor input;
                    if (count == run.batch) {
                        input = HostTensor::view(owner->type(), runDims, owner->bytes() + begin * itemBytes, owner);
                    } else {
                        // A partial run is padded with zero items, which the observer leaves out.
                        input = HostTensor::allocate(owner->type(), runDims);
                        std::memcpy(input.mutableBytes(), owner->bytes() + begin * itemBytes, count * itemBytes);
                    }
                    w.observer->countOnlyFirstItems(static_cast<int64_t>(count), static_cast<int64_t>(run.batch));
                    w.executor->run({{inputName, input}}, w.observer.get());
                }
            });
        }
        if (progress && !progress(reader.itemsRead() + reader.itemsSkipped(), reader.size()))
            throw ExecutionCancelled();
    }

    ActivationProfile profile = workers.takeMergedProfile();
    // What planning could not profile, after what choosing the run shape noted.
    p.notes.insert(p.notes.end(), profile.provenance.notes.begin(), profile.provenance.notes.end());
    p.items = static_cast<int64_t>(reader.itemsRead());
    p.skippedItems = static_cast<int64_t>(reader.itemsSkipped());
    profile.provenance = std::move(p);
    return profile;
}

} // namespace foldwise
