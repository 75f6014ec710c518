#include "project/Project.h"

#include <QFileInfo>

namespace foldwise::gui {

Project::Project(QObject* parent)
    : QObject(parent)
{
}

void Project::setFilePath(const QString& path)
{
    const QString absolute = path.isEmpty() ? QString() : QFileInfo(path).absoluteFilePath();
    if (absolute == filePath_)
        return;
    filePath_ = absolute;
    emit filePathChanged(filePath_);
}

QString Project::displayName() const
{
    return filePath_.isEmpty() ? tr("Untitled") : QFileInfo(filePath_).fileName();
}

void Project::setModel(const QString& path, bool bundledExample)
{
    const QString absolute = bundledExample || path.isEmpty() ? QString() : QFileInfo(path).absoluteFilePath();
    if (absolute == modelPath_ && bundledExample == bundledExample_)
        return;
    modelPath_ = absolute;
    bundledExample_ = bundledExample;
    setModified(true);
    emit modelChanged(modelPath_);
}

QList<Artifact> Project::artifacts(ArtifactKind kind) const
{
    QList<Artifact> result;
    for (const Artifact& a : artifacts_)
        if (a.kind == kind)
            result.append(a);
    return result;
}

bool Project::addArtifact(ArtifactKind kind, const QString& path)
{
    const Artifact artifact{kind, QFileInfo(path).absoluteFilePath()};
    if (path.isEmpty() || artifacts_.contains(artifact))
        return false;
    artifacts_.append(artifact);
    setModified(true);
    emit artifactAdded(artifact.kind, artifact.path);
    return true;
}

bool Project::removeArtifact(const Artifact& artifact)
{
    if (!artifacts_.removeOne(artifact))
        return false;
    setModified(true);
    emit artifactRemoved(artifact.kind, artifact.path);
    return true;
}

void Project::setLayout(const QJsonObject& layout)
{
    // Moving a dock is not an edit of the project: the layout is saved with it, but does not ask
    // for a save on its own.
    layout_ = layout;
}

void Project::setModified(bool modified)
{
    if (modified == modified_)
        return;
    modified_ = modified;
    emit modifiedChanged(modified_);
}

void Project::clear()
{
    assign({}, {}, false, {}, {});
}

void Project::assign(const QString& filePath, const QString& modelPath, bool bundledExample,
                     const QList<Artifact>& artifacts, const QJsonObject& layout)
{
    artifacts_.clear();
    modelPath_ = bundledExample ? QString() : modelPath;
    bundledExample_ = bundledExample;
    layout_ = layout;
    setFilePath(filePath);
    emit cleared();
    for (const Artifact& a : artifacts)
        if (!artifacts_.contains(a)) {
            artifacts_.append(a);
            emit artifactAdded(a.kind, a.path);
        }
    setModified(false);
    emit loaded();
}

} // namespace foldwise::gui
