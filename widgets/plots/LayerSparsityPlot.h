#pragma once

#include "plots/PlotWidget.h"

class QCPBars;
class QCPBarsGroup;

namespace foldwise::gui::plots {

// Per-layer sparsity of the profiled convolutions' inputs: the average (mean window) sparsity
// and the all-zero window fraction side by side, one category per profiled convolution found
// in the model. With a compared iteration, its two bars stand beside each layer's in lighter
// colours.
class LayerSparsityPlot : public LayerBarsPlot {
    Q_OBJECT

public:
    explicit LayerSparsityPlot(QWidget* parent = nullptr);

    // `compared` may be null. The labels name the iterations in the legend ("it. 3").
    void setAnalysis(std::shared_ptr<const LayerAnalysis> current, std::shared_ptr<const LayerAnalysis> compared = {},
                     const QString& currentLabel = {}, const QString& comparedLabel = {});

    QCPBars* averageBars() const { return average_; }
    QCPBars* windowBars() const { return window_; }
    QCPBars* comparedAverageBars() const { return comparedAverage_; }
    QCPBars* comparedWindowBars() const { return comparedWindow_; }

    QString toolTipAt(const QPointF& coords) const override;

protected:
    void rebuild() override;
    void currentLayerChanged() override;
    void fitAxes() override;
    bool compares(const LayerAnalysis& compared) const override;

private:
    QCPBars* average_;
    QCPBars* window_;
    QCPBars* comparedAverage_;
    QCPBars* comparedWindow_;
    QCPBarsGroup* group_;
    QString currentLabel_, comparedLabel_;
};

} // namespace foldwise::gui::plots
