#include "graph/GraphNodeItem.h"

#include <QFontMetricsF>
#include <QPainter>
#include <QStyleOptionGraphicsItem>

#include <algorithm>

namespace foldwise::gui {
namespace {

constexpr double kMinWidth = 110;
constexpr double kMaxWidth = 240;
constexpr double kPadding = 8;
constexpr double kRadius = 5;
constexpr double kOutline = 10; // room around the box for the outlines and the unsupported badge
// Below this zoom the text is unreadable anyway; nodes become plain blocks.
constexpr double kDetailZoom = 0.35;

const QColor kSelection(0x1e, 0x6f, 0xd9);
const QColor kBottleneck(0xd0, 0x02, 0x1b);
const QColor kBorder(0x70, 0x70, 0x70);
const QColor kUnsupported(0xc6, 0x28, 0x28);

QFont boldFont(QFont font)
{
    font.setBold(true);
    return font;
}

double lineHeight(const QFont& font)
{
    return QFontMetricsF(font).height();
}

// Black or white, whichever reads better on `background`.
QColor textColourOn(const QColor& background)
{
    const double luminance = 0.299 * background.redF() + 0.587 * background.greenF() + 0.114 * background.blueF();
    return luminance > 0.55 ? QColor(0x20, 0x20, 0x20) : QColor(Qt::white);
}

} // namespace

GraphNodeItem::GraphNodeItem(int displayIndex, DisplayNode::Type nodeType, NodeLabel label, QColor headerColour,
                             QSizeF size)
    : displayIndex_(displayIndex)
    , nodeType_(nodeType)
    , label_(std::move(label))
    , headerColour_(headerColour)
    , size_(size)
{
    setFlag(ItemIsSelectable);
    setAcceptHoverEvents(false);
    setZValue(1); // above the edges
}

QSizeF GraphNodeItem::preferredSize(const NodeLabel& label, const QFont& font)
{
    const QFontMetricsF regular(font);
    const QFontMetricsF bold(boldFont(font));
    const double text = std::max({bold.horizontalAdvance(label.title), regular.horizontalAdvance(label.name),
                                  regular.horizontalAdvance(label.detail)});
    const double width = std::clamp(text + 2 * kPadding, kMinWidth, kMaxWidth);
    const double line = lineHeight(font);
    // Header line, name line, detail line, each with a little air.
    return {width, 3 * line + 2.5 * kPadding};
}

void GraphNodeItem::setFillColour(const QColor& colour)
{
    if (colour == fillColour_)
        return;
    fillColour_ = colour;
    update();
}

QColor GraphNodeItem::effectiveFillColour() const
{
    if (fillColour_.isValid())
        return fillColour_;
    return nodeType_ == DisplayNode::Type::Layer || nodeType_ == DisplayNode::Type::Collapsed ? QColor(Qt::white)
                                                                                                 : QColor(0xf2, 0xf2, 0xf2);
}

void GraphNodeItem::setBottleneck(bool bottleneck)
{
    if (bottleneck == bottleneck_)
        return;
    bottleneck_ = bottleneck;
    update();
}

void GraphNodeItem::setUnsupported(const QString& reason)
{
    if (reason == unsupported_)
        return;
    if (unsupported_.isEmpty())
        plainToolTip_ = toolTip();
    unsupported_ = reason;
    setToolTip(reason.isEmpty() ? plainToolTip_ : plainToolTip_ + QStringLiteral("\n\n") + reason);
    update();
}

QRectF GraphNodeItem::box() const
{
    return {-size_.width() / 2, -size_.height() / 2, size_.width(), size_.height()};
}

QRectF GraphNodeItem::boundingRect() const
{
    return box().adjusted(-kOutline, -kOutline, kOutline, kOutline);
}

QPainterPath GraphNodeItem::shape() const
{
    QPainterPath path;
    path.addRoundedRect(box(), kRadius, kRadius);
    return path;
}

void GraphNodeItem::paint(QPainter* painter, const QStyleOptionGraphicsItem* option, QWidget*)
{
    const QRectF r = box();
    const double zoom = option->levelOfDetailFromTransform(painter->worldTransform());
    const bool io = nodeType_ == DisplayNode::Type::Input || nodeType_ == DisplayNode::Type::Output;
    const bool folded = nodeType_ == DisplayNode::Type::Collapsed;
    const QColor fill = effectiveFillColour();

    if (zoom < kDetailZoom) {
        painter->setPen(Qt::NoPen);
        painter->setBrush(fillColour_.isValid() ? fillColour_ : headerColour_);
        painter->drawRect(r);
        if (isSelected() || bottleneck_ || isUnsupported()) {
            painter->setBrush(Qt::NoBrush);
            painter->setPen(QPen(isSelected() ? kSelection : bottleneck_ ? kBottleneck : kUnsupported, 3 / zoom));
            painter->drawRect(r);
        }
        return;
    }

    painter->setRenderHint(QPainter::Antialiasing);
    const double radius = io ? r.height() / 2 : kRadius;
    if (folded) {
        // A stack of cards: the block stands for many nodes.
        painter->setPen(QPen(kBorder, 1));
        painter->setBrush(QColor(0xf7, 0xf7, 0xf7));
        painter->drawRoundedRect(r.translated(4, 4), kRadius, kRadius);
        painter->drawRoundedRect(r.translated(2, 2), kRadius, kRadius);
    }
    QPainterPath outline;
    outline.addRoundedRect(r, radius, radius);
    painter->fillPath(outline, fill);

    const QFont font = painter->font();
    const double line = lineHeight(font);
    double y = r.top();
    if (!io) {
        const QRectF header(r.left(), r.top(), r.width(), line + kPadding);
        QPainterPath headerPath;
        headerPath.addRect(header);
        painter->fillPath(headerPath.intersected(outline), headerColour_);
        painter->setFont(boldFont(font));
        painter->setPen(textColourOn(headerColour_));
        painter->drawText(header.adjusted(kPadding, 0, -kPadding, 0), Qt::AlignVCenter | Qt::AlignLeft, label_.title);
        y = header.bottom() + kPadding / 4;
    } else {
        painter->setFont(boldFont(font));
        painter->setPen(textColourOn(fill));
        const QRectF title(r.left(), y + kPadding / 2, r.width(), line + kPadding / 2);
        painter->drawText(title.adjusted(kPadding, 0, -kPadding, 0), Qt::AlignVCenter | Qt::AlignHCenter, label_.title);
        y = title.bottom();
    }
    painter->setFont(font);
    const QColor text = textColourOn(fill);
    const QFontMetricsF metrics(font);
    const double textWidth = r.width() - 2 * kPadding;
    const Qt::Alignment align = (io ? Qt::AlignHCenter : Qt::AlignLeft) | Qt::AlignVCenter;
    painter->setPen(text);
    painter->drawText(QRectF(r.left() + kPadding, y, textWidth, line + kPadding / 2), align,
                      metrics.elidedText(label_.name, Qt::ElideMiddle, textWidth));
    y += line + kPadding / 2;
    QColor dim = text;
    dim.setAlphaF(0.7);
    painter->setPen(dim);
    painter->drawText(QRectF(r.left() + kPadding, y, textWidth, line + kPadding / 2), align,
                      metrics.elidedText(label_.detail, Qt::ElideRight, textWidth));

    painter->setBrush(Qt::NoBrush);
    painter->setPen(QPen(kBorder, folded ? 1.2 : 1, folded ? Qt::DashLine : Qt::SolidLine));
    painter->drawPath(outline);
    if (isUnsupported()) {
        // Dashed, so it reads apart from the bottleneck's solid outline; the cross says "no layer".
        painter->setPen(QPen(kUnsupported, 2.5, Qt::DashLine));
        painter->drawRoundedRect(r.adjusted(-2, -2, 2, 2), radius + 2, radius + 2);
        const double d = std::min(line, 14.0);
        const QRectF badge(r.right() - d - 3, r.top() - d / 2, d, d);
        painter->setPen(Qt::NoPen);
        painter->setBrush(kUnsupported);
        painter->drawEllipse(badge);
        painter->setPen(QPen(Qt::white, 1.6));
        const double m = d * 0.3;
        painter->drawLine(badge.topLeft() + QPointF(m, m), badge.bottomRight() - QPointF(m, m));
        painter->drawLine(badge.topRight() + QPointF(-m, m), badge.bottomLeft() + QPointF(m, -m));
        painter->setBrush(Qt::NoBrush);
    }
    if (bottleneck_) {
        painter->setPen(QPen(kBottleneck, 3.5));
        painter->drawRoundedRect(r.adjusted(-3, -3, 3, 3), radius + 3, radius + 3);
    }
    if (isSelected()) {
        painter->setPen(QPen(kSelection, 2.5));
        painter->drawRoundedRect(r.adjusted(-1, -1, 1, 1), radius + 1, radius + 1);
    }
}

} // namespace foldwise::gui
