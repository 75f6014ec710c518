// Speed of the fpgaConvNet-style model: design-point evaluations per second (one layer's
// folding changed, then the network cost and feasibility read, as an optimiser move does) and
// a full simulated annealing run of MOVES moves.
//
//   bench_design MODEL [PLATFORM=zcu102] [MOVES=100000]
#include "hw/fpgaconvnet/Optimisers.h"
#include "model/Model.h"

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <random>

using namespace foldwise;
using namespace foldwise::fpgaconvnet;

int main(int argc, char** argv)
{
    if (argc < 2) {
        std::fprintf(stderr, "usage: bench_design MODEL [PLATFORM=zcu102] [MOVES=100000]\n");
        return 2;
    }
    const auto model = Model::load(argv[1]);
    const Platform platform = findPlatform(argc > 2 ? argv[2] : "zcu102");
    const int64_t moves = argc > 3 ? std::atoll(argv[3]) : 100000;
    const Design start = minimalDesign(buildHardwareGraph(*model), platform, DesignSettings{});

    // Evaluations: random feasible foldings of random layers.
    Evaluator e(partitionToFit(start));
    std::mt19937_64 rng(1);
    std::vector<FoldingOptions> options;
    for (const HardwareLayer& l : e.design().graph.layers)
        options.push_back(foldingOptions(l, e.design().settings));
    const int64_t evaluations = 1000000;
    double sink = 0;
    auto begin = std::chrono::steady_clock::now();
    for (int64_t i = 0; i < evaluations; ++i) {
        const std::size_t layer = rng() % e.layerCount();
        Folding f = e.design().folding[layer];
        const FoldingOptions& o = options[layer];
        f.coarseIn = o.coarseIn[rng() % o.coarseIn.size()];
        if (e.design().graph.layers[layer].type != LayerType::Convolution && e.design().graph.layers[layer].type != LayerType::InnerProduct)
            f.coarseOut = f.coarseIn;
        if (!isFeasible(e.design().graph.layers[layer], f, e.design().settings))
            continue;
        e.setFolding(layer, f);
        sink += e.cost() + (e.feasible() ? 1 : 0);
    }
    const double evalSeconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - begin).count();

    AnnealingOptions a;
    a.maxMoves = moves;
    int64_t made = 0;
    begin = std::chrono::steady_clock::now();
    const Design best = optimiseAnnealing(start, a, {}, &made);
    const double annealSeconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - begin).count();
    const Evaluator result(best);
    std::printf("{\"model\":\"%s\",\"platform\":\"%s\",\"layers\":%zu,\"evaluations_per_second\":%.0f,"
                "\"annealing_moves\":%lld,\"annealing_seconds\":%.3f,\"throughput_fps\":%.3f,\"partitions\":%zu,\"sink\":%g}\n",
                model->file().stem().c_str(), platform.name.c_str(), result.layerCount(),
                static_cast<double>(evaluations) / evalSeconds, static_cast<long long>(made), annealSeconds,
                result.throughputFps(), result.partitionCount(), sink);
    return 0;
}
