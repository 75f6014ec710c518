#pragma once

// The induced-ReLU hot loops (domain reference section 6): prototypes chosen among an inducer's
// units by farthest-point sampling with Hamming distance over their DReLU vectors, and every
// unit of an induced layer assigned to its nearest prototype. Both share the units out over
// OpenMP threads and popcount whole 64-item words; results do not depend on the thread count.

#include "passes/DreluBits.h"

#include <cstddef>
#include <cstdint>
#include <functional>
#include <vector>

namespace foldwise::passes {

// Called on the calling thread between chunks of work (never inside a parallel region) with
// the work done so far; may throw (PassCancelled) to stop.
using WorkStep = std::function<void(std::size_t done)>;

// The first prototype for `seed`: mt19937_64(seed)'s first number modulo `units` (the
// generator is fixed by the C++ standard, so every platform picks the same unit).
std::size_t firstPrototype(uint64_t seed, std::size_t units);

// `count` (1..units) distinct units of `bits`: firstPrototype(seed) first, then each time the
// unit whose distance to its nearest chosen unit is largest (ties: the lowest unit index).
// Units with identical vectors are chosen once all others are at distance 0. A count of all
// units returns them in unit order (the same set, without units^2 distances). `step` sees the
// number chosen. Throws std::invalid_argument for a count outside 1..units.
std::vector<int64_t> farthestPointSampling(const DreluBits& bits, std::size_t count, uint64_t seed,
                                           const WorkStep& step = {});

struct NearestPrototypes {
    std::vector<int32_t> prototype; // per unit: position of its nearest prototype in the list
    std::vector<int32_t> distance;  // per unit: the Hamming distance to it
};

// Each unit of `units` with its nearest row of `prototypes` (ties: the earlier prototype).
// Both must cover the same items. `step` sees the units done. Throws std::invalid_argument for
// no prototypes or differing item counts.
NearestPrototypes assignNearest(const DreluBits& prototypes, const DreluBits& units, const WorkStep& step = {});

} // namespace foldwise::passes
