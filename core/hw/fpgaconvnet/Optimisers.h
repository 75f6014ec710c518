#pragma once

#include "hw/fpgaconvnet/Design.h"

#include <atomic>
#include <cstdint>
#include <functional>

namespace foldwise::fpgaconvnet {

// Called now and then with the moves made so far and the best cost (Evaluator::cost) found;
// returning false stops the search, which then returns the best design so far.
using OptimiserProgress = std::function<bool(int64_t moves, double bestCost)>;

// Cuts the layers into as few sequential partitions as fit the device at folding 1, at valid
// cuts. Throws std::runtime_error naming the layer(s) that fit no partition.
Design partitionToFit(Design design);

struct GreedyOptions {
    // An increase of a sparse convolution's `fine` is kept only if it speeds the layer up by
    // more than this factor (the ReLU-threshold work used 1.2): zero skipping makes more fine
    // lanes pay off less.
    double sparseFineGain = 1.2;
    // After the folding search, merge or split partitions while that makes the design faster.
    bool repartition = true;
};

// fpgaConvNet's greedy optimiser: starting from `start` (made feasible with partitionToFit
// first if it is not), repeatedly raise one folding parameter of each partition's slowest layer
// (the single step that fits and cuts its latency most per resource added) until that layer
// cannot get faster within the limits. Never returns an infeasible design.
Design optimiseGreedy(Design start, const GreedyOptions& options = {}, const OptimiserProgress& progress = {});

struct AnnealingOptions {
    double temperature = 10.0;     // T at the start
    double k = 100.0;              // Boltzmann constant scaling the acceptance
    double minTemperature = 1e-4;  // stop below this T
    double cool = 0.97;            // T *= cool after each round
    int64_t iterations = 100;      // moves per temperature
    // When set: exactly this many moves, spread evenly over the cooling schedule (iterations
    // per temperature derived from it).
    int64_t maxMoves = 0;
    uint64_t seed = 0;
    bool partitions = true;        // moves may add, remove or shift partition cuts
    double sparseFineGain = 1.2;   // for the greedy start (GreedyOptions::sparseFineGain)
    bool repartition = true;       // for the greedy start (GreedyOptions::repartition)
};

// Simulated annealing over the foldings (and partition cuts) from a feasible start (the greedy
// design of `start`): each move sets one parameter of one layer to another of its values, or
// changes one cut; infeasible moves are rejected; a worse design is accepted when
// exp(-relative cost increase / (k * T)) >= U(0, 1). Cost changes are taken relative to the
// current cost so that T and k mean the same for any network and clock. Deterministic for a
// given seed; returns the best design seen.
Design optimiseAnnealing(Design start, const AnnealingOptions& options = {}, const OptimiserProgress& progress = {},
                         int64_t* movesMade = nullptr);

} // namespace foldwise::fpgaconvnet
