// What a threshold sweep costs against profiling each step from scratch, in one process:
//   separate   ITERATIONS calls of profileModel with uniform thresholds 0.005 * k, k = 1..N:
//              what running `foldwise-cli profile --thresholds` once per step costs (each call
//              builds its executors, transforms the weights and runs every node on every item)
//   sweep      runSweep over the same steps plus iteration 0 (thresholds 0), uniform policy,
//              fixed hardware on PLATFORM: one incremental profile pass per iteration (which
//              also gives the accuracy), the hardware model, and every run-log file written
//   passes     the incremental profiler's passes alone (the sweep without hardware and files)
// Items are synthetic ImageLike items at the model's input size.
//
//   bench_sweep MODEL [ITEMS=64] [ITERATIONS=20] [PLATFORM=zcu102]
#include "data/CalibrationReader.h"
#include "data/SyntheticSource.h"
#include "hw/Platform.h"
#include "model/Model.h"
#include "profile/Profiler.h"
#include "sweep/IncrementalProfiler.h"
#include "sweep/Sweep.h"
#include "sweep/ThresholdPolicy.h"

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <string>

using namespace foldwise;

namespace {

double secondsSince(std::chrono::steady_clock::time_point start)
{
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

ReluThresholds uniform(const Model& model, float t)
{
    ReluThresholds thresholds;
    for (const std::string& relu : sweep::reluNodes(model))
        thresholds[relu] = t;
    return thresholds;
}

} // namespace

int main(int argc, char** argv)
{
    if (argc < 2) {
        std::fprintf(stderr, "usage: bench_sweep MODEL [ITEMS=64] [ITERATIONS=20] [PLATFORM=zcu102]\n");
        return 2;
    }
    const auto model = Model::load(argv[1]);
    const std::size_t items = argc > 2 ? std::strtoul(argv[2], nullptr, 10) : 64;
    const int iterations = argc > 3 ? std::atoi(argv[3]) : 20;
    const std::string platform = argc > 4 ? argv[4] : "zcu102";
    const Tensor& input = model->graph().tensor(model->graph().inputs()[0]);
    SyntheticOptions so;
    const std::vector<int64_t> inputDims = input.shape.values();
    so.itemDims = std::vector<int64_t>(inputDims.begin() + 1, inputDims.end());
    so.distribution = SyntheticOptions::Distribution::ImageLike;
    const auto data = std::make_shared<SyntheticSource>(items, so);
    constexpr float kStep = 0.005f;

    auto start = std::chrono::steady_clock::now();
    for (int k = 1; k <= iterations; ++k) {
        CalibrationReader reader(data);
        ProfileOptions o;
        o.thresholds = uniform(*model, kStep * static_cast<float>(k));
        profileModel(*model, reader, o);
    }
    const double separate = secondsSince(start);

    start = std::chrono::steady_clock::now();
    {
        sweep::IncrementalProfiler profiler(*model, data);
        for (int k = 0; k <= iterations; ++k)
            profiler.run(uniform(*model, kStep * static_cast<float>(k)));
    }
    const double passes = secondsSince(start);

    const std::filesystem::path runDir = std::filesystem::temp_directory_path() / ("bench_sweep_" + std::to_string(::getpid()));
    sweep::SweepOptions o;
    o.policy = "uniform";
    o.mode = "fixed";
    o.step.increment = kStep;
    o.iterations = iterations;
    o.platform = findPlatform(platform);
    start = std::chrono::steady_clock::now();
    sweep::runSweep(*model, data, o, runDir);
    const double sweepSeconds = secondsSince(start);
    std::filesystem::remove_all(runDir);

    std::printf("model %s, %zu items, %d iterations (+ iteration 0 in the sweep)\n", argv[1], items, iterations);
    std::printf("separate_profiles_s %.3f\n", separate);
    std::printf("incremental_passes_s %.3f  (%d passes)\n", passes, iterations + 1);
    std::printf("sweep_s %.3f  (passes + hardware + run-log files)\n", sweepSeconds);
    std::printf("ratio sweep/separate %.3f, passes/separate %.3f\n", sweepSeconds / separate, passes / separate);
    return 0;
}
