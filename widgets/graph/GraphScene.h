#pragma once

#include "graph/DisplayGraph.h"
#include "graph/GraphLayout.h"
#include "graph/GraphNodeItem.h"

#include <QGraphicsScene>
#include <QList>

namespace foldwise::gui {

class GraphEdgeItem;

// What the scene needs to know about one node besides its place.
struct SceneNode {
    DisplayNode::Type type = DisplayNode::Type::Layer;
    NodeLabel label;
    QColor headerColour;
    QString toolTip;
    QSizeF size;
};

struct SceneEdge {
    int from = 0;
    int to = 0;
    QString label; // the tensor's shape
};

// The laid-out graph as items: one GraphNodeItem per display node (indexed like
// DisplayGraph::nodes) and one GraphEdgeItem per edge.
class GraphScene : public QGraphicsScene {
    Q_OBJECT

public:
    explicit GraphScene(QObject* parent = nullptr);

    // Replaces the items. `layout` must come from the same nodes and edges, in that order.
    void populate(const QList<SceneNode>& nodes, const QList<SceneEdge>& edges, const LayoutResult& layout);
    void clearGraph();

    const QList<GraphNodeItem*>& nodeItems() const { return nodes_; }
    const QList<GraphEdgeItem*>& edgeItems() const { return edges_; }
    GraphNodeItem* nodeItem(int displayIndex) const { return nodes_.value(displayIndex); }

    void setEdgeLabelsVisible(bool visible);
    bool edgeLabelsVisible() const { return edgeLabels_; }

private:
    QList<GraphNodeItem*> nodes_;
    QList<GraphEdgeItem*> edges_;
    bool edgeLabels_ = false;
};

} // namespace foldwise::gui
