// Cost of profiling against plain inference on the same items (synthetic, written once to a
// temporary .npy so that reading them costs next to nothing):
//   plain_b1        inference as `foldwise-cli run` does it, one item at a time (fusion,
//                   Winograd; oneDNN spreads each item over the OpenMP threads)
//   plain_batched   the same at batch BATCH (the fastest plain throughput)
//   profiling       profileModel over all items: each item alone on one of the threads, no
//                   activation fusion, every statistic (what `foldwise-cli profile` does).
//                   Each call builds its executors (one per thread: primitives, Winograd
//                   weight transforms) and hashes the model; `profiling_setup_ms` is that fixed
//                   cost, from a second call over the first BATCH items only, and
//                   `per_item` figures leave it out (a calibration set has hundreds of items).
//   statistics      the ProfilingObserver alone, replayed on the tensors of the first BATCH
//                   items recorded beforehand (the profiler's own cost, without the
//                   executor's; one thread, batch 1)
// Medians of RUNS passes, after one warm-up pass. Thread count: OMP_NUM_THREADS.
//
//   bench_profile MODEL [ITEMS=16] [BATCH=8] [RUNS=5]
#include "data/CalibrationReader.h"
#include "data/NpyFile.h"
#include "data/OpenCalibrationSource.h"
#include "exec/Executor.h"
#include "model/Model.h"
#include "profile/LimitedSource.h"
#include "profile/Profiler.h"
#include "profile/ProfilingObserver.h"

#include <omp.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <functional>
#include <unistd.h>
#include <vector>

using namespace foldwise;

namespace {

// Keeps what one pass showed the observer, to replay it without the executor.
class Recorder : public ExecutionObserver {
public:
    struct Call {
        const Node* node;
        std::vector<HostTensor> inputs;
        std::vector<HostTensor> outputs;
    };
    bool acceptsChannelsLast() const override { return true; }
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
    if (items % batch != 0) {
        std::fprintf(stderr, "ITEMS must be a multiple of BATCH\n");
        return 2;
    }

    const auto loaded = Model::load(argv[1]);
    const Tensor& input = loaded->graph().tensor(loaded->graph().inputs()[0]);
    const std::vector<int64_t> declared = input.shape.values();
    std::vector<int64_t> itemDims(declared.begin() + 1, declared.end());
    CalibrationOptions options;
    options.itemDims = itemDims;
    const HostTensor all = openCalibrationSource("synthetic:" + std::to_string(items), options)->readItems(0, items).inputs;
    const std::filesystem::path npy = std::filesystem::temp_directory_path() / ("bench_profile_" + std::to_string(::getpid()) + ".npy");
    writeNpy(npy, all);
    const auto source = openCalibrationSource(npy.string());

    std::vector<HostTensor> singles, batches;
    for (std::size_t i = 0; i < items; ++i)
        singles.push_back(source->readItems(i, 1).inputs);
    for (std::size_t begin = 0; begin < items; begin += batch)
        batches.push_back(source->readItems(begin, batch).inputs);
    std::vector<int64_t> one = itemDims, full = itemDims;
    one.insert(one.begin(), 1);
    full.insert(full.begin(), static_cast<int64_t>(batch));
    const auto single = loaded->reshaped({{input.name, one}});
    Executor plainSingle(single);
    Executor plainBatched(loaded->reshaped({{input.name, full}}));
    const auto runAll = [&](Executor& e, const std::vector<HostTensor>& xs) {
        for (const HostTensor& x : xs)
            e.run({{input.name, x}});
    };

    const double plainSingleMs = medianMs(runs, [&] { runAll(plainSingle, singles); });
    const double plainBatchedMs = medianMs(runs, [&] { runAll(plainBatched, batches); });
    ProfileOptions profileOptions;
    profileOptions.batchSize = batch;
    const auto profileFirst = [&](std::size_t count) {
        return medianMs(runs, [&] {
            CalibrationReader reader(std::make_shared<LimitedSource>(source, count), Shard{});
            profileModel(*loaded, reader, profileOptions);
        });
    };
    const double profileMs = profileFirst(items);
    const double profileFewMs = items > batch ? profileFirst(batch) : 0.0;
    const double perItemMs = items > batch ? (profileMs - profileFewMs) / static_cast<double>(items - batch)
                                           : profileMs / static_cast<double>(items);
    const double setupMs = profileMs - perItemMs * static_cast<double>(items);

    // The statistics alone, on one thread.
    const int threads = omp_get_max_threads();
    omp_set_num_threads(1);
    Executor unfused(single, profilingExecutorOptions());
    // (Recorded tensors take memory: the first BATCH items stand for all.)
    std::vector<Recorder> recorded(batch);
    for (std::size_t i = 0; i < batch; ++i)
        unfused.run({{input.name, singles[i]}}, &recorded[i]);
    ActivationProfile profile;
    ProfilingObserver profiler(*single, profile);
    const double statisticsMs = medianMs(runs, [&] {
        for (const Recorder& r : recorded)
            r.replay(profiler);
    });
    omp_set_num_threads(threads);
    std::filesystem::remove(npy);

    const double n = static_cast<double>(items);
    std::printf("{\"model\":\"%s\",\"threads\":%d,\"items\":%zu,\"batch\":%zu,\"plain_b1_ms\":%.1f,"
                "\"plain_batched_ms\":%.1f,\"profiling_ms\":%.1f,\"profiling_setup_ms\":%.1f,"
                "\"per_item_ms\":{\"plain_b1\":%.2f,\"plain_batched\":%.2f,\"profiling\":%.2f,\"statistics_1thread\":%.2f},"
                "\"per_item_profiling_over_plain_b1\":%.3f,\"per_item_profiling_over_plain_batched\":%.3f,"
                "\"total_profiling_over_plain_b1\":%.3f}\n",
                loaded->file().stem().c_str(), threads, items, batch, plainSingleMs, plainBatchedMs, profileMs, setupMs,
                plainSingleMs / n, plainBatchedMs / n, perItemMs, statisticsMs / static_cast<double>(batch), perItemMs / (plainSingleMs / n),
                perItemMs / (plainBatchedMs / n), profileMs / plainSingleMs);
    return 0;
}
