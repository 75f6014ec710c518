#include "analysis/IterationCache.h"

#include "analysis/AnalysisFiles.h"
#include "model/Model.h"

#include <QMetaObject>
#include <QtConcurrent/QtConcurrentRun>

#include <algorithm>
#include <exception>

namespace foldwise::gui {

const RunIteration* findIteration(const sweep::RunDirectory* run, int index)
{
    if (!run)
        return nullptr;
    const auto& iterations = run->log.iterations;
    const auto it = std::find_if(iterations.begin(), iterations.end(), [index](const RunIteration& i) { return i.index == index; });
    return it == iterations.end() ? nullptr : &*it;
}

IterationCache::IterationCache(QObject* parent)
    : QObject(parent)
{
}

IterationCache::~IterationCache()
{
    stopPrefetch();
}

void IterationCache::stopPrefetch()
{
    cancel_ = true;
    prefetch_.waitForFinished();
    cancel_ = false;
}

void IterationCache::reset(std::shared_ptr<const Model> model, std::shared_ptr<const sweep::RunDirectory> run)
{
    stopPrefetch();
    const std::lock_guard lock(mutex_);
    model_ = std::move(model);
    run_ = std::move(run);
    loaded_.clear();
}

std::shared_ptr<const IterationData> IterationCache::load(const Model& model, const sweep::RunDirectory& run, int iteration)
{
    auto data = std::make_shared<IterationData>();
    const auto profileFile = run.iterationFile(iteration, "profile.json");
    const auto designFile = run.iterationFile(iteration, "design.json");
    QString path;
    try {
        if (profileFile) {
            path = fromFilesystemPath(*profileFile);
            data->profile = loadProfile(path);
        }
        if (designFile) {
            path = fromFilesystemPath(*designFile);
            data->design = loadDesign(path, model, data->profile.get());
        }
    } catch (const std::exception& error) {
        data->error = loadErrorMessage(path, error);
    }
    return data;
}

std::shared_ptr<const IterationData> IterationCache::cached(int iteration) const
{
    const std::lock_guard lock(mutex_);
    const auto it = loaded_.find(iteration);
    return it == loaded_.end() ? nullptr : it->second;
}

std::shared_ptr<const IterationData> IterationCache::store(int iteration, std::shared_ptr<const IterationData> data)
{
    const std::lock_guard lock(mutex_);
    return loaded_.emplace(iteration, std::move(data)).first->second; // the first one loaded wins
}

bool IterationCache::isLoaded(int iteration) const
{
    return cached(iteration) != nullptr;
}

std::shared_ptr<const IterationData> IterationCache::get(int iteration)
{
    if (auto data = cached(iteration))
        return data;
    if (!model_ || !run_)
        return std::make_shared<const IterationData>();
    return store(iteration, load(*model_, *run_, iteration));
}

void IterationCache::prefetch()
{
    stopPrefetch();
    if (!model_ || !run_)
        return;
    std::vector<int> missing;
    for (const RunIteration& it : run_->log.iterations)
        if (!isLoaded(it.index))
            missing.push_back(it.index);
    // The worker holds its own references, so reset() may replace them while it winds down.
    prefetch_ = QtConcurrent::run([this, model = model_, run = run_, missing] {
        for (const int k : missing) {
            if (cancel_)
                return;
            if (!isLoaded(k))
                store(k, load(*model, *run, k));
        }
        QMetaObject::invokeMethod(this, &IterationCache::prefetchFinished, Qt::QueuedConnection);
    });
}

void IterationCache::waitForPrefetch()
{
    prefetch_.waitForFinished();
}

} // namespace foldwise::gui
