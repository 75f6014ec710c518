#include "analysis/AnalysisDocument.h"

#include "ModelDocument.h"
#include "Resources.h"
#include "analysis/AnalysisFiles.h"
#include "profile/Sha256.h"

#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QFileInfo>
#include <QTemporaryDir>

#include <exception>

namespace foldwise::gui {
namespace {

// Copies the resource folder `source` (":/...") with its subfolders into `target`.
bool copyResourceTree(const QString& source, const QString& target, QString* error)
{
    QDirIterator it(source, QDir::Files, QDirIterator::Subdirectories);
    while (it.hasNext()) {
        const QString file = it.next();
        const QString destination = target + file.mid(source.size());
        QFile in(file);
        if (!QDir().mkpath(QFileInfo(destination).absolutePath()) || !in.copy(destination)) {
            *error = in.errorString();
            return false;
        }
        // Resource files copy read-only; the copies are ours.
        QFile::setPermissions(destination, QFile::ReadOwner | QFile::WriteOwner | QFile::ReadGroup | QFile::ReadOther);
    }
    return true;
}

} // namespace

AnalysisDocument::AnalysisDocument(ModelDocument* models, QObject* parent)
    : QObject(parent), models_(models), cache_(new IterationCache(this))
{
    connect(models_, &ModelDocument::modelChanged, this, &AnalysisDocument::onModelChanged);
}

AnalysisDocument::~AnalysisDocument() = default;

void AnalysisDocument::fail(const QString& path, const QString& message)
{
    emit loadFailed(path, message);
}

bool AnalysisDocument::requireModel(const QString& path)
{
    if (models_->hasModel())
        return true;
    fail(path, tr("%1: open a model first; the analysis belongs to a model").arg(QDir::toNativeSeparators(path)));
    return false;
}

void AnalysisDocument::onModelChanged()
{
    clear();
    // A FINN folded graph is a design in itself: show it on the hardware page.
    if (!models_->hasModel())
        return;
    try {
        if (auto design = loadFoldedGraphDesign(*models_->model())) {
            design_ = std::move(design);
            designPath_ = QString::fromStdString(design_->file);
            rebuildLayers();
            emit designChanged();
            emit analysisChanged();
        }
    } catch (const std::exception& error) {
        emit loadFailed(QString::fromStdString(models_->model()->file().string()),
                        tr("The model is a FINN dataflow graph, but not one Foldwise can evaluate: %1")
                            .arg(QString::fromUtf8(error.what())));
    }
}

void AnalysisDocument::clear()
{
    cache_->reset(nullptr, nullptr);
    const bool had = !isEmpty();
    profile_.reset();
    design_.reset();
    run_.reset();
    compared_.reset();
    profilePath_.clear();
    designPath_.clear();
    iteration_ = compare_ = -1;
    rebuildLayers();
    if (had) {
        emit profileChanged();
        emit designChanged();
        emit runLogChanged();
        emit iterationChanged(-1);
        emit compareChanged(-1);
    }
    emit analysisChanged();
}

bool AnalysisDocument::open(const QString& path)
{
    switch (analysisFileKind(path)) {
    case AnalysisFileKind::Profile: return openProfile(path);
    case AnalysisFileKind::Design: return openDesign(path);
    case AnalysisFileKind::RunLog: return openRunLog(path);
    case AnalysisFileKind::Report: return openReport(path);
    case AnalysisFileKind::Unknown: break;
    }
    fail(path, tr("%1: neither an activation profile, a design (JSON) nor a sweep run directory")
                   .arg(QDir::toNativeSeparators(path)));
    return false;
}

bool AnalysisDocument::openProfile(const QString& path)
{
    if (!requireModel(path))
        return false;
    std::shared_ptr<const ActivationProfile> profile;
    std::shared_ptr<const DesignAnalysis> design = design_;
    try {
        profile = loadProfile(path);
        const std::string modelHash = sha256OfFile(toFilesystemPath(models_->filePath()));
        if (!profile->provenance.modelSha256.empty() && profile->provenance.modelSha256 != modelHash) {
            fail(path, tr("%1: the profile was made from another model (its SHA-256 differs from %2's)")
                           .arg(QDir::toNativeSeparators(path), models_->fileName()));
            return false;
        }
        // A design opened from a file is evaluated anew with the new sparsity.
        if (!designPath_.isEmpty() && design_ && design_->evaluator)
            design = loadDesign(designPath_, *models_->model(), profile.get(),
                                design_ ? std::optional(design_->evaluator->design().platform) : std::nullopt);
    } catch (const std::exception& error) {
        fail(path, loadErrorMessage(path, error));
        return false;
    }
    profile_ = std::move(profile);
    profilePath_ = QFileInfo(path).absoluteFilePath();
    const bool designChangedToo = design != design_;
    design_ = std::move(design);
    rebuildLayers();
    emit profileChanged();
    if (designChangedToo)
        emit designChanged();
    emit analysisChanged();
    emit fileOpened(ArtifactKind::Profile, profilePath_);
    return true;
}

bool AnalysisDocument::openDesign(const QString& path)
{
    if (!requireModel(path))
        return false;
    if (!(design_ && design_->evaluator) && isFpgaConvNetConfig(path)) {
        fail(path, tr("%1: an fpgaConvNet config.json names no platform; open a design.json for the platform first, "
                      "then the config").arg(QDir::toNativeSeparators(path)));
        return false;
    }
    std::shared_ptr<const DesignAnalysis> design;
    try {
        // fpgaConvNet's config.json names no platform: it runs on the loaded design's.
        std::optional<Platform> platform;
        if (design_ && design_->evaluator && isFpgaConvNetConfig(path))
            platform = design_->evaluator->design().platform;
        design = loadDesign(path, *models_->model(), profile_.get(), platform);
    } catch (const std::exception& error) {
        fail(path, loadErrorMessage(path, error));
        return false;
    }
    showDesign(std::move(design), path, isFpgaConvNetConfig(path) ? ArtifactKind::FoldingConfig : ArtifactKind::Design);
    return true;
}

bool AnalysisDocument::openReport(const QString& path)
{
    if (!requireModel(path))
        return false;
    std::shared_ptr<const DesignAnalysis> design;
    try {
        design = loadReport(path, *models_->model());
    } catch (const std::exception& error) {
        fail(path, loadErrorMessage(path, error));
        return false;
    }
    showDesign(std::move(design), path, ArtifactKind::Report);
    return true;
}

void AnalysisDocument::showDesign(std::shared_ptr<const DesignAnalysis> design, const QString& path, ArtifactKind kind)
{
    design_ = std::move(design);
    designPath_ = QFileInfo(path).absoluteFilePath();
    rebuildLayers();
    emit designChanged();
    emit analysisChanged();
    emit fileOpened(kind, designPath_);
}

bool AnalysisDocument::openRunLog(const QString& path)
{
    if (!loadRunLog(path))
        return false;
    emit fileOpened(ArtifactKind::RunLog, QFileInfo(path).absoluteFilePath());
    return true;
}

bool AnalysisDocument::loadRunLog(const QString& path)
{
    if (!requireModel(path))
        return false;
    std::shared_ptr<const sweep::RunDirectory> run;
    try {
        run = loadRunDirectory(path);
        if (!run->modelSha256.empty() && run->modelSha256 != sha256OfFile(toFilesystemPath(models_->filePath()))) {
            fail(path, tr("%1: the sweep ran another model (the manifest's SHA-256 differs from %2's)")
                           .arg(QDir::toNativeSeparators(path), models_->fileName()));
            return false;
        }
    } catch (const std::exception& error) {
        fail(path, loadErrorMessage(path, error));
        return false;
    }
    if (run->log.iterations.empty()) {
        fail(path, tr("%1: the run log has no iterations").arg(QDir::toNativeSeparators(path)));
        return false;
    }
    run_ = std::move(run);
    cache_->reset(models_->model(), run_);
    compared_.reset();
    compare_ = -1;
    iteration_ = -1;
    emit runLogChanged();
    emit compareChanged(-1);
    setIteration(run_->log.iterations.front().index);
    cache_->prefetch();
    return true;
}

bool AnalysisDocument::openBundledExampleRunLog()
{
    const QString source = QString::fromLatin1(resources::kExampleSweep);
    if (!models_->isBundledExample()) {
        fail(source, tr("The example sweep belongs to the example model: open it first (File > Open Example Model)"));
        return false;
    }
    if (!exampleDir_) {
        auto dir = std::make_unique<QTemporaryDir>();
        QString error;
        const QString target = dir->filePath(QStringLiteral("sweep_uniform"));
        if (!dir->isValid() || !copyResourceTree(source, target, &error)) {
            fail(source, tr("%1: cannot copy the example sweep to a temporary folder: %2")
                             .arg(source, dir->isValid() ? error : dir->errorString()));
            return false;
        }
        exampleDir_ = std::move(dir);
    }
    // A temporary copy: not a file a project could list.
    return loadRunLog(exampleDir_->filePath(QStringLiteral("sweep_uniform")));
}

const RunIteration* AnalysisDocument::currentIteration() const
{
    return findIteration(run_.get(), iteration_);
}

const RunIteration* AnalysisDocument::comparedIteration() const
{
    return compare_ < 0 ? nullptr : findIteration(run_.get(), compare_);
}

void AnalysisDocument::setIteration(int iteration)
{
    if (!run_ || iteration == iteration_)
        return;
    if (!findIteration(run_.get(), iteration))
        return;
    const std::shared_ptr<const IterationData> data = cache_->get(iteration);
    iteration_ = iteration;
    profile_ = data->profile;
    design_ = data->design;
    profilePath_ = profile_ ? fromFilesystemPath(*run_->iterationFile(iteration, "profile.json")) : QString();
    designPath_.clear(); // the iteration's design follows the iteration, not a file the user chose
    rebuildLayers();
    emit profileChanged();
    emit designChanged();
    emit iterationChanged(iteration_);
    emit analysisChanged();
    if (!data->error.isEmpty())
        fail(QString(), data->error);
}

void AnalysisDocument::setCompareIteration(int iteration)
{
    if (!run_ || iteration == compare_)
        return;
    compare_ = iteration;
    compared_ = iteration >= 0 ? cache_->get(iteration) : nullptr;
    rebuildLayers();
    emit compareChanged(compare_);
    emit analysisChanged();
}

void AnalysisDocument::rebuildLayers()
{
    const auto summary = models_->summary();
    layers_ = summary ? std::make_shared<const LayerAnalysis>(summary, profile_, design_) : nullptr;
    comparedLayers_ = summary && compared_ ? std::make_shared<const LayerAnalysis>(summary, compared_->profile, compared_->design)
                                           : nullptr;
}

} // namespace foldwise::gui
