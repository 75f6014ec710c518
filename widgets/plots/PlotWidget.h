#pragma once

#include <QPointF>
#include <QString>
#include <QWidget>

#include <memory>
#include <vector>

class QCPItemRect;
class QCustomPlot;
class QLabel;
class QStackedWidget;
class QToolButton;

namespace foldwise {
struct ConvWindowZeros;
struct RunIteration;
}
namespace foldwise::sweep {
struct RunDirectory;
}
namespace foldwise::gui {
class LayerAnalysis;
struct LayerAnalysisRow;
}

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

// A plot of the layer analysis (LayerAnalysis.h): the current iteration's and, in the plots
// that draw one, the compared iteration's. setAnalysis() keeps what the plot can draw, draws it
// (rebuild()), fits the axes and redraws; by default so does selecting another layer.
class LayerAnalysisPlot : public PlotWidget {
    Q_OBJECT

public:
    // `compared` may be null.
    void setAnalysis(std::shared_ptr<const LayerAnalysis> current, std::shared_ptr<const LayerAnalysis> compared = {});

protected:
    // What an analysis needs for the plot to draw it: anything, or a design.
    enum class Needs { Anything, Design };

    LayerAnalysisPlot(const QString& title, Needs needs, QWidget* parent);
    // Draws current_ and compared_ anew (the highlight too, where currentLayerChanged() draws it).
    virtual void rebuild() = 0;
    void currentLayerChanged() override { redraw(); }
    // Whether the plot draws `compared` beside current_ (by default when it would draw it as
    // the current one). setAnalysis() keeps null in place of an analysis the plot does not draw.
    virtual bool compares(const LayerAnalysis& compared) const;
    // The selected layer's row of `analysis` (current_ or compared_), or null.
    const LayerAnalysisRow* selectedRow(const std::shared_ptr<const LayerAnalysis>& analysis) const;
    // Its window histogram when the selected layer is a profiled convolution, or null.
    const ConvWindowZeros* selectedConvolution(const std::shared_ptr<const LayerAnalysis>& analysis) const;
    // The hardware layer the selected layer's row names (the slowest of several), or -1.
    int selectedHardwareLayer() const;

    std::shared_ptr<const LayerAnalysis> current_, compared_;

private:
    bool draws(const LayerAnalysis& analysis) const;
    void redraw();

    Needs needs_;
};

// Bars along the layers, a category per layer (a hardware layer, a profiled convolution): the
// category under the pointer is a layer to click.
class LayerBarsPlot : public LayerAnalysisPlot {
    Q_OBJECT

public:
    int categoryCount() const { return static_cast<int>(layers_.size()); }
    // The model layer of each category (-1 for one the model does not have).
    const std::vector<int>& categoryLayers() const { return layers_; }
    int layerAt(const QPointF& coords) const override;

protected:
    using LayerAnalysisPlot::LayerAnalysisPlot;
    // The category whose bars are at x, or -1.
    int categoryAt(double x) const;

    std::vector<int> layers_;
};

// A plot of a sweep's run log that marks the current and the compared iteration; a click on an
// iteration (iterationAt) emits iterationClicked().
class RunLogPlot : public PlotWidget {
    Q_OBJECT

public:
    // Shows `run` (null: nothing): draws it (rebuild()), fits the axes and redraws.
    void setRunLog(std::shared_ptr<const sweep::RunDirectory> run);
    // Marks the iterations (RunIteration::index; -1 for none).
    virtual void setIterations(int current, int compared) = 0;
    // The iteration under `coords`, or -1; by default none.
    virtual int iterationAt(const QPointF& coords) const;

signals:
    void iterationClicked(int iteration);

protected:
    RunLogPlot(const QString& title, QWidget* parent);
    // Draws run_ anew.
    virtual void rebuild() = 0;
    // The run log's iteration `index`, or null.
    const RunIteration* iteration(int index) const;

    std::shared_ptr<const sweep::RunDirectory> run_;

private:
    void onClicked(QMouseEvent* event);
};

} // namespace foldwise::gui::plots
