#pragma once

#include "hw/DesignReport.h"
#include "hw/Resources.h"
#include "hw/fpgaconvnet/Design.h"
#include "hw/fpgaconvnet/Fidelity.h"
#include "hw/fpgaconvnet/FoldingAlternatives.h"

#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace foldwise::gui {

// A design read from a file and evaluated (with the profile loaded with it, when any): what the
// hardware plots, the table and the exports use. Immutable once made, so views and the sweep
// cache share it. A tool's own report (fpgaConvNet report.json, FINN estimate reports) is a
// design without an evaluator: its cycles and resources as reported, no folding to explore.
struct DesignAnalysis {
    std::string file;
    std::shared_ptr<const fpgaconvnet::Evaluator> evaluator; // null for a tool's report
    std::string reportTool;                 // "fpgaconvnet" or "finn" for a report, else empty
    std::optional<ResourceUsage> budget;    // the device's resources, when known
    std::string platform;                   // the device's name, when known
    NetworkEstimate estimate;
    // Per hardware layer, the foldings the optimisers consider with their cycles (FoldingPlot).
    std::vector<std::vector<fpgaconvnet::FoldingAlternative>> alternatives;
    // The design on Foldwise's model against fpgaConvNet's, layer by layer (FidelityView). Null
    // for a tool's report, or when the comparison failed: fidelityError says why.
    std::shared_ptr<const fpgaconvnet::FidelityReport> fidelity;
    std::string fidelityError;
};

} // namespace foldwise::gui
