// Times what `foldwise-cli inspect` does (load + validate + shape inference + layer figures)
// per model, median of N runs, and prints one line per model: "<file> <median ms>".
#include "layers/ModelSummary.h"
#include "model/Model.h"

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <vector>

int main(int argc, char** argv)
{
    if (argc < 3) {
        std::fprintf(stderr, "usage: bench_inspect RUNS MODEL...\n");
        return 2;
    }
    const int runs = std::max(1, std::atoi(argv[1]));
    for (int m = 2; m < argc; ++m) {
        std::vector<double> ms;
        int64_t macs = 0;
        for (int r = 0; r < runs; ++r) {
            const auto start = std::chrono::steady_clock::now();
            const auto model = foldwise::Model::load(argv[m]);
            macs = foldwise::summariseModel(*model).totals.macs;
            ms.push_back(std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count());
        }
        std::sort(ms.begin(), ms.end());
        std::printf("%s %.2f ms (median of %d; %lld MACs)\n", argv[m], ms[ms.size() / 2], runs,
                    static_cast<long long>(macs));
    }
    return 0;
}
