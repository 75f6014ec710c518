#include "LayersPage.h"

#include "RecordTable.h"
#include "itemmodels/LayerFilterProxyModel.h"
#include "itemmodels/LayerTableModel.h"

#include <QHeaderView>
#include <QItemSelectionModel>
#include <QLineEdit>
#include <QTableView>
#include <QVBoxLayout>

namespace foldwise::gui {

LayersPage::LayersPage(QWidget* parent)
    : QWidget(parent)
    , model_(new LayerTableModel(this))
    , proxy_(new LayerFilterProxyModel(this))
    , filter_(new QLineEdit(this))
    , view_(newRecordTable(QStringLiteral("layerTable"), proxy_, 8, this))
{
    proxy_->setSourceModel(model_);

    filter_->setObjectName(QStringLiteral("layerFilter"));
    filter_->setPlaceholderText(tr("Filter by name or op type"));
    filter_->setClearButtonEnabled(true);
    connect(filter_, &QLineEdit::textChanged, proxy_, &QSortFilterProxyModel::setFilterFixedString);

    view_->setWordWrap(false);
    view_->setTextElideMode(Qt::ElideMiddle);
    QHeaderView* header = view_->horizontalHeader();
    header->setSectionResizeMode(QHeaderView::Interactive);
    // The name takes the room the figures leave; long names are elided in the middle and
    // shown whole in the tooltip.
    header->setSectionResizeMode(LayerTableModel::NameColumn, QHeaderView::Stretch);
    header->setHighlightSections(false);
    // Topological order first; the header's default indicator would sort descending.
    header->setSortIndicator(LayerTableModel::IndexColumn, Qt::AscendingOrder);
    view_->setSortingEnabled(true);
    setFocusProxy(view_);
    // Follow the selection (the highlighted row) rather than the current index, which can be
    // elsewhere. When a filter hides the selected row, the view selects the next visible one.
    connect(view_->selectionModel(), &QItemSelectionModel::selectionChanged, this, &LayersPage::onSelectionChanged);
    // Columns appended later (LayerTableModel::setExtraColumns) fit their contents too.
    connect(model_, &QAbstractItemModel::columnsInserted, this, [this](const QModelIndex&, int first, int last) {
        for (int column = first; column <= last; ++column)
            view_->resizeColumnToContents(proxy_->mapFromSource(model_->index(0, column)).column());
    });

    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(filter_);
    layout->addWidget(view_);
}

void LayersPage::setSummary(std::shared_ptr<const ModelSummary> summary)
{
    model_->setSummary(std::move(summary));
    resizeColumns();
    emit currentLayerChanged(-1);
}

void LayersPage::resizeColumns()
{
    for (int column = 0; column < LayerTableModel::ColumnCount; ++column)
        if (column != LayerTableModel::NameColumn)
            view_->resizeColumnToContents(column);
}

bool LayersPage::selectFirstLayerOfKind(LayerKind kind)
{
    for (int row = 0; row < proxy_->rowCount(); ++row) {
        const QModelIndex index = proxy_->index(row, LayerTableModel::NameColumn);
        if (index.data(LayerTableModel::KindRole).toInt() == static_cast<int>(kind)) {
            view_->setCurrentIndex(index);
            view_->scrollTo(index);
            return true;
        }
    }
    return false;
}

void LayersPage::selectFirstRow()
{
    if (proxy_->rowCount() > 0)
        view_->setCurrentIndex(proxy_->index(0, LayerTableModel::NameColumn));
}

bool LayersPage::selectLayer(int layerIndex)
{
    if (layerIndex < 0 || layerIndex >= model_->rowCount())
        return false;
    if (currentLayer() == layerIndex)
        return true;
    QModelIndex index = proxy_->mapFromSource(model_->index(layerIndex, LayerTableModel::NameColumn));
    if (!index.isValid()) {
        filter_->clear(); // the user picked this layer elsewhere; hiding it would be confusing
        index = proxy_->mapFromSource(model_->index(layerIndex, LayerTableModel::NameColumn));
    }
    view_->setCurrentIndex(index);
    view_->scrollTo(index);
    return true;
}

int LayersPage::currentLayer() const
{
    const QModelIndexList rows = view_->selectionModel()->selectedRows(LayerTableModel::NameColumn);
    return rows.isEmpty() ? -1 : rows.first().data(LayerTableModel::LayerIndexRole).toInt();
}

void LayersPage::focusFilter()
{
    filter_->setFocus(Qt::ShortcutFocusReason);
    filter_->selectAll();
}

void LayersPage::onSelectionChanged()
{
    emit currentLayerChanged(currentLayer());
}

} // namespace foldwise::gui
