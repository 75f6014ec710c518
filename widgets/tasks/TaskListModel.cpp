#include "tasks/TaskListModel.h"

#include "tasks/Task.h"
#include "tasks/TaskManager.h"

#include <QIcon>
#include <QStyle>

#include <cmath>

namespace foldwise::gui {

TaskListModel::TaskListModel(TaskManager* manager, QObject* parent)
    : QAbstractTableModel(parent)
    , manager_(manager)
{
    for (Task* task : manager_->tasks())
        watch(task);
    connect(manager_, &TaskManager::taskAdded, this, [this](Task* task) {
        const int row = static_cast<int>(manager_->tasks().indexOf(task));
        beginInsertRows({}, row, row);
        endInsertRows();
        watch(task);
    });
    connect(manager_, &TaskManager::taskAboutToBeRemoved, this, [this](Task* task) {
        const int row = static_cast<int>(manager_->tasks().indexOf(task));
        beginRemoveRows({}, row, row);
        task->disconnect(this);
    });
    connect(manager_, &TaskManager::taskRemoved, this, [this] { endRemoveRows(); });
    ticker_.setInterval(1000);
    connect(&ticker_, &QTimer::timeout, this, &TaskListModel::tick);
    ticker_.start();
}

void TaskListModel::watch(Task* task)
{
    connect(task, &Task::progressChanged, this, [this, task] { rowChanged(task, ProgressColumn, ProgressColumn); });
    connect(task, &Task::statusChanged, this, [this, task] { rowChanged(task, DescriptionColumn, ElapsedColumn); });
}

void TaskListModel::rowChanged(Task* task, int firstColumn, int lastColumn)
{
    const QModelIndex first = indexOf(task, firstColumn);
    if (first.isValid())
        emit dataChanged(first, indexOf(task, lastColumn));
}

void TaskListModel::tick()
{
    for (Task* task : manager_->tasks())
        if (task->status() == Task::Status::Running)
            rowChanged(task, ElapsedColumn, ElapsedColumn);
}

int TaskListModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : static_cast<int>(manager_->tasks().size());
}

int TaskListModel::columnCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

Task* TaskListModel::task(const QModelIndex& index) const
{
    if (!index.isValid() || index.row() >= manager_->tasks().size())
        return nullptr;
    return manager_->tasks().at(index.row());
}

QModelIndex TaskListModel::indexOf(Task* task, int column) const
{
    const qsizetype row = manager_->tasks().indexOf(task);
    return row < 0 ? QModelIndex() : index(static_cast<int>(row), column);
}

QString TaskListModel::statusText(int status)
{
    switch (static_cast<Task::Status>(status)) {
    case Task::Status::Queued:
        return tr("Queued");
    case Task::Status::Running:
        return tr("Running");
    case Task::Status::Done:
        return tr("Done");
    case Task::Status::Failed:
        return tr("Failed");
    case Task::Status::Cancelled:
        return tr("Cancelled");
    }
    return {};
}

QString TaskListModel::elapsedText(qint64 ms)
{
    const qint64 seconds = ms / 1000;
    //: Elapsed time of a task: minutes and seconds
    return tr("%1:%2").arg(seconds / 60).arg(seconds % 60, 2, 10, QLatin1Char('0'));
}

QVariant TaskListModel::data(const QModelIndex& index, int role) const
{
    const Task* t = task(index);
    if (!t)
        return {};
    switch (index.column()) {
    case DescriptionColumn:
        if (role == Qt::DisplayRole)
            return t->description();
        if (role == Qt::ToolTipRole)
            return t->status() == Task::Status::Failed ? t->errorMessage() : t->description();
        break;
    case ProgressColumn:
        if (role == ProgressRole)
            return t->progress();
        if (role == Qt::DisplayRole)
            return static_cast<int>(std::lround(t->progress() * 100));
        break;
    case StatusColumn:
        if (role == Qt::DisplayRole)
            return statusText(static_cast<int>(t->status()));
        if (role == Qt::ToolTipRole && t->status() == Task::Status::Failed)
            return t->errorMessage();
        break;
    case ElapsedColumn:
        if (role == Qt::DisplayRole)
            return t->status() == Task::Status::Queued ? QString() : elapsedText(t->elapsedMs());
        if (role == Qt::TextAlignmentRole)
            return QVariant::fromValue(Qt::AlignRight | Qt::AlignVCenter);
        break;
    default:
        break;
    }
    return {};
}

QVariant TaskListModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case DescriptionColumn:
        return tr("Task");
    case ProgressColumn:
        return tr("Progress");
    case StatusColumn:
        return tr("Status");
    case ElapsedColumn:
        return tr("Time");
    default:
        return {};
    }
}

} // namespace foldwise::gui
