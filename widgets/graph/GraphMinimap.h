#pragma once

#include <QImage>
#include <QWidget>

namespace foldwise::gui {

class GraphView;

// A small overview of the whole graph with the main view's visible area outlined; clicking or
// dragging in it moves the main view there. The overview is a picture rendered once per
// change of the graph (refresh()), so following the main view's scrolling costs one blit.
class GraphMinimap : public QWidget {
    Q_OBJECT

public:
    explicit GraphMinimap(GraphView* view, QWidget* parent = nullptr);

    // Re-renders the overview from the view's scene (after the graph or its colours changed).
    void refresh();
    // The main view's visible area in minimap coordinates.
    QRectF visibleArea() const;

    QSize sizeHint() const override;

protected:
    void paintEvent(QPaintEvent* event) override;
    void mousePressEvent(QMouseEvent* event) override;
    void mouseMoveEvent(QMouseEvent* event) override;

private:
    QRectF pictureRect() const;   // where the picture sits in the widget
    void moveViewTo(QPointF point);

    GraphView* view_;
    QImage picture_;
    QSize pictureSize_;
};

} // namespace foldwise::gui
