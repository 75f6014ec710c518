#include "tasks/TaskManager.h"

#include "tasks/Task.h"

#include <QFutureWatcher>
#include <QtConcurrent/QtConcurrentRun>

#include <algorithm>

namespace foldwise::gui {

TaskManager::TaskManager(QObject* parent)
    : QObject(parent)
{
    // A pool of our own: tasks must not take the global pool's threads from short jobs such as
    // the graph layout, and the limit on running tasks is kept by the queue, not by the pool.
    pool_.setMaxThreadCount(8);
}

TaskManager::~TaskManager()
{
    shutdown();
}

int TaskManager::activeCount() const
{
    return static_cast<int>(queue_.size() + running_.size());
}

void TaskManager::setMaxConcurrent(int count)
{
    maxConcurrent_ = std::max(1, count);
    startQueued();
}

void TaskManager::addTask(Task* task)
{
    task->setParent(this);
    tasks_.append(task);
    queue_.append(task);
    emit taskAdded(task);
    emit activeCountChanged(activeCount());
    startQueued();
}

void TaskManager::startQueued()
{
    while (!shuttingDown_ && !queue_.isEmpty() && running_.size() < maxConcurrent_) {
        Task* task = queue_.takeFirst();
        running_.append(task);
        task->markRunning();
        auto* watcher = new QFutureWatcher<void>(task);
        connect(watcher, &QFutureWatcher<void>::finished, this, [this, task, watcher] {
            watcher->deleteLater();
            if (running_.contains(task)) // shutdown() may have delivered it already
                onTaskDone(task);
        });
        watcher->setFuture(QtConcurrent::run(&pool_, [task] { task->execute(); }));
    }
}

void TaskManager::onTaskDone(Task* task)
{
    running_.removeOne(task);
    task->markFinished();
    emit taskFinished(task);
    emit activeCountChanged(activeCount());
    startQueued();
}

void TaskManager::cancel(Task* task)
{
    if (queue_.removeOne(task)) {
        task->markCancelledBeforeStart();
        emit taskFinished(task);
        emit activeCountChanged(activeCount());
    } else if (running_.contains(task)) {
        task->cancel();
    }
}

void TaskManager::cancelAll()
{
    // Queued ones first, so that cancelling a running task does not start the next.
    const QList<Task*> queued = queue_;
    for (Task* task : queued)
        cancel(task);
    for (Task* task : std::as_const(running_))
        task->cancel();
}

void TaskManager::clearFinished()
{
    const QList<Task*> all = tasks_;
    for (Task* task : all) {
        if (!task->isFinished())
            continue;
        emit taskAboutToBeRemoved(task);
        tasks_.removeOne(task);
        emit taskRemoved(task);
        delete task;
    }
}

bool TaskManager::shutdown(int msecs)
{
    shuttingDown_ = true;
    cancelAll();
    const bool stopped = pool_.waitForDone(msecs);
    // The watchers' finished signals are still queued: deliver the outcomes now so that every
    // task ends in a final state before the window (and the project) go away.
    for (Task* task : QList<Task*>(running_)) {
        if (stopped)
            onTaskDone(task);
    }
    // The queue is empty now; should the window stay open after all, new tasks run again.
    shuttingDown_ = false;
    return stopped;
}

} // namespace foldwise::gui
