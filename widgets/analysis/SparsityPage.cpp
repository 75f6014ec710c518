#include "analysis/SparsityPage.h"

#include "analysis/AnalysisDocument.h"
#include "plots/ChannelSparsityPlot.h"
#include "plots/LayerSparsityPlot.h"
#include "plots/WindowHistogramPlot.h"

#include <QSplitter>

namespace foldwise::gui {

SparsityPage::SparsityPage(AnalysisDocument* document, QWidget* parent)
    : AnalysisPage(document, parent)
    , layers_(new plots::LayerSparsityPlot(this))
    , channels_(new plots::ChannelSparsityPlot(this))
    , histogram_(new plots::WindowHistogramPlot(this))
{
    setObjectName(QStringLiteral("sparsityPage"));
    QSplitter* split = splitter(Qt::Vertical, {layers_, splitter(Qt::Horizontal, {channels_, histogram_})});
    split->setStretchFactor(0, 1);
    split->setStretchFactor(1, 1);
    stackVertically(this, {split});
    refresh();
}

void SparsityPage::refresh()
{
    const auto current = document()->layers();
    const auto compared = document()->comparedLayers();
    const int currentIteration = document()->iteration();
    layers_->setAnalysis(current, compared, iterationLabel(currentIteration), iterationLabel(document()->compareIteration()));
    channels_->setAnalysis(current, compared);
    histogram_->setAnalysis(current, compared);
}

} // namespace foldwise::gui
