#pragma once

// Folding search under a resource budget, after the exhaustive search of the PYNQ thesis
// (docs/domain-reference.md section 3): start from the slowest folding, repeatedly move the
// bottleneck node to its next faster configuration while the design stays within the budget,
// and stop when the bottleneck cannot move.
//
// Each node (a VVAU or Pool together with its depthwise SWG) gets a ladder: its valid foldings
// with dominated ones removed (a folding is dropped when another is no slower and needs no more
// of any resource nor wider streams), one folding per cycle count, ordered from slowest to
// fastest. A step moves the
// bottleneck one rung up; if that rung would exceed the budget the search stops. Because the
// ladders do not depend on the budget and a step only ever speeds up the bottleneck, a larger
// budget replays the same steps and can only go further: max cycles never grow with the budget
// (monotone by construction). The search runs once per resource policy (the design's own
// ram_style/resType, weights in BRAM, multipliers in DSPs, memories in LUTRAM; and per layer:
// the weights of the first k layers in LUTRAM (or URAM) and the rest in BRAM, the multipliers of
// the first k layers in DSPs and the rest in LUTs, for every k, in orders fixed by the network
// alone: most BRAM saved per LUT, most LUTs saved per DSP) and returns the fastest result; a
// minimum of budget-monotone runs is budget-monotone too (policies a device enables, URAM and
// DSP ones, only add candidates as the budget grows). Afterwards nodes
// faster than the final bottleneck are rolled back down their ladders where that saves
// resources without making them the bottleneck. Not modelled: the thesis's preference for
// neighbouring stream widths that divide each other (FINN's width converters are not estimated).

#include "hw/Resources.h"
#include "hw/finn/FinnDesign.h"

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

namespace foldwise::finn {

struct BudgetOptions {
    ResourceUsage available; // LUT, BRAM18, DSP, URAM counts of the device (FF is not estimated)
    ResourceLimits limits;   // fractions of `available` the design may use
    bool rollBack = true;
};

struct BudgetSearchProgress {
    std::string policy;
    int step = 0;
    int64_t maxCycles = 0;
    std::string bottleneck;
    ResourceUsage used;
};
// Return false to stop; the search then returns the best design found so far.
using BudgetSearchProgressFn = std::function<bool(const BudgetSearchProgress&)>;

struct BudgetSearchResult {
    // False when even the slowest folding exceeds the budget under every policy; `foldings`
    // is then empty. A returned folding always fits the budget.
    bool feasible = false;
    bool cancelled = false;
    std::vector<NodeFolding> foldings;
    int64_t maxCycles = 0;
    int64_t criticalPathCycles = 0;
    ResourceUsage used;   // nodes plus FIFOs
    std::string policy;   // the policy that won
    int steps = 0;        // steps of the winning run
    std::string stopReason;
};

// Searches from `start`'s network (its foldings are replaced; its ram_style/resType are the
// first policy). Deterministic.
BudgetSearchResult budgetedSearch(const FinnDesign& start, const BudgetOptions& options,
                                  const BudgetSearchProgressFn& progress = {});

} // namespace foldwise::finn
