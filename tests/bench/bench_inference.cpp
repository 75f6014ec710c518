// Plain inference time of one model with the deterministic reference input: 3 warm-up runs,
// then the median of RUNS. Thread count: OMP_NUM_THREADS (oneDNN's OpenMP runtime reads it).
// Prints one JSON line like tests/reference/bench_onnxruntime.mjs does.
#include "exec/Executor.h"
#include "model/Model.h"

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <vector>

int main(int argc, char** argv)
{
    if (argc < 2) {
        std::fprintf(stderr, "usage: bench_inference MODEL [RUNS]\n");
        return 2;
    }
    const int runs = argc > 2 ? std::max(1, std::atoi(argv[2])) : 20;
    using namespace foldwise;
    const auto model = Model::load(argv[1]);
    const Tensor& input = model->graph().tensor(model->graph().inputs()[0]);
    HostTensor x = HostTensor::allocate(DataType::Float, input.shape.values());
    float* p = x.mutableData<float>();
    for (int64_t i = 0; i < x.elementCount(); ++i)
        p[i] = static_cast<float>(static_cast<double>((i * 7919) % 10007) / 10007.0 * 4.0 - 2.0);
    Executor executor(model);
    const std::map<std::string, HostTensor> feeds{{input.name, x}};
    for (int i = 0; i < 3; ++i)
        executor.run(feeds);
    std::vector<double> ms;
    for (int i = 0; i < runs; ++i) {
        const auto start = std::chrono::steady_clock::now();
        executor.run(feeds);
        ms.push_back(std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count());
    }
    std::sort(ms.begin(), ms.end());
    const char* threads = std::getenv("OMP_NUM_THREADS");
    std::printf("{\"runtime\":\"foldwise\",\"threads\":%s,\"model\":\"%s\",\"median_ms\":%.3f}\n", threads ? threads : "0",
                model->file().stem().c_str(), ms[ms.size() / 2]);
    return 0;
}
