#include "graph/GraphEdgeItem.h"

#include <QApplication>
#include <QFontMetricsF>
#include <QLineF>
#include <QPainter>
#include <QStyleOptionGraphicsItem>

namespace foldwise::gui {
namespace {

const QColor kEdge(0x60, 0x60, 0x60);
constexpr double kArrowLength = 8;
constexpr double kArrowHalfWidth = 3.5;

QFont labelFont()
{
    QFont font = QApplication::font();
    font.setPointSizeF(font.pointSizeF() * 0.85);
    return font;
}

QPointF toPoint(LayoutPoint p)
{
    return {p.x, p.y};
}

} // namespace

GraphEdgeItem::GraphEdgeItem(int from, int to, const std::vector<LayoutPoint>& path, LayoutPoint tip, QString label)
    : from_(from)
    , to_(to)
    , label_(std::move(label))
{
    if (!path.empty()) {
        path_.moveTo(toPoint(path.front()));
        std::size_t i = 1;
        for (; i + 2 < path.size(); i += 3)
            path_.cubicTo(toPoint(path[i]), toPoint(path[i + 1]), toPoint(path[i + 2]));
        for (; i < path.size(); ++i) // an incomplete Bézier segment (never from dot) as lines
            path_.lineTo(toPoint(path[i]));
        // The arrowhead spans from the curve's end to the tip.
        const QPointF end = path_.currentPosition();
        QPointF head = toPoint(tip);
        QLineF axis(head, end);
        if (axis.length() < 1)
            axis = QLineF(head, head - QPointF(0, kArrowLength)); // dot left no room: point down
        axis.setLength(kArrowLength);
        const QLineF normal = axis.normalVector().unitVector();
        const QPointF side = (normal.p2() - normal.p1()) * kArrowHalfWidth;
        arrow_ << head << axis.p2() + side << axis.p2() - side;
    }
    bounds_ = path_.boundingRect().united(arrow_.boundingRect()).adjusted(-2, -2, 2, 2);
    setZValue(0);
}

QRectF GraphEdgeItem::labelRect() const
{
    if (label_.isEmpty() || path_.isEmpty())
        return {};
    const QFontMetricsF metrics(labelFont());
    const QPointF middle = path_.pointAtPercent(0.5);
    const QSizeF size(metrics.horizontalAdvance(label_) + 6, metrics.height() + 2);
    return {middle + QPointF(4, -size.height() / 2), size};
}

void GraphEdgeItem::setLabelVisible(bool visible)
{
    if (visible == labelVisible_)
        return;
    prepareGeometryChange();
    labelVisible_ = visible;
}

QRectF GraphEdgeItem::boundingRect() const
{
    return labelVisible_ ? bounds_.united(labelRect()) : bounds_;
}

void GraphEdgeItem::paint(QPainter* painter, const QStyleOptionGraphicsItem* option, QWidget*)
{
    const double zoom = option->levelOfDetailFromTransform(painter->worldTransform());
    painter->setRenderHint(QPainter::Antialiasing, zoom > 0.35);
    painter->setPen(QPen(kEdge, 1.2));
    painter->setBrush(Qt::NoBrush);
    painter->drawPath(path_);
    painter->setBrush(kEdge);
    painter->drawPolygon(arrow_);
    if (labelVisible_ && zoom > 0.35 && !label_.isEmpty()) {
        const QRectF rect = labelRect();
        painter->setPen(Qt::NoPen);
        painter->setBrush(QColor(255, 255, 255, 220));
        painter->drawRoundedRect(rect, 3, 3);
        painter->setFont(labelFont());
        painter->setPen(QColor(0x30, 0x30, 0x30));
        painter->drawText(rect, Qt::AlignCenter, label_);
    }
}

} // namespace foldwise::gui
