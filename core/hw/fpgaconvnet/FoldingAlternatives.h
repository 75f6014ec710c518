#pragma once

#include "hw/fpgaconvnet/Design.h"

#include <cstddef>
#include <vector>

namespace foldwise::fpgaconvnet {

// One folding the optimisers could have picked for a layer, with what it would cost.
struct FoldingAlternative {
    Folding folding;
    double cycles = 0; // cycles per item as modelled (sparse where the layer is sparse)
    double dsp = 0;
    bool current = false; // the design's own folding
};

// The feasible foldings of one layer that the optimisers search (the combinations of
// foldingOptions(), the layer's weights reloading kept where it stays feasible), each evaluated
// on a copy of the design with only that layer changed, sorted by cycles. At most `limit`
// alternatives, spread evenly over the sorted list so the fastest and slowest stay; the current
// folding is always included. This is what a cycles-per-folding view (FINN's
// cycles/remainder plot) shows: how far each layer is from its fastest option.
std::vector<FoldingAlternative> foldingAlternatives(const Evaluator& evaluator, std::size_t layer,
                                                    std::size_t limit = 512);

} // namespace foldwise::fpgaconvnet
