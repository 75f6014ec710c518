#include "graph/GraphPage.h"

#include "DisplayText.h"
#include "graph/GraphFindBar.h"
#include "graph/GraphLayoutJob.h"
#include "graph/GraphLegend.h"
#include "graph/GraphMinimap.h"
#include "graph/GraphView.h"
#include "graph/HardwareSupportCheck.h"
#include "graph/NodeAppearance.h"

#include <QAction>
#include <QComboBox>
#include <QEvent>
#include <QFrame>
#include <QHBoxLayout>
#include <QKeySequence>
#include <QLabel>
#include <QLocale>
#include <QPushButton>
#include <QScrollBar>
#include <QToolBar>
#include <QVBoxLayout>

#include <cmath>
#include <limits>
#include <optional>

namespace foldwise::gui {
namespace {

constexpr int kOverlayMargin = 10;

} // namespace

GraphPage::GraphPage(QWidget* parent)
    : QWidget(parent)
    , job_(new GraphLayoutJob(this))
    , scene_(new GraphScene(this))
    , view_(new GraphView(this))
    , minimap_(new GraphMinimap(view_, view_))
    , legend_(new GraphLegend(view_))
    , findBar_(new GraphFindBar(this))
{
    setObjectName(QStringLiteral("graphPage"));
    view_->setScene(scene_);
    view_->installEventFilter(this);

    auto* bar = new QWidget(this);
    createToolBar(bar);

    notice_ = new QFrame(this);
    notice_->setObjectName(QStringLiteral("graphNotice"));
    notice_->setFrameShape(QFrame::StyledPanel);
    noticeText_ = new QLabel(notice_);
    noticeText_->setWordWrap(true);
    noticeButton_ = new QPushButton(notice_);
    auto* noticeLayout = new QHBoxLayout(notice_);
    noticeLayout->setContentsMargins(8, 4, 8, 4);
    noticeLayout->addWidget(noticeText_, 1);
    noticeLayout->addWidget(noticeButton_);
    notice_->hide();
    connect(noticeButton_, &QPushButton::clicked, this, &GraphPage::onNoticeButton);

    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(0);
    layout->addWidget(bar);
    layout->addWidget(notice_);
    layout->addWidget(findBar_);
    layout->addWidget(view_, 1);

    connect(job_, &GraphLayoutJob::finished, this, &GraphPage::onLayoutFinished);
    connect(scene_, &QGraphicsScene::selectionChanged, this, &GraphPage::onSceneSelectionChanged);
    connect(view_, &GraphView::nodeDoubleClicked, this, &GraphPage::onNodeDoubleClicked);
    connect(findBar_, &GraphFindBar::textChanged, this, &GraphPage::onFindTextChanged);
    connect(findBar_, &GraphFindBar::findNext, this, [this] { stepFind(1); });
    connect(findBar_, &GraphFindBar::findPrevious, this, [this] { stepFind(-1); });
    connect(findBar_, &GraphFindBar::closed, view_, qOverload<>(&QWidget::setFocus));
    setFocusProxy(view_);
    applyColours();
}

GraphPage::~GraphPage()
{
    // The children (scene, view, find bar) outlive this destructor's body and may still signal
    // while QWidget's destructor deletes them; nothing of this class may run by then.
    for (QObject* sender : {static_cast<QObject*>(scene_), static_cast<QObject*>(view_),
                            static_cast<QObject*>(findBar_), static_cast<QObject*>(job_)})
        sender->disconnect(this);
}

void GraphPage::createToolBar(QWidget* bar)
{
    auto* tools = new QToolBar(bar);
    tools->setObjectName(QStringLiteral("graphToolBar"));
    tools->setIconSize(QSize(16, 16));
    tools->setToolButtonStyle(Qt::ToolButtonTextOnly);

    tools->addWidget(new QLabel(tr("Colour by:"), tools));
    metricCombo_ = new QComboBox(tools);
    metricCombo_->setObjectName(QStringLiteral("graphMetric"));
    metricCombo_->setSizeAdjustPolicy(QComboBox::AdjustToContents);
    tools->addWidget(metricCombo_);
    connect(metricCombo_, &QComboBox::activated, this,
            [this](int index) { setColourMetric(metricCombo_->itemData(index).toString()); });
    scaleCombo_ = new QComboBox(tools);
    scaleCombo_->setObjectName(QStringLiteral("graphScale"));
    scaleCombo_->addItem(tr("Linear scale"), static_cast<int>(MetricColourScale::Type::Linear));
    scaleCombo_->addItem(tr("Log scale"), static_cast<int>(MetricColourScale::Type::Logarithmic));
    scaleCombo_->setCurrentIndex(1);
    tools->addWidget(scaleCombo_);
    connect(scaleCombo_, &QComboBox::activated, this, [this](int index) {
        setColourScale(static_cast<MetricColourScale::Type>(scaleCombo_->itemData(index).toInt()));
    });
    tools->addSeparator();

    edgeLabelsAction_ = tools->addAction(tr("Shapes on Edges"));
    edgeLabelsAction_->setCheckable(true);
    edgeLabelsAction_->setToolTip(tr("Write each tensor's shape beside its edge"));
    connect(edgeLabelsAction_, &QAction::toggled, this, &GraphPage::setEdgeLabelsVisible);
    foldAction_ = tools->addAction(tr("Fold Chains"));
    foldAction_->setCheckable(true);
    foldAction_->setChecked(collapse_.enabled);
    foldAction_->setToolTip(tr("Fold long chains of single-input, single-output nodes of big models into blocks"));
    connect(foldAction_, &QAction::toggled, this, &GraphPage::setChainFolding);
    tools->addSeparator();
    hardwareCheck_ = new HardwareSupportCheck(tools);
    tools->addWidget(hardwareCheck_);
    connect(hardwareCheck_, &HardwareSupportCheck::unsupportedNodesChanged, this, &GraphPage::setUnsupportedLayers);
    tools->addSeparator();

    // Shortcuts work while the focus is anywhere in the page.
    const auto addViewAction = [&](const QString& text, const QKeySequence& key, auto slot) {
        QAction* action = tools->addAction(text);
        action->setShortcut(key);
        action->setShortcutContext(Qt::WidgetWithChildrenShortcut);
        //: Tooltip of a toolbar button: %1 is its name, %2 its keyboard shortcut
        action->setToolTip(tr("%1 (%2)").arg(text, key.toString(QKeySequence::NativeText)));
        connect(action, &QAction::triggered, view_, slot);
        addAction(action);
    };
    addViewAction(tr("Zoom In"), QKeySequence::ZoomIn, &GraphView::zoomIn);
    addViewAction(tr("Zoom Out"), QKeySequence::ZoomOut, &GraphView::zoomOut);
    addViewAction(tr("Fit"), QKeySequence(Qt::CTRL | Qt::Key_0), &GraphView::fitToWindow);
    addViewAction(tr("Actual Size"), QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_0), &GraphView::resetZoom);

    auto* layout = new QHBoxLayout(bar);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(tools);
}

QString GraphPage::macsMetricName()
{
    return tr("MACs");
}

QString GraphPage::paramsMetricName()
{
    return tr("Parameters");
}

void GraphPage::setModel(std::shared_ptr<const Model> model, std::shared_ptr<const ModelSummary> summary)
{
    model_ = std::move(model);
    summary_ = std::move(summary);
    expanded_.clear();
    currentLayer_ = -1;
    pendingLayer_ = -1;
    pendingCentreKey_.clear();
    bottleneck_.clear();
    findMatches_.clear();
    findIndex_ = -1;
    resetView_ = true;

    // Per-node values of the previous model mean nothing for this one.
    metrics_.clear();
    if (summary_) {
        QHash<QString, double> macs;
        QHash<QString, double> params;
        for (const LayerFigures& layer : summary_->layers) {
            const QString name = QString::fromStdString(layer.name);
            if (layer.macs)
                macs.insert(name, static_cast<double>(*layer.macs));
            params.insert(name, static_cast<double>(layer.params()));
        }
        metrics_.push_back({macsMetricName(), std::move(macs)});
        metrics_.push_back({paramsMetricName(), std::move(params)});
    }
    if (!metric(colourMetric_))
        colourMetric_.clear();
    updateMetricCombo();
    scene_->clearGraph();
    minimap_->refresh();
    rebuild();
    hardwareCheck_->setModel(model_);
}

void GraphPage::clear()
{
    setModel(nullptr, nullptr);
}

void GraphPage::rebuild()
{
    layoutReady_ = false;
    if (!model_ || !summary_) {
        job_->cancel();
        display_ = {};
        sceneNodes_.clear();
        sceneEdges_.clear();
        scene_->clearGraph();
        showNotice(Notice::None);
        applyColours();
        return;
    }
    display_ = buildDisplayGraph(*model_, *summary_, collapse_, expanded_);
    sceneNodes_.clear();
    sceneEdges_.clear();
    LayoutInput input;
    const QFont font = view_->font();
    for (const DisplayNode& node : display_.nodes) {
        SceneNode scene = NodeAppearance::sceneNode(node, *model_, *summary_, font);
        input.nodes.push_back({scene.size.width(), scene.size.height()});
        sceneNodes_.push_back(std::move(scene));
    }
    for (const DisplayEdge& edge : display_.edges) {
        input.edges.push_back({edge.from, edge.to});
        sceneEdges_.push_back({edge.from, edge.to, NodeAppearance::edgeLabel(*model_, edge.tensor)});
    }
    showNotice(Notice::Running);
    job_->start(std::move(input));
}

void GraphPage::relayout()
{
    rebuild();
}

bool GraphPage::isLayoutRunning() const
{
    return job_->isRunning();
}

void GraphPage::cancelLayout()
{
    if (!job_->isRunning())
        return;
    job_->cancel();
    pendingLayer_ = -1;
    showNotice(Notice::Cancelled);
}

void GraphPage::onLayoutFinished(const LayoutResult& result)
{
    if (!result.ok) {
        syncing_ = true;
        scene_->clearGraph();
        syncing_ = false;
        minimap_->refresh();
        showNotice(Notice::Failed, QString::fromStdString(result.error));
        return;
    }
    syncing_ = true;
    scene_->populate(sceneNodes_, sceneEdges_, result);
    scene_->setEdgeLabelsVisible(edgeLabelsAction_->isChecked());
    syncing_ = false;
    layoutReady_ = true;
    layoutSeconds_ = result.seconds;
    applyColours();
    applyBottleneck();
    applyUnsupported();
    showNotice(display_.foldedLayers > 0 ? Notice::Folded : Notice::None);

    if (resetView_ && view_->isVisible()) {
        view_->showStart();
        resetView_ = false;
    }
    if (pendingLayer_ >= 0) {
        const int layer = pendingLayer_;
        pendingLayer_ = -1;
        goToLayer(layer, pendingNotify_);
    } else if (!pendingCentreKey_.empty()) {
        view_->centreOn(scene_->nodeItem(display_.nodeIndex(pendingCentreKey_)));
        pendingCentreKey_.clear();
    } else if (currentLayer_ >= 0) {
        // Keep the selection across a re-layout, without moving the view.
        syncing_ = true;
        if (GraphNodeItem* item = itemForLayer(currentLayer_))
            item->setSelected(true);
        syncing_ = false;
    }
    minimap_->refresh();
    placeOverlays();
    emit layoutReady();
}

GraphNodeItem* GraphPage::itemForLayer(int layerIndex) const
{
    if (layerIndex < 0 || static_cast<std::size_t>(layerIndex) >= display_.nodeOfLayer.size())
        return nullptr;
    return scene_->nodeItem(display_.nodeOfLayer[static_cast<std::size_t>(layerIndex)]);
}

void GraphPage::selectLayer(int layerIndex)
{
    goToLayer(layerIndex, false);
}

void GraphPage::goToLayer(int layerIndex, bool notify)
{
    if (!summary_ || layerIndex < 0 || static_cast<std::size_t>(layerIndex) >= display_.nodeOfLayer.size())
        return;
    if (!layoutReady_) {
        pendingLayer_ = layerIndex;
        pendingNotify_ = notify;
        return;
    }
    const int index = display_.nodeOfLayer[static_cast<std::size_t>(layerIndex)];
    if (index < 0) { // a Constant, not drawn: nothing in the graph stands for it
        currentLayer_ = layerIndex;
        syncing_ = true;
        scene_->clearSelection();
        syncing_ = false;
        return;
    }
    const DisplayNode& node = display_.nodes[static_cast<std::size_t>(index)];
    if (node.type == DisplayNode::Type::Collapsed) {
        expanded_.insert(node.key);
        pendingLayer_ = layerIndex;
        pendingNotify_ = notify;
        rebuild();
        return;
    }
    GraphNodeItem* item = scene_->nodeItem(index);
    if (!item)
        return;
    const bool already = currentLayer_ == layerIndex && item->isSelected();
    currentLayer_ = layerIndex;
    if (!already) {
        syncing_ = true;
        scene_->clearSelection();
        item->setSelected(true);
        syncing_ = false;
        view_->centreOn(item);
    }
    if (notify)
        emit layerActivated(layerIndex);
}

void GraphPage::onSceneSelectionChanged()
{
    if (syncing_)
        return;
    const QList<QGraphicsItem*> selected = scene_->selectedItems();
    if (selected.size() != 1 || selected.first()->type() != GraphNodeItem::Type)
        return;
    const auto* item = static_cast<const GraphNodeItem*>(selected.first());
    const DisplayNode& node = display_.nodes[static_cast<std::size_t>(item->displayIndex())];
    if (node.type != DisplayNode::Type::Layer)
        return;
    currentLayer_ = node.layerIndex;
    emit layerActivated(node.layerIndex);
}

void GraphPage::onNodeDoubleClicked(GraphNodeItem* item)
{
    const DisplayNode& node = display_.nodes[static_cast<std::size_t>(item->displayIndex())];
    if (node.type != DisplayNode::Type::Collapsed || !layoutReady_)
        return;
    expanded_.insert(node.key);
    // The view follows the block's first layer into the new layout.
    pendingCentreKey_ = summary_->layers[static_cast<std::size_t>(node.members.front())].name;
    rebuild();
}

void GraphPage::setChainFolding(bool enabled)
{
    if (foldAction_->isChecked() != enabled)
        foldAction_->setChecked(enabled); // comes back here through toggled()
    if (collapse_.enabled == enabled)
        return;
    collapse_.enabled = enabled;
    expanded_.clear();
    rebuild();
}

void GraphPage::setCollapseOptions(const ChainCollapseOptions& options)
{
    collapse_ = options;
    const QSignalBlocker blocker(foldAction_);
    foldAction_->setChecked(options.enabled);
    expanded_.clear();
    rebuild();
}

void GraphPage::setEdgeLabelsVisible(bool visible)
{
    if (edgeLabelsAction_->isChecked() != visible)
        edgeLabelsAction_->setChecked(visible);
    scene_->setEdgeLabelsVisible(visible);
}

bool GraphPage::edgeLabelsVisible() const
{
    return edgeLabelsAction_->isChecked();
}

// ---- colouring ----------------------------------------------------------------------------

const GraphPage::Metric* GraphPage::metric(const QString& name) const
{
    for (const Metric& m : metrics_)
        if (m.name == name)
            return &m;
    return nullptr;
}

QStringList GraphPage::metricNames() const
{
    QStringList names;
    for (const Metric& m : metrics_)
        names << m.name;
    return names;
}

void GraphPage::setNodeMetric(const QString& name, const QHash<QString, double>& values)
{
    auto it = std::find_if(metrics_.begin(), metrics_.end(), [&](const Metric& m) { return m.name == name; });
    if (it == metrics_.end())
        metrics_.push_back({name, values});
    else
        it->values = values;
    updateMetricCombo();
    if (colourMetric_ == name)
        applyColours();
}

void GraphPage::removeNodeMetric(const QString& name)
{
    std::erase_if(metrics_, [&](const Metric& m) { return m.name == name; });
    if (colourMetric_ == name)
        colourMetric_.clear();
    updateMetricCombo();
    applyColours();
}

void GraphPage::setColourMetric(const QString& name)
{
    colourMetric_ = metric(name) ? name : QString();
    updateMetricCombo();
    applyColours();
}

void GraphPage::setColourScale(MetricColourScale::Type type)
{
    scaleType_ = type;
    scaleCombo_->setCurrentIndex(scaleCombo_->findData(static_cast<int>(type)));
    applyColours();
}

void GraphPage::updateMetricCombo()
{
    const QSignalBlocker blocker(metricCombo_);
    metricCombo_->clear();
    metricCombo_->addItem(tr("Op kind"), QString());
    for (const Metric& m : metrics_)
        metricCombo_->addItem(m.name, m.name);
    metricCombo_->setCurrentIndex(std::max(0, metricCombo_->findData(colourMetric_)));
    scaleCombo_->setEnabled(!colourMetric_.isEmpty());
}

void GraphPage::applyColours()
{
    const Metric* chosen = metric(colourMetric_);
    if (!chosen) {
        for (GraphNodeItem* item : scene_->nodeItems())
            item->setFillColour({});
        QList<GraphLegend::Entry> entries;
        if (summary_)
            for (const auto& [kind, count] : summary_->totals.nodesByKind)
                if (count > 0 && kind != LayerKind::Constant) // constants are not drawn
                    entries.push_back({DisplayText::kind(kind), NodeAppearance::kindColour(kind)});
        legend_->showCategories(tr("Op kind"), entries);
        legend_->setVisible(!entries.isEmpty());
    } else {
        QList<double> values;
        values.reserve(chosen->values.size());
        for (auto it = chosen->values.cbegin(); it != chosen->values.cend(); ++it)
            values << it.value();
        const MetricColourScale scale(scaleType_, values);
        const auto valueOf = [&](int layer) -> std::optional<double> {
            const auto it = chosen->values.constFind(
                QString::fromStdString(summary_->layers[static_cast<std::size_t>(layer)].name));
            return it == chosen->values.cend() ? std::nullopt : std::optional<double>(it.value());
        };
        bool withoutValue = false;
        for (GraphNodeItem* item : scene_->nodeItems()) {
            const DisplayNode& node = display_.nodes[static_cast<std::size_t>(item->displayIndex())];
            std::optional<double> value;
            if (node.type == DisplayNode::Type::Layer) {
                value = valueOf(node.layerIndex);
            } else if (node.type == DisplayNode::Type::Collapsed) {
                // A block is as hot as its hottest layer, so folding never hides a hot spot.
                for (const int member : node.members)
                    if (const auto v = valueOf(member); v && (!value || *v > *value))
                        value = v;
            } else {
                item->setFillColour({}); // inputs and outputs carry no metric
                continue;
            }
            const bool placed = value && scale.position(*value);
            withoutValue = withoutValue || !placed;
            item->setFillColour(placed ? scale.colour(*value) : MetricColourScale::noValueColour());
        }
        const QString title = scaleType_ == MetricColourScale::Type::Logarithmic
                                  //: Legend title: %1 is the metric, e.g. MACs
                                  ? tr("%1 (log scale)").arg(chosen->name)
                                  : chosen->name;
        legend_->showScale(title, scale, withoutValue);
        legend_->setVisible(true);
    }
    placeOverlays();
    if (layoutReady_)
        minimap_->refresh();
}

void GraphPage::setBottleneck(const QString& layerName)
{
    bottleneck_ = layerName;
    applyBottleneck();
}

void GraphPage::applyBottleneck()
{
    int layer = -1;
    if (summary_ && !bottleneck_.isEmpty())
        for (std::size_t i = 0; i < summary_->layers.size(); ++i)
            if (QString::fromStdString(summary_->layers[i].name) == bottleneck_)
                layer = static_cast<int>(i);
    const GraphNodeItem* marked = itemForLayer(layer);
    for (GraphNodeItem* item : scene_->nodeItems())
        item->setBottleneck(item == marked);
}

void GraphPage::setUnsupportedLayers(const QHash<QString, QString>& reasons)
{
    unsupported_ = reasons;
    applyUnsupported();
}

void GraphPage::applyUnsupported()
{
    if (!summary_ || !layoutReady_)
        return;
    for (GraphNodeItem* item : scene_->nodeItems()) {
        const DisplayNode& node = display_.nodes[static_cast<std::size_t>(item->displayIndex())];
        QStringList reasons;
        for (int layer : node.type == DisplayNode::Type::Collapsed ? node.members : std::vector<int>{node.layerIndex}) {
            if (layer < 0)
                continue;
            const QString name = QString::fromStdString(summary_->layers[static_cast<std::size_t>(layer)].name);
            if (const auto it = unsupported_.constFind(name); it != unsupported_.constEnd())
                reasons << (node.type == DisplayNode::Type::Collapsed ? name + QStringLiteral(": ") + *it : *it);
        }
        item->setUnsupported(reasons.join(QLatin1Char('\n')));
    }
    minimap_->refresh();
}

// ---- find ---------------------------------------------------------------------------------

QList<int> GraphPage::matchingLayers(const QString& text) const
{
    QList<int> matches;
    if (!summary_ || text.isEmpty())
        return matches;
    for (std::size_t i = 0; i < summary_->layers.size(); ++i) {
        const LayerFigures& layer = summary_->layers[i];
        if (QString::fromStdString(layer.name).contains(text, Qt::CaseInsensitive)
            || QString::fromStdString(layer.opType).contains(text, Qt::CaseInsensitive))
            matches << static_cast<int>(i);
    }
    return matches;
}

void GraphPage::showFindBar()
{
    findBar_->activate();
}

void GraphPage::onFindTextChanged(const QString& text)
{
    findMatches_ = matchingLayers(text);
    findIndex_ = -1;
    stepFind(1);
}

void GraphPage::stepFind(int step)
{
    if (findMatches_.isEmpty()) {
        findBar_->setMatches(0, 0);
        return;
    }
    const auto count = static_cast<int>(findMatches_.size());
    findIndex_ = findIndex_ < 0 ? (step > 0 ? 0 : count - 1) : ((findIndex_ + step) % count + count) % count;
    findBar_->setMatches(findIndex_ + 1, count);
    goToLayer(findMatches_[findIndex_], true);
}

// ---- notices and overlays -----------------------------------------------------------------

void GraphPage::showNotice(Notice notice, const QString& detail)
{
    noticeKind_ = notice;
    const QLocale locale;
    const auto nodes = static_cast<int>(display_.nodes.size());
    switch (notice) {
    case Notice::None:
        notice_->hide();
        return;
    case Notice::Running:
        //: %n is the number of nodes being laid out
        noticeText_->setText(nodes >= 1000 ? tr("Laying out %n nodes; a graph this big takes a while…", nullptr, nodes)
                                           : tr("Laying out %n nodes…", nullptr, nodes));
        noticeButton_->setText(tr("Cancel"));
        break;
    case Notice::Cancelled:
        noticeText_->setText(tr("The layout was cancelled."));
        noticeButton_->setText(tr("Lay Out Again"));
        break;
    case Notice::Failed:
        noticeText_->setText(tr("The graph could not be laid out: %1").arg(detail));
        noticeButton_->setText(tr("Try Again"));
        break;
    case Notice::Folded:
        //: %1 is a number of nodes, %n the number of blocks they are folded into
        noticeText_->setText(
            tr("%1 nodes of long chains are folded into %n blocks; double-click a block to expand it.", nullptr,
               static_cast<int>(std::count_if(display_.nodes.begin(), display_.nodes.end(),
                                              [](const DisplayNode& n) { return n.type == DisplayNode::Type::Collapsed; })))
                .arg(locale.toString(display_.foldedLayers)));
        noticeButton_->setText(tr("Show All Nodes"));
        break;
    }
    notice_->show();
}

void GraphPage::onNoticeButton()
{
    switch (noticeKind_) {
    case Notice::Running:
        cancelLayout();
        break;
    case Notice::Cancelled:
    case Notice::Failed:
        rebuild();
        break;
    case Notice::Folded:
        setChainFolding(false);
        break;
    case Notice::None:
        break;
    }
}

void GraphPage::placeOverlays()
{
    // Both overlays sit at the bottom, so the top of the graph, where reading starts, is free.
    const QRect area = view_->viewport()->geometry();
    legend_->move(area.left() + kOverlayMargin, area.bottom() - legend_->height() - kOverlayMargin);
    minimap_->move(area.bottomRight() - QPoint(minimap_->width() + kOverlayMargin, minimap_->height() + kOverlayMargin));
    legend_->raise();
    minimap_->raise();
}

bool GraphPage::eventFilter(QObject* watched, QEvent* event)
{
    if (watched == view_ && (event->type() == QEvent::Resize || event->type() == QEvent::LayoutRequest))
        placeOverlays();
    return QWidget::eventFilter(watched, event);
}

void GraphPage::showEvent(QShowEvent* event)
{
    QWidget::showEvent(event);
    placeOverlays();
    // A layout that arrived while the page was hidden is framed now that the view has its size.
    if (resetView_ && layoutReady_) {
        resetView_ = false;
        view_->showStart();
        if (GraphNodeItem* item = itemForLayer(currentLayer_))
            view_->centreOn(item);
    }
}

} // namespace foldwise::gui
