#include "analysis/AnalysisPage.h"

#include "analysis/AnalysisDocument.h"
#include "plots/PlotWidget.h"

#include <QLabel>
#include <QSplitter>
#include <QVBoxLayout>

namespace foldwise::gui {

AnalysisPage::AnalysisPage(AnalysisDocument* document, QWidget* parent)
    : QWidget(parent), document_(document)
{
    connect(document_, &AnalysisDocument::analysisChanged, this, &AnalysisPage::refresh);
}

QList<plots::PlotWidget*> AnalysisPage::plots() const
{
    return findChildren<plots::PlotWidget*>();
}

QString AnalysisPage::iterationLabel(int iteration)
{
    //: Short name of a sweep iteration in plot legends
    return iteration < 0 ? QString() : tr("it. %1").arg(iteration);
}

QSplitter* splitter(Qt::Orientation orientation, std::initializer_list<QWidget*> widgets)
{
    auto* split = new QSplitter(orientation);
    for (QWidget* widget : widgets)
        split->addWidget(widget);
    return split;
}

void stackVertically(QWidget* page, std::initializer_list<QWidget*> widgets)
{
    auto* layout = new QVBoxLayout(page);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(0);
    for (QWidget* widget : widgets)
        layout->addWidget(widget);
    layout->setStretch(layout->count() - 1, 1);
}

QLabel* summaryLabel(const QString& objectName, QWidget* parent)
{
    auto* label = new QLabel(parent);
    label->setObjectName(objectName);
    label->setWordWrap(true);
    label->setTextInteractionFlags(Qt::TextSelectableByMouse);
    label->setContentsMargins(8, 4, 8, 4);
    return label;
}

} // namespace foldwise::gui
