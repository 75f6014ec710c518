#include "itemmodels/LayerTableModel.h"

#include "DisplayText.h"

#include <QFont>
#include <QStringList>

namespace foldwise::gui {
namespace {

QVariant sortValue(const std::optional<int64_t>& value)
{
    return static_cast<qlonglong>(value.value_or(-1));
}

bool isNumeric(int column)
{
    switch (column) {
    case LayerTableModel::IndexColumn:
    case LayerTableModel::MacsColumn:
    case LayerTableModel::ParamsColumn:
    case LayerTableModel::InputActivationsColumn:
    case LayerTableModel::OutputActivationsColumn:
    case LayerTableModel::BopsColumn:
        return true;
    default:
        return false;
    }
}

} // namespace

LayerTableModel::LayerTableModel(QObject* parent)
    : QAbstractTableModel(parent)
{
}

void LayerTableModel::setSummary(std::shared_ptr<const ModelSummary> summary)
{
    beginResetModel();
    summary_ = std::move(summary);
    endResetModel();
}

void LayerTableModel::setExtraColumns(std::shared_ptr<const LayerColumnSource> source)
{
    const int count = source ? source->columnCount() : 0;
    if (count > extraColumns_) {
        beginInsertColumns({}, ColumnCount + extraColumns_, ColumnCount + count - 1);
        extra_ = std::move(source);
        extraColumns_ = count;
        endInsertColumns();
    } else if (count < extraColumns_) {
        beginRemoveColumns({}, ColumnCount + count, ColumnCount + extraColumns_ - 1);
        extra_ = std::move(source);
        extraColumns_ = count;
        endRemoveColumns();
    } else {
        extra_ = std::move(source);
    }
    if (extraColumns_ > 0 && rowCount() > 0) {
        emit headerDataChanged(Qt::Horizontal, ColumnCount, ColumnCount + extraColumns_ - 1);
        emit dataChanged(index(0, ColumnCount), index(rowCount() - 1, ColumnCount + extraColumns_ - 1));
    }
}

const LayerFigures* LayerTableModel::layer(int row) const
{
    if (!summary_ || row < 0 || row >= rowCount())
        return nullptr;
    return &summary_->layers[static_cast<std::size_t>(row)];
}

int LayerTableModel::rowCount(const QModelIndex& parent) const
{
    if (parent.isValid() || !summary_)
        return 0;
    return static_cast<int>(summary_->layers.size());
}

int LayerTableModel::columnCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : ColumnCount + extraColumns_;
}

QVariant LayerTableModel::data(const QModelIndex& index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const LayerFigures* figures = layer(index.row());
    if (!figures)
        return {};
    if (index.column() >= ColumnCount) {
        if (role == LayerIndexRole)
            return index.row();
        if (role == KindRole)
            return static_cast<int>(figures->kind);
        return extra_ ? extra_->data(index.row(), index.column() - ColumnCount, role) : QVariant();
    }

    switch (role) {
    case Qt::DisplayRole:
        return displayData(*figures, index.row(), index.column());
    case SortRole:
        return sortData(*figures, index.row(), index.column());
    case LayerIndexRole:
        return index.row();
    case KindRole:
        return static_cast<int>(figures->kind);
    case Qt::TextAlignmentRole:
        if (isNumeric(index.column()))
            return QVariant::fromValue(Qt::AlignRight | Qt::AlignVCenter);
        return QVariant::fromValue(Qt::AlignLeft | Qt::AlignVCenter);
    case Qt::FontRole:
        if (!figures->standardOp) {
            QFont font;
            font.setItalic(true);
            return font;
        }
        return {};
    case Qt::ToolTipRole: {
        QStringList lines;
        if (index.column() == NameColumn)
            lines << QString::fromStdString(figures->name);
        if (!figures->standardOp)
            lines << DisplayText::customOpNote();
        return lines.isEmpty() ? QVariant() : QVariant(lines.join(QLatin1Char('\n')));
    }
    default:
        return {};
    }
}

namespace {

QString typeText(const std::optional<qonnx::NumberFormat>& format)
{
    return format ? QString::fromStdString(format->finnName()) : QString();
}

bool quantised(const LayerFigures& layer)
{
    return layer.inputFormat || layer.weightFormat;
}

} // namespace

QVariant LayerTableModel::displayData(const LayerFigures& layer, int row, int column) const
{
    switch (column) {
    case IndexColumn: return row;
    case NameColumn: return QString::fromStdString(layer.name);
    case OpTypeColumn: return QString::fromStdString(layer.opType);
    case KindColumn: return DisplayText::kind(layer.kind, layer.variant);
    case OutputShapeColumn: return DisplayText::shape(layer.outputShape, layer.outputShapeKnown);
    case MacsColumn: return DisplayText::count(layer.macs);
    case ParamsColumn: return DisplayText::count(layer.params());
    case InputActivationsColumn: return DisplayText::count(layer.inputActivations);
    case OutputActivationsColumn: return DisplayText::count(layer.outputActivations);
    case InputTypeColumn: return typeText(layer.inputFormat);
    case WeightTypeColumn: return typeText(layer.weightFormat);
    case BopsColumn: return layer.bops && quantised(layer) ? DisplayText::count(layer.bops) : QString();
    default: return {};
    }
}

QVariant LayerTableModel::sortData(const LayerFigures& layer, int row, int column) const
{
    switch (column) {
    case IndexColumn: return row;
    case OutputShapeColumn: return sortValue(layer.outputActivations);
    case MacsColumn: return sortValue(layer.macs);
    case ParamsColumn: return static_cast<qlonglong>(layer.params());
    case InputActivationsColumn: return sortValue(layer.inputActivations);
    case OutputActivationsColumn: return sortValue(layer.outputActivations);
    case BopsColumn: return quantised(layer) ? sortValue(layer.bops) : QVariant(qlonglong{-1});
    default: return displayData(layer, row, column);
    }
}

QVariant LayerTableModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal)
        return {};
    if (section >= ColumnCount)
        return extra_ ? extra_->headerData(section - ColumnCount, role) : QVariant();
    if (role == Qt::DisplayRole) {
        switch (section) {
        case IndexColumn: return tr("#");
        case NameColumn: return tr("Name");
        case OpTypeColumn: return tr("Op type");
        case KindColumn: return tr("Kind");
        case OutputShapeColumn: return tr("Output shape");
        case MacsColumn: return tr("MACs");
        case ParamsColumn: return tr("Params");
        case InputActivationsColumn: return tr("Input act.");
        case OutputActivationsColumn: return tr("Output act.");
        case InputTypeColumn: return tr("In type");
        case WeightTypeColumn: return tr("Weight type");
        case BopsColumn: return tr("BOPs");
        default: return {};
        }
    }
    if (role == Qt::ToolTipRole) {
        switch (section) {
        case IndexColumn: return tr("Position in topological order");
        case NameColumn: return tr("Node name");
        case OpTypeColumn: return tr("ONNX operator");
        case KindColumn: return tr("Layer kind as an accelerator groups layers");
        case OutputShapeColumn: return tr("Shape of the first output");
        case MacsColumn: return tr("Multiply-accumulate operations per inference");
        case ParamsColumn: return tr("Elements of constant weights and biases");
        case InputActivationsColumn: return tr("Elements of all activation inputs");
        case OutputActivationsColumn: return tr("Elements of all outputs");
        case InputTypeColumn: return tr("Data type of the first activation input, as the model states it (empty: float)");
        case WeightTypeColumn: return tr("Data type of the weights, as the model states it (empty: float)");
        case BopsColumn: return tr("Bit operations: MACs x weight bits x input bits");
        default: return {};
        }
    }
    if (role == Qt::TextAlignmentRole)
        return QVariant::fromValue(isNumeric(section) ? Qt::AlignRight | Qt::AlignVCenter
                                                      : Qt::AlignLeft | Qt::AlignVCenter);
    return {};
}

} // namespace foldwise::gui
