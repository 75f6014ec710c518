#pragma once

#include "plots/PlotWidget.h"

#include <memory>
#include <vector>

class QCPBars;
class QCPBarsGroup;

namespace foldwise::gui {
class LayerAnalysis;
}

namespace foldwise::gui::plots {

// Per-layer sparsity of the profiled convolutions' inputs: the average (mean window) sparsity
// and the all-zero window fraction side by side. With a compared iteration, its two bars stand
// beside each layer's in lighter colours.
class LayerSparsityPlot : public PlotWidget {
    Q_OBJECT

public:
    explicit LayerSparsityPlot(QWidget* parent = nullptr);

    // `compared` may be null. The labels name the iterations in the legend ("it. 3").
    void setAnalysis(std::shared_ptr<const LayerAnalysis> current, std::shared_ptr<const LayerAnalysis> compared = {},
                     const QString& currentLabel = {}, const QString& comparedLabel = {});

    // One category per profiled convolution found in the model.
    int categoryCount() const { return static_cast<int>(layers_.size()); }
    const std::vector<int>& categoryLayers() const { return layers_; }
    QCPBars* averageBars() const { return average_; }
    QCPBars* windowBars() const { return window_; }
    QCPBars* comparedAverageBars() const { return comparedAverage_; }
    QCPBars* comparedWindowBars() const { return comparedWindow_; }

    QString toolTipAt(const QPointF& coords) const override;
    int layerAt(const QPointF& coords) const override;

protected:
    void currentLayerChanged() override;
    void fitAxes() override;

private:
    int categoryAt(double x) const;

    QCPBars* average_;
    QCPBars* window_;
    QCPBars* comparedAverage_;
    QCPBars* comparedWindow_;
    QCPBarsGroup* group_;
    std::shared_ptr<const LayerAnalysis> current_, compared_;
    std::vector<int> layers_;
    QString currentLabel_, comparedLabel_;
};

} // namespace foldwise::gui::plots
