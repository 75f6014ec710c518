#include "analysis/AnalysisPages.h"

#include "LayersPage.h"
#include "MainWindow.h"
#include "ModelDocument.h"
#include "WorkbenchSession.h"
#include "analysis/AnalysisColumns.h"
#include "analysis/AnalysisDocument.h"
#include "analysis/AnalysisExports.h"
#include "analysis/AnalysisFiles.h"
#include "analysis/GraphMetrics.h"
#include "analysis/HardwarePage.h"
#include "analysis/ProjectAnalysisLink.h"
#include "analysis/SparsityPage.h"
#include "analysis/SweepBrowser.h"
#include "analysis/SweepPage.h"
#include "graph/GraphPage.h"
#include "itemmodels/LayerFilterProxyModel.h"
#include "itemmodels/LayerTableModel.h"
#include "plots/PlotExport.h"
#include "plots/PlotWidget.h"

#include <QAction>
#include <QDir>
#include <QDockWidget>
#include <QFileDialog>
#include <QFileInfo>
#include <QKeySequence>
#include <QMenu>
#include <QMenuBar>
#include <QMessageBox>
#include <QSettings>
#include <QStatusBar>
#include <QTabWidget>

namespace foldwise::gui {
namespace {

const QString kDirectoryKey = QStringLiteral("analysis/lastDirectory");

} // namespace

AnalysisPages* installAnalysisPages(MainWindow& window)
{
    return new AnalysisPages(window);
}

AnalysisPages::AnalysisPages(MainWindow& window)
    : QObject(&window)
    , window_(window)
    , document_(new AnalysisDocument(window.document(), this))
    , sparsity_(new SparsityPage(document_, &window))
    , hardware_(new HardwarePage(document_, &window))
    , sweep_(new SweepPage(document_, &window))
    , browser_(new SweepBrowser(document_, &window))
    , dock_(new QDockWidget(tr("Sweep Iterations"), &window))
{
    QTabWidget* tabs = window.centralTabs();
    tabs->addTab(sparsity_, tr("&Sparsity"));
    tabs->addTab(hardware_, tr("&Hardware"));
    tabs->addTab(sweep_, tr("S&weep"));

    dock_->setObjectName(QStringLiteral("sweepDock"));
    dock_->setWidget(browser_);
    window.addDockWidget(Qt::RightDockWidgetArea, dock_);
    dock_->hide(); // until a run log is opened
    createMenu();

    connect(document_, &AnalysisDocument::analysisChanged, this, &AnalysisPages::onAnalysisChanged);
    connect(document_, &AnalysisDocument::loadFailed, this, &AnalysisPages::onLoadFailed);
    connect(document_, &AnalysisDocument::runLogChanged, this, [this] {
        if (document_->runLog())
            dock_->show();
    });
    connect(window.document(), &ModelDocument::modelChanged, this, &AnalysisPages::updateActions);
    connect(window.layersPage(), &LayersPage::currentLayerChanged, this, &AnalysisPages::onCurrentLayerChanged);
    for (const auto& [name, page] : pages())
        for (plots::PlotWidget* plot : page->plots())
            connect(plot, &plots::PlotWidget::layerClicked, window.layersPage(), &LayersPage::selectLayer);

    new ProjectAnalysisLink(document_, window.session()->project(), window.session()->tasks(),
                            window.session()->projectPanel(), this);
    window.addDropHandler({[](const QString& path) { return analysisFileKind(path) != AnalysisFileKind::Unknown; },
                           [this](const QString& path) { document_->open(path); }});
    updateActions();
}

QStringList AnalysisPages::pageNames()
{
    return {QStringLiteral("sparsity"), QStringLiteral("hardware"), QStringLiteral("sweep")};
}

QList<std::pair<QString, AnalysisPage*>> AnalysisPages::pages() const
{
    const QStringList names = pageNames();
    return {{names[0], sparsity_}, {names[1], hardware_}, {names[2], sweep_}};
}

bool AnalysisPages::showPage(const QString& name)
{
    for (const auto& [pageName, page] : pages())
        if (pageName == name) {
            window_.centralTabs()->setCurrentWidget(page);
            return true;
        }
    return false;
}

void AnalysisPages::createMenu()
{
    menu_ = new QMenu(tr("&Analysis"), &window_);
    QAction* profile = menu_->addAction(tr("Open &Profile…"), this, [this] {
        openDialog(tr("Open Activation Profile"), tr("Activation profiles (*.json);;All files (*)"), false);
    });
    profile->setStatusTip(tr("Show an activation profile (foldwise-cli profile) of the model"));
    QAction* design = menu_->addAction(tr("Open &Design…"), this, [this] {
        openDialog(tr("Open Design"), tr("Designs (design.json, fpgaConvNet config.json) (*.json);;All files (*)"), false);
    });
    design->setStatusTip(tr("Evaluate a design (design.json or fpgaConvNet's config.json) with the loaded profile"));
    QAction* runLog = menu_->addAction(tr("Open &Run Log…"), this, [this] { openDialog(tr("Open Sweep Run Directory"), {}, true); });
    runLog->setStatusTip(tr("Browse the iterations of a threshold sweep (its run directory, or the original scripts' run log)"));
    exampleSweep_ = menu_->addAction(tr("Open &Example Sweep"), document_, &AnalysisDocument::openBundledExampleRunLog);
    exampleSweep_->setStatusTip(tr("The precomputed threshold sweep of the example model"));
    close_ = menu_->addAction(tr("&Close Analysis"), document_, &AnalysisDocument::clear);
    menu_->addSeparator();

    QMenu* exportMenu = menu_->addMenu(tr("&Export"));
    exportMenu->addAction(tr("Layer &Table as CSV…"), this, [this] {
        exportWith(tr("Export Layer Table"), QStringLiteral("layers.csv"), tr("CSV files (*.csv)"),
                   [this](const QString& path, QString* error) {
                       return exports::tableCsv(*window_.layersPage()->proxyModel(), path, error);
                   });
    });
    fidelityExport_ = exportMenu->addAction(tr("&Fidelity Table as CSV…"), this, [this] {
        exportWith(tr("Export Fidelity Table"), QStringLiteral("fidelity.csv"), tr("CSV files (*.csv)"),
                   [this](const QString& path, QString* error) {
                       return exports::fidelityCsv(*document_->design()->fidelity, path, error);
                   });
    });
    fidelityExport_->setStatusTip(tr("The design's layers on Foldwise's model and on fpgaConvNet's, as foldwise-cli evaluate "
                                     "--fidelity writes them"));
    exportMenu->addAction(tr("&Graph as Image…"), this, [this] {
        exportWith(tr("Export Graph"), QStringLiteral("graph.png"), tr("PNG image (*.png);;SVG image (*.svg)"),
                   [this](const QString& path, QString* error) {
                       return exports::graphImage(*window_.graphPage()->scene(), path, error);
                   });
    });
    exportMenu->addAction(tr("All &Plots…"), this, [this] {
        const QString folder = QFileDialog::getExistingDirectory(&window_, tr("Export All Plots To"), lastDirectory());
        if (folder.isEmpty())
            return;
        setLastDirectory(folder + QStringLiteral("/."));
        QString error;
        for (const QString& suffix : plots::plotExportSuffixes())
            if (!exportAllPlots(folder, suffix, &error)) {
                QMessageBox::critical(&window_, tr("Cannot Export Plots"), error);
                return;
            }
        window_.statusBar()->showMessage(tr("Plots exported to %1").arg(QDir::toNativeSeparators(folder)), 5000);
    });
    exportMenu->addSeparator();
    designExports_ << exportMenu->addAction(tr("&Design JSON…"), this, [this] {
        exportWith(tr("Export Design"), QStringLiteral("design.json"), tr("JSON files (*.json)"),
                   [this](const QString& path, QString* error) {
                       return exports::designJson(*document_->design(), *window_.document()->model(), path, error);
                   });
    });
    designExports_ << exportMenu->addAction(tr("fpgaConvNet &Config…"), this, [this] {
        exportWith(tr("Export fpgaConvNet Config"), QStringLiteral("config.json"), tr("JSON files (*.json)"),
                   [this](const QString& path, QString* error) { return exports::fpgaConvNetConfig(*document_->design(), path, error); });
    });
    designExports_ << exportMenu->addAction(tr("fpgaConvNet &Report…"), this, [this] {
        exportWith(tr("Export fpgaConvNet Report"), QStringLiteral("report.json"), tr("JSON files (*.json)"),
                   [this](const QString& path, QString* error) { return exports::fpgaConvNetReport(*document_->design(), path, error); });
    });
    thresholdsExport_ = exportMenu->addAction(tr("&Thresholds JSON…"), this, [this] {
        exportWith(tr("Export Thresholds"), QStringLiteral("thresholds.json"), tr("JSON files (*.json)"),
                   [this](const QString& path, QString* error) {
                       const RunIteration* it = document_->currentIteration();
                       return exports::thresholdsJson(it ? it->thresholds : document_->profile()->provenance.thresholds, path, error);
                   });
    });
    annotatedExport_ = exportMenu->addAction(tr("&Annotated ONNX Model…"), this, [this] {
        exportWith(tr("Export Annotated Model"), QStringLiteral("annotated.onnx"), tr("ONNX models (*.onnx)"),
                   [this](const QString& path, QString* error) {
                       return exports::annotatedModel(*window_.document()->model(), *document_->profile(), path, error);
                   });
    });
    annotatedExport_->setStatusTip(tr("The model with the profile's thresholds and window histograms (channel_sparsity_hist)"));

    menu_->addSeparator();
    const QList<std::pair<QString, QString>> pages{{tr("&Sparsity Page"), QStringLiteral("sparsity")},
                                                   {tr("&Hardware Page"), QStringLiteral("hardware")},
                                                   {tr("S&weep Page"), QStringLiteral("sweep")}};
    int key = Qt::Key_3;
    for (const auto& [text, name] : pages) {
        QAction* action = menu_->addAction(text, this, [this, page = name] { showPage(page); });
        action->setShortcut(QKeySequence(Qt::CTRL | static_cast<Qt::Key>(key++)));
    }
    menu_->addAction(dock_->toggleViewAction());

    // Before Help, the menu bar's last menu by convention.
    const QList<QAction*> menus = window_.menuBar()->actions();
    window_.menuBar()->insertMenu(menus.isEmpty() ? nullptr : menus.last(), menu_);
    connect(menu_, &QMenu::aboutToShow, this, &AnalysisPages::updateActions);
}

void AnalysisPages::updateActions()
{
    exampleSweep_->setEnabled(window_.document()->isBundledExample());
    close_->setEnabled(!document_->isEmpty());
    // A tool's report has no folding to write out again.
    for (QAction* action : designExports_)
        action->setEnabled(document_->design() && document_->design()->evaluator);
    fidelityExport_->setEnabled(document_->design() && document_->design()->fidelity);
    thresholdsExport_->setEnabled(document_->currentIteration() || document_->profile());
    annotatedExport_->setEnabled(document_->profile() != nullptr);
}

void AnalysisPages::onAnalysisChanged()
{
    const auto layers = document_->layers();
    const bool any = layers && (layers->profile() || layers->design());
    window_.layersPage()->tableModel()->setExtraColumns(any ? std::make_shared<AnalysisColumns>(layers, document_->comparedLayers())
                                                            : nullptr);
    GraphMetrics::apply(*window_.graphPage(), layers.get());
    onCurrentLayerChanged(window_.layersPage()->currentLayer());
    updateActions();
}

void AnalysisPages::onCurrentLayerChanged(int layerIndex)
{
    for (const auto& [name, page] : pages())
        for (plots::PlotWidget* plot : page->plots())
            plot->setCurrentLayer(layerIndex);
}

void AnalysisPages::onLoadFailed(const QString&, const QString& message)
{
    if (window_.errorDialogsEnabled())
        QMessageBox::critical(&window_, tr("Cannot Open Analysis"), message);
    else
        window_.statusBar()->showMessage(message, 10000);
}

QString AnalysisPages::lastDirectory() const
{
    return QSettings().value(kDirectoryKey).toString();
}

void AnalysisPages::setLastDirectory(const QString& path) const
{
    QSettings().setValue(kDirectoryKey, QFileInfo(path).absolutePath());
}

void AnalysisPages::openDialog(const QString& title, const QString& filter, bool folder)
{
    const QString path = folder ? QFileDialog::getExistingDirectory(&window_, title, lastDirectory())
                                : QFileDialog::getOpenFileName(&window_, title, lastDirectory(), filter);
    if (path.isEmpty())
        return;
    setLastDirectory(folder ? path + QStringLiteral("/.") : path);
    document_->open(path);
}

void AnalysisPages::exportWith(const QString& title, const QString& suggested, const QString& filter,
                               const std::function<bool(const QString&, QString*)>& write)
{
    const QString start = QDir(lastDirectory().isEmpty() ? QDir::homePath() : lastDirectory()).filePath(suggested);
    const QString path = QFileDialog::getSaveFileName(&window_, title, start, filter);
    if (path.isEmpty())
        return;
    setLastDirectory(path);
    QString error;
    if (!write(path, &error))
        QMessageBox::critical(&window_, tr("Cannot Export"), error);
    else
        window_.statusBar()->showMessage(tr("Wrote %1").arg(QDir::toNativeSeparators(path)), 5000);
}

bool AnalysisPages::exportAllPlots(const QString& folder, const QString& suffix, QString* error) const
{
    for (const auto& [name, page] : pages())
        for (plots::PlotWidget* plot : page->plots()) {
            const QString path = QDir(folder).filePath(QStringLiteral("%1-%2.%3").arg(name, plot->suggestedFileName(), suffix));
            if (!plot->exportTo(path, error))
                return false;
        }
    return true;
}

} // namespace foldwise::gui
