#pragma once

#include <QAbstractTableModel>
#include <QTimer>

namespace foldwise::gui {

class Task;
class TaskManager;

// The task manager's tasks as a table for the task panel: description, progress (0..100 in
// Qt::DisplayRole for sorting, a fraction in ProgressRole), status and elapsed time. Elapsed
// times of running tasks tick once a second.
class TaskListModel : public QAbstractTableModel {
    Q_OBJECT

public:
    enum Column { DescriptionColumn, ProgressColumn, StatusColumn, ElapsedColumn, ColumnCount };
    static constexpr int ProgressRole = Qt::UserRole + 1; // double 0..1

    explicit TaskListModel(TaskManager* manager, QObject* parent = nullptr);

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

    Task* task(const QModelIndex& index) const;
    QModelIndex indexOf(Task* task, int column = DescriptionColumn) const;

    static QString statusText(int status);
    static QString elapsedText(qint64 ms);

private:
    void watch(Task* task);
    void rowChanged(Task* task, int firstColumn, int lastColumn);
    void tick();

    TaskManager* manager_;
    QTimer ticker_;
};

} // namespace foldwise::gui
