#pragma once

#include "plots/PlotWidget.h"

#include <memory>
#include <vector>

class QCPGraph;
class QCPItemStraightLine;

namespace foldwise::gui {
class LayerAnalysis;
}

namespace foldwise::gui::plots {

// Each hardware layer's cycles under the design's folding (a large marker) among the foldings
// the optimisers consider for it (small grey dots), on a log scale, with the interval line: how
// much faster each layer could go and at what cost, in the spirit of FINN's cycles view. Layers
// far above their fastest option with room under the interval are where folding is wasted.
class FoldingPlot : public PlotWidget {
    Q_OBJECT

public:
    explicit FoldingPlot(QWidget* parent = nullptr);

    void setAnalysis(std::shared_ptr<const LayerAnalysis> current);
    QCPGraph* currentGraph() const { return current_; }
    QCPGraph* optionsGraph() const { return options_; }

    QString toolTipAt(const QPointF& coords) const override;
    int layerAt(const QPointF& coords) const override;

protected:
    void currentLayerChanged() override;
    void fitAxes() override;

private:
    // (hardware layer, alternative index or -1 for the current folding) near `coords`.
    std::pair<int, int> pointNear(const QPointF& coords) const;

    std::shared_ptr<const LayerAnalysis> analysis_;
    QCPGraph* options_;
    QCPGraph* current_;
    QCPGraph* selected_;
    QCPItemStraightLine* interval_;
};

} // namespace foldwise::gui::plots
