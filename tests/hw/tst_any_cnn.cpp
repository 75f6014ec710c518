// Any CNN in both hardware styles (issue 15): the nine torchvision topologies of
// tests/data/torchvision. fpgaConvNet style designs every one; FINN style designs those FINN's
// layers can build and names the layer FINN lacks for the others. Figures are checked against
// onnxruntime's MACs (tests/reference/torchvision/macs.json): no convolution or inner product
// is lost on the way, and no layer computes faster than its MACs allow.
#include "hw/HardwareSupport.h"
#include "hw/Platform.h"
#include "hw/finn/FinnConversion.h"
#include "hw/finn/FinnDesign.h"
#include "hw/fpgaconvnet/Design.h"
#include "hw/fpgaconvnet/DesignFile.h"
#include "hw/fpgaconvnet/Optimisers.h"
#include "model/Model.h"

#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QtTest>

#include <cmath>
#include <map>

using namespace foldwise;

namespace {

const char* const kModels[] = {"resnet50",        "mobilenet_v2",       "googlenet",      "densenet121", "efficientnet_b0",
                               "squeezenet1_0",   "shufflenet_v2_x1_0", "regnet_y_400mf", "mnasnet1_0"};

std::shared_ptr<const Model> load(const QString& name)
{
    return Model::load((QString(FOLDWISE_TORCHVISION_DIR) + "/" + name + ".onnx").toStdString());
}

// onnxruntime's MACs of each Conv/Gemm/MatMul node, by node name.
std::map<std::string, int64_t> referenceMacs(const QString& name)
{
    QFile f(QString(FOLDWISE_SOURCE_DIR) + "/tests/reference/torchvision/macs.json");
    if (!f.open(QIODevice::ReadOnly))
        qFatal("cannot read macs.json");
    const QJsonObject perNode
        = QJsonDocument::fromJson(f.readAll()).object()["models"].toObject()[name].toObject()["per_node"].toObject();
    std::map<std::string, int64_t> macs;
    for (auto it = perNode.begin(); it != perNode.end(); ++it)
        macs[it.key().toStdString()] = it.value().toInteger();
    return macs;
}

} // namespace

class TestAnyCnn : public QObject {
    Q_OBJECT
private slots:
    void fpgaConvNetDesignsEveryModel_data()
    {
        QTest::addColumn<QString>("name");
        for (const char* m : kModels)
            QTest::newRow(m) << QString(m);
    }
    void fpgaConvNetDesignsEveryModel()
    {
        using namespace fpgaconvnet;
        QFETCH(QString, name);
        const auto model = load(name);
        QVERIFY(checkHardwareSupport(*model, HardwareStyle::FpgaConvNet).buildable());
        const HardwareGraph graph = buildHardwareGraph(*model);
        const std::map<std::string, int64_t> macs = referenceMacs(name);
        const Platform zcu102 = findPlatform("zcu102");
        for (const CostModel cost : {CostModel::Native, CostModel::Compatible}) {
            DesignSettings settings;
            settings.costModel = cost;
            const Evaluator minimal(partitionToFit(minimalDesign(graph, zcu102, settings)));
            QVERIFY2(minimal.feasible(), minimal.infeasibility().c_str());
            QVERIFY(std::isfinite(minimal.throughputFps()) && minimal.throughputFps() > 0);
            // Every convolution and inner product onnxruntime ran is a layer, and at folding 1
            // (one multiplier) none takes fewer cycles than it has MACs.
            std::size_t found = 0;
            for (std::size_t i = 0; i < graph.layers.size(); ++i) {
                const auto it = macs.find(graph.layers[i].onnxNode);
                if (it == macs.end())
                    continue;
                ++found;
                QVERIFY2(minimal.layerDenseLatency(i) >= static_cast<double>(it->second),
                         qPrintable(QString::fromStdString(graph.layers[i].name)));
            }
            QCOMPARE(found, macs.size());
        }
    }

    // The config.json of a compatible design reads back as the same design.
    void fpgaConvNetConfigRoundTrip_data()
    {
        QTest::addColumn<QString>("name");
        for (const char* m : {"densenet121", "efficientnet_b0", "shufflenet_v2_x1_0", "regnet_y_400mf"})
            QTest::newRow(m) << QString(m);
    }
    void fpgaConvNetConfigRoundTrip()
    {
        using namespace fpgaconvnet;
        QFETCH(QString, name);
        const auto model = load(name);
        DesignSettings settings;
        settings.costModel = CostModel::Compatible;
        const Evaluator design(partitionToFit(minimalDesign(buildHardwareGraph(*model), findPlatform("zcu102"), settings)));
        QTemporaryDir dir;
        const std::string file = dir.filePath("config.json").toStdString();
        writeConfigJsonFile(file, configJson(design));
        const Evaluator again(readDesign(file, *model, nullptr, findPlatform("zcu102"),
                                         [](DesignSettings& s) { s.costModel = CostModel::Compatible; }));
        QCOMPARE(again.partitionCount(), design.partitionCount());
        QCOMPARE(again.throughputFps(), design.throughputFps());
    }
};

QTEST_GUILESS_MAIN(TestAnyCnn)
#include "tst_any_cnn.moc"
