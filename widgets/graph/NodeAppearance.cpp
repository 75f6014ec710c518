#include "graph/NodeAppearance.h"

#include "DisplayText.h"

#include <QStringList>

namespace foldwise::gui {
namespace {

// Header colours in Netron's spirit: convolutions blue, activations red, pooling green, data
// movement brown; dark enough for white text.
QColor headerFor(LayerKind kind)
{
    switch (kind) {
    case LayerKind::Convolution: return {0x2f, 0x5d, 0x8c};
    case LayerKind::FullyConnected: return {0x3f, 0x6f, 0xa8};
    case LayerKind::MatMul: return {0x4b, 0x5f, 0x9e};
    case LayerKind::Pooling: return {0x3b, 0x6e, 0x3b};
    case LayerKind::Activation: return {0x8c, 0x2f, 0x2f};
    case LayerKind::ElementWise: return {0x5e, 0x4b, 0x7d};
    case LayerKind::ConcatSplit: return {0x7a, 0x5a, 0x2c};
    case LayerKind::ReshapeLike: return {0x6c, 0x4f, 0x47};
    case LayerKind::Normalisation: return {0x2e, 0x6b, 0x6b};
    case LayerKind::Constant: return {0x6e, 0x6e, 0x6e};
    case LayerKind::Other: return {0x4a, 0x4a, 0x4a};
    case LayerKind::Quantizer: return {0x8a, 0x6d, 0x1f};
    case LayerKind::Custom: return {0xa0, 0x4a, 0x1c};
    }
    return {0x4a, 0x4a, 0x4a};
}

QString shapeOf(const Model& model, TensorId tensor)
{
    const Tensor& t = model.graph().tensor(tensor);
    return DisplayText::shape(t.shape, t.hasShape);
}

} // namespace

QColor NodeAppearance::kindColour(LayerKind kind)
{
    return headerFor(kind);
}

QColor NodeAppearance::foldedColour()
{
    return {0x80, 0x80, 0x80};
}

QString NodeAppearance::edgeLabel(const Model& model, TensorId tensor)
{
    return tensor == kNoId ? QString() : shapeOf(model, tensor);
}

SceneNode NodeAppearance::sceneNode(const DisplayNode& node, const Model& model, const ModelSummary& summary,
                                    const QFont& font)
{
    SceneNode scene;
    scene.type = node.type;
    switch (node.type) {
    case DisplayNode::Type::Layer: {
        const LayerFigures& layer = summary.layers[static_cast<std::size_t>(node.layerIndex)];
        const QString name = QString::fromStdString(layer.name);
        const QString op = QString::fromStdString(layer.opType);
        const QString shape = DisplayText::shape(layer.outputShape, layer.outputShapeKnown);
        scene.label = {op, name, shape};
        scene.headerColour = kindColour(layer.kind);
        QStringList lines{QStringLiteral("<b>%1</b>").arg(name.toHtmlEscaped()),
                          QStringLiteral("%1 — %2").arg(op.toHtmlEscaped(),
                                                        DisplayText::kind(layer.kind, layer.variant).toHtmlEscaped()),
                          tr("Output: %1").arg(shape)};
        if (layer.macs != 0)
            lines << tr("MACs: %1").arg(DisplayText::count(layer.macs));
        if (layer.params() > 0)
            lines << tr("Parameters: %1").arg(DisplayText::count(layer.params()));
        scene.toolTip = lines.join(QStringLiteral("<br>"));
        break;
    }
    case DisplayNode::Type::Input:
    case DisplayNode::Type::Output: {
        const QString name = QString::fromStdString(model.graph().tensor(node.tensor).name);
        const QString title = node.type == DisplayNode::Type::Input ? tr("Input") : tr("Output");
        scene.label = {title, name, shapeOf(model, node.tensor)};
        scene.headerColour = QColor(0xf2, 0xf2, 0xf2);
        scene.toolTip = QStringLiteral("<b>%1</b><br>%2: %3").arg(name.toHtmlEscaped(), title, scene.label.detail);
        break;
    }
    case DisplayNode::Type::Collapsed: {
        const auto count = static_cast<int>(node.members.size());
        QStringList ops;
        for (const int member : node.members) {
            const QString op = QString::fromStdString(summary.layers[static_cast<std::size_t>(member)].opType);
            if (!ops.contains(op))
                ops << op;
        }
        if (ops.size() > 3) {
            ops = ops.mid(0, 3);
            ops << QStringLiteral("…");
        }
        const auto nameOf = [&summary](int layer) {
            return QString::fromStdString(summary.layers[static_cast<std::size_t>(layer)].name);
        };
        //: A block of folded nodes; %n is how many
        scene.label = {tr("%n nodes", nullptr, count), ops.join(QStringLiteral(", ")), tr("double-click to expand")};
        scene.headerColour = foldedColour();
        //: %n folded nodes; %1 and %2 are the names of the first and the last
        scene.toolTip = tr("%n folded nodes, from %1 to %2.<br>Double-click to expand.", nullptr, count)
                            .arg(nameOf(node.members.front()).toHtmlEscaped(), nameOf(node.members.back()).toHtmlEscaped());
        break;
    }
    }
    scene.size = GraphNodeItem::preferredSize(scene.label, font);
    return scene;
}

} // namespace foldwise::gui
