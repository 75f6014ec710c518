#include "MainWindow.h"

#include "LayersPage.h"
#include "ModelDocument.h"
#include "PropertiesDock.h"
#include "RecentFilesMenu.h"
#include "Resources.h"
#include "SummaryStatusBar.h"
#include "WorkbenchSession.h"
#include "graph/GraphPage.h"

#include <QAction>
#include <QApplication>
#include <QCloseEvent>
#include <QDragEnterEvent>
#include <QDropEvent>
#include <QFileDialog>
#include <QFileInfo>
#include <QKeySequence>
#include <QMenuBar>
#include <QMessageBox>
#include <QMimeData>
#include <QSettings>
#include <QTabWidget>
#include <QTimer>
#include <QUrl>

namespace foldwise::gui {
namespace {

const QString kGeometryKey = QStringLiteral("mainWindow/geometry");
const QString kStateKey = QStringLiteral("mainWindow/state");
const QString kLastDirectoryKey = QStringLiteral("mainWindow/lastDirectory");
const QString kTabKey = QStringLiteral("mainWindow/tab");

// Local .onnx files among dragged URLs.
QStringList onnxFiles(const QMimeData* mime)
{
    QStringList files;
    if (!mime || !mime->hasUrls())
        return files;
    for (const QUrl& url : mime->urls())
        if (url.isLocalFile() && url.toLocalFile().endsWith(QLatin1String(".onnx"), Qt::CaseInsensitive))
            files << url.toLocalFile();
    return files;
}

} // namespace

MainWindow::MainWindow(QWidget* parent)
    : QMainWindow(parent)
    , document_(new ModelDocument(this))
    , tabs_(new QTabWidget(this))
    , layersPage_(new LayersPage(this))
    , graphPage_(new GraphPage(this))
    , propertiesDock_(new PropertiesDock(this))
    , statusBar_(new SummaryStatusBar(this))
{
    resources::init();
    setWindowTitle(tr("Foldwise"));
    setAcceptDrops(true);
    tabs_->setObjectName(QStringLiteral("centralTabs"));
    tabs_->setDocumentMode(true);
    tabs_->addTab(layersPage_, tr("&Layers"));
    tabs_->addTab(graphPage_, tr("&Graph"));
    setCentralWidget(tabs_);
    addDockWidget(Qt::RightDockWidgetArea, propertiesDock_);
    resizeDocks({propertiesDock_}, {400}, Qt::Horizontal);
    setStatusBar(statusBar_);
    session_ = new WorkbenchSession(this);
    createActions();

    connect(document_, &ModelDocument::modelChanged, this, &MainWindow::onModelChanged);
    connect(document_, &ModelDocument::loadFailed, this, &MainWindow::onLoadFailed);
    connect(layersPage_, &LayersPage::currentLayerChanged, this, &MainWindow::onCurrentLayerChanged);
    // A layer picked in the graph becomes the table's selection, which updates the properties
    // and, through onCurrentLayerChanged, confirms the graph's selection (a no-op there).
    connect(graphPage_, &GraphPage::layerActivated, layersPage_, &LayersPage::selectLayer);
}

MainWindow::~MainWindow() = default;

void MainWindow::createActions()
{
    QMenu* file = menuBar()->addMenu(tr("&File"));
    QAction* open = file->addAction(tr("&Open…"), this, &MainWindow::showOpenDialog);
    open->setShortcut(QKeySequence::Open);
    open->setStatusTip(tr("Open an ONNX model"));
    recentFiles_ = new RecentFilesMenu(this);
    connect(recentFiles_, &RecentFilesMenu::fileTriggered, this, &MainWindow::openFile);
    file->addMenu(recentFiles_);
    QAction* example = file->addAction(tr("Open &Example Model"), this, &MainWindow::openBundledExample);
    example->setStatusTip(tr("Open the small digits CNN that comes with Foldwise"));
    file->addSeparator();
    session_->addFileActions(file);
    file->addSeparator();
    QAction* quit = file->addAction(tr("&Quit"), this, &QWidget::close);
    quit->setShortcut(QKeySequence::Quit);
    quit->setMenuRole(QAction::QuitRole);

    QMenu* edit = menuBar()->addMenu(tr("&Edit"));
    // One shortcut for both pages: it filters the table or opens the graph's find bar.
    QAction* find = edit->addAction(tr("&Find…"), this, &MainWindow::find);
    find->setShortcut(QKeySequence::Find);
    find->setStatusTip(tr("Filter the layer table, or find a node in the graph"));

    QMenu* view = menuBar()->addMenu(tr("&View"));
    QAction* layers = view->addAction(tr("&Layer Table"), this, &MainWindow::showLayersTab);
    layers->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_1));
    QAction* graph = view->addAction(tr("&Graph"), this, &MainWindow::showGraphTab);
    graph->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_2));
    view->addSeparator();
    view->addAction(propertiesDock_->toggleViewAction());
    session_->addMenus(menuBar(), edit, view);

    QMenu* help = menuBar()->addMenu(tr("&Help"));
    QAction* about = help->addAction(tr("&About Foldwise"), this, &MainWindow::showAbout);
    about->setMenuRole(QAction::AboutRole);
    QAction* aboutQt = help->addAction(tr("About &Qt"), qApp, &QApplication::aboutQt);
    aboutQt->setMenuRole(QAction::AboutQtRole);
}

bool MainWindow::openFile(const QString& path)
{
    if (WorkbenchSession::isProjectFile(path))
        return session_->openProject(path);
    return document_->open(path);
}

bool MainWindow::openBundledExample()
{
    return document_->openBundledExample();
}

void MainWindow::showLayersTab()
{
    tabs_->setCurrentWidget(layersPage_);
}

void MainWindow::showGraphTab()
{
    tabs_->setCurrentWidget(graphPage_);
}

bool MainWindow::isGraphTabShown() const
{
    return tabs_->currentWidget() == graphPage_;
}

void MainWindow::find()
{
    if (isGraphTabShown())
        graphPage_->showFindBar();
    else
        layersPage_->focusFilter();
}

void MainWindow::showOpenDialog()
{
    QSettings settings;
    const QString path = QFileDialog::getOpenFileName(this, tr("Open Model"),
                                                      settings.value(kLastDirectoryKey).toString(),
                                                      tr("ONNX models (*.onnx);;All files (*)"));
    if (path.isEmpty())
        return;
    settings.setValue(kLastDirectoryKey, QFileInfo(path).absolutePath());
    openFile(path);
}

void MainWindow::showAbout()
{
    QMessageBox::about(this, tr("About Foldwise"),
                       tr("<h3>Foldwise %1</h3>"
                          "<p>A workbench for tuning convolutional neural networks for streaming FPGA "
                          "accelerators.</p>"
                          "<p>Built with Qt %2.</p>")
                           .arg(QCoreApplication::applicationVersion(), QString::fromLatin1(qVersion())));
}

void MainWindow::onModelChanged()
{
    const auto model = document_->model();
    const auto summary = document_->summary();
    //: Window title: %1 is the model's file name
    setWindowTitle(tr("%1 — Foldwise").arg(document_->fileName()));
    setWindowFilePath(document_->filePath());
    layersPage_->setSummary(summary);
    graphPage_->setModel(model, summary);
    statusBar_->showModel(*model, *summary);
    if (!document_->isBundledExample())
        recentFiles_->addFile(document_->filePath());
    layersPage_->selectFirstRow();
    tabs_->currentWidget()->setFocus();
}

void MainWindow::onLoadFailed(const QString& path, const QString& message)
{
    recentFiles_->removeFile(path);
    if (errorDialogsEnabled_)
        QMessageBox::critical(this, tr("Cannot Open Model"), message);
    else
        statusBar_->showMessage(message, 10000);
}

void MainWindow::onCurrentLayerChanged(int layerIndex)
{
    const auto model = document_->model();
    const auto summary = document_->summary();
    if (!model || !summary || layerIndex < 0 || layerIndex >= static_cast<int>(summary->layers.size())) {
        propertiesDock_->clearLayer();
        return;
    }
    propertiesDock_->showLayer(*model, summary->layers[static_cast<std::size_t>(layerIndex)]);
    graphPage_->selectLayer(layerIndex);
}

void MainWindow::restoreLayout()
{
    const QSettings settings;
    restoreGeometry(settings.value(kGeometryKey).toByteArray());
    restoreState(settings.value(kStateKey).toByteArray());
    tabs_->setCurrentIndex(settings.value(kTabKey, 0).toInt());
}

void MainWindow::saveLayout() const
{
    QSettings settings;
    settings.setValue(kGeometryKey, saveGeometry());
    settings.setValue(kStateKey, saveState());
    settings.setValue(kTabKey, tabs_->currentIndex());
}

void MainWindow::closeEvent(QCloseEvent* event)
{
    if (!session_->prepareToClose()) {
        event->ignore();
        return;
    }
    saveLayout();
    QMainWindow::closeEvent(event);
}

void MainWindow::dragEnterEvent(QDragEnterEvent* event)
{
    if (!onnxFiles(event->mimeData()).isEmpty() || !WorkbenchSession::droppedProject(event->mimeData()).isEmpty())
        event->acceptProposedAction();
    else if (dropHandlerFor(event->mimeData()))
        event->acceptProposedAction();
}

const MainWindow::DropHandler* MainWindow::dropHandlerFor(const QMimeData* mime, QString* path) const
{
    if (!mime || !mime->hasUrls())
        return nullptr;
    for (const QUrl& url : mime->urls())
        for (const DropHandler& handler : dropHandlers_)
            if (url.isLocalFile() && handler.accepts(url.toLocalFile())) {
                if (path)
                    *path = url.toLocalFile();
                return &handler;
            }
    return nullptr;
}

void MainWindow::dropEvent(QDropEvent* event)
{
    const QString project = WorkbenchSession::droppedProject(event->mimeData());
    const QStringList files = project.isEmpty() ? onnxFiles(event->mimeData()) : QStringList{project};
    QString other;
    if (const DropHandler* handler = files.isEmpty() ? dropHandlerFor(event->mimeData(), &other) : nullptr) {
        event->acceptProposedAction();
        QTimer::singleShot(0, this, [open = handler->open, other] { open(other); });
        return;
    }
    if (files.isEmpty())
        return;
    event->acceptProposedAction();
    // One model per window. Opened once the drop has finished, so that an error dialog does
    // not block the drag source.
    QTimer::singleShot(0, this, [this, path = files.first()] { openFile(path); });
}

} // namespace foldwise::gui
