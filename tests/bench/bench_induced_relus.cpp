// The induced-ReLU hot loops at resnet18's sizes, on random sign bits (the loops' cost does not
// depend on the values, only on units, items and prototypes):
//   record     packing ITEMS items of the stem's input (64 x 112 x 112 floats each) into bits
//   fps        farthest-point sampling of PROTOTYPES prototypes among the stem's 802,816 units
//   assign     nearest prototype of every unit of the stem (itself) and of layer1.0's ReLU
//              (64 x 56 x 56), as `foldwise-cli induce` with the stem inducing both does
// Prints one JSON line. Threads: OpenMP's (OMP_NUM_THREADS).
//
//   bench_induced_relus [ITEMS=64] [PROTOTYPES=1000]
#include "passes/DreluBits.h"
#include "passes/HammingPrototypes.h"

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <random>
#include <vector>

using namespace foldwise::passes;

namespace {

double seconds(std::chrono::steady_clock::time_point start)
{
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

} // namespace

int main(int argc, char** argv)
{
    const std::size_t items = argc > 1 ? std::strtoull(argv[1], nullptr, 10) : 64;
    const std::size_t prototypes = argc > 2 ? std::strtoull(argv[2], nullptr, 10) : 1000;
    const std::size_t stem = 64 * 112 * 112, layer1 = 64 * 56 * 56;

    std::mt19937 rng(1);
    std::normal_distribution<float> normal;
    std::vector<float> batch(8 * stem);
    for (float& v : batch)
        v = normal(rng);
    DreluBits stemBits(stem, items), layerBits(layer1, items);
    auto start = std::chrono::steady_clock::now();
    for (std::size_t first = 0; first < items; first += 8)
        stemBits.record(batch.data(), first, std::min<std::size_t>(8, items - first));
    const double record = seconds(start);
    for (std::size_t first = 0; first < items; first += 8)
        layerBits.record(batch.data(), first, std::min<std::size_t>(8, items - first));

    start = std::chrono::steady_clock::now();
    const std::vector<int64_t> chosen = farthestPointSampling(stemBits, prototypes, 0);
    const double fps = seconds(start);
    const DreluBits prototypeBits = stemBits.select(chosen);
    start = std::chrono::steady_clock::now();
    const NearestPrototypes a = assignNearest(prototypeBits, stemBits);
    const NearestPrototypes b = assignNearest(prototypeBits, layerBits);
    const double assign = seconds(start);
    std::printf("{\"items\":%zu,\"prototypes\":%zu,\"record_s\":%.4f,\"fps_s\":%.4f,\"assign_s\":%.4f,"
                "\"assigned_units\":%zu,\"check\":%d}\n",
                items, prototypes, record, fps, assign, a.prototype.size() + b.prototype.size(),
                a.distance[0] + b.distance[0]);
    return 0;
}
