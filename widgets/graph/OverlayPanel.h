#pragma once

class QColor;
class QPainter;
class QRect;

namespace foldwise::gui {

// The panel the graph's overlays (legend, minimap) are drawn on: light, a little see-through,
// rounded, with a grey edge, so that they stand apart from the graph below. Leaves `painter`
// antialiased.
void paintOverlayPanel(QPainter& painter, const QRect& rect, const QColor& fill);

} // namespace foldwise::gui
