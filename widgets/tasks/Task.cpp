#include "tasks/Task.h"

#include "exec/Executor.h"
#include "ops/OperationContext.h"
#include "passes/PassResult.h"

#include <QFileInfo>
#include <QMetaObject>

#include <algorithm>
#include <exception>

namespace foldwise::gui {

Task::Task(QString description, QObject* parent)
    : QObject(parent)
    , description_(std::move(description))
{
}

Task::~Task() = default;

qint64 Task::elapsedMs() const
{
    if (elapsedAtEnd_ >= 0)
        return elapsedAtEnd_;
    return timer_.isValid() ? timer_.elapsed() : 0;
}

void Task::cancel()
{
    cancel_.store(true);
}

void Task::setProgress(double fraction)
{
    progress_.store(std::clamp(fraction, 0.0, 1.0));
    // One queued signal at a time: an engine reporting thousands of steps a second must not
    // flood the GUI thread's event queue; the GUI reads the latest value when it gets there.
    if (!progressSignalPending_.exchange(true))
        QMetaObject::invokeMethod(this, [this] {
            progressSignalPending_.store(false);
            emit progressChanged(progress_.load());
        }, Qt::QueuedConnection);
}

void Task::setProgress(std::size_t done, std::size_t total)
{
    setProgress(total == 0 ? 0.0 : static_cast<double>(done) / static_cast<double>(total));
}

void Task::logMessage(const QString& line)
{
    QMetaObject::invokeMethod(this, [this, line] {
        log_.append(line);
        emit logAppended(line);
    }, Qt::QueuedConnection);
}

void Task::throwIfCancelled() const
{
    if (cancel_.load())
        throw TaskCancelled();
}

void Task::addOutput(ArtifactKind kind, const QString& path)
{
    outputs_.append({kind, QFileInfo(path).absoluteFilePath()});
}

void Task::setStatus(Status status)
{
    if (status_ == status)
        return;
    status_ = status;
    emit statusChanged(status);
}

void Task::markRunning()
{
    timer_.start();
    setStatus(Status::Running);
}

void Task::execute()
{
    // Every way the engine stops on request ends up here as an exception; which one does not
    // matter, only whether the flag was set.
    try {
        run();
    } catch (const TaskCancelled&) {
        cancelledByRun_ = true;
    } catch (const ExecutionCancelled&) {
        cancelledByRun_ = true;
    } catch (const passes::PassCancelled&) {
        cancelledByRun_ = true;
    } catch (const ops::OperationCancelled&) {
        cancelledByRun_ = true;
    } catch (const std::exception& e) {
        failed_ = true;
        error_ = QString::fromStdString(e.what());
    } catch (...) {
        failed_ = true;
        error_ = tr("unknown error");
    }
    if (failed_ && cancel_.load()) { // an engine error caused by stopping half-way
        failed_ = false;
        cancelledByRun_ = true;
    }
}

void Task::markFinished()
{
    elapsedAtEnd_ = timer_.isValid() ? timer_.elapsed() : 0;
    if (cancelledByRun_) {
        outputs_.clear();
        log_.append(tr("Cancelled."));
        emit logAppended(log_.last());
        setStatus(Status::Cancelled);
    } else if (failed_) {
        outputs_.clear();
        log_.append(tr("Failed: %1").arg(error_));
        emit logAppended(log_.last());
        setStatus(Status::Failed);
    } else {
        progress_.store(1.0);
        emit progressChanged(1.0);
        if (!resultMessage_.isEmpty()) {
            log_.append(resultMessage_);
            emit logAppended(resultMessage_);
        }
        setStatus(Status::Done);
    }
    emit finished();
}

void Task::markCancelledBeforeStart()
{
    cancel_.store(true);
    elapsedAtEnd_ = 0;
    log_.append(tr("Cancelled before it started."));
    emit logAppended(log_.last());
    setStatus(Status::Cancelled);
    emit finished();
}

} // namespace foldwise::gui
