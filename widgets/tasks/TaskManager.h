#pragma once

#include <QList>
#include <QObject>
#include <QThreadPool>

#include <memory>

template <typename T>
class QFutureWatcher;

namespace foldwise::gui {

class Task;

// Runs tasks in the background, first come first served, at most maxConcurrent() at a time (1 by
// default: the engine already uses every core, so two profiles side by side only compete).
// Owns its tasks; finished ones stay listed (with their logs) until clearFinished(). Nothing here
// blocks the GUI thread except shutdown(), which the window calls when it closes.
class TaskManager : public QObject {
    Q_OBJECT

public:
    explicit TaskManager(QObject* parent = nullptr);
    ~TaskManager() override;

    // Queues `task` (taking ownership) and starts it when a slot is free.
    void addTask(Task* task);

    const QList<Task*>& tasks() const { return tasks_; }
    int activeCount() const; // queued or running
    int runningCount() const { return static_cast<int>(running_.size()); }

    int maxConcurrent() const { return maxConcurrent_; }
    void setMaxConcurrent(int count);

    // Cancels a queued task at once (it never runs) or asks a running one to stop.
    void cancel(Task* task);
    void cancelAll();
    // Removes the finished tasks from the list (and deletes them).
    void clearFinished();

    // Cancels everything and waits for the running tasks to stop (up to `msecs`, -1: forever).
    // Returns whether none is still running. For the application's close.
    bool shutdown(int msecs = -1);

signals:
    void taskAdded(foldwise::gui::Task* task);
    // clearFinished(): before a task leaves the list, and once it has left (it is deleted next).
    void taskAboutToBeRemoved(foldwise::gui::Task* task);
    void taskRemoved(foldwise::gui::Task* task);
    // When a task ended (any status); its outputs are complete if it is Done.
    void taskFinished(foldwise::gui::Task* task);
    void activeCountChanged(int count);

private:
    void startQueued();
    void onTaskDone(Task* task);

    QList<Task*> tasks_;
    QList<Task*> queue_;
    QList<Task*> running_;
    int maxConcurrent_ = 1;
    QThreadPool pool_;
    bool shuttingDown_ = false;
};

} // namespace foldwise::gui
