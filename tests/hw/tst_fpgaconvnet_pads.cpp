// Pad nodes in fpgaConvNet style: folded into the following Conv/MaxPool/AveragePool's own
// padding as fpgaConvNet's parser folds them (onnxoptimizer's fuse_pad_into_conv/pool and
// eliminate_nop_pad), so fpgaConvNet's own example models design natively; a Pad that cannot be
// folded exactly is named as unsupported instead of being dropped.
#include "ErrorExpectation.h"
#include "OnnxFixtures.h"

#include "hw/fpgaconvnet/HardwareGraph.h"
#include "model/Model.h"

#include <QtTest>

using namespace foldwise;
using namespace foldwise::fpgaconvnet;

namespace {

const std::string kData = std::string(FOLDWISE_SOURCE_DIR) + "/tests/data/fpgaconvnet/";

// x [1,2,6,6] -> Pad(pads, value) -> `op` (3x3 Conv with its own pad 1 on the left, or a
// 2x2 pooling) -> y. Opset 11: pads and value are inputs.
onnx::ModelProto padded(const std::vector<int64_t>& pads, float value, const std::string& op)
{
    onnx::ModelProto m = fixtures::makeModel(11);
    fixtures::addInput(m, "x", {1, 2, 6, 6});
    fixtures::addInt64Initializer(m, "pads", pads);
    fixtures::addInitializer(m, "value", {}, value);
    fixtures::addNode(m, "Pad", {"x", "pads", "value"}, {"xp"}, "the_pad");
    if (op == "Conv") {
        fixtures::addInitializer(m, "W", {4, 2, 3, 3}, 0.1f);
        auto* c = fixtures::addNode(m, "Conv", {"xp", "W"}, {"y"}, "conv");
        fixtures::setInts(c, "kernel_shape", {3, 3});
        fixtures::setInts(c, "pads", {0, 1, 0, 0});
    } else {
        auto* p = fixtures::addNode(m, op, {"xp"}, {"y"}, "pool");
        fixtures::setInts(p, "kernel_shape", {2, 2});
        fixtures::setInts(p, "strides", {2, 2});
    }
    fixtures::addOutput(m, "y");
    return m;
}

const HardwareLayer& only(const HardwareGraph& g)
{
    if (g.layers.size() != 1)
        throw std::runtime_error("expected one layer, got " + std::to_string(g.layers.size()));
    return g.layers[0];
}

} // namespace

class TestFpgaConvNetPads : public QObject {
    Q_OBJECT
private slots:
    // fpgaConvNet's own example models: all-zero Pads between each Conv and MaxPool.
    void examplesDesignNatively_data()
    {
        QTest::addColumn<QString>("file");
        QTest::addColumn<int>("layers");
        QTest::newRow("lenet") << "lenet.onnx" << 7;          // 2 x (Conv, MaxPool), Gemm, ReLU, Gemm
        QTest::newRow("single_layer") << "single_layer.onnx" << 2; // Conv, MaxPool
    }
    void examplesDesignNatively()
    {
        QFETCH(QString, file);
        QFETCH(int, layers);
        const auto model = Model::load(kData + file.toStdString());
        const HardwareGraph g = buildHardwareGraph(*model);
        QCOMPARE(static_cast<int>(g.layers.size()), layers);
        for (const HardwareLayer& l : g.layers) {
            QVERIFY2(l.opType != "Pad", l.name.c_str());
            QCOMPARE(l.padTop + l.padLeft + l.padBottom + l.padRight, int64_t{0});
        }
        // The pooling reads the Conv's output as it is: 24x24 (lenet and single_layer alike).
        QCOMPARE(g.layers[1].rowsIn, int64_t{24});
        QCOMPARE(g.layers[1].rowsOut, int64_t{12});
    }

    void zeroPadsFoldIntoConvolutions()
    {
        QTemporaryDir dir;
        const QString file = dir.filePath("pad_conv.onnx");
        // ONNX pads [N, C, H, W begins, N, C, H, W ends]: top 1, left 2, bottom 0, right 1.
        fixtures::save(padded({0, 0, 1, 2, 0, 0, 0, 1}, 0.0f, "Conv"), file.toStdString());
        const HardwareGraph g = buildHardwareGraph(*Model::load(file.toStdString()));
        const HardwareLayer& l = only(g);
        QCOMPARE(l.type, LayerType::Convolution);
        QCOMPARE(l.rowsIn, int64_t{6}); // the unpadded map: the layer pads it itself
        QCOMPARE(l.colsIn, int64_t{6});
        QCOMPARE(l.padTop, int64_t{1});
        QCOMPARE(l.padLeft, int64_t{2 + 1}); // the Pad's and the Conv's own
        QCOMPARE(l.padBottom, int64_t{0});
        QCOMPARE(l.padRight, int64_t{1});
        // Output: (6 + 1 + 0 - 3) + 1 = 5 rows, (6 + 3 + 1 - 3) + 1 = 8 columns.
        QCOMPARE(l.rowsOut, int64_t{5});
        QCOMPARE(l.colsOut, int64_t{8});
    }

    // -inf padding is MaxPool's own; 0 is AveragePool's with count_include_pad.
    void poolingPadsFold()
    {
        QTemporaryDir dir;
        for (const auto& [op, value] : {std::pair{std::string("MaxPool"), -3.4028235e38f}, std::pair{std::string("AveragePool"), 0.0f}}) {
            const QString file = dir.filePath(QString::fromStdString(op) + ".onnx");
            fixtures::save(padded({0, 0, 1, 1, 0, 0, 1, 1}, value, op), file.toStdString());
            const HardwareGraph g = buildHardwareGraph(*Model::load(file.toStdString()));
            const HardwareLayer& l = only(g);
            QCOMPARE(l.type, LayerType::Pooling);
            QCOMPARE(l.rowsIn, int64_t{6});
            QCOMPARE(l.padTop + l.padBottom + l.padLeft + l.padRight, int64_t{4});
            QCOMPARE(l.rowsOut, int64_t{4});
        }
    }

    // A Pad that would change the result if folded stays a node fpgaConvNet has no layer for.
    void otherPadsAreNamed()
    {
        QTemporaryDir dir;
        const auto expectUnsupported = [&](const onnx::ModelProto& m, const char* name) {
            const std::string file = dir.filePath(name).toStdString();
            fixtures::save(m, file);
            fixtures::expectFileError(file, {"fpgaConvNet has no layer", "the_pad"},
                                      [](const std::string& f) { buildHardwareGraph(*Model::load(f)); });
        };
        expectUnsupported(padded({0, 0, 1, 1, 0, 0, 1, 1}, 5.0f, "Conv"), "value.onnx");      // not zero
        expectUnsupported(padded({0, 1, 0, 0, 0, 0, 0, 0}, 0.0f, "Conv"), "channels.onnx");   // pads a channel
        expectUnsupported(padded({0, 0, 1, 1, 0, 0, 1, 1}, 0.0f, "Relu"), "relu.onnx");       // no window reads it
    }
};

QTEST_GUILESS_MAIN(TestFpgaConvNetPads)
#include "tst_fpgaconvnet_pads.moc"
