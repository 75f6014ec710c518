#pragma once

#include "graph/GraphLayout.h"

#include <QGraphicsItem>
#include <QPainterPath>
#include <QPolygonF>
#include <QString>

#include <vector>

namespace foldwise::gui {

// A tensor flowing between two nodes: the Bézier curve dot routed, an arrowhead, and
// optionally the tensor's shape written beside the curve's middle.
class GraphEdgeItem : public QGraphicsItem {
public:
    enum { Type = UserType + 2 };

    // `path` and `tip` as in LayoutResult::edgePaths / arrowTips; `from`/`to` are display
    // node indices.
    GraphEdgeItem(int from, int to, const std::vector<LayoutPoint>& path, LayoutPoint tip, QString label);

    int from() const { return from_; }
    int to() const { return to_; }
    const QPainterPath& path() const { return path_; }
    const QString& label() const { return label_; }

    void setLabelVisible(bool visible);
    bool isLabelVisible() const { return labelVisible_; }

    QRectF boundingRect() const override;
    void paint(QPainter* painter, const QStyleOptionGraphicsItem* option, QWidget* widget) override;
    int type() const override { return Type; }

private:
    QRectF labelRect() const;

    int from_;
    int to_;
    QPainterPath path_;
    QPolygonF arrow_;
    QString label_;
    bool labelVisible_ = false;
    QRectF bounds_;
};

} // namespace foldwise::gui
