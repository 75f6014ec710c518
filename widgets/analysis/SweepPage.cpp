#include "analysis/SweepPage.h"

#include "ModelDocument.h"
#include "analysis/AnalysisDocument.h"
#include "plots/IterationTrendPlot.h"
#include "plots/ParetoPlot.h"
#include "plots/ThresholdCurvePlot.h"

#include <QSplitter>
#include <QVBoxLayout>

namespace foldwise::gui {

SweepPage::SweepPage(AnalysisDocument* document, QWidget* parent)
    : AnalysisPage(document, parent)
    , pareto_(new plots::ParetoPlot(this))
    , trend_(new plots::IterationTrendPlot(this))
    , thresholds_(new plots::ThresholdCurvePlot(this))
{
    setObjectName(QStringLiteral("sweepPage"));
    addPlot(pareto_);
    addPlot(trend_);
    addPlot(thresholds_);
    auto* top = new QSplitter(Qt::Horizontal);
    top->addWidget(pareto_);
    top->addWidget(thresholds_);
    auto* split = new QSplitter(Qt::Vertical, this);
    split->addWidget(top);
    split->addWidget(trend_);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(split);
    connect(pareto_, &plots::ParetoPlot::iterationClicked, document, &AnalysisDocument::setIteration);
    connect(trend_, &plots::IterationTrendPlot::iterationClicked, document, &AnalysisDocument::setIteration);
    // The run log's curves change only with the run log; stepping moves the markers.
    connect(document, &AnalysisDocument::runLogChanged, this, &SweepPage::onRunLogChanged);
    onRunLogChanged();
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
    const int current = document()->iteration();
    const int compared = document()->compareIteration();
    pareto_->setIterations(current, compared);
    trend_->setIterations(current, compared);
    thresholds_->setIterations(current, compared);
}

} // namespace foldwise::gui
