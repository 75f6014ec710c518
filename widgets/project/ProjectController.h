#pragma once

#include <QJsonObject>
#include <QObject>
#include <QString>

class QMenu;
class QMimeData;

namespace foldwise::gui {

class MainWindow;
class Project;
class ProjectAutosaver;
class RecentFilesMenu;

// The project side of the window: File > New/Open/Save/Save As Project and the recent projects,
// opening a project (the model, its artifacts and the window layout, with an offer to recover
// an autosave newer than the file), saving with the current layout, the autosave, the window
// title's modified mark and the question whether to save on close.
class ProjectController : public QObject {
    Q_OBJECT

public:
    ProjectController(MainWindow* window, Project* project);

    Project* project() const { return project_; }
    ProjectAutosaver* autosaver() const { return autosaver_; }
    RecentFilesMenu* recentProjects() const { return recent_; }

    void addFileActions(QMenu* file);

    // The window's geometry, dock layout and current page, and back.
    QJsonObject captureLayout() const;
    void restoreLayout(const QJsonObject& layout);

    static bool isProjectFile(const QString& path);
    // The first local .foldwise file among dragged URLs, or empty.
    static QString droppedProject(const QMimeData* mime);

    // False when the user chose Cancel: the window must stay open. Asks only when the project is
    // worth keeping (saved before, or holding artifacts) and dialogs are enabled.
    bool maybeSave();

public slots:
    bool openProject(const QString& path);
    void newProject();
    bool saveProject();
    // Asks for a file name when `path` is empty.
    bool saveProjectAs(const QString& path = {});
    void showOpenProjectDialog();

signals:
    // `message` is one line naming the file and the problem.
    void projectOpenFailed(const QString& path, const QString& message);
    void projectOpened(const QString& path);
    void projectSaved(const QString& path);

private:
    void onModelChanged();
    void updateTitle();
    void reportError(const QString& title, const QString& message);
    bool recoverAutosave(const QString& path) const;

    MainWindow* window_;
    Project* project_;
    ProjectAutosaver* autosaver_;
    RecentFilesMenu* recent_ = nullptr;
};

} // namespace foldwise::gui
