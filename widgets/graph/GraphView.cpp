#include "graph/GraphView.h"

#include "graph/GraphNodeItem.h"

#include <QMouseEvent>
#include <QNativeGestureEvent>
#include <QWheelEvent>

#include <algorithm>
#include <cmath>

namespace foldwise::gui {
namespace {

constexpr double kStep = 1.25;
constexpr double kReadableZoom = 0.8;

} // namespace

GraphView::GraphView(QWidget* parent)
    : QGraphicsView(parent)
{
    setObjectName(QStringLiteral("graphView"));
    setDragMode(ScrollHandDrag);
    setTransformationAnchor(AnchorUnderMouse);
    setResizeAnchor(AnchorViewCenter);
    setRenderHints(QPainter::Antialiasing | QPainter::TextAntialiasing);
    // Only what changed is repainted; nodes are many but cheap, and edges overlap little.
    setViewportUpdateMode(SmartViewportUpdate);
    setOptimizationFlag(DontSavePainterState);
    setBackgroundBrush(QColor(0xfb, 0xfb, 0xfb));
    setFrameShape(QFrame::NoFrame);
}

QRectF GraphView::visibleSceneRect() const
{
    return mapToScene(viewport()->rect()).boundingRect();
}

void GraphView::setZoom(double zoom)
{
    const double clamped = std::clamp(zoom, kMinZoom, kMaxZoom);
    setTransform(QTransform::fromScale(clamped, clamped));
    emit visibleAreaChanged();
}

void GraphView::zoomBy(double factor)
{
    const double target = std::clamp(zoom() * factor, kMinZoom, kMaxZoom);
    if (std::abs(target - zoom()) < 1e-9)
        return;
    scale(target / zoom(), target / zoom());
    emit visibleAreaChanged();
}

void GraphView::zoomIn()
{
    const ViewportAnchor anchor = transformationAnchor();
    setTransformationAnchor(AnchorViewCenter); // keyboard and buttons zoom around the centre
    zoomBy(kStep);
    setTransformationAnchor(anchor);
}

void GraphView::zoomOut()
{
    const ViewportAnchor anchor = transformationAnchor();
    setTransformationAnchor(AnchorViewCenter);
    zoomBy(1 / kStep);
    setTransformationAnchor(anchor);
}

void GraphView::resetZoom()
{
    const QPointF centre = mapToScene(viewport()->rect().center());
    setZoom(1.0);
    centerOn(centre);
}

void GraphView::fitToWindow()
{
    if (!scene() || sceneRect().isEmpty())
        return;
    fitInView(sceneRect(), Qt::KeepAspectRatio);
    if (zoom() > 1.0) // a small graph is not blown up beyond its natural size
        setZoom(1.0);
    if (zoom() < kMinZoom)
        setZoom(kMinZoom);
    centerOn(sceneRect().center());
    emit visibleAreaChanged();
}

void GraphView::showStart()
{
    if (!scene() || sceneRect().isEmpty())
        return;
    const QRectF rect = sceneRect();
    const QSizeF room = viewport()->size();
    const double fit = std::min(room.width() / rect.width(), room.height() / rect.height());
    // The whole graph when it is readable at that size, else its top at a readable size.
    setZoom(std::clamp(std::max(fit, kReadableZoom), kMinZoom, 1.0));
    const QRectF visible = visibleSceneRect();
    centerOn(rect.center().x(), rect.top() + std::min(visible.height(), rect.height()) / 2);
    emit visibleAreaChanged();
}

void GraphView::centreOn(const QGraphicsItem* item)
{
    if (!item)
        return;
    // Zoomed too far out to read the node: come closer first.
    if (zoom() < 0.5)
        setZoom(kReadableZoom);
    centerOn(item);
    emit visibleAreaChanged();
}

void GraphView::wheelEvent(QWheelEvent* event)
{
    if (event->modifiers() & Qt::ControlModifier) {
        const double degrees = event->angleDelta().y() / 8.0;
        if (degrees != 0) {
            zoomBy(std::pow(kStep, degrees / 15.0));
            event->accept();
        }
        return;
    }
    QGraphicsView::wheelEvent(event);
}

bool GraphView::viewportEvent(QEvent* event)
{
    // Trackpad pinch (macOS, Wayland) zooms like Ctrl+wheel.
    if (event->type() == QEvent::NativeGesture) {
        const auto* gesture = static_cast<QNativeGestureEvent*>(event);
        if (gesture->gestureType() == Qt::ZoomNativeGesture) {
            zoomBy(1.0 + gesture->value());
            return true;
        }
    }
    return QGraphicsView::viewportEvent(event);
}

void GraphView::mouseDoubleClickEvent(QMouseEvent* event)
{
    for (QGraphicsItem* item : items(event->position().toPoint())) {
        if (item->type() == GraphNodeItem::Type) {
            emit nodeDoubleClicked(static_cast<GraphNodeItem*>(item));
            event->accept();
            return;
        }
    }
    QGraphicsView::mouseDoubleClickEvent(event);
}

void GraphView::scrollContentsBy(int dx, int dy)
{
    QGraphicsView::scrollContentsBy(dx, dy);
    emit visibleAreaChanged();
}

void GraphView::resizeEvent(QResizeEvent* event)
{
    QGraphicsView::resizeEvent(event);
    emit visibleAreaChanged();
}

} // namespace foldwise::gui
