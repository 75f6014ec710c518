// Any CNN in both hardware styles (issue 15): the nine torchvision topologies of
// tests/data/torchvision. fpgaConvNet style designs every one; FINN style designs those FINN's
// layers can build and names the layer FINN lacks for the others. Figures are checked against
// onnxruntime's MACs (tests/reference/torchvision/macs.json): no convolution or inner product
// is lost on the way, and no layer computes faster than its MACs allow.
#include "TorchvisionModels.h"
#include "hw/HardwareSupport.h"
#include "hw/Platform.h"
#include "hw/finn/FinnConversion.h"
#include "hw/finn/FinnDesign.h"
#include "hw/fpgaconvnet/Design.h"
#include "hw/fpgaconvnet/DesignFile.h"
#include "hw/fpgaconvnet/Optimisers.h"
#include "model/Model.h"

#include <nlohmann/json.hpp>

#include <QTemporaryDir>
#include <QtTest>

#include <cmath>
#include <map>

using namespace foldwise;

namespace {

std::shared_ptr<const Model> load(const QString& name)
{
    return Model::load(fixtures::torchvisionModelPath(name));
}

} // namespace

class TestAnyCnn : public QObject {
    Q_OBJECT
private slots:
    void fpgaConvNetDesignsEveryModel_data()
    {
        fixtures::addModelRows();
    }
    void fpgaConvNetDesignsEveryModel()
    {
        using namespace fpgaconvnet;
        QFETCH(QString, name);
        const auto model = load(name);
        QVERIFY(checkHardwareSupport(*model, HardwareStyle::FpgaConvNet).buildable());
        const HardwareGraph graph = buildHardwareGraph(*model);
        const std::map<std::string, int64_t> macs = fixtures::onnxruntimeMacsPerNode(name);
        const Platform zcu102 = findPlatform("zcu102");
        // Every convolution and inner product onnxruntime ran is a layer: nothing is lost.
        std::size_t found = 0;
        for (const HardwareLayer& layer : graph.layers)
            found += macs.count(layer.onnxNode);
        QCOMPARE(found, macs.size());
        // On Foldwise's own cost model the slowest folding, partitioned, fits the device, off-chip
        // bandwidth included (MobileNetV2's, EfficientNet's and MnasNet's streamed weights once
        // made the partitioner keep ranges whose traffic only fpgaConvNet's slow interval could
        // carry, and the greedy search then had no feasible start).
        DesignSettings native;
        const Evaluator minimal(partitionToFit(minimalDesign(graph, zcu102, native)));
        QVERIFY2(minimal.feasible(), minimal.infeasibility().c_str());
        QVERIFY(std::isfinite(minimal.throughputFps()) && minimal.throughputFps() > 0);
        // On fpgaConvNet's own cost model the model's slowest folding, partitioned, fits the
        // device, and its config.json reads back as the same design. (The greedy search on it
        // takes minutes for some of these models: tests/bench/run_any_cnn_bench.sh times it.)
        DesignSettings settings;
        settings.costModel = CostModel::Compatible;
        const Evaluator design(partitionToFit(minimalDesign(graph, zcu102, settings)));
        QVERIFY2(design.feasible(), design.infeasibility().c_str());
        QVERIFY(std::isfinite(design.throughputFps()) && design.throughputFps() > 0);
        QTemporaryDir dir;
        const std::string file = dir.filePath("config.json").toStdString();
        writeConfigJsonFile(file, configJson(design));
        const Evaluator again(readDesign(file, *model, nullptr, zcu102,
                                         [](DesignSettings& s) { s.costModel = CostModel::Compatible; }));
        QCOMPARE(again.partitionCount(), design.partitionCount());
        QCOMPARE(again.throughputFps(), design.throughputFps());
    }

    // FINN at finn-examples' ResNet-50 precision (1-bit weights, 2-bit activations): the models
    // FINN's layers cover design, and their MVAUs and VVAUs do exactly onnxruntime's MACs; the
    // others are refused naming the layer FINN lacks, with the graph check marking that node.
    void finnDesignsWhatFinnCan_data()
    {
        QTest::addColumn<QString>("name");
        QTest::addColumn<QString>("missing"); // empty: FINN builds it
        for (const char* m : {"resnet50", "mobilenet_v2", "googlenet", "densenet121", "squeezenet1_0", "mnasnet1_0"})
            QTest::newRow(m) << QString(m) << QString();
        QTest::newRow("efficientnet_b0") << "efficientnet_b0" << "x * Sigmoid(x)";
        QTest::newRow("regnet_y_400mf") << "regnet_y_400mf" << "a grouped convolution";
        QTest::newRow("shufflenet_v2_x1_0") << "shufflenet_v2_x1_0" << "a channel shuffle";
    }
    void finnDesignsWhatFinnCan()
    {
        using namespace finn;
        QFETCH(QString, name);
        QFETCH(QString, missing);
        const auto model = load(name);
        ConversionOptions options;
        options.weightBits = 1;
        options.activationBits = 2;
        options.bitsOverrideModel = true;
        if (!missing.isEmpty()) {
            try {
                convertToFinn(*model, options);
                QFAIL("converted");
            } catch (const UnsupportedNodesError& e) {
                const QString what = QString::fromUtf8(e.what());
                QVERIFY2(what.contains("FINN has no layer for " + missing), qPrintable(what));
                QVERIFY(!e.nodes().empty());
                QVERIFY(model->graph().findNode(e.nodes().front().node));
            }
            return;
        }
        const FinnDesign design(convertToFinn(*model, options));
        QVERIFY(design.maxCycles() > 0);
        int64_t macs = 0;
        for (std::size_t i = 0; i < design.size(); ++i) {
            const FinnNode& n = design.node(i);
            if (n.op == FinnOp::Mvau)
                macs += n.mw * n.mh * n.numInputVectors;
            else if (n.op == FinnOp::Vvau)
                macs += n.channels * n.kernel[0] * n.kernel[1] * n.ofmDim[0] * n.ofmDim[1];
        }
        int64_t reference = 0;
        for (const auto& [node, m] : fixtures::onnxruntimeMacsPerNode(name))
            reference += m;
        QCOMPARE(macs, reference);
    }
};

QTEST_GUILESS_MAIN(TestAnyCnn)
#include "tst_any_cnn.moc"
