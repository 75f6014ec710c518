#pragma once

#include "project/Artifact.h"

#include <QDockWidget>

class QListView;

namespace foldwise::gui {

class Project;
class ProjectFilesModel;

// The "Project Files" dock: the files the project lists. Activating one (double-click, Enter)
// asks for it to be shown (artifactActivated); the context menu removes it from the project
// (the file itself stays).
class ProjectPanel : public QDockWidget {
    Q_OBJECT

public:
    explicit ProjectPanel(Project* project, QWidget* parent = nullptr);

    ProjectFilesModel* model() const { return model_; }
    QListView* view() const { return view_; }

signals:
    void artifactActivated(const foldwise::gui::Artifact& artifact);

private:
    void showContextMenu(const QPoint& position);

    Project* project_;
    ProjectFilesModel* model_;
    QListView* view_;
};

} // namespace foldwise::gui
