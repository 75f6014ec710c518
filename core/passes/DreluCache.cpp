#include "passes/DreluCache.h"

#include "exec/Executor.h"
#include "model/GraphReach.h"
#include "model/ModelError.h"
#include "profile/ProfileRuns.h"
#include "profile/Profiler.h"

#include <algorithm>
#include <cstring>
#include <unordered_map>

namespace foldwise::passes {
namespace {

// Packs each watched ReLU's input as its node finishes. Channels-last tensors are accepted so
// that the executor copies nothing for the nodes nobody watches; the watched ones are made
// row-major here.
class DreluRecorder : public ExecutionObserver {
public:
    DreluRecorder(const std::vector<std::string>& relus, std::vector<DreluBits>& bits, const std::atomic<bool>* cancel)
        : bits_(bits), cancel_(cancel)
    {
        for (std::size_t i = 0; i < relus.size(); ++i)
            layerOf_[relus[i]] = i;
    }

    // The next run holds items first .. first + count - 1 (padding rows after them are ignored).
    void startRun(std::size_t first, std::size_t count)
    {
        first_ = first;
        count_ = count;
    }

    void nodeFinished(const Node& node, std::span<const HostTensor* const> inputs, std::span<const HostTensor>) override
    {
        const auto it = layerOf_.find(node.name);
        if (it == layerOf_.end())
            return;
        const HostTensor x = inputs[0]->asRowMajor();
        DreluBits& bits = bits_[it->second];
        if (x.type() != DataType::Float || x.rank() < 2
            || x.elementCount() != static_cast<int64_t>(bits.units()) * x.dims()[0] || x.dims()[0] < static_cast<int64_t>(count_))
            throw std::logic_error("ReLU '" + node.name + "' has input " + x.describe() + ", not items x "
                                   + std::to_string(bits.units()) + " floats");
        bits.record(x.data<float>(), first_, count_);
    }

    bool cancelled() const override { return cancel_ && cancel_->load(std::memory_order_relaxed); }
    bool acceptsChannelsLast() const override { return true; }

private:
    std::unordered_map<std::string, std::size_t> layerOf_;
    std::vector<DreluBits>& bits_;
    const std::atomic<bool>* cancel_;
    std::size_t first_ = 0;
    std::size_t count_ = 0;
};

} // namespace

DreluCache cacheDreluBits(const Model& model, CalibrationReader& reader, const std::vector<std::string>& relus,
                          const WorkStep& step, const std::atomic<bool>* cancel)
{
    const std::string file = model.file().string();
    const std::vector<int64_t> itemDims = reader.source().itemDims();
    const Tensor& input = profile_runs::profiledInput(model, itemDims);
    DreluCache cache;
    const auto single = model.reshaped({{input.name, profile_runs::withBatch(1, itemDims)}});
    const profile_runs::RunShape run = profile_runs::chooseRunShape(single, input.name, itemDims, cache.notes);
    const Graph& g = run.model->graph();

    std::vector<NodeId> targets;
    for (const std::string& name : relus) {
        const std::optional<NodeId> id = g.findNode(name);
        if (!id || g.node(*id).inputs.empty() || g.node(*id).inputs[0] == kNoId)
            throw ModelError(file, "no node with a data input is named '" + name + "'");
        const std::optional<int64_t> elements = g.elementCount(g.node(*id).inputs[0]);
        if (!elements || *elements % static_cast<int64_t>(run.batch) != 0)
            throw ModelError(file, "the input of '" + name + "' has no known size per item");
        targets.push_back(*id);
        cache.layers.emplace_back(static_cast<std::size_t>(*elements / static_cast<int64_t>(run.batch)), reader.size());
    }
    const std::vector<bool> needed = nodesFeeding(g, targets);
    Executor executor(run.model, profilingExecutorOptions());
    DreluRecorder recorder(relus, cache.layers, cancel);

    reader.rewind();
    HostTensor padded = HostTensor::allocate(DataType::Float, profile_runs::withBatch(run.batch, itemDims));
    while (!reader.atEnd()) {
        const CalibrationBatch batch = reader.next(run.batch);
        if (batch.empty())
            continue;
        // A short last run is padded with zero items, which are not recorded.
        HostTensor in = batch.inputs;
        if (batch.size() < run.batch) {
            std::memset(padded.mutableBytes(), 0, padded.byteSize());
            std::memcpy(padded.mutableBytes(), batch.inputs.bytes(), batch.inputs.byteSize());
            in = padded;
        }
        recorder.startRun(cache.items, batch.size());
        executor.run({{input.name, in}}, PartialRun{&needed, nullptr}, &recorder);
        cache.items += batch.size();
        if (step)
            step(reader.itemsRead() + reader.itemsSkipped());
    }
    cache.skipped = reader.itemsSkipped();
    if (cache.items == 0)
        throw ModelError(reader.source().describe(), "no calibration item could be read");
    for (DreluBits& bits : cache.layers)
        bits.truncate(cache.items);
    return cache;
}

} // namespace foldwise::passes
