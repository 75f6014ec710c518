#pragma once

#include <QPointF>
#include <QString>
#include <QWidget>

class QCPItemRect;
class QCustomPlot;
class QLabel;
class QStackedWidget;
class QToolButton;

namespace foldwise::gui::plots {

// The frame every analysis plot shares: a title bar with "Fit", "Export…" (PNG, PDF, SVG) and
// "Copy as image", a QCustomPlot that zooms with the wheel and pans by dragging, hover
// tooltips, and a message in place of the plot while there is nothing to show.
//
// Plots that show layers map their items to layer indices (into ModelSummary::layers): a click
// on an item emits layerClicked(), and setCurrentLayer() highlights the layer selected
// elsewhere. Subclasses implement the mapping in toolTipAt() and layerAt() (plot coordinates)
// and redraw the highlight in currentLayerChanged().
class PlotWidget : public QWidget {
    Q_OBJECT

public:
    explicit PlotWidget(const QString& title, QWidget* parent = nullptr);

    QCustomPlot* plot() const { return plot_; }
    QString title() const;
    // Whether the plot shows data (false while the placeholder message is shown).
    bool hasData() const { return hasData_; }
    int currentLayer() const { return currentLayer_; }

    // Writes the plot as .png, .pdf or .svg (see PlotExport.h).
    bool exportTo(const QString& path, QString* error = nullptr);
    void copyToClipboard();
    // A file name for exports, from the title ("layer-sparsity").
    QString suggestedFileName() const;

    // The tooltip for a point in plot coordinates of the bottom/left axes; exposed for tests.
    virtual QString toolTipAt(const QPointF& coords) const;
    virtual int layerAt(const QPointF& coords) const;

public slots:
    void setCurrentLayer(int layerIndex);
    // Shows all the data again after zooming or panning.
    void fitView();

signals:
    void layerClicked(int layerIndex);

protected:
    // Shows the plot (true) or `message` in its place (false).
    void setHasData(bool hasData, const QString& message = {});
    void setTitle(const QString& title);
    // Called after setCurrentLayer changed the layer; redraw the highlight here.
    virtual void currentLayerChanged() {}
    // Sets the axes' ranges to show every item; by default QCustomPlot's rescaleAxes plus a
    // margin.
    virtual void fitAxes();
    // Redraws the plot once control returns to the event loop; a hidden plot (another tab) waits
    // until it is shown, so stepping a sweep redraws only what is on screen.
    void replotLater();
    bool eventFilter(QObject* watched, QEvent* event) override;
    // Lets the bottom axis alone zoom and pan (bar charts along layers).
    void setHorizontalOnly(bool horizontalOnly);
    // Shades the band x in [centre - halfWidth, centre + halfWidth] over the full height,
    // behind the data (the selected layer's bars); hidden when `visible` is false.
    void shadeBand(bool visible, double centre = 0, double halfWidth = 0.5);

private:
    void showExportDialog();
    void onMouseMove(QMouseEvent* event);
    void onMousePress(QMouseEvent* event);
    void onMouseRelease(QMouseEvent* event);

    QLabel* title_;
    QStackedWidget* stack_;
    QLabel* message_;
    QCustomPlot* plot_;
    QCPItemRect* shade_;
    QPoint pressPos_;
    bool hasData_ = false;
    bool replotPending_ = false;
    int currentLayer_ = -1;
};

} // namespace foldwise::gui::plots
