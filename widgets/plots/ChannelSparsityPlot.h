#pragma once

#include "plots/PlotWidget.h"

#include <memory>

class QCPBars;
class QCPBarsGroup;

namespace foldwise::gui {
class LayerAnalysis;
}

namespace foldwise::gui::plots {

// The selected convolution's input, channel by channel: the zero fraction of each input channel
// and its mean window sparsity (expected zeros per window / K, from the window histogram). With
// a compared iteration, its mean window sparsity per channel is drawn as a second series.
class ChannelSparsityPlot : public PlotWidget {
    Q_OBJECT

public:
    explicit ChannelSparsityPlot(QWidget* parent = nullptr);

    void setAnalysis(std::shared_ptr<const LayerAnalysis> current, std::shared_ptr<const LayerAnalysis> compared = {});
    int channelCount() const { return channels_; }
    QCPBars* zeroBars() const { return zeros_; }
    QCPBars* windowBars() const { return window_; }
    QCPBars* comparedWindowBars() const { return comparedWindow_; }

    QString toolTipAt(const QPointF& coords) const override;

protected:
    void currentLayerChanged() override;
    void fitAxes() override;

private:
    void rebuild();

    QCPBars* zeros_;
    QCPBars* window_;
    QCPBars* comparedWindow_;
    QCPBarsGroup* group_;
    std::shared_ptr<const LayerAnalysis> current_, compared_;
    int channels_ = 0;
};

} // namespace foldwise::gui::plots
