#include "analysis/AnalysisColumns.h"

#include "DisplayText.h"
#include "itemmodels/LayerTableModel.h"

#include <QBrush>
#include <QColor>
#include <QLocale>

#include <algorithm>
#include <cmath>
#include <initializer_list>

namespace foldwise::gui {
namespace {

QString percent(double fraction)
{
    //: A fraction shown as a percentage in the layer table, e.g. "53.1 %"
    return AnalysisColumns::tr("%1 %").arg(QLocale().toString(fraction * 100, 'f', 1));
}

QString signedPercentPoints(double difference)
{
    const QString number = QLocale().toString(difference * 100, 'f', 1);
    //: A difference in percentage points, e.g. "+4.2 pp"
    return AnalysisColumns::tr("%1%2 pp").arg(difference > 0 ? QStringLiteral("+") : QString(), number);
}

QString signedCount(double difference)
{
    const QString number = QLocale().toString(static_cast<qlonglong>(std::llround(difference)));
    return difference > 0 ? QStringLiteral("+") + number : number;
}

bool differs(const std::optional<double>& a, const std::optional<double>& b)
{
    return a.has_value() != b.has_value() || (a && std::abs(*a - *b) > 1e-12 * std::max(1.0, std::abs(*a)));
}

} // namespace

AnalysisColumns::AnalysisColumns(std::shared_ptr<const LayerAnalysis> current, std::shared_ptr<const LayerAnalysis> compared)
    : current_(std::move(current)), compared_(std::move(compared))
{
    if (!current_)
        return;
    const bool profile = current_->profile() != nullptr;
    const bool design = current_->design() != nullptr;
    // Appended one by one: GCC 12 at -O3 mistakes vector::insert of an initializer list for a
    // buffer overflow (-Wstringop-overflow), which would fail the -Werror Release build.
    const auto append = [this](std::initializer_list<Column> more) {
        for (Column c : more)
            columns_.push_back(c);
    };
    if (profile)
        append({Column::Sparsity, Column::WindowSparsity});
    if (design)
        append({Column::Folding, Column::Cycles, Column::DenseCycles, Column::IntervalShare, Column::Dsp,
                Column::Bram, Column::Lut});
    if (compared_ && profile && compared_->profile())
        columns_.push_back(Column::SparsityDifference);
    if (compared_ && design && compared_->design())
        columns_.push_back(Column::CycleDifference);
}

int AnalysisColumns::indexOf(Column column) const
{
    const auto it = std::find(columns_.begin(), columns_.end(), column);
    return it == columns_.end() ? -1 : static_cast<int>(it - columns_.begin());
}

std::optional<double> AnalysisColumns::value(const LayerAnalysis& analysis, int layerIndex, Column column) const
{
    if (layerIndex < 0 || layerIndex >= analysis.layerCount())
        return std::nullopt;
    const LayerAnalysisRow& row = analysis.row(layerIndex);
    const LayerEstimate* e = analysis.estimate(layerIndex);
    switch (column) {
    case Column::Sparsity: return row.sparsity;
    case Column::WindowSparsity: return row.windowSparsity;
    case Column::Cycles: return e ? std::optional(e->cycles) : std::nullopt;
    case Column::DenseCycles: return e ? std::optional(e->cyclesDense) : std::nullopt;
    case Column::IntervalShare: return e ? std::optional(analysis.intervalShare(row.hardwareLayer)) : std::nullopt;
    case Column::Dsp: return e ? std::optional(e->resources.dsp) : std::nullopt;
    case Column::Bram: return e ? std::optional(e->resources.bram18) : std::nullopt;
    case Column::Lut: return e ? std::optional(e->resources.lut) : std::nullopt;
    case Column::SparsityDifference:
        if (compared_ && row.sparsity && compared_->row(layerIndex).sparsity)
            return *row.sparsity - *compared_->row(layerIndex).sparsity;
        return std::nullopt;
    case Column::CycleDifference: {
        const LayerEstimate* other = compared_ ? compared_->estimate(layerIndex) : nullptr;
        return e && other ? std::optional(e->cycles - other->cycles) : std::nullopt;
    }
    case Column::Folding: return std::nullopt;
    }
    return std::nullopt;
}

QVariant AnalysisColumns::display(int layerIndex, Column column) const
{
    if (column == Column::Folding) {
        const LayerEstimate* e = current_->estimate(layerIndex);
        return e ? QVariant(QString::fromStdString(e->folding)) : QVariant();
    }
    const auto v = value(*current_, layerIndex, column);
    if (!v)
        return {};
    switch (column) {
    case Column::Sparsity:
    case Column::WindowSparsity:
    case Column::IntervalShare: return percent(*v);
    case Column::SparsityDifference: return signedPercentPoints(*v);
    case Column::CycleDifference: return signedCount(*v);
    default: return QLocale().toString(static_cast<qlonglong>(std::llround(*v)));
    }
}

QVariant AnalysisColumns::data(int layerIndex, int column, int role) const
{
    if (!current_ || column < 0 || column >= columnCount() || layerIndex < 0 || layerIndex >= current_->layerCount())
        return {};
    const Column c = kind(column);
    switch (role) {
    case Qt::DisplayRole: return display(layerIndex, c);
    case LayerTableModel::SortRole: {
        if (c == Column::Folding)
            return display(layerIndex, c);
        return value(*current_, layerIndex, c).value_or(-1e300);
    }
    case Qt::TextAlignmentRole:
        return QVariant::fromValue(c == Column::Folding ? Qt::AlignLeft | Qt::AlignVCenter : Qt::AlignRight | Qt::AlignVCenter);
    case Qt::BackgroundRole: {
        // In compare mode, the figures that changed between the iterations are shaded.
        if (!compared_ || c == Column::SparsityDifference || c == Column::CycleDifference)
            return {};
        bool changed = false;
        if (c == Column::Folding) {
            const LayerEstimate* a = current_->estimate(layerIndex);
            const LayerEstimate* b = compared_->estimate(layerIndex);
            changed = (a == nullptr) != (b == nullptr) || (a && a->folding != b->folding);
        } else {
            changed = differs(value(*current_, layerIndex, c), value(*compared_, layerIndex, c));
        }
        return changed ? QVariant(QBrush(QColor(255, 214, 140, 150))) : QVariant();
    }
    case Qt::ToolTipRole: {
        if (!compared_ || c == Column::SparsityDifference || c == Column::CycleDifference)
            return {};
        AnalysisColumns other(compared_, nullptr);
        const int otherColumn = other.indexOf(c);
        if (otherColumn < 0)
            return {};
        const QVariant shown = other.display(layerIndex, c);
        return shown.isValid() ? QVariant(tr("Compared iteration: %1").arg(shown.toString())) : QVariant();
    }
    default: return {};
    }
}

QVariant AnalysisColumns::headerData(int column, int role) const
{
    if (column < 0 || column >= columnCount())
        return {};
    const Column c = kind(column);
    if (role == Qt::DisplayRole) {
        switch (c) {
        case Column::Sparsity: return tr("Sparsity");
        case Column::WindowSparsity: return tr("Window sp.");
        case Column::Folding: return tr("Folding");
        case Column::Cycles: return tr("Cycles");
        case Column::DenseCycles: return tr("Dense cycles");
        case Column::IntervalShare: return tr("Interval");
        case Column::Dsp: return tr("DSP");
        case Column::Bram: return tr("BRAM");
        case Column::Lut: return tr("LUT");
        case Column::SparsityDifference: return tr("Δ Sparsity");
        case Column::CycleDifference: return tr("Δ Cycles");
        }
    }
    if (role == Qt::ToolTipRole) {
        switch (c) {
        case Column::Sparsity: return tr("Convolutions: mean zeros per input window / K (padding included); activations: zeros in the output");
        case Column::WindowSparsity: return tr("Convolutions: fraction of input windows that are all zero");
        case Column::Folding: return tr("Parallelism of the layer's hardware in the design");
        case Column::Cycles: return tr("Cycles per item as modelled (with zero skipping where the layer skips zeros)");
        case Column::DenseCycles: return tr("Cycles per item without zero skipping");
        case Column::IntervalShare: return tr("The layer's cycles as a share of the slowest layer's (100 %: the bottleneck)");
        case Column::Dsp: return tr("DSP slices of the layer's hardware");
        case Column::Bram: return tr("18 Kb block RAMs of the layer's hardware");
        case Column::Lut: return tr("Look-up tables of the layer's hardware");
        case Column::SparsityDifference: return tr("Sparsity of the current iteration minus the compared one's");
        case Column::CycleDifference: return tr("Cycles of the current iteration minus the compared one's");
        }
    }
    if (role == Qt::TextAlignmentRole)
        return QVariant::fromValue(c == Column::Folding ? Qt::AlignLeft | Qt::AlignVCenter : Qt::AlignRight | Qt::AlignVCenter);
    return {};
}

} // namespace foldwise::gui
