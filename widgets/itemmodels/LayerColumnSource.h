#pragma once

#include <QVariant>

namespace foldwise::gui {

// Columns another part of the window appends to the layer table (the analysis's sparsity,
// folding, cycles and resources), so that the table model does not need to know them.
// Columns are numbered from 0 within the source; rows are layer indices.
class LayerColumnSource {
public:
    virtual ~LayerColumnSource() = default;
    virtual int columnCount() const = 0;
    // Qt::DisplayRole, LayerTableModel::SortRole, Qt::ToolTipRole, Qt::BackgroundRole, ...
    virtual QVariant data(int layerIndex, int column, int role) const = 0;
    virtual QVariant headerData(int column, int role) const = 0;
};

} // namespace foldwise::gui
