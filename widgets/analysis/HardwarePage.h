#pragma once

#include "analysis/AnalysisPage.h"

class QLabel;
class QTabWidget;

namespace foldwise::gui {

class FidelityView;

namespace plots {
class CycleBreakdownPlot;
class FoldingPlot;
class ResourcePlot;
}

// The "Hardware" tab: the design's figures in one line (throughput, latency, interval,
// bottleneck, resources against the device), the cycles per layer, the resources stacked
// against the device budget and each layer's folding options, and in a second tab beside the
// last two how far Foldwise's model departs from fpgaConvNet's for the design (FidelityView).
class HardwarePage : public AnalysisPage {
    Q_OBJECT

public:
    explicit HardwarePage(AnalysisDocument* document, QWidget* parent = nullptr);

    plots::CycleBreakdownPlot* cyclePlot() const { return cycles_; }
    plots::ResourcePlot* resourcePlot() const { return resources_; }
    plots::FoldingPlot* foldingPlot() const { return folding_; }
    FidelityView* fidelityView() const { return fidelity_; }
    // The lower half's tabs: the resource and folding plots, and the fidelity view.
    QTabWidget* lowerTabs() const { return lowerTabs_; }
    void showFidelity();
    QString summaryText() const;

public slots:
    void refresh() override;

private:
    QLabel* summary_;
    plots::CycleBreakdownPlot* cycles_;
    plots::ResourcePlot* resources_;
    plots::FoldingPlot* folding_;
    FidelityView* fidelity_;
    QTabWidget* lowerTabs_;
};

} // namespace foldwise::gui
