#pragma once

#include "analysis/DesignAnalysis.h"
#include "profile/ActivationProfile.h"
#include "sweep/RunDirectory.h"

#include <QFuture>
#include <QObject>
#include <QString>

#include <atomic>
#include <map>
#include <memory>
#include <mutex>

namespace foldwise {
class Model;
}

namespace foldwise::gui {

// The iteration of `run` whose RunIteration::index is `index`, or null (also without a run).
const RunIteration* findIteration(const sweep::RunDirectory* run, int index);

// One iteration of a run log as loaded from its folder; either part may be missing (imported
// logs have no profiles, FINN sweeps no design.json). `error` tells why a present file failed.
struct IterationData {
    std::shared_ptr<const ActivationProfile> profile;
    std::shared_ptr<const DesignAnalysis> design;
    QString error;
};

// The loaded iterations of one run log, so that stepping through a sweep re-reads nothing:
// get() loads an iteration on first use; prefetch() loads the others on a worker thread in the
// meantime (each iteration is read once, by whichever comes first).
class IterationCache : public QObject {
    Q_OBJECT

public:
    explicit IterationCache(QObject* parent = nullptr);
    ~IterationCache() override;

    // Forgets everything (waiting for a running prefetch) and serves `run` of `model`.
    void reset(std::shared_ptr<const Model> model, std::shared_ptr<const sweep::RunDirectory> run);
    std::shared_ptr<const IterationData> get(int iteration);
    bool isLoaded(int iteration) const;
    // Loads every iteration not yet loaded, in order, on a worker thread.
    void prefetch();
    // Blocks until the prefetch has finished (tests, benchmarks).
    void waitForPrefetch();

    // Reads one iteration's profile.json and design.json (the design evaluated with the profile).
    static std::shared_ptr<const IterationData> load(const Model& model, const sweep::RunDirectory& run, int iteration);

signals:
    void prefetchFinished();

private:
    void stopPrefetch();
    std::shared_ptr<const IterationData> cached(int iteration) const;
    std::shared_ptr<const IterationData> store(int iteration, std::shared_ptr<const IterationData> data);

    std::shared_ptr<const Model> model_;
    std::shared_ptr<const sweep::RunDirectory> run_;
    mutable std::mutex mutex_;
    std::map<int, std::shared_ptr<const IterationData>> loaded_;
    QFuture<void> prefetch_;
    std::atomic<bool> cancel_{false};
};

} // namespace foldwise::gui
