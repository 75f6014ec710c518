#include "WorkbenchSession.h"

#include "MainWindow.h"
#include "Preferences.h"
#include "dialogs/PreferencesDialog.h"
#include "project/Project.h"
#include "project/ProjectAutosaver.h"
#include "project/ProjectController.h"
#include "project/ProjectPanel.h"
#include "tasks/TaskLauncher.h"
#include "tasks/TaskManager.h"
#include "tasks/TaskPanel.h"

#include <QAction>
#include <QMenu>
#include <QMenuBar>

namespace foldwise::gui {

WorkbenchSession::WorkbenchSession(MainWindow* window)
    : QObject(window)
    , window_(window)
    , project_(new Project(this))
    , projects_(new ProjectController(window, project_))
    , tasks_(new TaskLauncher(window, project_))
    , panel_(new ProjectPanel(project_, window))
{
    window->addDockWidget(Qt::LeftDockWidgetArea, panel_);
    panel_->hide(); // View > Project Files (or the saved layout) shows it
    connect(panel_, &ProjectPanel::artifactActivated, this, [this](const Artifact& artifact) {
        if (artifact.kind == ArtifactKind::Model)
            window_->openFile(artifact.path);
    });
}

void WorkbenchSession::addFileActions(QMenu* file)
{
    projects_->addFileActions(file);
}

void WorkbenchSession::addMenus(QMenuBar* bar, QMenu* edit, QMenu* view)
{
    edit->addSeparator();
    QAction* preferences = edit->addAction(tr("&Preferences…"), this, &WorkbenchSession::showPreferences);
    preferences->setMenuRole(QAction::PreferencesRole);
    preferences->setShortcut(QKeySequence::Preferences);
    view->addAction(tasks_->panel()->toggleViewAction());
    view->addAction(panel_->toggleViewAction());
    bar->addMenu(tasks_->menu());
}

bool WorkbenchSession::prepareToClose()
{
    if (!projects_->maybeSave())
        return false;
    tasks_->shutdown();
    return true;
}

bool WorkbenchSession::isProjectFile(const QString& path)
{
    return ProjectController::isProjectFile(path);
}

QString WorkbenchSession::droppedProject(const QMimeData* mime)
{
    return ProjectController::droppedProject(mime);
}

bool WorkbenchSession::openProject(const QString& path)
{
    return projects_->openProject(path);
}

void WorkbenchSession::showPreferences()
{
    PreferencesDialog dialog(window_);
    if (dialog.exec() != QDialog::Accepted)
        return;
    tasks_->manager()->setMaxConcurrent(preferences::concurrentTasks());
    projects_->autosaver()->setIntervalMs(preferences::autosaveSeconds() * 1000);
}

} // namespace foldwise::gui
