#pragma once

#include "graph/DisplayGraph.h"

#include <QColor>
#include <QGraphicsItem>
#include <QString>

namespace foldwise::gui {

// The three lines a node shows.
struct NodeLabel {
    QString title;  // op type; "Input"/"Output"; "37 nodes" for a folded block
    QString name;   // layer or tensor name; the op types inside a folded block
    QString detail; // output shape; a hint for folded blocks
};

// A node box in Netron's manner: a header band in the colour of the layer's kind with the op
// type, then the name and the output shape. Far zoomed out it is drawn as a plain block,
// which keeps panning over thousands of nodes smooth.
class GraphNodeItem : public QGraphicsItem {
public:
    enum { Type = UserType + 1 };

    GraphNodeItem(int displayIndex, DisplayNode::Type nodeType, NodeLabel label, QColor headerColour, QSizeF size);

    // The size a node needs to show `label` in `font` (within a minimum and maximum width;
    // longer names are elided in the middle).
    static QSizeF preferredSize(const NodeLabel& label, const QFont& font);

    int displayIndex() const { return displayIndex_; }
    DisplayNode::Type nodeType() const { return nodeType_; }
    const NodeLabel& label() const { return label_; }
    QColor headerColour() const { return headerColour_; }

    // The metric colour filling the body; invalid: the neutral default.
    void setFillColour(const QColor& colour);
    QColor fillColour() const { return fillColour_; }
    // The body colour actually drawn.
    QColor effectiveFillColour() const;

    // A highlighted outline for the node that limits the accelerator's throughput.
    void setBottleneck(bool bottleneck);
    bool isBottleneck() const { return bottleneck_; }

    // Marks a node the chosen hardware style cannot build: a dashed red outline and a cross in
    // the corner, and `reason` under the node's tooltip. An empty reason removes the mark.
    void setUnsupported(const QString& reason);
    bool isUnsupported() const { return !unsupported_.isEmpty(); }
    QString unsupportedReason() const { return unsupported_; }

    QRectF boundingRect() const override;
    QPainterPath shape() const override;
    void paint(QPainter* painter, const QStyleOptionGraphicsItem* option, QWidget* widget) override;
    int type() const override { return Type; }

private:
    QRectF box() const;

    int displayIndex_;
    DisplayNode::Type nodeType_;
    NodeLabel label_;
    QColor headerColour_;
    QSizeF size_;
    QColor fillColour_;
    bool bottleneck_ = false;
    QString unsupported_;
    QString plainToolTip_; // the tooltip without the unsupported reason
};

} // namespace foldwise::gui
