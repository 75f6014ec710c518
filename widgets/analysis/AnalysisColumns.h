#pragma once

#include "analysis/LayerAnalysis.h"
#include "itemmodels/LayerColumnSource.h"

#include <QCoreApplication>

#include <memory>
#include <vector>

namespace foldwise::gui {

// The analysis's columns in the layer table: sparsity and window sparsity with a profile;
// folding, cycles, dense cycles, share of the interval, DSP, BRAM and LUT with a design; and,
// when comparing two iterations, the differences (current minus compared), with the cells that
// changed shaded and the compared value in their tooltips.
class AnalysisColumns : public LayerColumnSource {
    Q_DECLARE_TR_FUNCTIONS(AnalysisColumns)

public:
    enum class Column {
        Sparsity,
        WindowSparsity,
        Folding,
        Cycles,
        DenseCycles,
        IntervalShare,
        Dsp,
        Bram,
        Lut,
        SparsityDifference,
        CycleDifference,
    };

    AnalysisColumns(std::shared_ptr<const LayerAnalysis> current, std::shared_ptr<const LayerAnalysis> compared);

    int columnCount() const override { return static_cast<int>(columns_.size()); }
    QVariant data(int layerIndex, int column, int role) const override;
    QVariant headerData(int column, int role) const override;
    // Which figure the source's column `column` (0 <= column < columnCount()) shows.
    Column kind(int column) const { return columns_[static_cast<std::size_t>(column)]; }
    int indexOf(Column column) const;

    // The raw value a column shows for a layer (fractions, cycles, resources), if any.
    std::optional<double> value(const LayerAnalysis& analysis, int layerIndex, Column column) const;

private:
    QVariant display(int layerIndex, Column column) const;

    std::shared_ptr<const LayerAnalysis> current_, compared_;
    std::vector<Column> columns_;
};

} // namespace foldwise::gui
