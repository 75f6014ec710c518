#include "tasks/TaskPanel.h"

#include "tasks/Task.h"
#include "tasks/TaskListModel.h"
#include "tasks/TaskManager.h"
#include "tasks/TaskProgressDelegate.h"

#include <QHBoxLayout>
#include <QHeaderView>
#include <QItemSelectionModel>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSplitter>
#include <QTreeView>
#include <QVBoxLayout>

namespace foldwise::gui {

TaskPanel::TaskPanel(TaskManager* manager, QWidget* parent)
    : QDockWidget(tr("Tasks"), parent)
    , manager_(manager)
    , model_(new TaskListModel(manager, this))
    , view_(new QTreeView)
    , log_(new QPlainTextEdit)
    , cancel_(new QPushButton(tr("&Cancel Task")))
    , cancelAll_(new QPushButton(tr("Cancel &All")))
    , clear_(new QPushButton(tr("Clear &Finished")))
{
    setObjectName(QStringLiteral("taskPanel"));
    view_->setObjectName(QStringLiteral("taskView"));
    view_->setModel(model_);
    view_->setRootIsDecorated(false);
    view_->setUniformRowHeights(true);
    view_->setAllColumnsShowFocus(true);
    view_->setItemDelegateForColumn(TaskListModel::ProgressColumn, new TaskProgressDelegate(view_));
    view_->header()->setStretchLastSection(false);
    view_->header()->setSectionResizeMode(TaskListModel::DescriptionColumn, QHeaderView::Stretch);
    view_->header()->resizeSection(TaskListModel::ProgressColumn, 120);
    log_->setObjectName(QStringLiteral("taskLog"));
    log_->setReadOnly(true);
    log_->setPlaceholderText(tr("Select a task to see its log."));
    cancel_->setObjectName(QStringLiteral("cancelTask"));

    auto* buttons = new QHBoxLayout;
    buttons->addWidget(cancel_);
    buttons->addWidget(cancelAll_);
    buttons->addStretch();
    buttons->addWidget(clear_);
    auto* splitter = new QSplitter(Qt::Vertical);
    splitter->addWidget(view_);
    splitter->addWidget(log_);
    auto* content = new QWidget;
    auto* layout = new QVBoxLayout(content);
    layout->setContentsMargins(4, 4, 4, 4);
    layout->addWidget(splitter);
    layout->addLayout(buttons);
    setWidget(content);

    connect(view_->selectionModel(), &QItemSelectionModel::currentRowChanged, this, &TaskPanel::showSelected);
    connect(cancel_, &QPushButton::clicked, this, [this] {
        if (Task* task = selectedTask())
            manager_->cancel(task);
    });
    connect(cancelAll_, &QPushButton::clicked, manager_, &TaskManager::cancelAll);
    connect(clear_, &QPushButton::clicked, manager_, &TaskManager::clearFinished);
    connect(model_, &QAbstractItemModel::dataChanged, this, &TaskPanel::updateButtons);
    connect(model_, &QAbstractItemModel::rowsInserted, this, &TaskPanel::updateButtons);
    connect(model_, &QAbstractItemModel::rowsRemoved, this, &TaskPanel::showSelected);
    // A new task becomes the selected one, so its log is what the user sees.
    connect(manager_, &TaskManager::taskAdded, this, &TaskPanel::selectTask);
    updateButtons();
}

Task* TaskPanel::selectedTask() const
{
    return model_->task(view_->currentIndex());
}

void TaskPanel::selectTask(Task* task)
{
    view_->setCurrentIndex(model_->indexOf(task));
}

void TaskPanel::showSelected()
{
    Task* task = selectedTask();
    if (task != shown_) {
        if (shown_)
            disconnect(shown_, &Task::logAppended, log_, nullptr);
        shown_ = task;
        log_->clear();
        if (task) {
            log_->setPlainText(task->log().join(QLatin1Char('\n')));
            connect(task, &Task::logAppended, log_, &QPlainTextEdit::appendPlainText);
        }
    }
    updateButtons();
}

void TaskPanel::updateButtons()
{
    const Task* task = selectedTask();
    cancel_->setEnabled(task && !task->isFinished());
    cancelAll_->setEnabled(manager_->activeCount() > 0);
    clear_->setEnabled(manager_->tasks().size() > manager_->activeCount());
}

} // namespace foldwise::gui
