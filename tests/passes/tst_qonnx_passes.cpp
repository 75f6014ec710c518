// Model passes on QONNX graphs keep the quantizers consistent: BatchNorm folding scales a
// quantised weight before its quantizer (its input and its now per-channel scale), so the layer
// keeps reading the same integers; it refuses what it cannot fold exactly; fusion leaves the
// quantizers alone. Outputs are checked against onnxruntime's run of the original model
// (tests/reference/qonnx) and against Foldwise's run of the original.
#include "FormulaInput.h"
#include "OnnxFixtures.h"
#include "PassTestSupport.h"
#include "QonnxFixtures.h"

#include "data/NpyFile.h"
#include "layers/ModelSummary.h"
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
    fixtures::addQuant(m, "wq", "W", "Wq", 0.125f, 0.0f, 4, true, narrow);
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

    // Structured pruning through quantizers: a Brevitas-style CNV-w2a2 loses channels, its
    // weights are sliced before their quantizers (still INT2), and it computes what the
    // original computes with the removed channels zeroed before their quantizers.
    void pruningSlicesBeforeTheQuantizers()
    {
        QTemporaryDir dir;
        const std::string original = dir.filePath("cnv.onnx").toStdString();
        fixtures::save(fixtures::makeQonnxCnv(2, 2), original);
        const auto model = Model::load(original);
        passes::PruningOptions options;
        options.rate = 0.3;
        const passes::PassResult r = passes::pruneChannels(*model, options);
        QVERIFY(r.changes > 0);
        QCOMPARE(quantizers(*r.model), quantizers(*model));
        for (const Node& n : r.model->graph().nodes())
            if (n.opType == "Conv" || n.opType == "MatMul") {
                const auto& format = r.model->numberFormat(n.inputs[1]);
                QVERIFY2(format && format->finnName() == "INT2", n.name.c_str());
            }
        const ModelSummary before = summariseModel(*model), after = summariseModel(*r.model);
        QVERIFY(after.totals.params < before.totals.params);
        QVERIFY(after.totals.bops < before.totals.bops);

        // The original with each removed channel zeroed: the filter's float weights before its
        // quantizer (Q(0) = 0) and the BatchNorm's scale and shift after it.
        onnx::ModelProto masked = fixtures::makeQonnxCnv(2, 2);
        const auto find = [&](const std::string& name) -> onnx::TensorProto* {
            for (auto& t : *masked.mutable_graph()->mutable_initializer())
                if (t.name() == name)
                    return &t;
            return nullptr;
        };
        const auto producer = [&](const std::string& value) -> const onnx::NodeProto* {
            for (const auto& n : masked.graph().node())
                for (const auto& o : n.output())
                    if (o == value)
                        return &n;
            return nullptr;
        };
        const auto zeroRows = [](onnx::TensorProto* t, const std::vector<int64_t>& rows) {
            std::string raw = t->raw_data();
            const std::size_t per = raw.size() / sizeof(float) / static_cast<std::size_t>(t->dims(0));
            for (int64_t row : rows)
                std::fill(raw.begin() + static_cast<std::ptrdiff_t>(static_cast<std::size_t>(row) * per * 4),
                          raw.begin() + static_cast<std::ptrdiff_t>(static_cast<std::size_t>(row + 1) * per * 4), '\0');
            t->set_raw_data(raw);
        };
        for (const auto& entry : r.report["nodes"]) {
            const std::vector<int64_t> removed = entry["removed"].get<std::vector<int64_t>>();
            const onnx::NodeProto* node = nullptr;
            for (const auto& n : masked.graph().node())
                if (n.name() == entry["node"].get<std::string>())
                    node = &n;
            QVERIFY(node);
            if (removed.empty())
                continue;
            if (node->op_type() == "BatchNormalization") {
                zeroRows(find(node->input(1)), removed);
                zeroRows(find(node->input(2)), removed);
                continue;
            }
            // Conv: Quant(W[F, C, 3, 3]); MatMul: Transpose(Quant(W[N, K])): output channels are rows of W.
            const onnx::NodeProto* q = producer(node->input(1));
            if (q->op_type() == "Transpose")
                q = producer(q->input(0));
            zeroRows(find(q->input(0)), removed);
        }
        const std::string maskedFile = dir.filePath("masked.onnx").toStdString();
        fixtures::save(masked, maskedFile);
        const auto reference = Model::load(maskedFile);
        for (unsigned seed : {1u, 2u}) {
            const HostTensor x = seed == 1 ? formulaInput({1, 3, 32, 32}) : passtest::randomInput({1, 3, 32, 32}, seed);
            const double error = passtest::relativeError(passtest::run(r.model, x), passtest::run(reference, x));
            qInfo("pruned CNV-w2a2 against the masked original: %.3g relative", error);
            QVERIFY(error < 1e-4);
        }
    }
};

QTEST_GUILESS_MAIN(TestQonnxPasses)
#include "tst_qonnx_passes.moc"
