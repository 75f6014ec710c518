#pragma once

#include <QList>
#include <QWidget>

#include <initializer_list>

class QLabel;
class QSplitter;

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
    // The page's plots (the plot widgets among its children), for layer selection and exports.
    QList<plots::PlotWidget*> plots() const;

public slots:
    // Redraws every plot from the document.
    virtual void refresh() = 0;

protected:
    // "it. 3" for a run log's iteration, for legends.
    static QString iterationLabel(int iteration);

private:
    AnalysisDocument* document_;
};

// A splitter holding `widgets` in this order.
QSplitter* splitter(Qt::Orientation orientation, std::initializer_list<QWidget*> widgets);
// Lays `widgets` out in `page` from top to bottom, edge to edge; the last takes the room left.
void stackVertically(QWidget* page, std::initializer_list<QWidget*> widgets);
// A summary line over a page's plots or table: word-wrapped, its text selectable.
QLabel* summaryLabel(const QString& objectName, QWidget* parent);

} // namespace foldwise::gui
