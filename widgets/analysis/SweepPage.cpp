#include "analysis/SweepPage.h"

#include "ModelDocument.h"
#include "analysis/AnalysisDocument.h"
#include "plots/IterationTrendPlot.h"
#include "plots/ParetoPlot.h"
#include "plots/ThresholdCurvePlot.h"

#include <QSplitter>


namespace foldwise::gui {

SweepPage::SweepPage(AnalysisDocument* document, QWidget* parent)
    : AnalysisPage(document, parent)
    , pareto_(new plots::ParetoPlot(this))
    , trend_(new plots::IterationTrendPlot(this))
    , thresholds_(new plots::ThresholdCurvePlot(this))
{
    setObjectName(QStringLiteral("sweepPage"));
    stackVertically(this, {splitter(Qt::Vertical, {splitter(Qt::Horizontal, {pareto_, thresholds_}), trend_})});
    for (plots::RunLogPlot* plot : runLogPlots())
        connect(plot, &plots::RunLogPlot::iterationClicked, document, &AnalysisDocument::setIteration);
    // The run log's curves change only with the run log; stepping moves the markers.
    connect(document, &AnalysisDocument::runLogChanged, this, &SweepPage::onRunLogChanged);
    onRunLogChanged();
}

QList<plots::RunLogPlot*> SweepPage::runLogPlots() const
{
    return {pareto_, trend_, thresholds_};
}

void SweepPage::onRunLogChanged()
{
    const auto run = document()->runLog();
    pareto_->setRunLog(run);
    trend_->setRunLog(run);
    thresholds_->setRunLog(run, document()->models()->summary());
    refresh();
}

void SweepPage::refresh()
{
    for (plots::RunLogPlot* plot : runLogPlots())
        plot->setIterations(document()->iteration(), document()->compareIteration());
}

} // namespace foldwise::gui
