#include "project/ProjectFilesModel.h"

#include "project/Project.h"

#include <QBrush>
#include <QDir>
#include <QFileInfo>
#include <QPalette>

namespace foldwise::gui {

ProjectFilesModel::ProjectFilesModel(Project* project, QObject* parent)
    : QAbstractListModel(parent), project_(project)
{
    // Projects list a handful of files: a reset on every change is simplest and cheap.
    for (auto signal : {&Project::cleared, &Project::loaded})
        connect(project_, signal, this, &ProjectFilesModel::reload);
    connect(project_, &Project::artifactAdded, this, &ProjectFilesModel::reload);
    connect(project_, &Project::artifactRemoved, this, &ProjectFilesModel::reload);
}

void ProjectFilesModel::reload()
{
    beginResetModel();
    endResetModel();
}

int ProjectFilesModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : static_cast<int>(project_->artifacts().size());
}

Artifact ProjectFilesModel::artifact(const QModelIndex& index) const
{
    if (!index.isValid() || index.row() >= rowCount())
        return {};
    return project_->artifacts()[index.row()];
}

QVariant ProjectFilesModel::data(const QModelIndex& index, int role) const
{
    if (!index.isValid() || index.row() >= rowCount())
        return {};
    const Artifact a = artifact(index);
    const QFileInfo file(a.path);
    switch (role) {
    case Qt::DisplayRole:
        // With its folder: the files of a sweep or of two designs often share a name.
        //: A project file in the Project Files panel: %1 its kind ("Profile"), %2 its name
        return tr("%1 — %2").arg(artifactKindTitle(a.kind), file.dir().dirName() + QLatin1Char('/') + file.fileName());
    case Qt::ToolTipRole:
        return file.exists() ? QDir::toNativeSeparators(a.path)
                             : tr("%1 (missing)").arg(QDir::toNativeSeparators(a.path));
    case Qt::ForegroundRole:
        if (!file.exists())
            return QBrush(QPalette().color(QPalette::Disabled, QPalette::Text));
        return {};
    default: return {};
    }
}

} // namespace foldwise::gui
