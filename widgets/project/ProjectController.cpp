#include "project/ProjectController.h"

#include "MainWindow.h"
#include "ModelDocument.h"
#include "Preferences.h"
#include "RecentFilesMenu.h"
#include "project/Project.h"
#include "project/ProjectAutosaver.h"
#include "project/ProjectFile.h"

#include <QAction>
#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QMenu>
#include <QMessageBox>
#include <QMimeData>
#include <QSettings>
#include <QStatusBar>
#include <QUrl>

namespace foldwise::gui {
namespace {

const QString kLastDirectoryKey = QStringLiteral("project/lastDirectory");
const QString kRecentProjectsKey = QStringLiteral("recentProjects");

QString fileFilter()
{
    return ProjectController::tr("Foldwise projects (*.foldwise);;All files (*)");
}

} // namespace

ProjectController::ProjectController(MainWindow* window, Project* project)
    : QObject(window)
    , window_(window)
    , project_(project)
    , autosaver_(new ProjectAutosaver(project, this))
{
    autosaver_->setIntervalMs(preferences::autosaveSeconds() * 1000);
    connect(autosaver_, &ProjectAutosaver::aboutToAutosave, this, [this] { project_->setLayout(captureLayout()); });
    connect(autosaver_, &ProjectAutosaver::autosaveFailed, this,
            [this](const QString& message) { window_->statusBar()->showMessage(message, 10000); });
    connect(window_->document(), &ModelDocument::modelChanged, this, &ProjectController::onModelChanged);
    // Queued: MainWindow sets its own title when the model changes, after this connection ran.
    connect(window_->document(), &ModelDocument::modelChanged, this, &ProjectController::updateTitle, Qt::QueuedConnection);
    connect(project_, &Project::modifiedChanged, this, &ProjectController::updateTitle);
    connect(project_, &Project::filePathChanged, this, &ProjectController::updateTitle);
    connect(project_, &Project::artifactAdded, this, &ProjectController::updateTitle);
}

void ProjectController::addFileActions(QMenu* file)
{
    QAction* newAction = file->addAction(tr("&New Project"), this, &ProjectController::newProject);
    newAction->setShortcut(QKeySequence::New);
    newAction->setStatusTip(tr("Start an empty project with the current model"));
    QAction* open = file->addAction(tr("Open &Project…"), this, &ProjectController::showOpenProjectDialog);
    open->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_O));
    open->setStatusTip(tr("Open a Foldwise project: the model, its results and the window layout"));
    recent_ = new RecentFilesMenu(tr("Recent P&rojects"), kRecentProjectsKey, file);
    connect(recent_, &RecentFilesMenu::fileTriggered, this, &ProjectController::openProject);
    file->addMenu(recent_);
    QAction* save = file->addAction(tr("&Save Project"), this, &ProjectController::saveProject);
    save->setShortcut(QKeySequence::Save);
    save->setStatusTip(tr("Save the project"));
    QAction* saveAs = file->addAction(tr("Save Project &As…"), this, [this] { saveProjectAs(); });
    saveAs->setShortcut(QKeySequence::SaveAs);
}

QJsonObject ProjectController::captureLayout() const
{
    return {{QStringLiteral("geometry"), QString::fromLatin1(window_->saveGeometry().toBase64())},
            {QStringLiteral("state"), QString::fromLatin1(window_->saveState().toBase64())},
            {QStringLiteral("page"), window_->isGraphTabShown() ? QStringLiteral("graph") : QStringLiteral("layers")}};
}

void ProjectController::restoreLayout(const QJsonObject& layout)
{
    if (layout.isEmpty())
        return;
    window_->restoreGeometry(QByteArray::fromBase64(layout.value(QStringLiteral("geometry")).toString().toLatin1()));
    window_->restoreState(QByteArray::fromBase64(layout.value(QStringLiteral("state")).toString().toLatin1()));
    if (layout.value(QStringLiteral("page")).toString() == QLatin1String("graph"))
        window_->showGraphTab();
    else
        window_->showLayersTab();
}

bool ProjectController::isProjectFile(const QString& path)
{
    return path.endsWith(QStringLiteral(".") + QLatin1String(Project::kFileSuffix), Qt::CaseInsensitive);
}

QString ProjectController::droppedProject(const QMimeData* mime)
{
    if (!mime || !mime->hasUrls())
        return {};
    for (const QUrl& url : mime->urls())
        if (url.isLocalFile() && isProjectFile(url.toLocalFile()))
            return url.toLocalFile();
    return {};
}

void ProjectController::onModelChanged()
{
    const ModelDocument* document = window_->document();
    project_->setModel(document->filePath(), document->isBundledExample());
}

void ProjectController::updateTitle()
{
    // An untitled project without results is just the model: MainWindow's title says it all.
    if (project_->filePath().isEmpty() && project_->artifacts().isEmpty())
        return;
    const QString model = window_->document()->fileName();
    //: Window title: %1 is the project, %2 the model file
    window_->setWindowTitle(model.isEmpty() ? tr("%1[*] — Foldwise").arg(project_->displayName())
                                            : tr("%1[*] — %2 — Foldwise").arg(project_->displayName(), model));
    window_->setWindowModified(project_->isModified());
}

void ProjectController::reportError(const QString& title, const QString& message)
{
    if (window_->errorDialogsEnabled())
        QMessageBox::critical(window_, title, message);
    else
        window_->statusBar()->showMessage(message, 10000);
}

bool ProjectController::maybeSave()
{
    const bool worthKeeping = !project_->filePath().isEmpty() || !project_->artifacts().isEmpty();
    if (!project_->isModified() || !worthKeeping || !window_->errorDialogsEnabled())
        return true;
    const auto answer = QMessageBox::warning(
        window_, tr("Unsaved Project"), tr("The project %1 has unsaved changes. Save them?").arg(project_->displayName()),
        QMessageBox::Save | QMessageBox::Discard | QMessageBox::Cancel, QMessageBox::Save);
    if (answer == QMessageBox::Save)
        return saveProject();
    return answer == QMessageBox::Discard;
}

bool ProjectController::recoverAutosave(const QString& path) const
{
    if (!ProjectAutosaver::hasRecoverableAutosave(path) || !window_->errorDialogsEnabled())
        return false;
    return QMessageBox::question(window_, tr("Recover Project"),
                                 tr("%1 has unsaved changes from an earlier session (autosaved). Recover them?")
                                     .arg(QFileInfo(path).fileName()),
                                 QMessageBox::Yes | QMessageBox::No, QMessageBox::Yes)
        == QMessageBox::Yes;
}

bool ProjectController::openProject(const QString& path)
{
    if (!maybeSave())
        return false;
    const bool recovered = recoverAutosave(path);
    ProjectContent content;
    QString error;
    QStringList warnings;
    if (!readProjectFile(recovered ? ProjectAutosaver::autosavePath(path) : path, content, error, &warnings)) {
        recent_->removeFile(path);
        emit projectOpenFailed(path, error);
        reportError(tr("Cannot Open Project"), error);
        return false;
    }
    // The model first: loading it changes the project's model, which assign() then settles.
    // A model that does not load is reported by the window and stays listed in the project.
    if (content.bundledExample)
        window_->openBundledExample();
    else if (!content.modelPath.isEmpty())
        window_->openFile(content.modelPath);
    project_->assign(path, content.modelPath, content.bundledExample, content.artifacts, content.layout);
    restoreLayout(content.layout);
    if (recovered)
        project_->setModified(true);
    recent_->addFile(path);
    updateTitle();

    int missing = 0;
    for (const Artifact& a : project_->artifacts())
        missing += QFileInfo::exists(a.path) ? 0 : 1;
    if (missing > 0)
        warnings.append(tr("%n file(s) of the project are missing", nullptr, missing));
    window_->statusBar()->showMessage(
        warnings.isEmpty() ? tr("Opened the project %1").arg(project_->displayName()) : warnings.join(QStringLiteral("; ")),
        10000);
    emit projectOpened(project_->filePath());
    return true;
}

void ProjectController::newProject()
{
    if (!maybeSave())
        return;
    project_->clear();
    const ModelDocument* document = window_->document();
    if (document->hasModel()) {
        project_->setModel(document->filePath(), document->isBundledExample());
        project_->setModified(false);
    }
    window_->setWindowModified(false);
    if (document->hasModel())
        //: Window title: %1 is the model file
        window_->setWindowTitle(tr("%1 — Foldwise").arg(document->fileName()));
}

bool ProjectController::saveProject()
{
    if (project_->filePath().isEmpty())
        return saveProjectAs();
    project_->setLayout(captureLayout());
    QString error;
    if (!writeProjectFile(project_->filePath(), projectContent(*project_), error)) {
        reportError(tr("Cannot Save Project"), error);
        return false;
    }
    project_->setModified(false);
    recent_->addFile(project_->filePath());
    window_->statusBar()->showMessage(tr("Saved the project %1").arg(project_->displayName()), 5000);
    emit projectSaved(project_->filePath());
    return true;
}

bool ProjectController::saveProjectAs(const QString& path)
{
    QString target = path;
    if (target.isEmpty()) {
        QSettings settings;
        const QString start = project_->filePath().isEmpty()
            ? QDir(settings.value(kLastDirectoryKey, QDir::homePath()).toString())
                  .filePath(QFileInfo(window_->document()->fileName()).completeBaseName() + QStringLiteral(".foldwise"))
            : project_->filePath();
        target = QFileDialog::getSaveFileName(window_, tr("Save Project"), start, fileFilter());
        if (target.isEmpty())
            return false;
        settings.setValue(kLastDirectoryKey, QFileInfo(target).absolutePath());
    }
    if (!isProjectFile(target))
        target += QStringLiteral(".foldwise");
    const QString previous = project_->filePath();
    project_->setFilePath(target);
    if (!saveProject()) {
        project_->setFilePath(previous);
        return false;
    }
    return true;
}

void ProjectController::showOpenProjectDialog()
{
    QSettings settings;
    const QString path =
        QFileDialog::getOpenFileName(window_, tr("Open Project"), settings.value(kLastDirectoryKey).toString(), fileFilter());
    if (path.isEmpty())
        return;
    settings.setValue(kLastDirectoryKey, QFileInfo(path).absolutePath());
    openProject(path);
}

} // namespace foldwise::gui
