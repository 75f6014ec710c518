#include "itemmodels/RunLogModel.h"

#include "plots/PlotStyle.h"

#include <QFont>
#include <QLocale>

namespace foldwise::gui {

RunLogModel::RunLogModel(QObject* parent)
    : QAbstractTableModel(parent)
{
}

void RunLogModel::setRunLog(std::shared_ptr<const sweep::RunDirectory> run)
{
    beginResetModel();
    run_ = std::move(run);
    current_ = compared_ = -1;
    endResetModel();
}

void RunLogModel::setIterations(int current, int compared)
{
    current_ = current;
    compared_ = compared;
    if (rowCount() > 0)
        emit dataChanged(index(0, 0), index(rowCount() - 1, ColumnCount - 1), {Qt::FontRole});
}

int RunLogModel::rowOf(int iteration) const
{
    if (!run_)
        return -1;
    for (std::size_t i = 0; i < run_->log.iterations.size(); ++i)
        if (run_->log.iterations[i].index == iteration)
            return static_cast<int>(i);
    return -1;
}

int RunLogModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() || !run_ ? 0 : static_cast<int>(run_->log.iterations.size());
}

int RunLogModel::columnCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant RunLogModel::data(const QModelIndex& index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const RunIteration& it = run_->log.iterations[static_cast<std::size_t>(index.row())];
    switch (role) {
    case IterationRole: return it.index;
    case Qt::DisplayRole:
        switch (index.column()) {
        case IterationColumn: return it.index;
        case ThresholdColumn: return plots::style::number(it.meanThreshold());
        case AccuracyColumn: {
            const auto a = it.accuracy();
            return a ? QVariant(QLocale().toString(*a, 'f', 2)) : QVariant();
        }
        case SparsityColumn: return plots::style::percent(it.networkSparsity);
        case ThroughputColumn:
            return it.hardware.throughputFps ? QVariant(QLocale().toString(*it.hardware.throughputFps, 'f', 0)) : QVariant();
        case BottleneckColumn:
            return it.hardware.bottleneck ? QVariant(plots::style::shortLayerName(*it.hardware.bottleneck)) : QVariant();
        default: return {};
        }
    case Qt::ToolTipRole:
        if (index.column() == BottleneckColumn && it.hardware.bottleneck)
            return QString::fromStdString(*it.hardware.bottleneck);
        if (index.column() == ThresholdColumn && !it.thresholds.empty()) {
            QStringList lines;
            for (const auto& [node, t] : it.thresholds)
                lines << QStringLiteral("%1: %2").arg(QString::fromStdString(node), plots::style::number(t));
            return lines.join(QLatin1Char('\n'));
        }
        return {};
    case Qt::FontRole:
        if (it.index == current_ || it.index == compared_) {
            QFont font;
            font.setBold(it.index == current_);
            font.setItalic(it.index == compared_);
            return font;
        }
        return {};
    case Qt::TextAlignmentRole:
        return QVariant::fromValue(index.column() == BottleneckColumn ? Qt::AlignLeft | Qt::AlignVCenter : Qt::AlignRight | Qt::AlignVCenter);
    default: return {};
    }
}

QVariant RunLogModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal)
        return {};
    if (role == Qt::DisplayRole) {
        switch (section) {
        case IterationColumn: return tr("#");
        case ThresholdColumn: return tr("Threshold");
        case AccuracyColumn: return tr("Accuracy %");
        case SparsityColumn: return tr("Sparsity");
        case ThroughputColumn: return tr("Frames/s");
        case BottleneckColumn: return tr("Bottleneck");
        default: return {};
        }
    }
    if (role == Qt::ToolTipRole) {
        switch (section) {
        case IterationColumn: return tr("Iteration of the sweep");
        case ThresholdColumn: return tr("ReLU threshold (the mean when the ReLUs differ)");
        case AccuracyColumn: return tr("Top-1 accuracy, or the top-1 fidelity to the plain model without labels");
        case SparsityColumn: return tr("Network sparsity: MAC-weighted mean window sparsity");
        case ThroughputColumn: return tr("Throughput the hardware model predicts");
        case BottleneckColumn: return tr("The slowest layer");
        default: return {};
        }
    }
    return {};
}

} // namespace foldwise::gui
