#include "graph/GraphScene.h"

#include "graph/GraphEdgeItem.h"

namespace foldwise::gui {
namespace {

constexpr double kMargin = 40; // room around the graph so edge nodes are not glued to the view's border

} // namespace

GraphScene::GraphScene(QObject* parent)
    : QGraphicsScene(parent)
{
    // Items never move once placed, so the BSP index (fast hit-testing and exposure among
    // thousands of items) is built once per populate and stays valid.
    setItemIndexMethod(BspTreeIndex);
}

void GraphScene::clearGraph()
{
    clear(); // deletes the items
    nodes_.clear();
    edges_.clear();
    setSceneRect(QRectF());
}

void GraphScene::populate(const QList<SceneNode>& nodes, const QList<SceneEdge>& edges, const LayoutResult& layout)
{
    clearGraph();
    if (!layout.ok || layout.nodeCentres.size() != static_cast<std::size_t>(nodes.size())
        || layout.edgePaths.size() != static_cast<std::size_t>(edges.size()))
        return;
    nodes_.reserve(nodes.size());
    for (qsizetype i = 0; i < nodes.size(); ++i) {
        const SceneNode& node = nodes[i];
        auto* item = new GraphNodeItem(static_cast<int>(i), node.type, node.label, node.headerColour, node.size);
        const LayoutPoint centre = layout.nodeCentres[static_cast<std::size_t>(i)];
        item->setPos(centre.x, centre.y);
        item->setToolTip(node.toolTip);
        addItem(item);
        nodes_.push_back(item);
    }
    edges_.reserve(edges.size());
    for (qsizetype i = 0; i < edges.size(); ++i) {
        const auto index = static_cast<std::size_t>(i);
        auto* item = new GraphEdgeItem(edges[i].from, edges[i].to, layout.edgePaths[index], layout.arrowTips[index],
                                       edges[i].label);
        item->setLabelVisible(edgeLabels_);
        addItem(item);
        edges_.push_back(item);
    }
    setSceneRect(QRectF(0, 0, layout.width, layout.height).adjusted(-kMargin, -kMargin, kMargin, kMargin));
}

void GraphScene::setEdgeLabelsVisible(bool visible)
{
    edgeLabels_ = visible;
    for (GraphEdgeItem* edge : std::as_const(edges_))
        edge->setLabelVisible(visible);
}

} // namespace foldwise::gui
