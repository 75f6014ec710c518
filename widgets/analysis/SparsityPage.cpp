#include "analysis/SparsityPage.h"

#include "analysis/AnalysisDocument.h"
#include "plots/ChannelSparsityPlot.h"
#include "plots/LayerSparsityPlot.h"
#include "plots/WindowHistogramPlot.h"

#include <QSplitter>
#include <QVBoxLayout>

namespace foldwise::gui {

SparsityPage::SparsityPage(AnalysisDocument* document, QWidget* parent)
    : AnalysisPage(document, parent)
    , layers_(new plots::LayerSparsityPlot(this))
    , channels_(new plots::ChannelSparsityPlot(this))
    , histogram_(new plots::WindowHistogramPlot(this))
{
    setObjectName(QStringLiteral("sparsityPage"));
    addPlot(layers_);
    addPlot(channels_);
    addPlot(histogram_);
    auto* bottom = new QSplitter(Qt::Horizontal);
    bottom->addWidget(channels_);
    bottom->addWidget(histogram_);
    auto* split = new QSplitter(Qt::Vertical, this);
    split->addWidget(layers_);
    split->addWidget(bottom);
    split->setStretchFactor(0, 1);
    split->setStretchFactor(1, 1);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(split);
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
