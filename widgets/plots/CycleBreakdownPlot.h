#pragma once

#include "plots/PlotWidget.h"

class QCPBars;
class QCPBarsGroup;
class QCPItemStraightLine;
class QCPItemText;

namespace foldwise::gui::plots {

// Cycles per item of each hardware layer: dense (no zero skipping) beside the cycles as
// modelled, with the interval (the slowest layer's cycles) as a line and the bottleneck marked.
// With a compared iteration its modelled cycles stand beside them.
class CycleBreakdownPlot : public LayerBarsPlot {
    Q_OBJECT

public:
    explicit CycleBreakdownPlot(QWidget* parent = nullptr);

    QCPBars* denseBars() const { return dense_; }
    QCPBars* cycleBars() const { return cycles_; }
    QCPBars* comparedBars() const { return comparedCycles_; }
    QCPItemStraightLine* intervalLine() const { return interval_; }

    QString toolTipAt(const QPointF& coords) const override;

protected:
    void rebuild() override;
    void currentLayerChanged() override;
    void fitAxes() override;
    bool compares(const LayerAnalysis& compared) const override;

private:
    QCPBars* dense_;
    QCPBars* cycles_;
    QCPBars* comparedCycles_;
    QCPBarsGroup* group_;
    QCPItemStraightLine* interval_;
    QCPItemText* intervalLabel_;
    QCPItemText* bottleneckLabel_;
};

} // namespace foldwise::gui::plots
