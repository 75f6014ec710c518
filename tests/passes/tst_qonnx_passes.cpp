// Model passes on QONNX graphs keep the quantizers consistent: BatchNorm folding scales a
// quantised weight before its quantizer (its input and its now per-channel scale), so the layer
// keeps reading the same integers; it refuses what it cannot fold exactly; fusion leaves the
// quantizers alone. Outputs are checked against onnxruntime's run of the original model
// (tests/reference/qonnx) and against Foldwise's run of the original.
#include "FormulaInput.h"
#include "OnnxFixtures.h"
#include "PassTestSupport.h"

#include "data/NpyFile.h"
#include "model/qonnx/QonnxOps.h"
#include "passes/BatchNormFolding.h"
#include "passes/ReluFusion.h"
#include "passes/StructuredPruning.h"
#include "ErrorExpectation.h"

#include <QtTest>

using namespace foldwise;

namespace {

const std::string kReal = std::string(FOLDWISE_SOURCE_DIR) + "/tests/data/qonnx/real/";

int quantizers(const Model& m)
{
    int n = 0;
    for (const Node& node : m.graph().nodes())
        n += qonnx::isQuantizer(qonnx::opOf(node)) ? 1 : 0;
    return n;
}

// x [1,2,4,4] -> Conv with a 4-bit weight quantizer (narrow or not) -> BatchNormalization with
// a negative scale on channel 1 -> y.
onnx::ModelProto quantConvBn(bool narrow)
{
    onnx::ModelProto m = fixtures::makeModel(11);
    fixtures::addInput(m, "x", {1, 2, 4, 4});
    onnx::TensorProto* w = fixtures::addInitializer(m, "W", {2, 2, 3, 3}, 0.0f);
    std::vector<float> values(36);
    for (std::size_t i = 0; i < values.size(); ++i)
        values[i] = static_cast<float>((static_cast<int>(i * 7) % 13) - 6) * 0.11f;
    w->set_raw_data(std::string(reinterpret_cast<const char*>(values.data()), values.size() * 4));
    fixtures::addInitializer(m, "s", {}, 0.125f);
    fixtures::addInitializer(m, "z", {}, 0.0f);
    fixtures::addInitializer(m, "b", {}, 4.0f);
    auto* q = fixtures::addNode(m, "Quant", {"W", "s", "z", "b"}, {"Wq"}, "wq");
    q->set_domain("qonnx.custom_op.general");
    fixtures::setInt(q, "signed", 1);
    fixtures::setInt(q, "narrow", narrow ? 1 : 0);
    auto* conv = fixtures::addNode(m, "Conv", {"x", "Wq"}, {"c"}, "conv");
    fixtures::setInts(conv, "kernel_shape", {3, 3});
    fixtures::setInts(conv, "pads", {1, 1, 1, 1});
    onnx::TensorProto* gamma = fixtures::addInitializer(m, "gamma", {2}, 1.5f);
    const float g[2] = {1.5f, -0.75f};
    gamma->set_raw_data(std::string(reinterpret_cast<const char*>(g), 8));
    fixtures::addInitializer(m, "beta", {2}, 0.25f);
    fixtures::addInitializer(m, "mean", {2}, 0.1f);
    fixtures::addInitializer(m, "var", {2}, 0.8f);
    fixtures::addNode(m, "BatchNormalization", {"c", "gamma", "beta", "mean", "var"}, {"y"}, "bn");
    fixtures::addOutput(m, "y");
    return m;
}

} // namespace

class TestQonnxPasses : public QObject {
    Q_OBJECT
private slots:
    // Brevitas VGG10: all nine BatchNormalizations fold; the weights stay INT8 behind their
    // quantizers and the logits match onnxruntime's for the original.
    void radiomlBatchNormsFoldBehindQuantizers()
    {
        const auto model = Model::load(kReal + "radioml_vgg10_w8a8.onnx");
        const passes::PassResult r = passes::foldBatchNorms(*model);
        QCOMPARE(r.changes, 9);
        QCOMPARE(quantizers(*r.model), quantizers(*model));
        for (const Node& n : r.model->graph().nodes()) {
            QVERIFY(n.opType != "BatchNormalization");
            if (n.opType == "Conv" || n.opType == "Gemm") {
                const auto& format = r.model->numberFormat(n.inputs[1]);
                QVERIFY2(format && format->finnName() == "INT8", n.name.c_str());
            }
        }
        const HostTensor out = passtest::run(r.model, formulaInput({1, 2, 1024}));
        const HostTensor want = readNpy(std::string(FOLDWISE_SOURCE_DIR) + "/tests/reference/qonnx/radioml_vgg10_w8a8__188.npy");
        const double error = passtest::relativeError(out, want);
        qInfo("folded radioml against onnxruntime's original: %.3g relative", error);
        QVERIFY(error < 1e-4);
    }

    // A negative BatchNorm scale folds exactly into a narrow (symmetric) quantizer, and is
    // refused with the reason for a full-range one (-2^(b-1) has no positive twin).
    void negativeScalesNeedASymmetricQuantizer()
    {
        QTemporaryDir dir;
        for (const bool narrow : {true, false}) {
            const QString file = dir.filePath(narrow ? "narrow.onnx" : "full.onnx");
            fixtures::save(quantConvBn(narrow), file.toStdString());
            const auto model = Model::load(file.toStdString());
            const passes::PassResult r = passes::foldBatchNorms(*model);
            if (!narrow) {
                QCOMPARE(r.changes, 0);
                QVERIFY(!r.notes.empty() && r.notes[0].find("narrow") != std::string::npos);
                continue;
            }
            QCOMPARE(r.changes, 1);
            QCOMPARE(quantizers(*r.model), 1);
            const HostTensor x = passtest::randomInput({1, 2, 4, 4}, 3);
            const double error = passtest::relativeError(passtest::run(r.model, x), passtest::run(model, x));
            QVERIFY2(error < 1e-6, qPrintable(QString::number(error)));
        }
    }

    // Fusion marks Conv + ReLU pairs and leaves quantizers and outputs as they were.
    void fusionKeepsQuantizers()
    {
        const auto model = Model::load(kReal + "radioml_vgg10_w8a8.onnx");
        const auto folded = passes::foldBatchNorms(*model).model;
        const passes::PassResult r = passes::fuseReluActivations(*folded);
        QVERIFY(r.changes > 0);
        QCOMPARE(quantizers(*r.model), quantizers(*model));
        const HostTensor x = formulaInput({1, 2, 1024});
        QCOMPARE(passtest::relativeError(passtest::run(r.model, x), passtest::run(folded, x)), 0.0);
    }

    // Pruning does not cut through quantizers yet: it says so instead of dropping them.
    void pruningNamesTheQuantizers()
    {
        passes::PruningOptions options;
        options.rate = 0.3;
        fixtures::expectFileError(kReal + "radioml_vgg10_w8a8.onnx", {"no prunable layer", "QONNX quantizers"},
                                  [&](const std::string& file) { passes::pruneChannels(*Model::load(file), options); });
    }
};

QTEST_GUILESS_MAIN(TestQonnxPasses)
#include "tst_qonnx_passes.moc"
