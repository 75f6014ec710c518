#include "graph/GraphLayoutJob.h"

#include <QFutureWatcher>
#include <QtConcurrent/QtConcurrentRun>

namespace foldwise::gui {

GraphLayoutJob::GraphLayoutJob(QObject* parent)
    : QObject(parent)
{
    pool_.setMaxThreadCount(1);
    // Graphviz recurses deeply on long graphs; the default 8 MiB of a thread is not always
    // enough under the sanitizers, so the worker gets room to spare.
    pool_.setStackSize(64u * 1024u * 1024u);
}

GraphLayoutJob::~GraphLayoutJob()
{
    abandon();
    pool_.waitForDone();
}

void GraphLayoutJob::start(LayoutInput input)
{
    abandon();
    auto cancelled = std::make_shared<std::atomic_bool>(false);
    cancelled_ = cancelled;
    watcher_ = new QFutureWatcher<LayoutResult>(this);
    QFutureWatcher<LayoutResult>* watcher = watcher_;
    connect(watcher, &QFutureWatcherBase::finished, this, [this, watcher] {
        if (watcher != watcher_)
            return;
        const LayoutResult result = watcher->result();
        watcher_ = nullptr;
        watcher->deleteLater();
        emit finished(result);
    });
    watcher->setFuture(QtConcurrent::run(&pool_, [input = std::move(input), cancelled] {
        // A layout abandoned before its turn came is not computed at all.
        if (cancelled->load())
            return LayoutResult{};
        return computeLayout(input);
    }));
}

void GraphLayoutJob::cancel()
{
    abandon();
}

void GraphLayoutJob::abandon()
{
    if (cancelled_)
        cancelled_->store(true);
    cancelled_.reset();
    if (watcher_) {
        watcher_->disconnect(this);
        watcher_->deleteLater();
        watcher_ = nullptr;
    }
}

} // namespace foldwise::gui
