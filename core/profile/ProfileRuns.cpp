#include "profile/ProfileRuns.h"

#include "exec/Executor.h"
#include "layers/ModelSummary.h"
#include "model/ModelError.h"
#include "profile/Profiler.h"
#include "profile/Sha256.h"

#include <omp.h>

#include <cstring>

#ifndef FOLDWISE_VERSION
#define FOLDWISE_VERSION "unknown"
#endif

namespace foldwise::profile_runs {

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

RunShape chooseRunShape(const std::shared_ptr<const Model>& single, const std::string& inputName,
                        const std::vector<int64_t>& itemDims, std::vector<std::string>& notes)
{
    try {
        auto batched = single->reshaped({{inputName, withBatch(kProfileRunBatch, itemDims)}});
        bool keepsBatch = true;
        for (TensorId id : batched->graph().outputs()) {
            const Tensor& t = batched->graph().tensor(id);
            keepsBatch = keepsBatch && t.hasShape && t.shape.rank() > 0 && t.shape[0].isKnown()
                && t.shape[0].value == static_cast<int64_t>(kProfileRunBatch);
        }
        if (keepsBatch)
            return {std::move(batched), kProfileRunBatch};
    } catch (const ModelError&) {
    }
    notes.push_back("the model does not take batches of " + std::to_string(kProfileRunBatch)
                    + " (its outputs do not keep the batch in their first dimension); items ran one at a time");
    return {single, 1};
}

ProfileProvenance provenanceFor(const Model& model, const Model& base, const CalibrationReader& reader,
                                const ReluThresholds& thresholds)
{
    ProfileProvenance p;
    p.foldwiseVersion = FOLDWISE_VERSION;
    p.modelFile = model.file().string();
    p.modelSha256 = sha256OfFile(model.file());
    p.dataSource = reader.source().describe();
    p.synthetic = reader.source().synthetic();
    p.shards.count = reader.shard().count;
    p.shards.layout = reader.shard().layout == Shard::Layout::Strided ? "strided" : "contiguous";
    p.shards.covered = {reader.shard().index};
    p.thresholds = thresholds;
    p.networkMacsPerItem = summariseModel(base).totals.macs;
    return p;
}

std::size_t threadCount(std::size_t requested)
{
    return requested ? requested : static_cast<std::size_t>(std::max(1, omp_get_max_threads()));
}

void forEachWorker(std::size_t workers, const std::function<void(std::size_t index)>& job)
{
    std::vector<std::exception_ptr> errors(workers);
    const auto count = static_cast<int>(workers);
#pragma omp parallel num_threads(count)
    {
        omp_set_num_threads(1);
        // OpenMP may grant fewer threads than asked: each takes every n-th worker.
        for (int w = omp_get_thread_num(); w < count; w += omp_get_num_threads()) {
            try {
                job(static_cast<std::size_t>(w));
            } catch (...) {
                errors[static_cast<std::size_t>(w)] = std::current_exception();
            }
        }
    }
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

RunSlice sliceRun(const std::shared_ptr<const HostTensor>& batch, std::size_t batchItems, std::size_t run,
                  std::size_t runBatch, const std::vector<int64_t>& runDims)
{
    const std::size_t itemBytes = batch->byteSize() / batchItems;
    const std::size_t begin = run * runBatch;
    const std::size_t count = std::min(runBatch, batchItems - begin);
    RunSlice slice;
    slice.items = count;
    if (count == runBatch) {
        slice.input = HostTensor::view(batch->type(), runDims, batch->bytes() + begin * itemBytes, batch);
    } else {
        // A partial run is padded with zero items, which the observer leaves out.
        slice.input = HostTensor::allocate(batch->type(), runDims);
        std::memcpy(slice.input.mutableBytes(), batch->bytes() + begin * itemBytes, count * itemBytes);
    }
    return slice;
}

} // namespace foldwise::profile_runs
