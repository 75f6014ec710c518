#pragma once

#include <QSortFilterProxyModel>

namespace foldwise::gui {

// Sorts a LayerTableModel by its SortRole and filters its rows, case-insensitively, on the
// layer's name and op type.
class LayerFilterProxyModel : public QSortFilterProxyModel {
    Q_OBJECT

public:
    explicit LayerFilterProxyModel(QObject* parent = nullptr);

protected:
    bool filterAcceptsRow(int sourceRow, const QModelIndex& sourceParent) const override;
};

} // namespace foldwise::gui
