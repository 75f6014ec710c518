#pragma once

#include "analysis/AnalysisPage.h"

namespace foldwise::gui {

namespace plots {
class ChannelSparsityPlot;
class LayerSparsityPlot;
class WindowHistogramPlot;
}

// The "Sparsity" tab: per-layer sparsity of the profiled convolutions on top; the selected
// convolution's per-channel sparsity and window-zero histogram below.
class SparsityPage : public AnalysisPage {
    Q_OBJECT

public:
    explicit SparsityPage(AnalysisDocument* document, QWidget* parent = nullptr);

    plots::LayerSparsityPlot* layerPlot() const { return layers_; }
    plots::ChannelSparsityPlot* channelPlot() const { return channels_; }
    plots::WindowHistogramPlot* histogramPlot() const { return histogram_; }

public slots:
    void refresh() override;

private:
    plots::LayerSparsityPlot* layers_;
    plots::ChannelSparsityPlot* channels_;
    plots::WindowHistogramPlot* histogram_;
};

} // namespace foldwise::gui
