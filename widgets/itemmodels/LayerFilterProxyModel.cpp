#include "itemmodels/LayerFilterProxyModel.h"

#include "itemmodels/LayerTableModel.h"

#include <QRegularExpression>

namespace foldwise::gui {

LayerFilterProxyModel::LayerFilterProxyModel(QObject* parent)
    : QSortFilterProxyModel(parent)
{
    setSortRole(LayerTableModel::SortRole);
    setFilterCaseSensitivity(Qt::CaseInsensitive);
}

bool LayerFilterProxyModel::filterAcceptsRow(int sourceRow, const QModelIndex& sourceParent) const
{
    const QRegularExpression& pattern = filterRegularExpression();
    if (pattern.pattern().isEmpty())
        return true;
    for (const int column : {LayerTableModel::NameColumn, LayerTableModel::OpTypeColumn}) {
        const QModelIndex index = sourceModel()->index(sourceRow, column, sourceParent);
        if (pattern.match(index.data(Qt::DisplayRole).toString()).hasMatch())
            return true;
    }
    return false;
}

} // namespace foldwise::gui
