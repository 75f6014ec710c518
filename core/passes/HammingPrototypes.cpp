#include "passes/HammingPrototypes.h"

#include "profile/VectorClones.h"

#include <algorithm>
#include <climits>
#include <random>
#include <stdexcept>
#include <string>

namespace foldwise::passes {
namespace {

struct Farthest {
    int32_t distance = -1;
    int64_t unit = -1;

    bool beats(const Farthest& other) const
    {
        return distance > other.distance || (distance == other.distance && distance >= 0 && unit < other.unit);
    }
};

// One farthest-point step over units [begin, end): each unit's distance to its nearest chosen
// unit takes the newly chosen one into account, and the farthest unit is tracked. Chosen units
// hold -1, which no distance undercuts, so they are never picked again.
FOLDWISE_VECTOR_CLONES
void updateChunk(const uint64_t* bits, std::size_t words, const uint64_t* chosen, int32_t* minDist, int64_t begin,
                 int64_t end, Farthest& best)
{
    for (int64_t u = begin; u < end; ++u) {
        const int32_t d = hammingDistance(bits + static_cast<std::size_t>(u) * words, chosen, words);
        const int32_t m = std::min(minDist[u], d);
        minDist[u] = m;
        if (m > best.distance) {
            best.distance = m;
            best.unit = u;
        }
    }
}

// Nearest prototype of units [begin, end). One-word vectors (up to 64 items) get a loop of
// their own, the common case for quick runs.
FOLDWISE_VECTOR_CLONES
void nearestChunk(const uint64_t* protos, std::size_t count, const uint64_t* units, std::size_t words, int64_t begin,
                  int64_t end, int32_t* prototype, int32_t* distance)
{
    for (int64_t u = begin; u < end; ++u) {
        const uint64_t* x = units + static_cast<std::size_t>(u) * words;
        int32_t best = INT32_MAX;
        std::size_t which = 0;
        if (words == 1) {
            const uint64_t v = x[0];
            for (std::size_t k = 0; k < count; ++k) {
                const int32_t d = std::popcount(v ^ protos[k]);
                if (d < best) {
                    best = d;
                    which = k;
                    if (d == 0)
                        break;
                }
            }
        } else {
            for (std::size_t k = 0; k < count; ++k) {
                const int32_t d = hammingDistance(x, protos + k * words, words);
                if (d < best) {
                    best = d;
                    which = k;
                    if (d == 0)
                        break;
                }
            }
        }
        prototype[u] = static_cast<int32_t>(which);
        distance[u] = best;
    }
}

constexpr int64_t kChunk = 4096;

} // namespace

std::size_t firstPrototype(uint64_t seed, std::size_t units)
{
    if (units == 0)
        throw std::invalid_argument("firstPrototype: no units");
    std::mt19937_64 rng(seed);
    return static_cast<std::size_t>(rng() % units);
}

std::vector<int64_t> farthestPointSampling(const DreluBits& bits, std::size_t count, uint64_t seed, const WorkStep& step)
{
    if (count < 1 || count > bits.units())
        throw std::invalid_argument("farthestPointSampling: " + std::to_string(count) + " prototypes among "
                                    + std::to_string(bits.units()) + " units");
    const auto units = static_cast<int64_t>(bits.units());
    if (count == bits.units()) {
        // Every unit: farthest-point order would cost units^2 distances to choose the same set.
        std::vector<int64_t> all(bits.units());
        for (int64_t u = 0; u < units; ++u)
            all[static_cast<std::size_t>(u)] = u;
        if (step)
            step(count);
        return all;
    }
    const std::size_t words = bits.words();
    const int64_t chunks = (units + kChunk - 1) / kChunk;
    const bool parallel = units * static_cast<int64_t>(std::max<std::size_t>(words, 1)) > (int64_t(1) << 15);
    std::vector<int32_t> minDist(bits.units(), INT32_MAX);
    std::vector<int64_t> chosen;
    chosen.reserve(count);
    auto next = static_cast<int64_t>(firstPrototype(seed, bits.units()));
    for (;;) {
        chosen.push_back(next);
        minDist[static_cast<std::size_t>(next)] = -1;
        if (step)
            step(chosen.size());
        if (chosen.size() == count)
            break;
        const uint64_t* c = bits.unit(static_cast<std::size_t>(next));
        Farthest best;
#pragma omp parallel if (parallel)
        {
            Farthest local;
#pragma omp for schedule(static) nowait
            for (int64_t k = 0; k < chunks; ++k)
                updateChunk(bits.data(), words, c, minDist.data(), k * kChunk, std::min(units, (k + 1) * kChunk), local);
#pragma omp critical(foldwise_farthest_point)
            if (local.beats(best))
                best = local;
        }
        next = best.unit;
    }
    return chosen;
}

NearestPrototypes assignNearest(const DreluBits& prototypes, const DreluBits& units, const WorkStep& step)
{
    if (prototypes.units() == 0)
        throw std::invalid_argument("assignNearest: no prototypes");
    if (prototypes.items() != units.items())
        throw std::invalid_argument("assignNearest: prototypes over " + std::to_string(prototypes.items())
                                    + " items, units over " + std::to_string(units.items()));
    NearestPrototypes r;
    r.prototype.assign(units.units(), 0);
    r.distance.assign(units.units(), 0);
    const auto total = static_cast<int64_t>(units.units());
    const std::size_t words = units.words();
    // Rounds of chunks between progress reports, so that cancelling is never far away.
    constexpr int64_t kRound = 64 * kChunk;
    for (int64_t first = 0; first < total; first += kRound) {
        const int64_t last = std::min(total, first + kRound);
        const int64_t chunks = (last - first + kChunk - 1) / kChunk;
        const bool parallel = (last - first) * static_cast<int64_t>(prototypes.units()) > (int64_t(1) << 14);
#pragma omp parallel for schedule(dynamic) if (parallel)
        for (int64_t k = 0; k < chunks; ++k)
            nearestChunk(prototypes.data(), prototypes.units(), units.data(), words, first + k * kChunk,
                         std::min(last, first + (k + 1) * kChunk), r.prototype.data(), r.distance.data());
        if (step)
            step(static_cast<std::size_t>(last));
    }
    return r;
}

} // namespace foldwise::passes
