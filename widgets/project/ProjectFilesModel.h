#pragma once

#include "project/Artifact.h"

#include <QAbstractListModel>

namespace foldwise::gui {

class Project;

// The project's files (Project::artifacts) as a list: "Profile — run/profile.json", the full path
// as tooltip, files that are gone greyed out. Follows the project as it changes.
class ProjectFilesModel : public QAbstractListModel {
    Q_OBJECT

public:
    explicit ProjectFilesModel(Project* project, QObject* parent = nullptr);

    int rowCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    // The file of a row; a default Artifact for an invalid index.
    Artifact artifact(const QModelIndex& index) const;

private:
    void reload();

    Project* project_;
};

} // namespace foldwise::gui
