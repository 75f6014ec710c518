// BatchNormalization folding: the folded model computes what the original computes (checked by
// running both with Foldwise's executor, never against the pass's own arithmetic), on the generated
// reference models (tests/models) and on hand-made edge cases.
#include "ScratchFolderTest.h"
#include "NamedRows.h"
#include "PassTestSupport.h"
#include "passes/BatchNormFolding.h"
#include "passes/ModelFiles.h"

#include <QtTest>

#include <atomic>

using namespace foldwise;
using namespace foldwise::passes;

namespace {

int countOps(const Model& m, const std::string& op)
{
    int n = 0;
    for (const Node& node : m.graph().nodes())
        n += node.opType == op ? 1 : 0;
    return n;
}

// Input 1 x 4 x 6 x 6 into `body`, which writes "y".
onnx::ModelProto convModel()
{
    onnx::ModelProto m = fixtures::makeModel(13);
    fixtures::addInput(m, "x", {1, 4, 6, 6});
    fixtures::addOutput(m, "y");
    return m;
}

} // namespace

class TestBatchNormFolding : public fixtures::ScratchFolderTest {
    Q_OBJECT

    // Folds `m` and checks the folded model (and its written, reloaded copy) against the original
    // on two inputs; callers stop when the check failed.
    PassResult foldAndCompare(const onnx::ModelProto& m, const QString& name, const std::vector<int64_t>& inputDims,
                              double tolerance = 1e-5)
    {
        const auto original = passtest::loadProto(m, path(name + ".onnx"));
        PassResult r = foldBatchNorms(*original);
        writeModel(*r.proto, path(name + "_folded.onnx").toStdString());
        const auto written = Model::load(path(name + "_folded.onnx").toStdString());
        passtest::exportForReference(path(name + ".onnx"));
        passtest::exportForReference(path(name + "_folded.onnx"));
        expectSameOutputs(original, r.model, written, name, inputDims, tolerance);
        return r;
    }

    void expectSameOutputs(const std::shared_ptr<const Model>& original, const std::shared_ptr<const Model>& folded,
                           const std::shared_ptr<const Model>& written, const QString& name,
                           const std::vector<int64_t>& inputDims, double tolerance)
    {
        for (unsigned seed : {1u, 2u}) {
            const HostTensor x = seed == 1 ? passtest::formulaInput(inputDims) : passtest::randomInput(inputDims, seed);
            const HostTensor want = passtest::run(original, x);
            const double e = passtest::relativeError(passtest::run(folded, x), want);
            const double ew = passtest::relativeError(passtest::run(written, x), want);
            qInfo("%s: relative error %.3g (written copy %.3g)", qPrintable(name), e, ew);
            QVERIFY2(e <= tolerance, qPrintable(QString::number(e)));
            QVERIFY2(ew <= tolerance, qPrintable(QString::number(ew)));
        }
    }

private slots:
    void initTestCase() { QVERIFY(scratchReady()); }

    void cnvFoldsEveryBatchNorm()
    {
        const std::string file = passtest::kModels + "cnv.onnx";
        onnx::ModelProto proto = Model::load(file)->proto();
        PassResult r = foldAndCompare(proto, "cnv", {1, 3, 32, 32});
        if (QTest::currentTestFailed())
            return;
        // 6 Conv + BN (bias added) and 2 MatMul + BN (turned into Gemm).
        QCOMPARE(r.changes, 8);
        QCOMPARE(countOps(*r.model, "BatchNormalization"), 0);
        QCOMPARE(countOps(*r.model, "MatMul"), 0);
        QCOMPARE(countOps(*r.model, "Gemm"), 3);
        QCOMPARE(r.report["folded"].size(), std::size_t(8));
        QCOMPARE(r.report["nodes_after"].get<int>(), r.report["nodes_before"].get<int>() - 8);
        QVERIFY(r.notes.empty());
    }

    // The generated resnet18 and mobilenet_v2 have BN folded already (as the torch exporter writes them): put a BN with
    // random statistics after every Conv (mobilenet_v2: 17 depthwise) and the final Gemm
    // (transB = 1), fold them, and compare with the unfolded model.
    void generatedModelsWithInsertedBatchNorms_data()
    {
        fixtures::addNamedRows("model", {"resnet18", "mobilenet_v2"});
    }
    void generatedModelsWithInsertedBatchNorms()
    {
        QFETCH(QString, model);
        const std::string file = passtest::kModels + model.toStdString() + ".onnx";
        const auto plain = Model::load(file);
        onnx::ModelProto proto = plain->proto();
        const int inserted = passtest::insertBatchNorms(proto);
        QVERIFY(inserted > 20);
        PassResult r = foldAndCompare(proto, model, {1, 3, 224, 224});
        if (QTest::currentTestFailed())
            return;
        QCOMPARE(r.changes, inserted);
        QCOMPARE(countOps(*r.model, "BatchNormalization"), 0);
        QCOMPARE(r.model->graph().nodes().size(), plain->graph().nodes().size());
        int depthwise = 0;
        for (const auto& f : r.report["folded"])
            depthwise += f.value("groups", 1) > 1 ? 1 : 0;
        QCOMPARE(depthwise, model == "mobilenet_v2" ? 17 : 0);
    }

    // Grouped convolution (g = 2) without bias: the bias is added, each filter scaled.
    void groupedConvWithoutBias()
    {
        onnx::ModelProto m = convModel();
        passtest::fillRandom(fixtures::addInitializer(m, "W", {6, 2, 3, 3}), 11);
        auto* conv = fixtures::addNode(m, "Conv", {"x", "W"}, {"c"}, "conv");
        fixtures::setInts(conv, "kernel_shape", {3, 3});
        fixtures::setInts(conv, "pads", {1, 1, 1, 1});
        fixtures::setInt(conv, "group", 2);
        fixtures::setFloat(passtest::addBatchNorm(m, "bn", "c", "y", 6, 3), "epsilon", 1e-3f);
        PassResult r = foldAndCompare(m, "grouped", {1, 4, 6, 6});
        if (QTest::currentTestFailed())
            return;
        QCOMPARE(r.changes, 1);
        QCOMPARE(r.report["folded"][0]["bias"].get<std::string>(), std::string("added"));
        QCOMPARE(r.report["folded"][0]["groups"].get<int>(), 2);
        const Node& c = r.model->graph().node(*r.model->graph().findNode("conv"));
        QCOMPARE(c.inputs.size(), std::size_t(3));
        QCOMPARE(r.model->graph().tensor(c.outputs[0]).name, std::string("y"));
    }

    // Depthwise with bias.
    void depthwiseConvWithBias()
    {
        onnx::ModelProto m = convModel();
        fixtures::addConv(m, "dw", "x", "c", 4, 4, 3, 1, 1, 4);
        passtest::fillRandom(passtest::findInitializer(m, "W_dw"), 5);
        passtest::fillRandom(passtest::findInitializer(m, "B_dw"), 6);
        passtest::addBatchNorm(m, "bn", "c", "y", 4, 4);
        PassResult r = foldAndCompare(m, "depthwise", {1, 4, 6, 6});
        if (QTest::currentTestFailed())
            return;
        QCOMPARE(r.changes, 1);
        QCOMPARE(r.report["folded"][0]["bias"].get<std::string>(), std::string("updated"));
    }

    // Gemm + BN with transB = 0 and 1, alpha and beta != 1, C as a vector, a row or absent.
    void gemmVariants_data()
    {
        QTest::addColumn<bool>("transB");
        QTest::addColumn<int>("cRank"); // -1: no C, 3: an M x N matrix
        QTest::addColumn<float>("alpha");
        QTest::addColumn<float>("beta");
        QTest::newRow("transB, C vector") << true << 1 << 1.0f << 1.0f;
        QTest::newRow("no transB, C row, alpha, beta") << false << 2 << 0.5f << 2.0f;
        QTest::newRow("transB, no C") << true << -1 << 1.5f << 1.0f;
        QTest::newRow("no transB, scalar C") << false << 0 << 1.0f << 0.25f;
        QTest::newRow("transB, C matrix (M x N)") << true << 3 << 1.0f << 0.5f;
    }
    void gemmVariants()
    {
        QFETCH(bool, transB);
        QFETCH(int, cRank);
        QFETCH(float, alpha);
        QFETCH(float, beta);
        onnx::ModelProto m = fixtures::makeModel(13);
        fixtures::addInput(m, "x", {3, 5});
        fixtures::addOutput(m, "y");
        passtest::fillRandom(fixtures::addInitializer(m, "B", transB ? std::vector<int64_t>{7, 5} : std::vector<int64_t>{5, 7}), 21);
        std::vector<std::string> inputs{"x", "B"};
        if (cRank >= 0) {
            // rank 0: scalar; 1: (N); 2: (1, N); 3 stands for a full (M, N) matrix.
            const std::vector<int64_t> dims = cRank == 0 ? std::vector<int64_t>{}
                : cRank == 1                           ? std::vector<int64_t>{7}
                : cRank == 2                           ? std::vector<int64_t>{1, 7}
                                                       : std::vector<int64_t>{3, 7};
            passtest::fillRandom(fixtures::addInitializer(m, "C", dims), 22);
            inputs.push_back("C");
        }
        auto* gemm = fixtures::addNode(m, "Gemm", inputs, {"g"}, "gemm");
        fixtures::setInt(gemm, "transB", transB ? 1 : 0);
        fixtures::setFloat(gemm, "alpha", alpha);
        fixtures::setFloat(gemm, "beta", beta);
        passtest::addBatchNorm(m, "bn", "g", "y", 7, 9);
        PassResult r = foldAndCompare(m, "gemm", {3, 5});
        if (QTest::currentTestFailed())
            return;
        QCOMPARE(r.changes, 1);
        QCOMPARE(r.report["folded"][0]["transB"].get<bool>(), transB);
    }

    // MatMul with a constant weight becomes a Gemm carrying the BN's shift as its bias.
    void matMulBecomesGemm()
    {
        onnx::ModelProto m = fixtures::makeModel(13);
        fixtures::addInput(m, "x", {2, 6});
        fixtures::addOutput(m, "y");
        passtest::fillRandom(fixtures::addInitializer(m, "B", {6, 4}), 31);
        fixtures::addNode(m, "MatMul", {"x", "B"}, {"mm"}, "matmul");
        passtest::addBatchNorm(m, "bn", "mm", "y", 4, 8);
        PassResult r = foldAndCompare(m, "matmul", {2, 6});
        if (QTest::currentTestFailed())
            return;
        QCOMPARE(r.changes, 1);
        QCOMPARE(r.model->graph().node(*r.model->graph().findNode("matmul")).opType, std::string("Gemm"));
    }

    // A weight shared by two convolutions: folding one must not change the other's.
    void sharedWeightIsCopied()
    {
        onnx::ModelProto m = convModel();
        passtest::fillRandom(fixtures::addInitializer(m, "W", {4, 4, 1, 1}), 41);
        fixtures::addNode(m, "Conv", {"x", "W"}, {"a"}, "conv_a");
        fixtures::addNode(m, "Conv", {"x", "W"}, {"b"}, "conv_b");
        passtest::addBatchNorm(m, "bn", "a", "a_bn", 4, 2);
        fixtures::addNode(m, "Add", {"a_bn", "b"}, {"y"}, "add");
        PassResult r = foldAndCompare(m, "shared", {1, 4, 6, 6});
        if (QTest::currentTestFailed())
            return;
        QCOMPARE(r.changes, 1);
        const Graph& g = r.model->graph();
        QVERIFY(g.node(*g.findNode("conv_a")).inputs[1] != g.node(*g.findNode("conv_b")).inputs[1]);
        QCOMPARE(g.tensor(g.node(*g.findNode("conv_b")).inputs[1]).name, std::string("W"));
    }

    // The conv's output is read by the BN and by another node: the BN stays, with the reason.
    void producerWithTwoReadersIsNotFolded()
    {
        onnx::ModelProto m = convModel();
        fixtures::addConv(m, "conv", "x", "c", 4, 4, 1);
        passtest::addBatchNorm(m, "bn", "c", "c_bn", 4, 2);
        fixtures::addNode(m, "Add", {"c_bn", "c"}, {"y"}, "add");
        const auto model = passtest::loadProto(m, path("two_readers.onnx"));
        const PassResult r = foldBatchNorms(*model);
        QCOMPARE(r.changes, 0);
        QCOMPARE(r.notes.size(), std::size_t(1));
        QVERIFY2(QString::fromStdString(r.notes[0]).contains("also read elsewhere"), r.notes[0].c_str());
        QCOMPARE(r.report["skipped"][0]["batchnorm"].get<std::string>(), std::string("bn"));
    }

    // A BN after a graph input or a non-foldable op is listed, not folded.
    void batchNormAfterReluIsNotFolded()
    {
        onnx::ModelProto m = convModel();
        fixtures::addNode(m, "Relu", {"x"}, {"r"}, "relu");
        passtest::addBatchNorm(m, "bn", "r", "y", 4, 2);
        const auto model = passtest::loadProto(m, path("after_relu.onnx"));
        const PassResult r = foldBatchNorms(*model);
        QCOMPARE(r.changes, 0);
        QVERIFY2(QString::fromStdString(r.notes.at(0)).contains("follows a Relu"), r.notes.at(0).c_str());
    }

    void cancelStopsThePass()
    {
        onnx::ModelProto m = convModel();
        fixtures::addConv(m, "conv", "x", "c", 4, 4, 1);
        passtest::addBatchNorm(m, "bn", "c", "y", 4, 2);
        const auto model = passtest::loadProto(m, path("cancel.onnx"));
        std::atomic<bool> cancel{true};
        PassContext context;
        context.cancel = &cancel;
        QVERIFY_THROWS_EXCEPTION(PassCancelled, foldBatchNorms(*model, context));
        std::size_t calls = 0;
        context.cancel = nullptr;
        context.progress = [&](std::size_t, std::size_t total) {
            ++calls;
            return total == 1 && calls < 2; // the first step goes on, the second stops
        };
        QVERIFY_THROWS_EXCEPTION(PassCancelled, foldBatchNorms(*model, context));
        QCOMPARE(calls, std::size_t(2));
    }
};

QTEST_GUILESS_MAIN(TestBatchNormFolding)
#include "tst_batchnorm_folding.moc"
