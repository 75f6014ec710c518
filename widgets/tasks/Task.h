#pragma once

#include "project/Artifact.h"

#include <QDateTime>
#include <QElapsedTimer>
#include <QList>
#include <QObject>
#include <QString>
#include <QStringList>

#include <atomic>
#include <cstddef>
#include <stdexcept>

namespace foldwise::gui {

// Thrown by a task's run() once it noticed its cancel flag; the task ends as Cancelled.
class TaskCancelled : public std::runtime_error {
public:
    TaskCancelled() : std::runtime_error("cancelled") {}
};

// A long engine job run in the background, in the spirit of QGIS's QgsTask. The object lives on
// the GUI thread; only run() executes on a worker thread (TaskManager starts it) and talks back
// through setProgress(), logMessage() and the cancel flag, which are the only members safe to
// use from there. Status changes, log lines and the outputs reach the GUI thread as signals.
//
// A subclass implements run() with the engine call (passing cancelFlag() to the engine) and
// records the files it wrote with addOutput(); those are added to the project only when the task
// ends Done, so a cancelled or failed task adds nothing.
class Task : public QObject {
    Q_OBJECT

public:
    enum class Status { Queued, Running, Done, Failed, Cancelled };
    Q_ENUM(Status)

    explicit Task(QString description, QObject* parent = nullptr);
    ~Task() override;

    QString description() const { return description_; }
    Status status() const { return status_; }
    bool isFinished() const { return status_ == Status::Done || status_ == Status::Failed || status_ == Status::Cancelled; }
    // 0..1; the last value the worker reported.
    double progress() const { return progress_.load(); }
    QStringList log() const { return log_; }
    QString errorMessage() const { return error_; }
    // Time spent running (so far, or in all once finished); 0 while queued.
    qint64 elapsedMs() const;
    // What a Done task wrote, to be added to the project. Filled on the worker thread; read it
    // only once the task has finished.
    const QList<Artifact>& outputs() const { return outputs_; }
    // One line for the status bar once the task is done, e.g. "Profile written to …".
    QString resultMessage() const { return resultMessage_; }

    // Asks the task to stop: a queued task will not start, a running one stops at the engine's
    // next check (TaskManager::cancel also takes a queued task out of the queue). Any thread.
    void cancel();
    bool isCancelRequested() const { return cancel_.load(); }

signals:
    void statusChanged(foldwise::gui::Task::Status status);
    void progressChanged(double progress);
    void logAppended(const QString& line);
    // Emitted once, on the GUI thread, when the task ends whatever the outcome.
    void finished();

protected:
    // The work, on a worker thread. Throw (ModelError, std::exception, TaskCancelled) to fail;
    // a task whose cancel flag is set when run() throws ends Cancelled rather than Failed.
    virtual void run() = 0;

    // For run(): the engine's cancel flag and progress/log reporting (thread-safe).
    const std::atomic<bool>* cancelFlag() const { return &cancel_; }
    // The flag itself, for an engine context that shares it (OperationTask).
    std::atomic<bool>& cancelState() { return cancel_; }
    void setProgress(double fraction);
    void setProgress(std::size_t done, std::size_t total);
    void logMessage(const QString& line);
    void throwIfCancelled() const;
    void addOutput(ArtifactKind kind, const QString& path);
    void setResultMessage(const QString& message) { resultMessage_ = message; }

private:
    friend class TaskManager;
    // Called by TaskManager on the GUI thread.
    void markRunning();
    // On the worker thread: run() with the outcome captured.
    void execute();
    // On the GUI thread after execute() returned.
    void markFinished();
    void markCancelledBeforeStart();
    void setStatus(Status status);

    const QString description_;
    Status status_ = Status::Queued;
    std::atomic<bool> cancel_{false};
    std::atomic<double> progress_{0.0};
    std::atomic<bool> progressSignalPending_{false};
    QStringList log_;
    QElapsedTimer timer_;
    qint64 elapsedAtEnd_ = -1;
    // Written by execute() on the worker, read on the GUI thread after the future finished.
    QString error_;
    bool failed_ = false;
    bool cancelledByRun_ = false;
    QList<Artifact> outputs_;
    QString resultMessage_;
};

} // namespace foldwise::gui
