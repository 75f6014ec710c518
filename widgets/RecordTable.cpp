#include "RecordTable.h"

#include <QHeaderView>
#include <QTableView>

namespace foldwise::gui {

QTableView* newRecordTable(const QString& objectName, QAbstractItemModel* model, int rowPadding, QWidget* parent)
{
    auto* table = new QTableView(parent);
    table->setObjectName(objectName);
    table->setModel(model);
    table->setSelectionBehavior(QAbstractItemView::SelectRows);
    table->setSelectionMode(QAbstractItemView::SingleSelection);
    table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    table->setAlternatingRowColors(true);
    table->verticalHeader()->hide();
    table->verticalHeader()->setDefaultSectionSize(table->fontMetrics().height() + rowPadding);
    return table;
}

} // namespace foldwise::gui
