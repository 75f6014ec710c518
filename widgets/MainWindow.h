#pragma once

#include "layers/LayerKind.h"

#include <QList>
#include <QMainWindow>

#include <functional>

class QMimeData;
class QTabWidget;

namespace foldwise::gui {

class GraphPage;
class LayersPage;
class ModelDocument;
class PropertiesDock;
class RecentFilesMenu;
class SummaryStatusBar;
class WorkbenchSession;

// The workbench window: the layer table and the graph as tabs in the centre (their selections
// follow each other), the selected layer's properties in a dock, the model's totals in the
// status bar. Models open from File > Open, the recent files,
// the command line or by dropping .onnx files onto the window; projects (.foldwise) and the
// background tasks come with the WorkbenchSession.
class MainWindow : public QMainWindow {
    Q_OBJECT

public:
    explicit MainWindow(QWidget* parent = nullptr);
    ~MainWindow() override;

    ModelDocument* document() const { return document_; }
    LayersPage* layersPage() const { return layersPage_; }
    GraphPage* graphPage() const { return graphPage_; }
    // Brings the layer table or the graph to the front.
    void showLayersTab();
    void showGraphTab();
    bool isGraphTabShown() const;
    PropertiesDock* propertiesDock() const { return propertiesDock_; }
    // The tabs in the centre, for pages added from outside (e.g. installAnalysisPages).
    QTabWidget* centralTabs() const { return tabs_; }

    // Dropped local files that are not models (e.g. the analysis's profiles, designs and
    // run-log folders): `accepts` is asked while dragging, `open` gets each accepted path once
    // the drop has finished. Models and projects keep going to openFile().
    struct DropHandler {
        std::function<bool(const QString& path)> accepts;
        std::function<void(const QString& path)> open;
    };
    void addDropHandler(DropHandler handler) { dropHandlers_ << std::move(handler); }
    // The project and the background tasks (WorkbenchSession.h).
    WorkbenchSession* session() const { return session_; }

    // When false, load errors are only reported through ModelDocument::loadFailed (for
    // tests and batch use); when true (the default) a message box shows them too.
    void setErrorDialogsEnabled(bool enabled) { errorDialogsEnabled_ = enabled; }
    bool errorDialogsEnabled() const { return errorDialogsEnabled_; }

    // Restores geometry and dock layout saved by the last session.
    void restoreLayout();

public slots:
    // A model, or a project (.foldwise).
    bool openFile(const QString& path);
    bool openBundledExample();

protected:
    void closeEvent(QCloseEvent* event) override;
    void dragEnterEvent(QDragEnterEvent* event) override;
    void dropEvent(QDropEvent* event) override;

private:
    void createActions();
    void showOpenDialog();
    void showAbout();
    void onModelChanged();
    void onLoadFailed(const QString& path, const QString& message);
    void onCurrentLayerChanged(int layerIndex);
    void find();
    void saveLayout() const;
    const DropHandler* dropHandlerFor(const QMimeData* mime, QString* path = nullptr) const;

    ModelDocument* document_;
    QTabWidget* tabs_;
    LayersPage* layersPage_;
    GraphPage* graphPage_;
    PropertiesDock* propertiesDock_;
    SummaryStatusBar* statusBar_;
    RecentFilesMenu* recentFiles_ = nullptr;
    WorkbenchSession* session_ = nullptr;
    bool errorDialogsEnabled_ = true;
    QList<DropHandler> dropHandlers_;
};

} // namespace foldwise::gui
