#pragma once

#include "plots/PlotWidget.h"

#include <utility>

class QCPGraph;
class QCPItemStraightLine;

namespace foldwise::gui::plots {

// Each hardware layer's cycles under the design's folding (a large marker) among the foldings
// the optimisers consider for it (small grey dots), on a log scale, with the interval line: how
// much faster each layer could go and at what cost, in the spirit of FINN's cycles view. Layers
// far above their fastest option with room under the interval are where folding is wasted.
class FoldingPlot : public LayerAnalysisPlot {
    Q_OBJECT

public:
    explicit FoldingPlot(QWidget* parent = nullptr);

    QCPGraph* currentGraph() const { return currentFolding_; }
    QCPGraph* optionsGraph() const { return options_; }

    QString toolTipAt(const QPointF& coords) const override;
    int layerAt(const QPointF& coords) const override;

protected:
    void rebuild() override;
    void currentLayerChanged() override;
    void fitAxes() override;

private:
    // (hardware layer, alternative index or -1 for the current folding) near `coords`.
    std::pair<int, int> pointNear(const QPointF& coords) const;

    QCPGraph* options_;
    QCPGraph* currentFolding_;
    QCPGraph* selected_;
    QCPItemStraightLine* interval_;
};

} // namespace foldwise::gui::plots
