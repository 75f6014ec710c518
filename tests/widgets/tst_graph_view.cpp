// The graph page: what it draws for real models (counted independently from the ONNX files),
// the geometry of the Graphviz layout, chain folding on a deep model, selection synced with
// the layer table and the properties dock, find, and metric colouring.

#include "ChainModel.h"
#include "LayersPage.h"
#include "MainWindow.h"
#include "ModelDocument.h"
#include "PropertiesDock.h"
#include "graph/GraphEdgeItem.h"
#include "graph/GraphFindBar.h"
#include "graph/GraphLayout.h"
#include "graph/GraphLegend.h"
#include "graph/GraphNodeItem.h"
#include "graph/GraphPage.h"
#include "graph/GraphScene.h"
#include "graph/GraphView.h"
#include "graph/HardwareSupportCheck.h"
#include "graph/MetricColourScale.h"
#include "itemmodels/LayerPropertiesModel.h"
#include "itemmodels/LayerTableModel.h"

#include "FreshMainWindow.h"
#include "TestSettings.h"

#include <QFileInfo>
#include <QLabel>
#include <QLineEdit>
#include <QSettings>
#include <QStandardPaths>
#include <QTableView>
#include <QTemporaryDir>
#include <QtTest>

#include <memory>
#include <set>

using namespace foldwise::gui;

namespace {

const QString kExample = QStringLiteral(FOLDWISE_SOURCE_DIR "/resources/example/digits_cnn.onnx");
const QString kResNet18 = QStringLiteral(FOLDWISE_MODELS_DIR "/resnet18.onnx");

// Nodes and edges of the drawn graph, counted straight from the ONNX file: one node per
// NodeProto other than Constant, per real graph input and per graph output; one edge per
// (non-constant tensor, reading node) pair and per graph output.
struct OnnxCounts {
    int nodes = 0;
    int edges = 0;
};

OnnxCounts countOnnx(const QString& path)
{
    onnx::ModelProto model;
    const std::string bytes = fixtures::readBytes(path.toStdString());
    if (!model.ParseFromString(bytes))
        return {};
    const onnx::GraphProto& graph = model.graph();
    std::set<std::string> initializers;
    for (const auto& init : graph.initializer())
        initializers.insert(init.name());
    OnnxCounts counts;
    for (const auto& input : graph.input())
        counts.nodes += initializers.count(input.name()) ? 0 : 1;
    for (const auto& node : graph.node())
        if (node.op_type() == "Constant")
            for (const auto& output : node.output())
                initializers.insert(output);
    counts.nodes += graph.output_size();
    for (const auto& node : graph.node()) {
        if (node.op_type() == "Constant")
            continue;
        ++counts.nodes;
        std::set<std::string> read;
        for (const auto& input : node.input())
            if (!input.empty() && !initializers.count(input))
                read.insert(input);
        counts.edges += static_cast<int>(read.size());
    }
    counts.edges += graph.output_size();
    return counts;
}

// The node's box in scene coordinates (without the room kept for outlines).
QRectF boxOf(const GraphNodeItem* item)
{
    return item->mapRectToScene(item->shape().boundingRect());
}

} // namespace

class TestGraphView : public QObject {
    Q_OBJECT

private slots:
    void initTestCase();
    void init();
    void cleanup();

    void layoutWithoutGui();
    void colourScale();
    void exampleGraph();
    void resnet18Graph();
    void constantsAreNotNodes();
    void layoutDoesNotOverlapAndFlowsDown();
    void foldsLongChains();
    void clickSelectsTableRowAndProperties();
    void tableSelectionSelectsNode();
    void findSelectsNode();
    void coloursByMetric();
    void edgeLabelsShowShapes();
    void marksUnsupportedLayers();

private:
    GraphPage* page() const { return window_->graphPage(); }
    QTableView* table() const { return window_->findChild<QTableView*>(QStringLiteral("layerTable")); }
    bool open(const QString& path);
    int layerIndex(const QString& name) const;
    QString selectedTableName() const;
    bool propertiesContain(const QString& text) const;

    std::unique_ptr<MainWindow> window_;
};

void TestGraphView::initTestCase()
{
    fixtures::useTestSettings(QStringLiteral("tst_graph_view"));
    QVERIFY2(QFileInfo::exists(kExample), qPrintable(kExample));
}

void TestGraphView::init()
{
    window_ = fixtures::freshMainWindow();
    window_->resize(1200, 800);
}

void TestGraphView::cleanup()
{
    window_.reset();
}

bool TestGraphView::open(const QString& path)
{
    if (!window_->openFile(path))
        return false;
    // Layouts run on a worker thread; sanitizer builds are slow.
    return QTest::qWaitFor([this] { return page()->isLayoutReady(); }, 60000);
}

int TestGraphView::layerIndex(const QString& name) const
{
    const auto summary = window_->document()->summary();
    for (std::size_t i = 0; i < summary->layers.size(); ++i)
        if (QString::fromStdString(summary->layers[i].name) == name)
            return static_cast<int>(i);
    return -1;
}

QString TestGraphView::selectedTableName() const
{
    const QModelIndexList rows = table()->selectionModel()->selectedRows(LayerTableModel::NameColumn);
    return rows.size() == 1 ? rows.first().data().toString() : QString();
}

bool TestGraphView::propertiesContain(const QString& text) const
{
    const LayerPropertiesModel* model = window_->propertiesDock()->propertiesModel();
    return !model->match(model->index(0, LayerPropertiesModel::ValueColumn), Qt::DisplayRole, text, 1,
                         Qt::MatchExactly | Qt::MatchRecursive)
                .isEmpty();
}

void TestGraphView::layoutWithoutGui()
{
    // A diamond a -> {b, c} -> d with b wider than the others.
    LayoutInput input;
    input.nodes = {{100, 40}, {300, 40}, {100, 40}, {100, 40}};
    input.edges = {{0, 1}, {0, 2}, {1, 3}, {2, 3}};
    const LayoutResult result = computeLayout(input);
    QVERIFY2(result.ok, result.error.c_str());
    QCOMPARE(result.nodeCentres.size(), std::size_t(4));
    QCOMPARE(result.edgePaths.size(), std::size_t(4));
    const auto& c = result.nodeCentres;
    // Ranks go down; b and c share a rank side by side, far enough apart for b's width.
    QVERIFY(c[0].y < c[1].y && c[0].y < c[2].y);
    QVERIFY(c[1].y < c[3].y && c[2].y < c[3].y);
    QCOMPARE(c[1].y, c[2].y);
    QVERIFY(std::abs(c[1].x - c[2].x) >= (300 + 100) / 2.0);
    // Edges start at the tail's bottom and point at the head's top.
    for (std::size_t e = 0; e < input.edges.size(); ++e) {
        const auto from = static_cast<std::size_t>(input.edges[e].from);
        const auto to = static_cast<std::size_t>(input.edges[e].to);
        QVERIFY(std::abs(result.edgePaths[e].front().y - (c[from].y + 20)) < 2);
        QVERIFY(std::abs(result.arrowTips[e].y - (c[to].y - 20)) < 2);
    }
    QVERIFY(result.width >= 400 && result.height >= 3 * 40);

    LayoutInput bad;
    bad.nodes = {{10, 10}};
    bad.edges = {{0, 3}};
    QVERIFY(!computeLayout(bad).ok);
}

void TestGraphView::colourScale()
{
    const MetricColourScale log(MetricColourScale::Type::Logarithmic, {10, 100, 1000, 0, -5});
    QCOMPARE(log.minimum(), 10.0);
    QCOMPARE(log.maximum(), 1000.0);
    QCOMPARE(*log.position(100), 0.5);
    QVERIFY(!log.position(0)); // log scales cannot place zero
    QCOMPARE(log.colour(0), MetricColourScale::noValueColour());
    QVERIFY(std::abs(log.valueAt(0.5) - 100) < 1e-9);

    const MetricColourScale linear(MetricColourScale::Type::Linear, {0, 50, 200});
    QCOMPARE(*linear.position(50), 0.25);
    QCOMPARE(*linear.position(0), 0.0);
    // Darker for larger values, all along the ramp.
    double previous = 2;
    for (int i = 0; i <= 10; ++i) {
        const double lightness = MetricColourScale::rampColour(i / 10.0).lightnessF();
        QVERIFY(lightness < previous);
        previous = lightness;
    }
}

void TestGraphView::exampleGraph()
{
    QVERIFY(open(kExample));
    // The example is one chain (resources/example/README.md): input, 12 layers, output.
    QCOMPARE(page()->scene()->nodeItems().size(), 14);
    QCOMPARE(page()->scene()->edgeItems().size(), 13);
    const OnnxCounts counts = countOnnx(kExample);
    QCOMPARE(page()->scene()->nodeItems().size(), counts.nodes);
    QCOMPARE(page()->scene()->edgeItems().size(), counts.edges);
    int layers = 0;
    for (const GraphNodeItem* item : page()->scene()->nodeItems())
        layers += item->nodeType() == DisplayNode::Type::Layer ? 1 : 0;
    QCOMPARE(layers, 12);
    // The first convolution's node shows its op type, name and output shape.
    const GraphNodeItem* conv = page()->itemForLayer(layerIndex(QStringLiteral("/features/features.0/Conv")));
    QVERIFY(conv);
    QCOMPARE(conv->label().title, QStringLiteral("Conv"));
    QCOMPARE(conv->label().name, QStringLiteral("/features/features.0/Conv"));
    QCOMPARE(conv->label().detail, QStringLiteral("1x16x8x8"));
    QCOMPARE(page()->displayGraph().foldedLayers, 0); // small models are never folded
}

void TestGraphView::resnet18Graph()
{
    QVERIFY(open(kResNet18));
    const OnnxCounts counts = countOnnx(kResNet18);
    // 49 layers + input + output; 48 single-input layers and 8 two-input Adds read 57
    // activations in all, plus the edge to the output.
    QCOMPARE(counts.nodes, 51);
    QCOMPARE(counts.edges, 58);
    QCOMPARE(page()->scene()->nodeItems().size(), counts.nodes);
    QCOMPARE(page()->scene()->edgeItems().size(), counts.edges);
    int adds = 0;
    for (const GraphNodeItem* item : page()->scene()->nodeItems())
        adds += item->label().title == QLatin1String("Add") ? 1 : 0;
    QCOMPARE(adds, 8);
}

void TestGraphView::constantsAreNotNodes()
{
    // MobileNetV2's ReLU6 are Clips whose bounds come from Constant nodes; those are operands,
    // drawn inside the Clip like initializers, not as nodes of their own.
    const QString path = QStringLiteral(FOLDWISE_MODELS_DIR "/mobilenet_v2.onnx");
    QVERIFY(open(path));
    const OnnxCounts counts = countOnnx(path);
    QCOMPARE(page()->scene()->nodeItems().size(), counts.nodes);
    QCOMPARE(page()->scene()->edgeItems().size(), counts.edges);
    int clips = 0;
    for (const GraphNodeItem* item : page()->scene()->nodeItems()) {
        QVERIFY(item->label().title != QLatin1String("Constant"));
        clips += item->label().title == QLatin1String("Clip") ? 1 : 0;
    }
    QCOMPARE(clips, 35);
    // A Clip reads one activation: its bounds bring no edges.
    for (const GraphEdgeItem* edge : page()->scene()->edgeItems())
        QVERIFY(page()->scene()->nodeItem(edge->from())->label().title != QLatin1String("Constant"));

    // Selecting a Constant in the table leaves nothing selected in the graph.
    const auto summary = window_->document()->summary();
    int constant = -1;
    for (std::size_t i = 0; i < summary->layers.size() && constant < 0; ++i)
        if (summary->layers[i].opType == "Constant")
            constant = static_cast<int>(i);
    QVERIFY(constant >= 0);
    QVERIFY(window_->layersPage()->selectLayer(0));
    QCOMPARE(page()->scene()->selectedItems().size(), 1);
    QVERIFY(window_->layersPage()->selectLayer(constant));
    QCOMPARE(page()->scene()->selectedItems().size(), 0);
}

void TestGraphView::layoutDoesNotOverlapAndFlowsDown()
{
    QVERIFY(open(QFileInfo::exists(kResNet18) ? kResNet18 : kExample));
    const auto& nodes = page()->scene()->nodeItems();
    for (qsizetype i = 0; i < nodes.size(); ++i)
        for (qsizetype j = i + 1; j < nodes.size(); ++j)
            QVERIFY2(!boxOf(nodes[i]).intersects(boxOf(nodes[j])),
                     qPrintable(nodes[i]->label().name + QStringLiteral(" overlaps ") + nodes[j]->label().name));
    const QRectF scene = page()->scene()->sceneRect();
    for (const GraphNodeItem* node : nodes)
        QVERIFY(scene.contains(boxOf(node)));
    // Every edge goes from its tail's bottom down to its head's top: topological order is
    // top to bottom.
    for (const GraphEdgeItem* edge : page()->scene()->edgeItems()) {
        const QRectF from = boxOf(page()->scene()->nodeItem(edge->from()));
        const QRectF to = boxOf(page()->scene()->nodeItem(edge->to()));
        QVERIFY(from.bottom() < to.top());
        const QPointF start = edge->path().pointAtPercent(0);
        QVERIFY(std::abs(start.y() - from.bottom()) < 2);
        QVERIFY(edge->path().pointAtPercent(1).y() < to.top());
    }
}

void TestGraphView::foldsLongChains()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString path = dir.filePath(QStringLiteral("chain2000.onnx"));
    fixtures::saveChainModel(path.toStdString(), 2000);
    QVERIFY(open(path));

    // 2,000 layers in one chain: the first and last stay, the rest fold into blocks of 50.
    const DisplayGraph& display = page()->displayGraph();
    QCOMPARE(display.foldedLayers, 1998);
    const int itemsFolded = static_cast<int>(page()->scene()->items().size());
    QVERIFY2(itemsFolded <= 100, qPrintable(QString::number(itemsFolded)));
    QCOMPARE(page()->itemForLayer(0)->nodeType(), DisplayNode::Type::Layer);
    QCOMPARE(page()->itemForLayer(1999)->nodeType(), DisplayNode::Type::Layer);
    const GraphNodeItem* block = page()->itemForLayer(1000);
    QCOMPARE(block->nodeType(), DisplayNode::Type::Collapsed);
    QCOMPARE(block->label().title, QStringLiteral("50 nodes"));
    // Layer 1000 is relu_1000 or conv_1000 depending on the topological order of the loader;
    // either way its block is the one that expands.
    const QString name = QString::fromStdString(window_->document()->summary()->layers[1000].name);

    // Selecting a folded layer in the table expands its block and selects it in the graph.
    QVERIFY(window_->layersPage()->selectLayer(1000));
    QVERIFY(QTest::qWaitFor([&] {
        const GraphNodeItem* item = page()->itemForLayer(1000);
        return page()->isLayoutReady() && item && item->nodeType() == DisplayNode::Type::Layer && item->isSelected();
    }, 60000));
    QCOMPARE(page()->itemForLayer(1000)->label().name, name);
    QCOMPARE(page()->displayGraph().foldedLayers, 1998 - 50);
    QVERIFY(page()->scene()->items().size() <= itemsFolded + 2 * 50);
    // The view shows it.
    QVERIFY(page()->view()->visibleSceneRect().contains(page()->itemForLayer(1000)->pos()));
}

void TestGraphView::clickSelectsTableRowAndProperties()
{
    window_->show();
    window_->showGraphTab();
    QVERIFY(QTest::qWaitForWindowExposed(window_.get()));
    QVERIFY(open(kExample));
    const QString gemm = QStringLiteral("/classifier/classifier.1/Gemm");
    GraphNodeItem* item = page()->itemForLayer(layerIndex(gemm));
    QVERIFY(item);
    GraphView* view = page()->view();
    view->centerOn(item);
    const QPoint at = view->mapFromScene(item->pos());
    QVERIFY(view->viewport()->rect().contains(at));
    QTest::mouseClick(view->viewport(), Qt::LeftButton, Qt::NoModifier, at);
    QVERIFY(item->isSelected());
    QCOMPARE(selectedTableName(), gemm);
    QVERIFY(propertiesContain(gemm));
    QVERIFY(propertiesContain(QStringLiteral("Gemm")));

    // A filter hiding the clicked layer's row gives way.
    window_->findChild<QLineEdit*>(QStringLiteral("layerFilter"))->setText(QStringLiteral("Relu"));
    GraphNodeItem* conv = page()->itemForLayer(layerIndex(QStringLiteral("/features/features.5/Conv")));
    view->centerOn(conv);
    QTest::mouseClick(view->viewport(), Qt::LeftButton, Qt::NoModifier, view->mapFromScene(conv->pos()));
    QCOMPARE(selectedTableName(), QStringLiteral("/features/features.5/Conv"));
    QVERIFY(propertiesContain(QStringLiteral("/features/features.5/Conv")));
    QVERIFY(!item->isSelected());
}

void TestGraphView::tableSelectionSelectsNode()
{
    window_->show();
    QVERIFY(QTest::qWaitForWindowExposed(window_.get()));
    QVERIFY(open(kExample));
    window_->showGraphTab();
    const QString relu = QStringLiteral("/features/features.6/Relu");
    const QAbstractItemModel* model = table()->model();
    int row = -1;
    for (int r = 0; r < model->rowCount(); ++r)
        if (model->index(r, LayerTableModel::NameColumn).data().toString() == relu)
            row = r;
    QVERIFY(row >= 0);
    page()->view()->setZoom(1.0);
    page()->view()->centerOn(0, 0); // elsewhere
    table()->selectRow(row);
    const GraphNodeItem* item = page()->itemForLayer(layerIndex(relu));
    QVERIFY(item->isSelected());
    QCOMPARE(page()->scene()->selectedItems().size(), 1);
    QVERIFY(page()->view()->visibleSceneRect().contains(boxOf(item)));
}

void TestGraphView::findSelectsNode()
{
    window_->show();
    window_->showGraphTab();
    QVERIFY(QTest::qWaitForWindowExposed(window_.get()));
    QVERIFY(open(kExample));
    QTest::keyClick(window_.get(), Qt::Key_F, Qt::ControlModifier);
    GraphFindBar* bar = page()->findBar();
    QVERIFY(bar->isVisible());
    auto* field = bar->findChild<QLineEdit*>(QStringLiteral("graphFindField"));
    auto* status = bar->findChild<QLabel*>(QStringLiteral("graphFindStatus"));
    QVERIFY(field->hasFocus());

    QTest::keyClicks(field, QStringLiteral("features.5"));
    const GraphNodeItem* conv = page()->itemForLayer(layerIndex(QStringLiteral("/features/features.5/Conv")));
    QVERIFY(conv->isSelected());
    QCOMPARE(selectedTableName(), QStringLiteral("/features/features.5/Conv"));
    QVERIFY(page()->view()->visibleSceneRect().contains(conv->pos()));
    QCOMPARE(status->text(), QStringLiteral("1 of 1"));

    // By op type, case-insensitively; Enter steps through the four ReLUs in order.
    field->clear();
    QTest::keyClicks(field, QStringLiteral("relu"));
    QCOMPARE(status->text(), QStringLiteral("1 of 4"));
    QVERIFY(page()->itemForLayer(layerIndex(QStringLiteral("/features/features.1/Relu")))->isSelected());
    QTest::keyClick(field, Qt::Key_Return);
    QCOMPARE(status->text(), QStringLiteral("2 of 4"));
    QVERIFY(page()->itemForLayer(layerIndex(QStringLiteral("/features/features.3/Relu")))->isSelected());
    QTest::keyClick(field, Qt::Key_Return, Qt::ShiftModifier);
    QTest::keyClick(field, Qt::Key_Return, Qt::ShiftModifier);
    QCOMPARE(status->text(), QStringLiteral("4 of 4")); // wraps around
    QCOMPARE(selectedTableName(), QStringLiteral("/classifier/classifier.2/Relu"));

    field->clear();
    QTest::keyClicks(field, QStringLiteral("LSTM"));
    QCOMPARE(status->text(), QStringLiteral("No match"));
    QTest::keyClick(field, Qt::Key_Escape);
    QVERIFY(!bar->isVisible());
}

void TestGraphView::coloursByMetric()
{
    QVERIFY(open(kExample));
    const auto item = [this](const char* name) { return page()->itemForLayer(layerIndex(QLatin1String(name))); };
    // By kind: no fill; convolutions and activations have different header colours.
    QVERIFY(!item("/features/features.0/Conv")->fillColour().isValid());
    QVERIFY(item("/features/features.0/Conv")->headerColour() != item("/features/features.1/Relu")->headerColour());

    // MACs: features.2 (294,912) > features.5 (147,456) > features.0 (9,216): three different
    // colours, darker for more work; ReLUs do no MACs, which a log scale cannot place.
    page()->setColourMetric(GraphPage::macsMetricName());
    const QColor c0 = item("/features/features.0/Conv")->fillColour();
    const QColor c2 = item("/features/features.2/Conv")->fillColour();
    const QColor c5 = item("/features/features.5/Conv")->fillColour();
    QVERIFY(c0 != c2 && c2 != c5 && c0 != c5);
    QVERIFY(c2.lightnessF() < c5.lightnessF() && c5.lightnessF() < c0.lightnessF());
    QCOMPARE(item("/features/features.1/Relu")->fillColour(), MetricColourScale::noValueColour());
    QCOMPARE(page()->legend()->title(), QStringLiteral("MACs (log scale)"));
    QCOMPARE(page()->legend()->tickLabels().last(), QStringLiteral("295k"));

    page()->setColourScale(MetricColourScale::Type::Linear);
    QCOMPARE(item("/features/features.1/Relu")->fillColour(), MetricColourScale::rampColour(0));
    QCOMPARE(item("/features/features.2/Conv")->fillColour(), MetricColourScale::rampColour(1));

    // A metric supplied from outside (say cycles), keyed by layer name; missing layers are grey.
    page()->setNodeMetric(QStringLiteral("Cycles"), {{QStringLiteral("/features/features.0/Conv"), 100},
                                                     {QStringLiteral("/features/features.2/Conv"), 400}});
    QVERIFY(page()->metricNames().contains(QStringLiteral("Cycles")));
    page()->setColourMetric(QStringLiteral("Cycles"));
    QCOMPARE(item("/features/features.0/Conv")->fillColour(), MetricColourScale::rampColour(0));
    QCOMPARE(item("/features/features.2/Conv")->fillColour(), MetricColourScale::rampColour(1));
    QCOMPARE(item("/features/features.5/Conv")->fillColour(), MetricColourScale::noValueColour());

    page()->setBottleneck(QStringLiteral("/features/features.2/Conv"));
    int marked = 0;
    for (const GraphNodeItem* node : page()->scene()->nodeItems())
        marked += node->isBottleneck() ? 1 : 0;
    QCOMPARE(marked, 1);
    QVERIFY(item("/features/features.2/Conv")->isBottleneck());

    page()->setColourMetric(QString());
    QVERIFY(!item("/features/features.2/Conv")->fillColour().isValid());
}

void TestGraphView::edgeLabelsShowShapes()
{
    QVERIFY(open(kExample));
    for (const GraphEdgeItem* edge : page()->scene()->edgeItems())
        QVERIFY(!edge->isLabelVisible());
    page()->setEdgeLabelsVisible(true);
    const GraphNodeItem* conv = page()->itemForLayer(layerIndex(QStringLiteral("/features/features.0/Conv")));
    int fromConv = 0;
    for (const GraphEdgeItem* edge : page()->scene()->edgeItems()) {
        QVERIFY(edge->isLabelVisible());
        if (edge->from() == conv->displayIndex()) {
            ++fromConv;
            QCOMPARE(edge->label(), QStringLiteral("1x16x8x8"));
            QVERIFY(edge->boundingRect().width() > edge->path().boundingRect().width());
        }
    }
    QCOMPARE(fromConv, 1);
}


// A model with two nodes no hardware style builds (Erf) between convolutions: the check marks
// exactly those, with fpgaConvNet's reason in their tooltips, and the model stays open.
void TestGraphView::marksUnsupportedLayers()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("erf.onnx"));
    onnx::ModelProto m = fixtures::makeModel();
    fixtures::addInput(m, "x", {1, 3, 8, 8});
    fixtures::addConv(m, "c1", "x", "a", 3, 4, 3, 1, 1);
    fixtures::addNode(m, "Erf", {"a"}, {"b"}, "e1");
    fixtures::addConv(m, "c2", "b", "c", 4, 4, 3, 1, 1);
    fixtures::addNode(m, "Erf", {"c"}, {"y"}, "e2");
    fixtures::addOutput(m, "y");
    fixtures::save(m, path.toStdString());
    QVERIFY(open(path));
    QVERIFY(page()->unsupportedLayers().isEmpty()); // no check chosen
    page()->hardwareCheck()->setStyle(foldwise::HardwareStyle::FpgaConvNet);
    QCOMPARE(page()->unsupportedLayers().size(), 2);
    QStringList marked;
    for (const GraphNodeItem* node : page()->scene()->nodeItems())
        if (node->isUnsupported())
            marked << node->label().name;
    marked.sort();
    QCOMPARE(marked, (QStringList{QStringLiteral("e1"), QStringLiteral("e2")}));
    const GraphNodeItem* e1 = page()->itemForLayer(layerIndex(QStringLiteral("e1")));
    QVERIFY2(e1->toolTip().contains(QStringLiteral("fpgaConvNet has no layer for Erf")), qPrintable(e1->toolTip()));
    QVERIFY(!page()->itemForLayer(layerIndex(QStringLiteral("c1")))->isUnsupported());
    QVERIFY2(page()->hardwareCheck()->summaryText().contains(QStringLiteral("2 node")),
             qPrintable(page()->hardwareCheck()->summaryText()));

    // Turning the check off removes the marks and restores the tooltip.
    page()->hardwareCheck()->setStyle(std::nullopt);
    for (const GraphNodeItem* node : page()->scene()->nodeItems())
        QVERIFY(!node->isUnsupported());
    QVERIFY(!e1->toolTip().contains(QStringLiteral("fpgaConvNet")));

    // The check follows the open model: the example builds.
    page()->hardwareCheck()->setStyle(foldwise::HardwareStyle::FpgaConvNet);
    QVERIFY(open(kExample));
    QVERIFY(page()->unsupportedLayers().isEmpty());
    QVERIFY(page()->hardwareCheck()->summaryText().contains(QStringLiteral("builds every layer")));
}

QTEST_MAIN(TestGraphView)
#include "tst_graph_view.moc"
