#pragma once

#include "graph/GraphLayout.h"

#include <QObject>
#include <QThreadPool>

#include <atomic>
#include <memory>

template <typename T>
class QFutureWatcher;

namespace foldwise::gui {

// Runs computeLayout() off the GUI thread, one layout at a time (Graphviz is serialised
// anyway), and hands the newest result back on the GUI thread. Graphviz cannot be interrupted,
// so cancelling or restarting abandons a running layout: it finishes in the background and
// its result is dropped. The destructor waits for it, since it runs on this object's pool.
class GraphLayoutJob : public QObject {
    Q_OBJECT

public:
    explicit GraphLayoutJob(QObject* parent = nullptr);
    ~GraphLayoutJob() override;

    // Starts laying `input` out; a layout started earlier is abandoned.
    void start(LayoutInput input);
    // Abandons the running layout; finished() will not be emitted for it.
    void cancel();
    bool isRunning() const { return watcher_ != nullptr; }

signals:
    void finished(const foldwise::gui::LayoutResult& result);

private:
    void abandon();

    QThreadPool pool_;
    QFutureWatcher<LayoutResult>* watcher_ = nullptr;
    std::shared_ptr<std::atomic_bool> cancelled_;
};

} // namespace foldwise::gui
