#pragma once

#include "analysis/DesignAnalysis.h"
#include "analysis/IterationCache.h"
#include "analysis/LayerAnalysis.h"
#include "project/Artifact.h"
#include "profile/ActivationProfile.h"
#include "sweep/RunDirectory.h"

#include <QObject>
#include <QString>

#include <memory>

class QTemporaryDir;

namespace foldwise::gui {

class ModelDocument;

// What is loaded for the analysis of the current model, beside ModelDocument: an activation
// profile, a design (evaluated with the profile) and a run log with its current iteration and,
// optionally, a second iteration to compare with. Opening a run log shows its iterations'
// profiles and designs (IterationCache keeps them); opening a profile or design on its own
// replaces the current one. A new model clears everything. Failed loads keep what was there and
// emit loadFailed().
class AnalysisDocument : public QObject {
    Q_OBJECT

public:
    explicit AnalysisDocument(ModelDocument* models, QObject* parent = nullptr);
    ~AnalysisDocument() override;

    // By kind (AnalysisFiles.h): a profile, a design or a run-log folder.
    bool open(const QString& path);
    bool openProfile(const QString& path);
    bool openDesign(const QString& path);
    bool openRunLog(const QString& path);
    // A tool's report (AnalysisFiles.h loadReport) in place of the design.
    bool openReport(const QString& path);
    // The precomputed sweep of the bundled example model (needs that model open).
    bool openBundledExampleRunLog();
    void clear();

    bool isEmpty() const { return !profile_ && !design_ && !run_; }
    std::shared_ptr<const ActivationProfile> profile() const { return profile_; }
    QString profilePath() const { return profilePath_; }
    std::shared_ptr<const DesignAnalysis> design() const { return design_; }
    QString designPath() const { return designPath_; }
    std::shared_ptr<const sweep::RunDirectory> runLog() const { return run_; }
    // The current iteration (RunIteration::index), -1 without a run log.
    int iteration() const { return iteration_; }
    const RunIteration* currentIteration() const;
    // The iteration compared with the current one, -1 for none.
    int compareIteration() const { return compare_; }
    const RunIteration* comparedIteration() const;

    // The model's layers joined with the current profile and design, and with the compared
    // iteration's (null when not comparing).
    std::shared_ptr<const LayerAnalysis> layers() const { return layers_; }
    std::shared_ptr<const LayerAnalysis> comparedLayers() const { return comparedLayers_; }
    ModelDocument* models() const { return models_; }
    IterationCache* cache() const { return cache_; }

public slots:
    void setIteration(int iteration);
    void setCompareIteration(int iteration);

signals:
    void profileChanged();
    void designChanged();
    void runLogChanged();
    void iterationChanged(int iteration);
    void compareChanged(int iteration);
    // Once after any of the above: views redraw from layers() and comparedLayers() here.
    void analysisChanged();
    // `message` is one line naming the file and the problem.
    void loadFailed(const QString& path, const QString& message);
    // A file the user opened (not a sweep iteration's, nor the bundled example's sweep), with
    // its absolute path, as a project lists it: Profile, Design, FoldingConfig, Report or RunLog.
    void fileOpened(foldwise::gui::ArtifactKind kind, const QString& path);

private:
    bool loadRunLog(const QString& path);
    // The design (or tool report) read from `path` replaces the current one.
    void showDesign(std::shared_ptr<const DesignAnalysis> design, const QString& path, ArtifactKind kind);
    bool requireModel(const QString& path);
    void onModelChanged();
    void rebuildLayers();
    void fail(const QString& path, const QString& message);

    ModelDocument* models_;
    IterationCache* cache_;
    std::shared_ptr<const ActivationProfile> profile_;
    std::shared_ptr<const DesignAnalysis> design_;
    std::shared_ptr<const sweep::RunDirectory> run_;
    std::shared_ptr<const IterationData> compared_;
    QString profilePath_, designPath_;
    int iteration_ = -1;
    int compare_ = -1;
    std::shared_ptr<const LayerAnalysis> layers_;
    std::shared_ptr<const LayerAnalysis> comparedLayers_;
    std::unique_ptr<QTemporaryDir> exampleDir_;
};

} // namespace foldwise::gui
