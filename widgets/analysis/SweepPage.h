#pragma once

#include "analysis/AnalysisPage.h"

namespace foldwise::gui {

namespace plots {
class IterationTrendPlot;
class ParetoPlot;
class RunLogPlot;
class ThresholdCurvePlot;
}

// The "Sweep" tab: accuracy against throughput with the Pareto front, the iterations' accuracy,
// sparsity and throughput, and the threshold-to-sparsity curves. Clicking an iteration in the
// first two steps the sweep to it.
class SweepPage : public AnalysisPage {
    Q_OBJECT

public:
    explicit SweepPage(AnalysisDocument* document, QWidget* parent = nullptr);

    plots::ParetoPlot* paretoPlot() const { return pareto_; }
    plots::IterationTrendPlot* trendPlot() const { return trend_; }
    plots::ThresholdCurvePlot* thresholdPlot() const { return thresholds_; }

public slots:
    void refresh() override;

private:
    QList<plots::RunLogPlot*> runLogPlots() const;
    void onRunLogChanged();

    plots::ParetoPlot* pareto_;
    plots::IterationTrendPlot* trend_;
    plots::ThresholdCurvePlot* thresholds_;
};

} // namespace foldwise::gui
