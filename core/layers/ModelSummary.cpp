#include "layers/ModelSummary.h"

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
        t.bops += f.bops.value_or(0);
        t.weightMemoryBits += f.weightMemoryBits.value_or(0);
        ++t.nodesByKind[f.kind];
        summary.layers.push_back(std::move(f));
    }
    return summary;
}

} // namespace foldwise
