#include "itemmodels/LayerPropertiesModel.h"

#include "DisplayText.h"

#include <QFont>

#include <string_view>

namespace foldwise::gui {
namespace {

QString fromView(std::string_view text)
{
    return QString::fromUtf8(text.data(), static_cast<qsizetype>(text.size()));
}

} // namespace

LayerPropertiesModel::LayerPropertiesModel(QObject* parent)
    : QStandardItemModel(0, 2, parent)
{
    setHorizontalHeaderLabels({tr("Property"), tr("Value")});
}

void LayerPropertiesModel::clearLayer()
{
    removeRows(0, rowCount());
}

void LayerPropertiesModel::setLayer(const Model& model, const LayerFigures& layer)
{
    clearLayer();
    const Node& node = model.graph().node(layer.node);

    QStandardItem* section = addSection(tr("Layer"));
    addRow(section, tr("Name"), QString::fromStdString(layer.name));
    addRow(section, tr("Op type"), QString::fromStdString(layer.opType));
    addRow(section, tr("Domain"), DisplayText::domain(layer.domain));
    addRow(section, tr("Kind"), DisplayText::kind(layer.kind));
    if (!layer.variant.empty())
        addRow(section, tr("Variant"), DisplayText::variant(layer.variant));
    if (!layer.standardOp) {
        QStandardItem* note = addRow(section, tr("Schema"), DisplayText::customOpNote(), DisplayText::customOpNote());
        QFont italic = note->font();
        italic.setItalic(true);
        note->setFont(italic);
    }

    addFigures(layer);
    addGeometry(layer);
    addQuantisation(layer);
    addAttributes(node);
    addTensors(tr("Inputs"), model.graph(), node.inputs);
    addTensors(tr("Outputs"), model.graph(), node.outputs);
}

void LayerPropertiesModel::addFigures(const LayerFigures& layer)
{
    QStandardItem* section = addSection(tr("Figures"));
    addRow(section, tr("Input shape"), DisplayText::shape(layer.inputShape, layer.inputShapeKnown),
           tr("First activation input"));
    addRow(section, tr("Output shape"), DisplayText::shape(layer.outputShape, layer.outputShapeKnown),
           tr("First output"));
    addRow(section, tr("MACs"), DisplayText::count(layer.macs), tr("Multiply-accumulate operations per inference"));
    addRow(section, tr("Parameters"), DisplayText::count(layer.params()));
    addRow(section, tr("Weights"), DisplayText::count(layer.weights));
    addRow(section, tr("Biases"), DisplayText::count(layer.biases));
    addRow(section, tr("Input activations"), DisplayText::count(layer.inputActivations),
           tr("Elements of all activation inputs"));
    addRow(section, tr("Output activations"), DisplayText::count(layer.outputActivations),
           tr("Elements of all outputs"));
}

// Data types as the model states them (QONNX quantizers, finn_datatype annotations).
void LayerPropertiesModel::addQuantisation(const LayerFigures& layer)
{
    if (!layer.weightFormat && !layer.inputFormat && !layer.outputFormat)
        return;
    const auto type = [this](const std::optional<qonnx::NumberFormat>& f) {
        return f ? QString::fromStdString(f->finnName()) : tr("float");
    };
    QStandardItem* section = addSection(tr("Quantisation"));
    if (layer.bops) {
        addRow(section, tr("Weight type"), type(layer.weightFormat));
        addRow(section, tr("BOPs"), DisplayText::count(layer.bops), tr("Bit operations: MACs x weight bits x input bits"));
        addRow(section, tr("Weight memory (bits)"), DisplayText::count(layer.weightMemoryBits));
    }
    addRow(section, tr("Input type"), type(layer.inputFormat));
    addRow(section, tr("Output type"), type(layer.outputFormat));
}

void LayerPropertiesModel::addGeometry(const LayerFigures& layer)
{
    if (layer.kernel.empty() && layer.strides.empty() && layer.pads.empty() && layer.dilations.empty())
        return;
    QStandardItem* section = addSection(tr("Geometry"));
    if (!layer.kernel.empty())
        addRow(section, tr("Kernel"), DisplayText::intList(layer.kernel));
    if (!layer.strides.empty())
        addRow(section, tr("Strides"), DisplayText::intList(layer.strides));
    if (!layer.pads.empty())
        addRow(section, tr("Pads"), DisplayText::intList(layer.pads), tr("Begin and end padding per spatial axis"));
    if (!layer.dilations.empty())
        addRow(section, tr("Dilations"), DisplayText::intList(layer.dilations));
    addRow(section, tr("Groups"), DisplayText::count(layer.groups));
    if (layer.channelsIn)
        addRow(section, tr("Input channels"), DisplayText::count(layer.channelsIn));
    if (layer.channelsOut)
        addRow(section, tr("Output channels"), DisplayText::count(layer.channelsOut));
}

void LayerPropertiesModel::addAttributes(const Node& node)
{
    QStandardItem* section = addSection(tr("Attributes"));
    if (node.attributes.empty()) {
        addRow(section, tr("(none)"), {});
        return;
    }
    for (const Attribute& attribute : node.attributes)
        addRow(section, QString::fromStdString(attribute.name), QString::fromStdString(attribute.valueString()),
               fromView(attributeTypeName(attribute.type)));
}

void LayerPropertiesModel::addTensors(const QString& title, const Graph& graph, const std::vector<TensorId>& tensors)
{
    QStandardItem* section = addSection(title);
    if (tensors.empty()) {
        addRow(section, tr("(none)"), {});
        return;
    }
    for (const TensorId id : tensors) {
        if (id == kNoId) {
            addRow(section, tr("(omitted)"), {}, tr("Optional operand not given"));
            continue;
        }
        const Tensor& tensor = graph.tensor(id);
        //: %1 is an element type ("float"), %2 a shape ("1x16x8x8")
        QString value = tr("%1 %2").arg(fromView(dataTypeName(tensor.type)), DisplayText::shape(tensor.shape, tensor.hasShape));
        if (tensor.role != TensorRole::Intermediate)
            //: %1 is a tensor's type and shape, %2 its role ("initializer", "graph input")
            value = tr("%1 (%2)").arg(value, DisplayText::tensorRole(tensor.role));
        addRow(section, QString::fromStdString(tensor.name), value);
    }
}

QStandardItem* LayerPropertiesModel::addSection(const QString& title)
{
    auto* item = new QStandardItem(title);
    item->setEditable(false);
    QFont bold = item->font();
    bold.setBold(true);
    item->setFont(bold);
    auto* filler = new QStandardItem;
    filler->setEditable(false);
    appendRow({item, filler});
    return item;
}

QStandardItem* LayerPropertiesModel::addRow(QStandardItem* section, const QString& property, const QString& value,
                                            const QString& toolTip)
{
    auto* key = new QStandardItem(property);
    key->setEditable(false);
    key->setToolTip(toolTip.isEmpty() ? property : toolTip);
    auto* item = new QStandardItem(value);
    item->setEditable(false);
    item->setToolTip(value);
    section->appendRow({key, item});
    return item;
}

} // namespace foldwise::gui
