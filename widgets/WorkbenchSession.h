#pragma once

#include <QObject>

class QMenu;
class QMenuBar;
class QMimeData;

namespace foldwise::gui {

class MainWindow;
class Project;
class ProjectController;
class ProjectPanel;
class TaskLauncher;

// The window's project and background tasks, installed into MainWindow with a few calls:
// the project (ProjectController: File menu actions, autosave, layout) and the tasks
// (TaskLauncher: Tasks menu, Tasks dock), with tasks adding their outputs to the project, and
// Edit > Preferences.
class WorkbenchSession : public QObject {
    Q_OBJECT

public:
    explicit WorkbenchSession(MainWindow* window);

    Project* project() const { return project_; }
    ProjectController* projects() const { return projects_; }
    TaskLauncher* tasks() const { return tasks_; }
    // The "Project Files" dock; a derived model activated there is opened in the window, the
    // analysis files by the analysis pages (ProjectAnalysisLink).
    ProjectPanel* projectPanel() const { return panel_; }

    // File menu: New/Open/Recent/Save/Save As project.
    void addFileActions(QMenu* file);
    // Edit > Preferences, the Tasks menu (appended to the menu bar) and the panel in View.
    void addMenus(QMenuBar* bar, QMenu* edit, QMenu* view);

    // For MainWindow::closeEvent: false keeps the window open (the user cancelled saving);
    // otherwise every task has been cancelled and has stopped.
    bool prepareToClose();

    static bool isProjectFile(const QString& path);
    static QString droppedProject(const QMimeData* mime);

public slots:
    bool openProject(const QString& path);
    void showPreferences();

private:
    MainWindow* window_;
    Project* project_;
    ProjectController* projects_;
    TaskLauncher* tasks_;
    ProjectPanel* panel_;
};

} // namespace foldwise::gui
