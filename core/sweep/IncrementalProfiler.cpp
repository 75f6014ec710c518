#include "sweep/IncrementalProfiler.h"

#include "data/CalibrationReader.h"
#include "model/GraphReach.h"
#include "model/ModelError.h"
#include "profile/Accuracy.h"
#include "profile/ProfileRuns.h"
#include "profile/ProfilingObserver.h"

#include <algorithm>
#include <map>

namespace foldwise::sweep {

using namespace profile_runs;

namespace {

bool isRelu(const Node& n)
{
    return (n.domain.empty() || n.domain == "ai.onnx") && (n.opType == "Relu" || n.opType == "ThresholdedRelu");
}

// The profiling observer, plus a copy of every cached activation the run produces.
class CapturingObserver final : public ExecutionObserver {
public:
    CapturingObserver(ProfilingObserver& profiling, const std::vector<std::ptrdiff_t>& slotOf)
        : profiling_(profiling), slotOf_(slotOf)
    {
    }

    void startRun(std::vector<HostTensor>* slots) { slots_ = slots; }

    void nodeFinished(const Node& node, std::span<const HostTensor* const> inputs,
                      std::span<const HostTensor> outputs) override
    {
        profiling_.nodeFinished(node, inputs, outputs);
        for (std::size_t o = 0; o < node.outputs.size() && o < outputs.size(); ++o) {
            if (node.outputs[o] == kNoId)
                continue;
            const std::ptrdiff_t slot = slotOf_[static_cast<std::size_t>(node.outputs[o])];
            if (slot >= 0)
                (*slots_)[static_cast<std::size_t>(slot)] = outputs[o]; // shares the buffer
        }
    }
    bool cancelled() const override { return profiling_.cancelled(); }
    bool acceptsChannelsLast() const override { return true; }

private:
    ProfilingObserver& profiling_;
    const std::vector<std::ptrdiff_t>& slotOf_;
    std::vector<HostTensor>* slots_ = nullptr;
};

struct Worker {
    std::unique_ptr<Executor> executor;
    ActivationProfile partial;
    std::unique_ptr<ProfilingObserver> observer;
};

} // namespace

struct IncrementalProfiler::State {
    explicit State(const Model& m) : model(m) {}

    const Model& model;
    std::shared_ptr<const CalibrationSource> data;
    IncrementalProfilerOptions options;
    std::string inputName;
    std::vector<int64_t> itemDims;
    std::shared_ptr<const Model> base; // at batch 1: plans the profile
    RunShape run;                      // what the executors run
    std::size_t threads = 1;
    std::vector<Worker> workers;
    std::vector<std::string> planNotes;

    // The cache: activations kept for every run of items, in slots.
    std::vector<TensorId> slotTensor;        // by slot
    std::vector<std::ptrdiff_t> slotOf;      // by TensorId; -1: not cached
    std::vector<std::vector<HostTensor>> cache; // by run, by slot
    std::vector<bool> slotValid;             // by slot: holds the current values for every run

    std::map<NodeId, float> applied;        // the thresholds the executors run (every ReLU)
    std::optional<ProfilingPass> previous;  // the last complete pass

    const Graph& graph() const { return run.model->graph(); }
};

IncrementalProfiler::IncrementalProfiler(const Model& model, std::shared_ptr<const CalibrationSource> data,
                                         IncrementalProfilerOptions options)
    : state_(std::make_unique<State>(model))
{
    State& s = *state_;
    s.data = std::move(data);
    s.options = options;
    if (s.options.batchSize == 0)
        throw std::invalid_argument("IncrementalProfiler: the batch size must be positive");
    s.itemDims = s.data->itemDims();
    s.inputName = profiledInput(model, s.itemDims).name;
    s.base = model.reshaped({{s.inputName, withBatch(1, s.itemDims)}});
    s.run = chooseRunShape(s.base, s.inputName, s.itemDims, s.planNotes);
    s.threads = threadCount(s.options.threads);

    ExecutorOptions executorOptions = s.options.executor;
    executorOptions.fuseActivations = false;
    executorOptions.adjustableReluThresholds = true;
    if (!executorOptions.sharedWeights)
        executorOptions.sharedWeights = std::make_shared<SharedWeights>();
    s.workers.resize(s.threads);
    forEachWorker(s.threads, [&](std::size_t w) { s.workers[w].executor = std::make_unique<Executor>(s.run.model, executorOptions); });

    const Graph& g = s.graph();
    for (const Node& n : g.nodes())
        if (isRelu(n))
            s.applied[static_cast<NodeId>(&n - g.nodes().data())] = n.opType == "Relu" ? 0.0f : n.floatAttr("alpha", 1.0f);

    // Cacheable activations: what a pass may have to start from. A node below a change that
    // is not itself a changed ReLU has a changed input; when it has only one non-constant input,
    // that one changed. So every value a pass reads from above the change is the input of a
    // changed ReLU or an input of a node with several non-constant inputs.
    std::vector<bool> candidate(g.tensors().size(), false);
    for (const Node& n : g.nodes()) {
        std::vector<TensorId> live;
        for (TensorId t : n.inputs)
            if (t != kNoId && !g.isConstant(t) && std::find(live.begin(), live.end(), t) == live.end())
                live.push_back(t);
        if (isRelu(n) || live.size() > 1)
            for (TensorId t : live)
                candidate[static_cast<std::size_t>(t)] = true;
    }
    // Upstream first (a cut near the input saves the most work), while the budget lasts.
    const std::size_t items = s.data->size();
    const std::size_t runs = (items + s.run.batch - 1) / s.run.batch;
    std::size_t budget = s.options.cacheBytes;
    s.slotOf.assign(g.tensors().size(), -1);
    bool anySubgraphs = false;
    for (const Node& n : g.nodes())
        anySubgraphs = anySubgraphs || !n.implicitInputs.empty();
    for (NodeId id : g.topologicalOrder()) {
        for (TensorId t : g.node(id).outputs) {
            if (t == kNoId || !candidate[static_cast<std::size_t>(t)] || anySubgraphs)
                continue;
            const Tensor& tensor = g.tensor(t);
            if (!tensor.hasShape || !tensor.shape.isStatic() || tensor.type == DataType::Undefined)
                continue;
            int64_t elements = 1;
            for (int64_t d : tensor.shape.values())
                elements *= d;
            const std::size_t bytes = static_cast<std::size_t>(elements) * dataTypeSize(tensor.type) * runs;
            if (bytes > budget)
                continue;
            budget -= bytes;
            s.slotOf[static_cast<std::size_t>(t)] = static_cast<std::ptrdiff_t>(s.slotTensor.size());
            s.slotTensor.push_back(t);
        }
    }
    s.slotValid.assign(s.slotTensor.size(), false);
}

IncrementalProfiler::~IncrementalProfiler() = default;

std::size_t IncrementalProfiler::cachedBytes() const
{
    std::size_t bytes = 0;
    for (const std::vector<HostTensor>& run : state_->cache)
        for (const HostTensor& t : run)
            bytes += t.byteSize();
    return bytes;
}

ProfilingPass IncrementalProfiler::run(const ReluThresholds& thresholds, const ProfileProgress& progress)
{
    State& s = *state_;
    checkReluThresholds(s.model, thresholds);
    const Graph& g = s.graph();
    const std::size_t nodeCount = g.nodes().size();

    // The thresholds every ReLU runs with, and which changed.
    std::map<NodeId, float> wanted;
    for (const auto& [id, t] : s.applied) {
        const Node& n = g.node(id);
        const auto it = thresholds.find(n.name);
        wanted[id] = it != thresholds.end() ? it->second : (n.opType == "Relu" ? 0.0f : n.floatAttr("alpha", 1.0f));
    }
    // Without a previous pass everything runs; with one, the changed ReLUs and all below them.
    std::vector<bool> dirty(nodeCount, true);
    if (s.previous) {
        std::vector<NodeId> changed;
        for (const auto& [id, t] : wanted)
            if (t != s.applied.at(id))
                changed.push_back(id);
        dirty = nodesDownstreamOf(g, changed);
    }
    if (s.previous && std::none_of(dirty.begin(), dirty.end(), [](bool d) { return d; })) {
        ProfilingPass same = *s.previous;
        same.profile.provenance.thresholds = thresholds;
        same.nodesRun = 0;
        return same;
    }

    // What runs: the changed part, plus whatever produces a value it reads that the cache lacks.
    std::vector<bool> runs = dirty;
    bool grew = true;
    while (grew) {
        grew = false;
        for (std::size_t n = 0; n < nodeCount; ++n) {
            if (!runs[n])
                continue;
            for (TensorId t : g.nodes()[n].inputs) {
                if (t == kNoId || g.isConstant(t))
                    continue;
                const NodeId producer = g.tensor(t).producer;
                if (producer == kNoId || runs[static_cast<std::size_t>(producer)])
                    continue;
                const std::ptrdiff_t slot = s.slotOf[static_cast<std::size_t>(t)];
                if (slot >= 0 && s.slotValid[static_cast<std::size_t>(slot)])
                    continue;
                runs[static_cast<std::size_t>(producer)] = true;
                grew = true;
            }
        }
    }
    // Cached values the pass reads (produced by nodes that do not run).
    std::vector<std::size_t> givenSlots;
    for (std::size_t slot = 0; slot < s.slotTensor.size(); ++slot) {
        const Tensor& t = g.tensor(s.slotTensor[slot]);
        const bool read = std::any_of(t.consumers.begin(), t.consumers.end(), [&](NodeId c) { return runs[static_cast<std::size_t>(c)]; });
        if (read && !runs[static_cast<std::size_t>(t.producer)])
            givenSlots.push_back(slot);
    }
    std::vector<bool> recorded; // by protoIndex; empty: all
    if (s.previous) {
        recorded.assign(nodeCount, false);
        for (std::size_t n = 0; n < nodeCount; ++n) {
            const auto p = static_cast<std::size_t>(g.nodes()[n].protoIndex);
            if (p >= recorded.size())
                recorded.resize(p + 1, false);
            recorded[p] = recorded[p] || dirty[n];
        }
    }

    for (const auto& [id, t] : wanted)
        for (Worker& w : s.workers)
            w.executor->setReluThreshold(id, t);
    s.applied = wanted;
    // A pass that does not finish leaves the cache half updated: the next one starts afresh.
    const std::optional<ProfilingPass> previous = std::move(s.previous);
    s.previous.reset();
    const std::vector<bool> validBefore = s.slotValid;
    std::fill(s.slotValid.begin(), s.slotValid.end(), false);

    for (Worker& w : s.workers) {
        w.partial = ActivationProfile();
        w.observer = std::make_unique<ProfilingObserver>(*s.base, w.partial, s.options.cancel);
        w.observer->recordOnly(recorded);
    }
    const std::vector<int64_t> runDims = withBatch(s.run.batch, s.itemDims);
    const std::size_t perStep = s.run.batch * s.threads;
    const std::size_t step = (s.options.batchSize + perStep - 1) / perStep * perStep;
    const TensorId scoresTensor = g.outputs().empty() ? kNoId : g.outputs()[0];
    const bool scoresRun = scoresTensor != kNoId && g.tensor(scoresTensor).producer != kNoId
        && runs[static_cast<std::size_t>(g.tensor(scoresTensor).producer)];

    ProfilingPass pass;
    pass.nodesInGraph = nodeCount;
    pass.nodesRun = static_cast<std::size_t>(std::count(runs.begin(), runs.end(), true));
    std::vector<std::vector<int64_t>> rankingByRun;
    std::atomic<bool> notScores = false;
    std::size_t runsBefore = 0;
    CalibrationReader reader(s.data);
    while (!reader.atEnd()) {
        if (s.options.cancel && s.options.cancel->load())
            throw ExecutionCancelled();
        const CalibrationBatch batch = reader.next(step);
        if (batch.empty())
            continue;
        for (std::size_t i = 0; i < batch.size(); ++i)
            pass.labels.push_back(batch.labels.empty() ? -1 : batch.labels[i]);
        const auto owner = std::make_shared<HostTensor>(batch.inputs);
        const std::size_t batchRuns = (batch.size() + s.run.batch - 1) / s.run.batch;
        if (s.cache.size() < runsBefore + batchRuns)
            s.cache.resize(runsBefore + batchRuns, std::vector<HostTensor>(s.slotTensor.size()));
        rankingByRun.resize(runsBefore + batchRuns);
        forEachWorker(s.threads, [&](std::size_t index) {
            Worker& w = s.workers[index];
            CapturingObserver observer(*w.observer, s.slotOf);
            for (std::size_t r = index; r < batchRuns; r += s.threads) {
                const std::size_t globalRun = runsBefore + r;
                const RunSlice slice = sliceRun(owner, batch.size(), r, s.run.batch, runDims);
                std::map<TensorId, HostTensor> given;
                for (std::size_t slot : givenSlots)
                    given[s.slotTensor[slot]] = s.cache[globalRun][slot];
                w.observer->countOnlyFirstItems(static_cast<int64_t>(slice.items), static_cast<int64_t>(s.run.batch));
                observer.startRun(&s.cache[globalRun]);
                std::vector<HostTensor> outputs = w.executor->run({{s.inputName, slice.input}}, PartialRun{&runs, &given}, &observer);
                if (!scoresRun)
                    continue;
                if (outputs.empty() || outputs[0].rank() != 2 || outputs[0].dims()[0] != static_cast<int64_t>(s.run.batch)
                    || outputs[0].type() != DataType::Float)
                    notScores = true;
                else
                    rankingByRun[globalRun] = topClasses(outputs[0], slice.items);
            }
        });
        runsBefore += batchRuns;
        if (progress && !progress(reader.itemsRead() + reader.itemsSkipped(), reader.size()))
            throw ExecutionCancelled();
    }
    // Fresh where the producer ran; still current where it did not (nothing above it changed).
    for (std::size_t slot = 0; slot < s.slotTensor.size(); ++slot)
        s.slotValid[slot] = runs[static_cast<std::size_t>(g.tensor(s.slotTensor[slot]).producer)] || validBefore[slot];

    pass.profile = std::move(s.workers.front().partial);
    for (std::size_t w = 1; w < s.workers.size(); ++w)
        pass.profile.mergeStatistics(s.workers[w].partial);
    if (previous)
        s.workers.front().observer->copyUnrecorded(previous->profile, pass.profile);
    // The executors ran every ReLU as an adjustable one; the records name the op as
    // profileModel's model runs it: ThresholdedRelu where a threshold was given.
    for (ReluInputValues& r : pass.profile.relus)
        if (thresholds.count(r.node))
            r.op = "ThresholdedRelu";
    for (TensorZeros& t : pass.profile.tensors)
        if (thresholds.count(t.producer))
            t.producerOp = "ThresholdedRelu";
    ProfileProvenance p = provenanceFor(s.model, *s.base, reader, thresholds);
    p.notes = s.planNotes;
    p.notes.insert(p.notes.end(), pass.profile.provenance.notes.begin(), pass.profile.provenance.notes.end());
    p.items = static_cast<int64_t>(reader.itemsRead());
    p.skippedItems = static_cast<int64_t>(reader.itemsSkipped());
    pass.profile.provenance = std::move(p);

    if (scoresRun && !notScores && !pass.labels.empty()) {
        for (const std::vector<int64_t>& r : rankingByRun)
            pass.ranking.insert(pass.ranking.end(), r.begin(), r.end());
        pass.rankedPerItem = pass.ranking.size() / pass.labels.size();
    } else if (!scoresRun && previous) {
        pass.ranking = previous->ranking;
        pass.rankedPerItem = previous->rankedPerItem;
    }
    s.previous = pass;
    return pass;
}

} // namespace foldwise::sweep
