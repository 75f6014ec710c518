#pragma once

#include "analysis/AnalysisPage.h"

class QLabel;

namespace foldwise::gui {

namespace plots {
class CycleBreakdownPlot;
class FoldingPlot;
class ResourcePlot;
}

// The "Hardware" tab: the design's figures in one line (throughput, latency, interval,
// bottleneck, resources against the device), the cycles per layer, the resources stacked
// against the device budget and each layer's folding options.
class HardwarePage : public AnalysisPage {
    Q_OBJECT

public:
    explicit HardwarePage(AnalysisDocument* document, QWidget* parent = nullptr);

    plots::CycleBreakdownPlot* cyclePlot() const { return cycles_; }
    plots::ResourcePlot* resourcePlot() const { return resources_; }
    plots::FoldingPlot* foldingPlot() const { return folding_; }
    QString summaryText() const;

public slots:
    void refresh() override;

private:
    QLabel* summary_;
    plots::CycleBreakdownPlot* cycles_;
    plots::ResourcePlot* resources_;
    plots::FoldingPlot* folding_;
};

} // namespace foldwise::gui
