#pragma once

#include "itemmodels/LayerColumnSource.h"
#include "layers/ModelSummary.h"

#include <QAbstractTableModel>

#include <memory>

namespace foldwise::gui {

// One row per layer of a ModelSummary, in topological order. DisplayRole gives the text
// shown (grouped numbers, "?" for unknown figures), SortRole the value to sort by (numbers
// as numbers, -1 for unknown). Custom ops (no ONNX schema) are set in italics.
class LayerTableModel : public QAbstractTableModel {
    Q_OBJECT

public:
    enum Column {
        IndexColumn,
        NameColumn,
        OpTypeColumn,
        KindColumn,
        OutputShapeColumn,
        MacsColumn,
        ParamsColumn,
        InputActivationsColumn,
        OutputActivationsColumn,
        InputTypeColumn,  // data type of the first activation input (QONNX, FINN-ONNX)
        WeightTypeColumn, // data type of a MAC layer's weights
        BopsColumn,       // bit operations of a MAC layer in a quantised model
        ColumnCount
    };
    enum Role {
        SortRole = Qt::UserRole + 1,
        LayerIndexRole, // int: index into ModelSummary::layers
        KindRole,       // int: the LayerKind
    };

    explicit LayerTableModel(QObject* parent = nullptr);

    void setSummary(std::shared_ptr<const ModelSummary> summary);
    const ModelSummary* summary() const { return summary_.get(); }
    // Appends the source's columns after ColumnCount (null: none). Call again whenever the
    // source's figures change: columns are inserted or removed as the count changes, and the
    // rest is signalled as changed data, so selection and sorting stay.
    void setExtraColumns(std::shared_ptr<const LayerColumnSource> source);
    const LayerFigures* layer(int row) const;

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    QVariant displayData(const LayerFigures& layer, int row, int column) const;
    QVariant sortData(const LayerFigures& layer, int row, int column) const;

    std::shared_ptr<const ModelSummary> summary_;
    std::shared_ptr<const LayerColumnSource> extra_;
    int extraColumns_ = 0;
};

} // namespace foldwise::gui
