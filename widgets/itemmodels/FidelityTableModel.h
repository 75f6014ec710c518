#pragma once

#include "hw/fpgaconvnet/Fidelity.h"

#include <QAbstractTableModel>

#include <memory>

namespace foldwise::gui {

// A design's layers on Foldwise's native model against fpgaConvNet's (a FidelityReport), one
// row each in the design's order: its position, name, type, whether it is sparse, the cycles on both models
// and the relative differences (native / fpgaConvNet - 1) of the cycles and of each resource.
// DisplayRole gives the text shown ("+12.5 %"), SortRole the number (a difference as a
// fraction; infinite when only fpgaConvNet's figure is 0). A row with a difference beyond
// kHighlightThreshold either way has a tinted background, and the cells beyond it are bold.
class FidelityTableModel : public QAbstractTableModel {
    Q_OBJECT

public:
    enum Column {
        IndexColumn, // the layer's position in the design
        NameColumn,
        TypeColumn,
        SparseColumn,
        NativeCyclesColumn,
        CompatibleCyclesColumn,
        CyclesDifferenceColumn,
        DspDifferenceColumn,
        BramDifferenceColumn,
        LutDifferenceColumn,
        FfDifferenceColumn,
        ColumnCount
    };
    enum Role {
        SortRole = Qt::UserRole + 1,
        ExceedsRole, // bool: this cell (a difference column) or, in other columns, this row exceeds
    };
    static constexpr double kHighlightThreshold = 0.10;

    explicit FidelityTableModel(QObject* parent = nullptr);

    void setReport(std::shared_ptr<const fpgaconvnet::FidelityReport> report);
    const fpgaconvnet::FidelityReport* report() const { return report_.get(); }
    // The relative difference of a difference column for a row (0 for other columns).
    double difference(int row, int column) const;
    // Whether any of the row's differences is beyond the threshold.
    bool rowExceeds(int row) const;
    // Rows beyond the threshold.
    int exceedingRows() const;

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    QVariant displayData(const fpgaconvnet::LayerFidelity& layer, int row, int column) const;
    QVariant sortData(const fpgaconvnet::LayerFidelity& layer, int row, int column) const;
    QVariant toolTip(const fpgaconvnet::LayerFidelity& layer, int row, int column) const;

    std::shared_ptr<const fpgaconvnet::FidelityReport> report_;
};

} // namespace foldwise::gui
