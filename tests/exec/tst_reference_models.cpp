// Whole models against onnxruntime: logits of the shared models and the bundled example on a
// fixed input, compared with outputs onnxruntime-node produced (tests/reference).
#include "data/NpyFile.h"
#include "exec/Executor.h"
#include "model/Model.h"

#include <QtTest>

#include <cmath>

using namespace foldwise;

namespace {

// The input formula of tests/reference/common.mjs, bit-exact in float32.
HostTensor formulaInput(const std::vector<int64_t>& dims)
{
    HostTensor t = HostTensor::allocate(DataType::Float, dims);
    float* p = t.mutableData<float>();
    for (int64_t i = 0; i < t.elementCount(); ++i)
        p[i] = static_cast<float>(static_cast<double>((i * 7919) % 10007) / 10007.0 * 4.0 - 2.0);
    return t;
}

} // namespace

class TestReferenceModels : public QObject {
    Q_OBJECT
private slots:
    void logitsMatchOnnxruntime_data()
    {
        QTest::addColumn<QString>("model");
        QTest::addColumn<QString>("reference");
        const QString shared = QString(FOLDWISE_SHARED_DIR) + "/models/";
        const QString refs = QString(FOLDWISE_SOURCE_DIR) + "/tests/reference/";
        QTest::newRow("resnet18") << shared + "resnet18.onnx" << refs + "resnet18_logits.npy";
        QTest::newRow("mobilenet_v2") << shared + "mobilenet_v2.onnx" << refs + "mobilenet_v2_logits.npy";
        QTest::newRow("cnv") << shared + "cnv.onnx" << refs + "cnv_logits.npy";
        QTest::newRow("digits_cnn") << QString(FOLDWISE_SOURCE_DIR) + "/resources/example/digits_cnn.onnx"
                                    << refs + "digits_cnn_logits.npy";
    }
    void logitsMatchOnnxruntime()
    {
        QFETCH(QString, model);
        QFETCH(QString, reference);
        if (!QFileInfo::exists(model))
            QSKIP("model not present");
        const auto m = Model::load(model.toStdString());
        const Tensor& input = m->graph().tensor(m->graph().inputs()[0]);
        Executor executor(m);
        const std::vector<HostTensor> out = executor.run({{input.name, formulaInput(input.shape.values())}});
        const HostTensor want = readNpy(reference.toStdString());
        QCOMPARE(out[0].dims(), want.dims());
        const std::vector<double> g = out[0].toDoubles(), w = want.toDoubles();
        double maxError = 0;
        for (std::size_t i = 0; i < g.size(); ++i)
            maxError = std::max(maxError, std::fabs(g[i] - w[i]));
        qInfo("max abs error %.3g over %zu logits", maxError, g.size());
        QVERIFY2(maxError < 1e-3, qPrintable(QString::number(maxError)));
    }

    // The plain executor (no fusion, direct convolution) agrees with the fast default, and an
    // observer sees row-major tensors whatever layout the kernels used internally.
    void fastPathsAgreeWithPlainExecution()
    {
        const QString model = QString(FOLDWISE_SHARED_DIR) + "/models/resnet18.onnx";
        if (!QFileInfo::exists(model))
            QSKIP("model not present");
        const auto m = Model::load(model.toStdString());
        const HostTensor x = formulaInput({1, 3, 224, 224});
        Executor fast(m);
        Executor plain(m, ExecutorOptions{false, false});
        struct Recorder : ExecutionObserver {
            int convolutions = 0;
            bool rowMajor = true;
            void nodeFinished(const Node& node, std::span<const HostTensor* const> in, std::span<const HostTensor> out) override
            {
                convolutions += node.opType == "Conv";
                for (const HostTensor* t : in)
                    rowMajor = rowMajor && (!t || t->isRowMajor());
                for (const HostTensor& t : out)
                    rowMajor = rowMajor && t.isRowMajor();
            }
        } recorder;
        const std::vector<double> a = fast.run({{"input", x}})[0].toDoubles();
        const std::vector<double> b = plain.run({{"input", x}}, &recorder)[0].toDoubles();
        double maxError = 0;
        for (std::size_t i = 0; i < a.size(); ++i)
            maxError = std::max(maxError, std::fabs(a[i] - b[i]));
        QVERIFY2(maxError < 1e-4, qPrintable(QString::number(maxError)));
        QCOMPARE(recorder.convolutions, 20);
        QVERIFY(recorder.rowMajor);
        try {
            fast.run({{"input", x}}, &recorder);
            QFAIL("a fused executor must refuse an observer");
        } catch (const std::logic_error&) {
        }
    }

    // A model exported with batch 1 runs batches once loaded with another input shape, and
    // each item of the batch comes out as it does alone.
    void batchesRunTheSameAsSingles()
    {
        const std::string model = FOLDWISE_SOURCE_DIR "/resources/example/digits_cnn.onnx";
        Executor single(Model::load(model));
        try {
            single.run({{"input", formulaInput({4, 1, 8, 8})}});
            QFAIL("a batch the model does not declare must be rejected");
        } catch (const std::exception& e) {
            QVERIFY2(QString(e.what()).contains("declares"), e.what());
        }
        LoadOptions batchOfFour;
        batchOfFour.inputShapes.push_back({"input", {4, 1, 8, 8}});
        Executor batched(Model::load(model, batchOfFour));
        const HostTensor batch = formulaInput({4, 1, 8, 8});
        const std::vector<double> all = batched.run({{"input", batch}})[0].toDoubles();
        QCOMPARE(all.size(), std::size_t(40));
        for (int item = 0; item < 4; ++item) {
            HostTensor one = HostTensor::allocate(DataType::Float, {1, 1, 8, 8});
            std::memcpy(one.mutableBytes(), batch.bytes() + item * 64 * 4, 64 * 4);
            const std::vector<double> alone = single.run({{"input", one}})[0].toDoubles();
            for (int k = 0; k < 10; ++k)
                QVERIFY(std::fabs(alone[static_cast<std::size_t>(k)] - all[static_cast<std::size_t>(item * 10 + k)]) < 1e-5);
        }
    }
};

QTEST_GUILESS_MAIN(TestReferenceModels)
#include "tst_reference_models.moc"
