#pragma once

#include "project/Artifact.h"

#include <QList>
#include <QObject>

namespace foldwise::gui {

class AnalysisDocument;
class Project;
class ProjectPanel;
class TaskLauncher;

// Keeps the project and the analysis pages in step, both ways:
// - a profile, design or run log opened for analysis (menu, drop, command line) joins the
//   project, so that saving the project keeps what was looked at together;
// - a project opened shows its newest run log, or else its newest profile and design;
// - a profile, design or run log a task made for the open model is shown once the task is done;
// - one activated in the Project Files panel is shown.
class ProjectAnalysisLink : public QObject {
    Q_OBJECT

public:
    ProjectAnalysisLink(AnalysisDocument* document, Project* project, TaskLauncher* tasks, ProjectPanel* panel,
                        QObject* parent = nullptr);

private:
    void onFileOpened(ArtifactKind kind, const QString& path);
    void onProjectLoaded();
    void show(const QList<Artifact>& files);

    AnalysisDocument* document_;
    Project* project_;
};

} // namespace foldwise::gui
