#pragma once

#include "graph/DisplayGraph.h"
#include "graph/GraphScene.h"

#include <QColor>
#include <QCoreApplication>
#include <QFont>
#include <QString>

namespace foldwise::gui {

// What a node and an edge say and which colour a layer kind gets, in one place so the nodes,
// their tooltips and the legend agree.
class NodeAppearance {
    Q_DECLARE_TR_FUNCTIONS(NodeAppearance)

public:
    NodeAppearance() = delete;

    static QColor kindColour(LayerKind kind);
    static QColor foldedColour();
    // Texts, colour, tooltip and size (measured in `font`) of a display node.
    static SceneNode sceneNode(const DisplayNode& node, const Model& model, const ModelSummary& summary,
                               const QFont& font);
    // The shape of the tensor an edge carries.
    static QString edgeLabel(const Model& model, TensorId tensor);
};

} // namespace foldwise::gui
