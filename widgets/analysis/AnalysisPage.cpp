#include "analysis/AnalysisPage.h"

#include "analysis/AnalysisDocument.h"

namespace foldwise::gui {

AnalysisPage::AnalysisPage(AnalysisDocument* document, QWidget* parent)
    : QWidget(parent), document_(document)
{
    connect(document_, &AnalysisDocument::analysisChanged, this, &AnalysisPage::refresh);
}

QString AnalysisPage::iterationLabel(int iteration)
{
    //: Short name of a sweep iteration in plot legends
    return iteration < 0 ? QString() : tr("it. %1").arg(iteration);
}

} // namespace foldwise::gui
