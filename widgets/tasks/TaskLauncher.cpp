#include "tasks/TaskLauncher.h"

#include "MainWindow.h"
#include "ModelDocument.h"
#include "Preferences.h"
#include "dialogs/EvaluateDialog.h"
#include "dialogs/OptimiseDialog.h"
#include "dialogs/PassDialog.h"
#include "dialogs/ProfileDialog.h"
#include "dialogs/SweepDialog.h"
#include "dialogs/TaskDialogContext.h"
#include "project/Project.h"
#include "tasks/OperationTask.h"
#include "tasks/PassMenu.h"
#include "tasks/Task.h"
#include "tasks/TaskManager.h"
#include "tasks/TaskPanel.h"

#include <QApplication>
#include <QCursor>
#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QMenu>
#include <QMessageBox>
#include <QStandardPaths>
#include <QStatusBar>

namespace foldwise::gui {
namespace {

const char* const kGenerationProperty = "foldwiseProjectGeneration";
// The model open when the task started: its outputs are shown only while that model is.
const char* const kModelProperty = "foldwiseTaskModel";

QStringList paths(const QList<Artifact>& artifacts)
{
    QStringList result;
    for (const Artifact& a : artifacts)
        result.append(a.path);
    return result;
}

} // namespace

TaskLauncher::TaskLauncher(MainWindow* window, Project* project)
    : QObject(window)
    , window_(window)
    , project_(project)
    , manager_(new TaskManager(this))
    , panel_(new TaskPanel(manager_, window))
{
    manager_->setMaxConcurrent(preferences::concurrentTasks());
    window_->addDockWidget(Qt::BottomDockWidgetArea, panel_);
    panel_->hide(); // until the first task starts (or the saved layout shows it)
    connect(manager_, &TaskManager::taskFinished, this, &TaskLauncher::onTaskFinished);
    connect(manager_, &TaskManager::activeCountChanged, this, &TaskLauncher::updateActions);
    connect(project_, &Project::cleared, this, [this] { ++projectGeneration_; });
    connect(window_->document(), &ModelDocument::modelChanged, this, &TaskLauncher::updateActions);
    createMenu();
}

bool TaskLauncher::hasModel() const
{
    return window_->document()->hasModel();
}

void TaskLauncher::createMenu()
{
    menu_ = new QMenu(tr("&Tasks"), window_);
    const auto add = [this](const QString& text, const QString& tip, auto slot) {
        QAction* action = menu_->addAction(text, this, slot);
        action->setStatusTip(tip);
        modelActions_.append(action);
        return action;
    };
    add(tr("&Profile…"), tr("Profile activation sparsity over calibration data"),
        [this] { showOperationDialog<ProfileDialog>(ops::profileOperation()); })
        ->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_P));
    add(tr("&Optimise…"), tr("Search an accelerator folding for a platform"),
        [this] { showOperationDialog<OptimiseDialog>(ops::optimiseOperation()); });
    add(tr("&Evaluate Design…"), tr("Evaluate a saved design with its fixed folding"),
        [this] { showOperationDialog<EvaluateDialog>(ops::evaluateOperation()); });
    add(tr("&Sweep ReLU Thresholds…"), tr("Raise ReLU thresholds step by step: accuracy, sparsity and throughput"),
        [this] { showOperationDialog<SweepDialog>(ops::sweepOperation()); });
    add(tr("&Resume Sweep…"), tr("Continue a sweep from its run directory"), &TaskLauncher::showResumeSweepDialog);
    menu_->addSeparator();
    for (const PassKind& pass : availablePasses()) {
        QAction* action = menu_->addAction(pass.title, this, [this, pass] {
            const QString title = QString(pass.title).remove(QLatin1Char('&')).remove(QStringLiteral("…")).trimmed();
            const std::unique_ptr<PassDialog> dialog = pass.dialog(title, dialogContext(), window_);
            if (dialog->exec() == QDialog::Accepted)
                start(dialog->createTask().release());
        });
        action->setStatusTip(pass.statusTip);
        modelActions_.append(action);
    }
    menu_->addSeparator();
    cancelAll_ = menu_->addAction(tr("&Cancel All Tasks"), manager_, &TaskManager::cancelAll);
    QAction* show = panel_->toggleViewAction();
    show->setText(tr("Show &Tasks Panel"));
    menu_->addAction(show);
    updateActions();
}

void TaskLauncher::updateActions()
{
    for (QAction* action : std::as_const(modelActions_))
        action->setEnabled(hasModel());
    cancelAll_->setEnabled(manager_->activeCount() > 0);
}

TaskDialogContext TaskLauncher::dialogContext() const
{
    const ModelDocument* document = window_->document();
    TaskDialogContext context;
    context.model = document->filePath();
    context.stem = QFileInfo(context.model).completeBaseName();
    // The bundled example lives in a temporary folder: its outputs go beside the project, or
    // to the documents folder, where they outlive the session.
    if (!document->isBundledExample())
        context.outputFolder = QFileInfo(context.model).absolutePath();
    else if (!project_->filePath().isEmpty())
        context.outputFolder = QFileInfo(project_->filePath()).absolutePath();
    else
        context.outputFolder = QStandardPaths::writableLocation(QStandardPaths::DocumentsLocation);
    context.profiles = paths(project_->artifacts(ArtifactKind::Profile));
    context.designs = paths(project_->artifacts(ArtifactKind::Design));
    if (document->summary())
        context.parameters = document->summary()->totals.params;
    return context;
}

void TaskLauncher::start(Task* task)
{
    task->setProperty(kGenerationProperty, projectGeneration_);
    task->setProperty(kModelProperty, window_->document()->filePath());
    manager_->addTask(task);
    panel_->show();
    window_->statusBar()->showMessage(tr("Started: %1").arg(task->description()), 5000);
}

template <typename Dialog>
void TaskLauncher::showOperationDialog(const ops::Operation& operation)
{
    Dialog dialog(dialogContext(), window_);
    runOperationDialog(dialog, operation);
}

template <typename Dialog>
void TaskLauncher::runOperationDialog(Dialog& dialog, const ops::Operation& operation)
{
    if (dialog.exec() == QDialog::Accepted)
        start(operationTask(operation, dialog.parameters()));
}

void TaskLauncher::showResumeSweepDialog()
{
    const QString folder = QFileDialog::getExistingDirectory(window_, tr("Choose a Sweep's Run Directory"),
                                                             dialogContext().outputFolder);
    if (folder.isEmpty())
        return;
    SweepDialog dialog(dialogContext(), window_);
    QString error;
    if (!dialog.loadRunDirectory(folder, error)) {
        QMessageBox::warning(window_, tr("Cannot Resume the Sweep"), error);
        return;
    }
    runOperationDialog(dialog, ops::sweepOperation());
}

void TaskLauncher::onTaskFinished(Task* task)
{
    QStatusBar* status = window_->statusBar();
    switch (task->status()) {
    case Task::Status::Done:
        if (task->property(kGenerationProperty).toInt() == projectGeneration_) {
            for (const Artifact& output : task->outputs())
                project_->addArtifact(output.kind, output.path);
            status->showMessage(task->resultMessage(), 15000);
            if (task->property(kModelProperty).toString() == window_->document()->filePath())
                emit outputsReady(task->outputs());
        } else {
            //: %1 says what the task wrote
            status->showMessage(tr("%1 (not added: another project was opened since)").arg(task->resultMessage()), 15000);
        }
        break;
    case Task::Status::Failed:
        //: %1 is the task, %2 the error
        status->showMessage(tr("%1 failed: %2").arg(task->description(), task->errorMessage()), 15000);
        panel_->show();
        break;
    case Task::Status::Cancelled:
        status->showMessage(tr("%1 cancelled").arg(task->description()), 5000);
        break;
    case Task::Status::Queued:
    case Task::Status::Running:
        break;
    }
}

void TaskLauncher::shutdown()
{
    if (manager_->activeCount() == 0)
        return;
    window_->statusBar()->showMessage(tr("Stopping the running tasks…"));
    QApplication::setOverrideCursor(Qt::WaitCursor);
    manager_->shutdown();
    QApplication::restoreOverrideCursor();
}

} // namespace foldwise::gui
