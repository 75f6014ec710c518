#include "project/ProjectAutosaver.h"

#include "project/Project.h"
#include "project/ProjectFile.h"

#include <QFile>
#include <QFileInfo>

namespace foldwise::gui {

ProjectAutosaver::ProjectAutosaver(Project* project, QObject* parent)
    : QObject(parent)
    , project_(project)
{
    timer_.setInterval(kDefaultIntervalSeconds * 1000);
    connect(&timer_, &QTimer::timeout, this, &ProjectAutosaver::autosaveNow);
    timer_.start();
    connect(project_, &Project::modifiedChanged, this, [this](bool modified) {
        if (!modified)
            removeAutosave();
    });
}

QString ProjectAutosaver::autosavePath(const QString& projectFile)
{
    return projectFile + QStringLiteral(".autosave");
}

bool ProjectAutosaver::hasRecoverableAutosave(const QString& projectFile)
{
    const QFileInfo autosave(autosavePath(projectFile));
    const QFileInfo project(projectFile);
    return autosave.exists() && (!project.exists() || autosave.lastModified() >= project.lastModified());
}

void ProjectAutosaver::setIntervalMs(int msecs)
{
    timer_.setInterval(msecs);
}

bool ProjectAutosaver::autosaveNow()
{
    if (!project_->isModified() || project_->filePath().isEmpty())
        return false;
    emit aboutToAutosave();
    const QString file = autosavePath(project_->filePath());
    if (!lastWritten_.isEmpty() && lastWritten_ != file)
        QFile::remove(lastWritten_); // the project was saved under another name since
    QString error;
    // Paths relative to the project's folder, as in the project file, so the autosave can stand
    // in for it.
    if (!writeProjectFile(file, projectContent(*project_), error)) {
        emit autosaveFailed(error);
        return false;
    }
    lastWritten_ = file;
    return true;
}

void ProjectAutosaver::removeAutosave()
{
    if (!lastWritten_.isEmpty())
        QFile::remove(lastWritten_);
    lastWritten_.clear();
    if (!project_->filePath().isEmpty())
        QFile::remove(autosavePath(project_->filePath()));
}

} // namespace foldwise::gui
