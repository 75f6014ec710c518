#pragma once

#include <QObject>
#include <QString>

#include <functional>
#include <utility>

class QAction;
class QDockWidget;
class QMenu;

namespace foldwise::gui {

class AnalysisDocument;
class AnalysisPage;
class HardwarePage;
class MainWindow;
class SparsityPage;
class SweepBrowser;
class SweepPage;

// The analysis side of the window, installed into a MainWindow by installAnalysisPages():
// the AnalysisDocument, the "Sparsity", "Hardware" and "Sweep" tabs, the sweep browser dock,
// the Analysis menu (open, export) and the wiring that keeps everything in step: the layer
// selection between the table, the graph and the plots; the table's analysis columns and the
// graph's metrics and bottleneck whenever the analysis changes; profiles, designs and run logs
// dropped on the window.
class AnalysisPages : public QObject {
    Q_OBJECT

public:
    explicit AnalysisPages(MainWindow& window);

    AnalysisDocument* document() const { return document_; }
    SparsityPage* sparsityPage() const { return sparsity_; }
    HardwarePage* hardwarePage() const { return hardware_; }
    SweepPage* sweepPage() const { return sweep_; }
    SweepBrowser* sweepBrowser() const { return browser_; }
    QDockWidget* sweepDock() const { return dock_; }
    QMenu* menu() const { return menu_; }

    // Brings a page to the front: "sparsity", "hardware" or "sweep"; false for other names.
    bool showPage(const QString& name);
    static QStringList pageNames();

    // Exports every plot of every page into `folder` as <page>-<plot>.<suffix>; false with a
    // message at the first failure.
    bool exportAllPlots(const QString& folder, const QString& suffix, QString* error) const;

private:
    // Each page with its name (pageNames()).
    QList<std::pair<QString, AnalysisPage*>> pages() const;
    void createMenu();
    void onAnalysisChanged();
    void onCurrentLayerChanged(int layerIndex);
    void onLoadFailed(const QString& path, const QString& message);
    void updateActions();
    void openDialog(const QString& title, const QString& filter, bool folder);
    // Asks for a file name and runs `write`; reports failures.
    void exportWith(const QString& title, const QString& suggested, const QString& filter,
                    const std::function<bool(const QString& path, QString* error)>& write);
    QString lastDirectory() const;
    void setLastDirectory(const QString& path) const;

    MainWindow& window_;
    AnalysisDocument* document_;
    SparsityPage* sparsity_;
    HardwarePage* hardware_;
    SweepPage* sweep_;
    SweepBrowser* browser_;
    QDockWidget* dock_;
    QMenu* menu_ = nullptr;
    QAction* exampleSweep_ = nullptr;
    QAction* close_ = nullptr;
    QList<QAction*> designExports_;
    QAction* fidelityExport_ = nullptr;
    QAction* thresholdsExport_ = nullptr;
    QAction* annotatedExport_ = nullptr;
};

// Installs the analysis into `window` (one call after constructing it); the window owns it.
AnalysisPages* installAnalysisPages(MainWindow& window);

} // namespace foldwise::gui
