#pragma once

#include <QGraphicsView>

namespace foldwise::gui {

class GraphNodeItem;

// The graph canvas: drag to pan, Ctrl+wheel (or pinch) to zoom around the pointer, plain wheel
// to scroll; zoom steps, fit-to-window and centring on a node for the page's actions.
class GraphView : public QGraphicsView {
    Q_OBJECT

public:
    explicit GraphView(QWidget* parent = nullptr);

    double zoom() const { return transform().m11(); }
    void setZoom(double zoom);
    // The scene rectangle currently visible.
    QRectF visibleSceneRect() const;

    static constexpr double kMinZoom = 0.02;
    static constexpr double kMaxZoom = 4.0;

public slots:
    void zoomIn();
    void zoomOut();
    void resetZoom();
    void fitToWindow();
    // Shows the top of the graph at a readable zoom (where a reader starts).
    void showStart();
    void centreOn(const QGraphicsItem* item);

signals:
    // The visible part of the scene changed (scroll, zoom or resize): the minimap follows.
    void visibleAreaChanged();
    void nodeDoubleClicked(foldwise::gui::GraphNodeItem* node);

protected:
    void wheelEvent(QWheelEvent* event) override;
    void mouseDoubleClickEvent(QMouseEvent* event) override;
    void scrollContentsBy(int dx, int dy) override;
    void resizeEvent(QResizeEvent* event) override;
    bool viewportEvent(QEvent* event) override;

private:
    void zoomBy(double factor);
};

} // namespace foldwise::gui
