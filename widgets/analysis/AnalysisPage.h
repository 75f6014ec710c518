#pragma once

#include <QList>
#include <QWidget>

namespace foldwise::gui {

namespace plots {
class PlotWidget;
}
class AnalysisDocument;

// A tab of analysis plots. Pages redraw from the document when its analysis changes; the
// window keeps their layer highlight in step with the table (AnalysisPages.h).
class AnalysisPage : public QWidget {
    Q_OBJECT

public:
    AnalysisPage(AnalysisDocument* document, QWidget* parent = nullptr);

    AnalysisDocument* document() const { return document_; }
    // The page's plots, for layer selection and exports.
    const QList<plots::PlotWidget*>& plots() const { return plots_; }

public slots:
    // Redraws every plot from the document.
    virtual void refresh() = 0;

protected:
    void addPlot(plots::PlotWidget* plot) { plots_ << plot; }
    // "it. 3" for a run log's iteration, for legends.
    static QString iterationLabel(int iteration);

private:
    AnalysisDocument* document_;
    QList<plots::PlotWidget*> plots_;
};

} // namespace foldwise::gui
