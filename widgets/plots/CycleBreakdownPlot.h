#pragma once

#include "plots/PlotWidget.h"

#include <memory>
#include <vector>

class QCPBars;
class QCPBarsGroup;
class QCPItemStraightLine;
class QCPItemText;

namespace foldwise::gui {
class LayerAnalysis;
}

namespace foldwise::gui::plots {

// Cycles per item of each hardware layer: dense (no zero skipping) beside the cycles as
// modelled, with the interval (the slowest layer's cycles) as a line and the bottleneck marked.
// With a compared iteration its modelled cycles stand beside them.
class CycleBreakdownPlot : public PlotWidget {
    Q_OBJECT

public:
    explicit CycleBreakdownPlot(QWidget* parent = nullptr);

    void setAnalysis(std::shared_ptr<const LayerAnalysis> current, std::shared_ptr<const LayerAnalysis> compared = {});
    int categoryCount() const { return static_cast<int>(layers_.size()); }
    QCPBars* denseBars() const { return dense_; }
    QCPBars* cycleBars() const { return cycles_; }
    QCPBars* comparedBars() const { return compared_; }
    QCPItemStraightLine* intervalLine() const { return interval_; }

    QString toolTipAt(const QPointF& coords) const override;
    int layerAt(const QPointF& coords) const override;

protected:
    void currentLayerChanged() override;
    void fitAxes() override;

private:
    int categoryAt(double x) const;

    QCPBars* dense_;
    QCPBars* cycles_;
    QCPBars* compared_;
    QCPBarsGroup* group_;
    QCPItemStraightLine* interval_;
    QCPItemText* intervalLabel_;
    QCPItemText* bottleneckLabel_;
    std::shared_ptr<const LayerAnalysis> current_, comparedAnalysis_;
    std::vector<int> layers_; // model layer of each hardware layer (-1 for inserted ones)
};

} // namespace foldwise::gui::plots
