#include "graph/GraphMinimap.h"

#include "graph/GraphView.h"
#include "graph/OverlayPanel.h"

#include <QGraphicsScene>
#include <QMouseEvent>
#include <QPainter>
#include <QSize>

#include <algorithm>

namespace foldwise::gui {
namespace {

constexpr QSize kMaxSize(180, 220);
constexpr int kMinSide = 40;
constexpr int kFrame = 4;

} // namespace

GraphMinimap::GraphMinimap(GraphView* view, QWidget* parent)
    : QWidget(parent)
    , view_(view)
{
    setObjectName(QStringLiteral("graphMinimap"));
    setCursor(Qt::PointingHandCursor);
    setAttribute(Qt::WA_OpaquePaintEvent, false);
    setToolTip(tr("Overview: click or drag to move the view"));
    connect(view_, &GraphView::visibleAreaChanged, this, qOverload<>(&QWidget::update));
    hide();
}

QSize GraphMinimap::sizeHint() const
{
    return pictureSize_.isEmpty() ? QSize(kMaxSize.width(), kMinSide) : pictureSize_ + QSize(2 * kFrame, 2 * kFrame);
}

void GraphMinimap::refresh()
{
    const QGraphicsScene* scene = view_->scene();
    const QRectF rect = scene ? scene->sceneRect() : QRectF();
    if (rect.isEmpty()) {
        picture_ = {};
        pictureSize_ = {};
        hide();
        return;
    }
    const double scale = std::min(kMaxSize.width() / rect.width(), kMaxSize.height() / rect.height());
    pictureSize_ = QSize(std::max(kMinSide, static_cast<int>(rect.width() * scale)),
                         std::max(kMinSide, static_cast<int>(rect.height() * scale)));
    const qreal ratio = devicePixelRatioF();
    picture_ = QImage(pictureSize_ * ratio, QImage::Format_ARGB32_Premultiplied);
    picture_.setDevicePixelRatio(ratio);
    picture_.fill(QColor(0xfb, 0xfb, 0xfb));
    {
        QPainter painter(&picture_);
        view_->scene()->render(&painter, QRectF(QPointF(0, 0), QSizeF(pictureSize_)), rect, Qt::KeepAspectRatio);
    }
    setFixedSize(sizeHint());
    show();
    update();
}

QRectF GraphMinimap::pictureRect() const
{
    return {QPointF(kFrame, kFrame), QSizeF(pictureSize_)};
}

QRectF GraphMinimap::visibleArea() const
{
    const QGraphicsScene* scene = view_->scene();
    if (!scene || picture_.isNull())
        return {};
    const QRectF sceneRect = scene->sceneRect();
    const QRectF target = pictureRect();
    // render() with KeepAspectRatio centres the scene in the picture.
    const double scale = std::min(target.width() / sceneRect.width(), target.height() / sceneRect.height());
    const QPointF offset = target.center() - QPointF(sceneRect.width() * scale, sceneRect.height() * scale) / 2;
    const QRectF visible = view_->visibleSceneRect().intersected(sceneRect);
    return {offset + (visible.topLeft() - sceneRect.topLeft()) * scale, visible.size() * scale};
}

void GraphMinimap::moveViewTo(QPointF point)
{
    const QGraphicsScene* scene = view_->scene();
    if (!scene || picture_.isNull())
        return;
    const QRectF sceneRect = scene->sceneRect();
    const QRectF target = pictureRect();
    const double scale = std::min(target.width() / sceneRect.width(), target.height() / sceneRect.height());
    const QPointF offset = target.center() - QPointF(sceneRect.width() * scale, sceneRect.height() * scale) / 2;
    view_->centerOn(sceneRect.topLeft() + (point - offset) / scale);
}

void GraphMinimap::paintEvent(QPaintEvent*)
{
    QPainter painter(this);
    paintOverlayPanel(painter, rect(), QColor(0xfb, 0xfb, 0xfb, 235));
    painter.drawImage(pictureRect().topLeft(), picture_);
    const QRectF visible = visibleArea();
    if (!visible.isEmpty()) {
        painter.setPen(QPen(QColor(0x1e, 0x6f, 0xd9), 1.5));
        painter.setBrush(QColor(0x1e, 0x6f, 0xd9, 40));
        painter.drawRect(visible);
    }
}

void GraphMinimap::mousePressEvent(QMouseEvent* event)
{
    if (event->button() == Qt::LeftButton)
        moveViewTo(event->position());
}

void GraphMinimap::mouseMoveEvent(QMouseEvent* event)
{
    if (event->buttons() & Qt::LeftButton)
        moveViewTo(event->position());
}

} // namespace foldwise::gui
