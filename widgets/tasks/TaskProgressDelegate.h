#pragma once

#include <QStyledItemDelegate>

namespace foldwise::gui {

// Paints TaskListModel's progress column as a progress bar.
class TaskProgressDelegate : public QStyledItemDelegate {
    Q_OBJECT

public:
    using QStyledItemDelegate::QStyledItemDelegate;

    void paint(QPainter* painter, const QStyleOptionViewItem& option, const QModelIndex& index) const override;
};

} // namespace foldwise::gui
