#include "graph/OverlayPanel.h"

#include <QColor>
#include <QPainter>
#include <QRect>

namespace foldwise::gui {

void paintOverlayPanel(QPainter& painter, const QRect& rect, const QColor& fill)
{
    painter.setRenderHint(QPainter::Antialiasing);
    painter.setPen(QColor(0xb0, 0xb0, 0xb0));
    painter.setBrush(fill);
    painter.drawRoundedRect(QRectF(rect).adjusted(0.5, 0.5, -0.5, -0.5), 4, 4);
}

} // namespace foldwise::gui
