#include "itemmodels/FidelityTableModel.h"

#include <QBrush>
#include <QColor>
#include <QFont>
#include <QLocale>

#include <cmath>

namespace foldwise::gui {
namespace {

bool isDifference(int column)
{
    return column >= FidelityTableModel::CyclesDifferenceColumn && column <= FidelityTableModel::FfDifferenceColumn;
}

bool isNumeric(int column)
{
    return column == FidelityTableModel::IndexColumn || column >= FidelityTableModel::NativeCyclesColumn;
}

bool beyond(double difference)
{
    // An infinite difference (only fpgaConvNet's figure is 0) is beyond any threshold.
    return !(std::abs(difference) <= FidelityTableModel::kHighlightThreshold);
}

// The figures a difference column compares: native, then fpgaConvNet's.
std::pair<double, double> compared(const fpgaconvnet::LayerFidelity& l, int column)
{
    switch (column) {
    case FidelityTableModel::CyclesDifferenceColumn: return {l.nativeCycles, l.compatibleCycles};
    case FidelityTableModel::DspDifferenceColumn: return {l.native.dsp, l.compatible.dsp};
    case FidelityTableModel::BramDifferenceColumn: return {l.native.bram18, l.compatible.bram18};
    case FidelityTableModel::LutDifferenceColumn: return {l.native.lut, l.compatible.lut};
    case FidelityTableModel::FfDifferenceColumn: return {l.native.ff, l.compatible.ff};
    default: return {0, 0};
    }
}

QString signedPercent(double difference)
{
    if (!std::isfinite(difference))
        //: A relative difference that has no finite value: fpgaConvNet's figure is 0, Foldwise's is not
        return FidelityTableModel::tr("n/a");
    const QString number = QLocale().toString(difference * 100, 'f', 1);
    //: A relative difference as a percentage, e.g. "+12.5 %"
    return FidelityTableModel::tr("%1%2 %").arg(difference > 0 ? QStringLiteral("+") : QString(), number);
}

QString figure(double value)
{
    return QLocale().toString(value, 'f', 0);
}

} // namespace

FidelityTableModel::FidelityTableModel(QObject* parent)
    : QAbstractTableModel(parent)
{
}

void FidelityTableModel::setReport(std::shared_ptr<const fpgaconvnet::FidelityReport> report)
{
    if (report == report_)
        return;
    beginResetModel();
    report_ = std::move(report);
    endResetModel();
}

double FidelityTableModel::difference(int row, int column) const
{
    if (!report_ || row < 0 || row >= rowCount() || !isDifference(column))
        return 0;
    const auto [native, compatible] = compared(report_->layers[static_cast<std::size_t>(row)], column);
    return fpgaconvnet::relativeDifference(native, compatible);
}

bool FidelityTableModel::rowExceeds(int row) const
{
    for (int column = CyclesDifferenceColumn; column <= FfDifferenceColumn; ++column)
        if (beyond(difference(row, column)))
            return true;
    return false;
}

int FidelityTableModel::exceedingRows() const
{
    int n = 0;
    for (int row = 0; row < rowCount(); ++row)
        n += rowExceeds(row);
    return n;
}

int FidelityTableModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() || !report_ ? 0 : static_cast<int>(report_->layers.size());
}

int FidelityTableModel::columnCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant FidelityTableModel::data(const QModelIndex& index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const int row = index.row(), column = index.column();
    const fpgaconvnet::LayerFidelity& layer = report_->layers[static_cast<std::size_t>(row)];
    const bool cellExceeds = isDifference(column) && beyond(difference(row, column));
    switch (role) {
    case Qt::DisplayRole: return displayData(layer, row, column);
    case SortRole: return sortData(layer, row, column);
    case ExceedsRole: return isDifference(column) ? cellExceeds : rowExceeds(row);
    case Qt::ToolTipRole: return toolTip(layer, row, column);
    case Qt::TextAlignmentRole:
        return QVariant::fromValue(isNumeric(column) ? Qt::AlignRight | Qt::AlignVCenter : Qt::AlignLeft | Qt::AlignVCenter);
    case Qt::BackgroundRole:
        // Translucent, so that it reads on light and dark palettes alike.
        return rowExceeds(row) ? QVariant(QBrush(QColor(240, 120, 90, 90))) : QVariant();
    case Qt::FontRole:
        if (cellExceeds) {
            QFont font;
            font.setBold(true);
            return font;
        }
        return {};
    default: return {};
    }
}

QVariant FidelityTableModel::displayData(const fpgaconvnet::LayerFidelity& layer, int row, int column) const
{
    switch (column) {
    case IndexColumn: return row;
    case NameColumn: return QString::fromStdString(layer.name);
    case TypeColumn: return QString::fromStdString(layer.type);
    case SparseColumn: return layer.sparse ? tr("yes") : QString();
    case NativeCyclesColumn: return figure(layer.nativeCycles);
    case CompatibleCyclesColumn: return figure(layer.compatibleCycles);
    default: return isDifference(column) ? QVariant(signedPercent(difference(row, column))) : QVariant();
    }
}

QVariant FidelityTableModel::sortData(const fpgaconvnet::LayerFidelity& layer, int row, int column) const
{
    switch (column) {
    case SparseColumn: return layer.sparse;
    case NativeCyclesColumn: return layer.nativeCycles;
    case CompatibleCyclesColumn: return layer.compatibleCycles;
    default: return isDifference(column) ? QVariant(difference(row, column)) : displayData(layer, row, column);
    }
}

QVariant FidelityTableModel::toolTip(const fpgaconvnet::LayerFidelity& layer, int row, int column) const
{
    if (column == NameColumn)
        return QString::fromStdString(layer.name);
    if (!isDifference(column))
        return {};
    const auto [native, compatible] = compared(layer, column);
    const int decimals = column == CyclesDifferenceColumn ? 0 : 1;
    //: %1 the figure on Foldwise's model, %2 on fpgaConvNet's, %3 their relative difference
    return tr("Foldwise: %1, fpgaConvNet: %2 (%3)")
        .arg(QLocale().toString(native, 'f', decimals), QLocale().toString(compatible, 'f', decimals),
             signedPercent(difference(row, column)));
}

QVariant FidelityTableModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal)
        return {};
    if (role == Qt::DisplayRole) {
        switch (section) {
        case IndexColumn: return tr("#");
        case NameColumn: return tr("Layer");
        case TypeColumn: return tr("Type");
        case SparseColumn: return tr("Sparse");
        // Two lines: narrower columns leave the layer names room.
        case NativeCyclesColumn: return tr("Cycles\nFoldwise");
        case CompatibleCyclesColumn: return tr("Cycles\nfpgaConvNet");
        case CyclesDifferenceColumn: return tr("Cycles Δ");
        case DspDifferenceColumn: return tr("DSP Δ");
        case BramDifferenceColumn: return tr("BRAM Δ");
        case LutDifferenceColumn: return tr("LUT Δ");
        case FfDifferenceColumn: return tr("FF Δ");
        default: return {};
        }
    }
    if (role == Qt::ToolTipRole) {
        switch (section) {
        case IndexColumn: return tr("Position in the design");
        case NameColumn: return tr("Hardware layer of the design");
        case TypeColumn: return tr("fpgaConvNet layer type");
        case SparseColumn: return tr("Foldwise models this layer with zero skipping (fpgaConvNet's model does not)");
        case NativeCyclesColumn: return tr("The layer's cycles on Foldwise's native model");
        case CompatibleCyclesColumn: return tr("The layer's cycles on fpgaConvNet's model");
        default:
            return isDifference(section) ? QVariant(tr("Foldwise's figure against fpgaConvNet's: native / fpgaConvNet - 1; "
                                                       "beyond ±%1 % the row is highlighted")
                                                        .arg(kHighlightThreshold * 100, 0, 'f', 0))
                                         : QVariant();
        }
    }
    if (role == Qt::TextAlignmentRole)
        return QVariant::fromValue(isNumeric(section) ? Qt::AlignRight | Qt::AlignVCenter : Qt::AlignLeft | Qt::AlignVCenter);
    return {};
}

} // namespace foldwise::gui
