#pragma once

#include "plots/PlotWidget.h"

class QCPColorMap;
class QCPColorScale;

namespace foldwise {
struct ConvWindowZeros;
}

namespace foldwise::gui::plots {

// The selected convolution's window-zero histogram as a heat map: row c (input channel),
// column j (zeros in the K-window), colour the fraction h[c][j] of the channel's windows with
// exactly j zeros (fpgaConvNet's channel_sparsity_hist). With a compared iteration the map
// shows the difference current - compared on a diverging scale.
class WindowHistogramPlot : public LayerAnalysisPlot {
    Q_OBJECT

public:
    explicit WindowHistogramPlot(QWidget* parent = nullptr);

    QCPColorMap* colorMap() const { return map_; }
    bool showsDifference() const { return other_ != nullptr; }

    QString toolTipAt(const QPointF& coords) const override;

protected:
    void rebuild() override;
    void fitAxes() override;

private:
    QCPColorMap* map_;
    QCPColorScale* scale_;
    const ConvWindowZeros* conv_ = nullptr;
    const ConvWindowZeros* other_ = nullptr;
};

} // namespace foldwise::gui::plots
