#include "analysis/ProjectAnalysisLink.h"

#include "analysis/AnalysisDocument.h"
#include "project/Project.h"
#include "project/ProjectPanel.h"
#include "tasks/TaskLauncher.h"

#include <QFileInfo>

#include <algorithm>
#include <initializer_list>
#include <optional>

namespace foldwise::gui {
namespace {

// The last listed existing file of one of `kinds`.
std::optional<Artifact> newest(const QList<Artifact>& files, std::initializer_list<ArtifactKind> kinds)
{
    for (auto it = files.crbegin(); it != files.crend(); ++it)
        if (std::find(kinds.begin(), kinds.end(), it->kind) != kinds.end() && QFileInfo::exists(it->path))
            return *it;
    return std::nullopt;
}

} // namespace

ProjectAnalysisLink::ProjectAnalysisLink(AnalysisDocument* document, Project* project, TaskLauncher* tasks,
                                         ProjectPanel* panel, QObject* parent)
    : QObject(parent), document_(document), project_(project)
{
    connect(document_, &AnalysisDocument::fileOpened, this, &ProjectAnalysisLink::onFileOpened);
    connect(project_, &Project::loaded, this, &ProjectAnalysisLink::onProjectLoaded);
    connect(tasks, &TaskLauncher::outputsReady, this, &ProjectAnalysisLink::show);
    connect(panel, &ProjectPanel::artifactActivated, this, [this](const Artifact& file) { show({file}); });
}

void ProjectAnalysisLink::onFileOpened(ArtifactKind kind, const QString& path)
{
    project_->addArtifact(kind, path); // no-op when listed already
}

void ProjectAnalysisLink::onProjectLoaded()
{
    const QList<Artifact>& files = project_->artifacts();
    // A run log brings its own profiles and designs, one per iteration.
    if (const auto run = newest(files, {ArtifactKind::RunLog})) {
        show({*run});
        return;
    }
    // A design and a tool's report take the same place: the newer one.
    QList<Artifact> shown;
    for (const auto& file :
         {newest(files, {ArtifactKind::Profile}), newest(files, {ArtifactKind::Design, ArtifactKind::Report})})
        if (file)
            shown.append(*file);
    show(shown);
}

void ProjectAnalysisLink::show(const QList<Artifact>& files)
{
    // The profile before the design: a design is evaluated with the profile open.
    for (const ArtifactKind kind : {ArtifactKind::Profile, ArtifactKind::Design, ArtifactKind::Report, ArtifactKind::RunLog})
        for (const Artifact& file : files)
            if (file.kind == kind)
                document_->open(file.path);
}

} // namespace foldwise::gui
