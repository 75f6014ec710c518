#include "profile/Profiler.h"

#include "exec/Executor.h"
#include "layers/ModelSummary.h"
#include "model/ModelError.h"
#include "profile/ProfilingObserver.h"
#include "profile/Sha256.h"

#include <map>

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

} // namespace

ActivationProfile profileModel(const Model& model, CalibrationReader& reader, const ProfileOptions& options,
                               const ProfileProgress& progress)
{
    if (options.batchSize == 0)
        throw std::invalid_argument("profileModel: the batch size must be positive");
    const std::vector<int64_t> itemDims = reader.source().itemDims();
    const std::string inputName = profiledInput(model, itemDims).name;

    // The model at batch 1 plans the profile and gives the per-item MACs; executors run it
    // at the batch sizes that occur.
    const std::vector<InputShapeOverride> single{{inputName, withBatch(1, itemDims)}};
    std::shared_ptr<const Model> base;
    if (options.thresholds.empty()) {
        base = model.reshaped(single);
    } else {
        LoadOptions load = model.options();
        load.inputShapes = single;
        base = loadWithReluThresholds(model, options.thresholds, load);
    }

    ActivationProfile profile;
    ProfileProvenance& p = profile.provenance;
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

    ProfilingObserver observer(*base, profile, options.cancel);
    std::map<std::size_t, std::unique_ptr<Executor>> executors; // by batch size
    ExecutorOptions executorOptions = options.executor;
    executorOptions.fuseActivations = false;
    const auto executorFor = [&](std::size_t n) -> Executor& {
        std::unique_ptr<Executor>& e = executors[n];
        if (!e)
            e = std::make_unique<Executor>(base->reshaped({{inputName, withBatch(n, itemDims)}}), executorOptions);
        return *e;
    };
    executorFor(options.batchSize); // unsupported nodes are reported before any data is read

    reader.rewind();
    while (!reader.atEnd()) {
        if (options.cancel && options.cancel->load())
            throw ExecutionCancelled();
        CalibrationBatch batch = reader.next(options.batchSize);
        if (!batch.empty())
            executorFor(batch.size()).run({{inputName, batch.inputs}}, &observer);
        if (progress && !progress(reader.itemsRead() + reader.itemsSkipped(), reader.size()))
            throw ExecutionCancelled();
    }
    p.items = static_cast<int64_t>(reader.itemsRead());
    p.skippedItems = static_cast<int64_t>(reader.itemsSkipped());
    return profile;
}

} // namespace foldwise
