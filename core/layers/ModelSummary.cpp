#include "layers/ModelSummary.h"

#include <limits>
#include <utility>

namespace foldwise {

ModelSummary summariseModel(const Model& model)
{
    ModelSummary summary;
    const Graph& g = model.graph();
    summary.layers.reserve(g.nodes().size());
    summary.totals.quantized = model.isQuantized();
    for (NodeId id : g.topologicalOrder()) {
        LayerFigures f = computeLayerFigures(model, id);
        ModelTotals& t = summary.totals;
        if (f.macs)
            t.macs += *f.macs;
        else
            ++t.layersWithUnknownMacs;
        t.params += f.params();
        ++t.nodes;
        if (f.qonnxOp)
            ++t.qonnxNodes;
        else if (!f.standardOp)
            ++t.customNodes;
        // Saturating: a hostile model's figures must not overflow the totals.
        for (auto [total, value] : {std::pair{&t.bops, f.bops}, std::pair{&t.weightMemoryBits, f.weightMemoryBits}})
            if (value && __builtin_add_overflow(*total, *value, total))
                *total = std::numeric_limits<int64_t>::max();
        ++t.nodesByKind[f.kind];
        summary.layers.push_back(std::move(f));
    }
    return summary;
}

} // namespace foldwise
