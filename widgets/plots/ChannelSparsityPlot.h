#pragma once

#include "plots/PlotWidget.h"

class QCPBars;
class QCPBarsGroup;

namespace foldwise::gui::plots {

// The selected convolution's input, channel by channel: the zero fraction of each input channel
// and its mean window sparsity (expected zeros per window / K, from the window histogram). With
// a compared iteration, its mean window sparsity per channel is drawn as a second series.
class ChannelSparsityPlot : public LayerAnalysisPlot {
    Q_OBJECT

public:
    explicit ChannelSparsityPlot(QWidget* parent = nullptr);

    int channelCount() const { return channels_; }
    QCPBars* zeroBars() const { return zeros_; }
    QCPBars* windowBars() const { return window_; }
    QCPBars* comparedWindowBars() const { return comparedWindow_; }

    QString toolTipAt(const QPointF& coords) const override;

protected:
    void rebuild() override;
    void fitAxes() override;

private:
    QCPBars* zeros_;
    QCPBars* window_;
    QCPBars* comparedWindow_;
    QCPBarsGroup* group_;
    int channels_ = 0;
};

} // namespace foldwise::gui::plots
