#pragma once

#include "graph/DisplayGraph.h"
#include "graph/GraphScene.h"
#include "graph/MetricColourScale.h"

#include <QHash>
#include <QList>
#include <QString>
#include <QWidget>

#include <memory>
#include <set>
#include <string>
#include <vector>

class QAction;
class QComboBox;
class QLabel;
class QPushButton;
class QFrame;

namespace foldwise::gui {

class GraphFindBar;
class GraphLayoutJob;
class GraphLegend;
class GraphMinimap;
class GraphView;
class HardwareSupportCheck;
struct LayoutResult;

// The model as a graph, Netron style: laid out top to bottom by Graphviz on a worker thread,
// with zoom, pan, a minimap, find (Ctrl+F), tensor shapes on the edges on demand, and nodes
// coloured by a per-node metric with a legend. Long linear chains of big models are folded
// into blocks that expand on double-click.
//
// Metrics are per-layer values keyed by layer name. MACs and parameters come with the model;
// other stages (sparsity, cycles, share of the interval, DSPs, BRAM) add theirs with
// setNodeMetric() and can mark the bottleneck layer with setBottleneck().
class GraphPage : public QWidget {
    Q_OBJECT

public:
    explicit GraphPage(QWidget* parent = nullptr);
    ~GraphPage() override;

    void setModel(std::shared_ptr<const Model> model, std::shared_ptr<const ModelSummary> summary);
    void clear();

    // Adds or replaces a metric (layer name -> value); layers without a value are grey.
    void setNodeMetric(const QString& name, const QHash<QString, double>& values);
    void removeNodeMetric(const QString& name);
    QStringList metricNames() const;
    // The names of the metrics that come with every model.
    static QString macsMetricName();
    static QString paramsMetricName();
    // Colours nodes by the named metric; an empty name colours them by layer kind.
    void setColourMetric(const QString& name);
    QString colourMetric() const { return colourMetric_; }
    void setColourScale(MetricColourScale::Type type);
    MetricColourScale::Type colourScale() const { return scaleType_; }
    // Outlines the layer that limits throughput; an empty name removes the outline.
    void setBottleneck(const QString& layerName);
    QString bottleneck() const { return bottleneck_; }

    // Marks the layers a hardware style cannot build (layer name -> reason; empty: no marks).
    // The toolbar's HardwareSupportCheck sets them; a folded block holding one is marked too.
    void setUnsupportedLayers(const QHash<QString, QString>& reasons);
    const QHash<QString, QString>& unsupportedLayers() const { return unsupported_; }
    HardwareSupportCheck* hardwareCheck() const { return hardwareCheck_; }

    void setEdgeLabelsVisible(bool visible);
    bool edgeLabelsVisible() const;
    // Whether long chains of big models are folded (on by default); see ChainCollapseOptions.
    void setChainFolding(bool enabled);
    bool chainFolding() const { return collapse_.enabled; }
    void setCollapseOptions(const ChainCollapseOptions& options);

    GraphScene* scene() const { return scene_; }
    GraphView* view() const { return view_; }
    GraphMinimap* minimap() const { return minimap_; }
    GraphLegend* legend() const { return legend_; }
    GraphFindBar* findBar() const { return findBar_; }
    const DisplayGraph& displayGraph() const { return display_; }
    // True once the current model's layout is on screen (false while one runs).
    bool isLayoutReady() const { return layoutReady_; }
    bool isLayoutRunning() const;
    double lastLayoutSeconds() const { return layoutSeconds_; }
    // The node item showing a layer (its own or its folded block's); null before the layout.
    GraphNodeItem* itemForLayer(int layerIndex) const;
    // Layers whose name or op type contains `text` (case-insensitive), in topological order.
    QList<int> matchingLayers(const QString& text) const;
    int currentLayer() const { return currentLayer_; }

public slots:
    // Selects and centres a layer's node; a folded block holding it is expanded first (the
    // selection then follows once the new layout is there). Does not emit layerActivated().
    void selectLayer(int layerIndex);
    void showFindBar();
    void cancelLayout();
    void relayout();

signals:
    // The user selected a layer in the graph (by clicking it or finding it).
    void layerActivated(int layerIndex);
    // A layout has been put on screen.
    void layoutReady();

protected:
    void showEvent(QShowEvent* event) override;
    bool eventFilter(QObject* watched, QEvent* event) override;

private:
    struct Metric {
        QString name;
        QHash<QString, double> values;
    };
    enum class Notice { None, Running, Cancelled, Failed, Folded };

    void createToolBar(QWidget* bar);
    void rebuild();
    void onLayoutFinished(const LayoutResult& result);
    void onSceneSelectionChanged();
    void onNodeDoubleClicked(GraphNodeItem* node);
    void goToLayer(int layerIndex, bool notify);
    void applyColours();
    void applyBottleneck();
    void applyUnsupported();
    void updateMetricCombo();
    void showNotice(Notice notice, const QString& detail = {});
    void onNoticeButton();
    void onFindTextChanged(const QString& text);
    void stepFind(int step);
    void placeOverlays();
    const Metric* metric(const QString& name) const;

    std::shared_ptr<const Model> model_;
    std::shared_ptr<const ModelSummary> summary_;
    ChainCollapseOptions collapse_;
    std::set<std::string> expanded_;
    DisplayGraph display_;
    QList<SceneNode> sceneNodes_;
    QList<SceneEdge> sceneEdges_;

    std::vector<Metric> metrics_;
    QString colourMetric_;
    MetricColourScale::Type scaleType_ = MetricColourScale::Type::Logarithmic;
    QString bottleneck_;
    QHash<QString, QString> unsupported_;

    GraphLayoutJob* job_;
    GraphScene* scene_;
    GraphView* view_;
    GraphMinimap* minimap_;
    GraphLegend* legend_;
    GraphFindBar* findBar_;
    QComboBox* metricCombo_ = nullptr;
    QComboBox* scaleCombo_ = nullptr;
    HardwareSupportCheck* hardwareCheck_ = nullptr;
    QAction* edgeLabelsAction_ = nullptr;
    QAction* foldAction_ = nullptr;
    QFrame* notice_ = nullptr;
    QLabel* noticeText_ = nullptr;
    QPushButton* noticeButton_ = nullptr;
    Notice noticeKind_ = Notice::None;

    bool layoutReady_ = false;
    double layoutSeconds_ = 0;
    bool syncing_ = false;       // selection changes made by the page itself
    bool resetView_ = true;      // show the graph's start after the next layout
    int currentLayer_ = -1;
    int pendingLayer_ = -1;      // to select once the running layout is there
    bool pendingNotify_ = false;
    std::string pendingCentreKey_; // node to centre on after expanding a block
    QList<int> findMatches_;
    int findIndex_ = -1;
};

} // namespace foldwise::gui
