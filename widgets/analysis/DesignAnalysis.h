#pragma once

#include "hw/DesignReport.h"
#include "hw/fpgaconvnet/Design.h"
#include "hw/fpgaconvnet/FoldingAlternatives.h"

#include <memory>
#include <string>
#include <vector>

namespace foldwise::gui {

// A design read from a file and evaluated (with the profile loaded with it, when any): what the
// hardware plots, the table and the exports use. Immutable once made, so views and the sweep
// cache share it.
struct DesignAnalysis {
    std::string file;
    std::shared_ptr<const fpgaconvnet::Evaluator> evaluator;
    NetworkEstimate estimate;
    // Per hardware layer, the foldings the optimisers consider with their cycles (FoldingPlot).
    std::vector<std::vector<fpgaconvnet::FoldingAlternative>> alternatives;
};

} // namespace foldwise::gui
