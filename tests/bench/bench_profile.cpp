// Cost of profiling against plain inference: the same batches (synthetic items, read once up
// front) run through
//   plain            the executor as inference uses it (fusion, Winograd)
//   batch-invariant  the executor as the profiler runs it (no fusion, no Winograd), no observer
//   null observer    the same with an observer that does nothing (what observing costs the executor:
//                    row-major copies of channels-last tensors)
//   profiling        the same with the ProfilingObserver
//   statistics       the ProfilingObserver alone, replayed on the tensors of one pass recorded
//                    beforehand (the profiler's own cost, without the executor's)
// Medians of RUNS passes over all batches, after one warm-up pass. Thread count: OMP_NUM_THREADS.
//
//   bench_profile MODEL [ITEMS=16] [BATCH=8] [RUNS=5]
#include "data/OpenCalibrationSource.h"
#include "exec/Executor.h"
#include "model/Model.h"
#include "profile/Profiler.h"
#include "profile/ProfilingObserver.h"

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <functional>
#include <vector>

using namespace foldwise;

namespace {

class NullObserver : public ExecutionObserver {
public:
    void nodeFinished(const Node&, std::span<const HostTensor* const>, std::span<const HostTensor>) override {}
};

// Keeps what one pass showed the observer, to replay it without the executor.
class Recorder : public ExecutionObserver {
public:
    struct Call {
        const Node* node;
        std::vector<HostTensor> inputs;
        std::vector<HostTensor> outputs;
    };
    void nodeFinished(const Node& node, std::span<const HostTensor* const> inputs,
                      std::span<const HostTensor> outputs) override
    {
        Call call{&node, {}, {}};
        for (const HostTensor* t : inputs)
            call.inputs.push_back(t ? t->clone() : HostTensor());
        for (const HostTensor& t : outputs)
            call.outputs.push_back(t.clone());
        calls.push_back(std::move(call));
    }
    void replay(ExecutionObserver& to) const
    {
        for (const Call& c : calls) {
            std::vector<const HostTensor*> inputs;
            for (const HostTensor& t : c.inputs)
                inputs.push_back(t.empty() ? nullptr : &t);
            to.nodeFinished(*c.node, inputs, c.outputs);
        }
    }
    std::vector<Call> calls;
};

double medianMs(int runs, const std::function<void()>& pass)
{
    pass(); // warm-up: primitive creation, buffer pools
    std::vector<double> ms;
    for (int i = 0; i < runs; ++i) {
        const auto start = std::chrono::steady_clock::now();
        pass();
        ms.push_back(std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count());
    }
    std::sort(ms.begin(), ms.end());
    return ms[ms.size() / 2];
}

} // namespace

int main(int argc, char** argv)
{
    if (argc < 2) {
        std::fprintf(stderr, "usage: bench_profile MODEL [ITEMS=16] [BATCH=8] [RUNS=5]\n");
        return 2;
    }
    const std::size_t items = argc > 2 ? static_cast<std::size_t>(std::max(1, std::atoi(argv[2]))) : 16;
    const std::size_t batch = argc > 3 ? static_cast<std::size_t>(std::max(1, std::atoi(argv[3]))) : 8;
    const int runs = argc > 4 ? std::max(1, std::atoi(argv[4])) : 5;

    const auto loaded = Model::load(argv[1]);
    const Tensor& input = loaded->graph().tensor(loaded->graph().inputs()[0]);
    const std::vector<int64_t> declared = input.shape.values();
    std::vector<int64_t> itemDims(declared.begin() + 1, declared.end());
    CalibrationOptions options;
    options.itemDims = itemDims;
    const auto source = openCalibrationSource("synthetic:" + std::to_string(items), options);
    std::vector<HostTensor> batches;
    for (std::size_t begin = 0; begin < items; begin += batch)
        batches.push_back(source->readItems(begin, batch).inputs);

    std::vector<int64_t> one = itemDims, full = itemDims;
    one.insert(one.begin(), 1);
    full.insert(full.begin(), static_cast<int64_t>(batch));
    const auto single = loaded->reshaped({{input.name, one}});
    const auto batched = loaded->reshaped({{input.name, full}});
    if (items % batch != 0) {
        std::fprintf(stderr, "ITEMS must be a multiple of BATCH\n");
        return 2;
    }

    Executor fast(batched);
    Executor invariant(batched, batchInvariantExecutorOptions());
    const auto runAll = [&](Executor& e, ExecutionObserver* observer) {
        for (const HostTensor& b : batches)
            e.run({{input.name, b}}, observer);
    };
    NullObserver null;
    ActivationProfile profile;
    ProfilingObserver profiler(*single, profile);

    const double plainMs = medianMs(runs, [&] { runAll(fast, nullptr); });
    const double invariantMs = medianMs(runs, [&] { runAll(invariant, nullptr); });
    const double nullMs = medianMs(runs, [&] { runAll(invariant, &null); });
    const double profileMs = medianMs(runs, [&] { runAll(invariant, &profiler); });
    std::vector<Recorder> recorded(batches.size());
    for (std::size_t i = 0; i < batches.size(); ++i)
        invariant.run({{input.name, batches[i]}}, &recorded[i]);
    const double statisticsMs = medianMs(runs, [&] {
        for (const Recorder& r : recorded)
            r.replay(profiler);
    });

    const char* threads = std::getenv("OMP_NUM_THREADS");
    std::printf("{\"model\":\"%s\",\"threads\":%s,\"items\":%zu,\"batch\":%zu,\"plain_ms\":%.1f,"
                "\"batch_invariant_ms\":%.1f,\"null_observer_ms\":%.1f,\"profiling_ms\":%.1f,\"statistics_ms\":%.1f,"
                "\"profiling_over_plain\":%.3f,\"profiling_over_batch_invariant\":%.3f,"
                "\"statistics_over_plain\":%.3f}\n",
                loaded->file().stem().c_str(), threads ? threads : "0", items, batch, plainMs, invariantMs, nullMs,
                profileMs, statisticsMs, profileMs / plainMs, profileMs / invariantMs, statisticsMs / plainMs);
    return 0;
}
