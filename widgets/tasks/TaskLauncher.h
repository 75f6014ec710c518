#pragma once

#include "project/Artifact.h"

#include <QList>
#include <QObject>

class QAction;
class QMenu;

namespace foldwise::ops {
class Operation;
}

namespace foldwise::gui {

class MainWindow;
class Project;
class Task;
class TaskManager;
class TaskPanel;
struct TaskDialogContext;

// The Tasks menu and what follows from it: each entry opens its dialog, runs the task in the
// background (TaskManager, shown in the Tasks dock) and, once it is done, adds its outputs to the
// project and says so in the status bar. Outputs of a task that finishes after another project
// was opened are written but not added to the new project, which never asked for them.
class TaskLauncher : public QObject {
    Q_OBJECT

public:
    TaskLauncher(MainWindow* window, Project* project);

    TaskManager* manager() const { return manager_; }
    TaskPanel* panel() const { return panel_; }
    QMenu* menu() const { return menu_; }

    // Queues `task` (the manager takes it) for the current project.
    void start(Task* task);

    // The defaults the dialogs start from.
    TaskDialogContext dialogContext() const;

    // For the window's close: cancels every task and waits for the running ones to stop.
    void shutdown();

signals:
    // A task finished and its files joined the project, while the model it ran on is open.
    void outputsReady(const QList<foldwise::gui::Artifact>& outputs);

private:
    // Runs an engine operation's dialog (Tasks > Profile, Optimise, ...) and starts its task
    // once it is accepted.
    template <typename Dialog>
    void showOperationDialog(const ops::Operation& operation);
    template <typename Dialog>
    void runOperationDialog(Dialog& dialog, const ops::Operation& operation);
    void showResumeSweepDialog();
    void createMenu();
    void onTaskFinished(Task* task);
    void updateActions();
    bool hasModel() const;

    MainWindow* window_;
    Project* project_;
    TaskManager* manager_;
    TaskPanel* panel_;
    QMenu* menu_ = nullptr;
    QList<QAction*> modelActions_;
    QAction* cancelAll_ = nullptr;
    // Bumped whenever the project is replaced; a task remembers the one it started in.
    int projectGeneration_ = 0;
};

} // namespace foldwise::gui
