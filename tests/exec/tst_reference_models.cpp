// Whole models against onnxruntime: logits of the generated reference models (tests/models) and the bundled example on a
// fixed input, compared with outputs onnxruntime-node produced (tests/reference).
#include "FormulaInput.h"
#include "data/NpyFile.h"
#include "exec/Executor.h"
#include "model/Model.h"
#include "profile/Profiler.h"

#include <QtTest>

#include <omp.h>

#include <cmath>
#include <cstring>
#include <map>

using namespace foldwise;

class TestReferenceModels : public QObject {
    Q_OBJECT
private slots:
    void logitsMatchOnnxruntime_data()
    {
        QTest::addColumn<QString>("model");
        QTest::addColumn<QString>("reference");
        const QString generated = QString(FOLDWISE_MODELS_DIR) + "/";
        const QString refs = QString(FOLDWISE_SOURCE_DIR) + "/tests/reference/";
        QTest::newRow("resnet18") << generated + "resnet18.onnx" << refs + "resnet18_logits.npy";
        QTest::newRow("mobilenet_v2") << generated + "mobilenet_v2.onnx" << refs + "mobilenet_v2_logits.npy";
        QTest::newRow("cnv") << generated + "cnv.onnx" << refs + "cnv_logits.npy";
        QTest::newRow("digits_cnn") << QString(FOLDWISE_SOURCE_DIR) + "/resources/example/digits_cnn.onnx"
                                    << refs + "digits_cnn_logits.npy";
    }
    void logitsMatchOnnxruntime()
    {
        QFETCH(QString, model);
        QFETCH(QString, reference);
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
        const QString model = QString(FOLDWISE_MODELS_DIR) + "/resnet18.onnx";
        const auto m = Model::load(model.toStdString());
        const HostTensor x = formulaInput({1, 3, 224, 224});
        Executor fast(m);
        Executor plain(m, ExecutorOptions{false, false, {}});
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

    // What exact profile merging rests on (profile/Profiler.h): at a fixed batch size on one
    // thread, an item's activations do not depend on its position in the batch or on the other
    // items. Two runs: items 0..7, then the same items reversed with item 0 swapped for another;
    // every node output of every shared item must agree bit for bit.
    void activationsIndependentOfBatchCompanions_data()
    {
        QTest::addColumn<QString>("model");
        QTest::newRow("resnet18") << QString(FOLDWISE_MODELS_DIR) + "/resnet18.onnx";
        QTest::newRow("mobilenet_v2") << QString(FOLDWISE_MODELS_DIR) + "/mobilenet_v2.onnx";
    }
    void activationsIndependentOfBatchCompanions()
    {
        QFETCH(QString, model);
        const auto loaded = Model::load(model.toStdString());
        const Tensor& input = loaded->graph().tensor(loaded->graph().inputs()[0]);
        const auto batch = static_cast<int64_t>(kProfileRunBatch);
        std::vector<int64_t> dims = input.shape.values();
        dims[0] = batch;
        const auto m = loaded->reshaped({{input.name, dims}});
        const int threads = omp_get_max_threads();
        omp_set_num_threads(1);
        Executor executor(m, profilingExecutorOptions());

        // Distinct items: the formula input over batch + 1 items, item k starting at k.
        dims[0] = batch + 1;
        const HostTensor pool = formulaInput(dims);
        const std::size_t itemBytes = pool.byteSize() / static_cast<std::size_t>(batch + 1);
        std::vector<int64_t> order(static_cast<std::size_t>(batch)), reversed(order.size());
        for (int64_t p = 0; p < batch; ++p) {
            order[static_cast<std::size_t>(p)] = p;
            reversed[static_cast<std::size_t>(p)] = p == batch - 1 ? batch : batch - 1 - p; // item 0 -> item 8
        }
        struct Outputs : ExecutionObserver {
            std::map<std::string, HostTensor> seen;
            void nodeFinished(const Node& node, std::span<const HostTensor* const>, std::span<const HostTensor> out) override
            {
                for (std::size_t i = 0; i < out.size(); ++i)
                    seen[node.name + "#" + std::to_string(i)] = out[i].clone();
            }
        };
        const auto runItems = [&](const std::vector<int64_t>& items, Outputs& outputs) {
            dims[0] = batch;
            HostTensor x = HostTensor::allocate(DataType::Float, dims);
            for (std::size_t p = 0; p < items.size(); ++p)
                std::memcpy(x.mutableBytes() + p * itemBytes, pool.bytes() + static_cast<std::size_t>(items[p]) * itemBytes, itemBytes);
            executor.run({{input.name, x}}, &outputs);
        };
        Outputs first, second;
        runItems(order, first);
        runItems(reversed, second);
        omp_set_num_threads(threads);

        int compared = 0;
        for (const auto& [name, a] : first.seen) {
            const HostTensor& b = second.seen.at(name);
            if (a.rank() == 0 || a.dims()[0] != batch)
                continue;
            const std::size_t per = a.byteSize() / static_cast<std::size_t>(batch);
            for (int64_t p = 0; p < batch; ++p) {
                const int64_t item = reversed[static_cast<std::size_t>(p)];
                if (item == batch)
                    continue; // not in the first run
                QVERIFY2(std::memcmp(a.bytes() + static_cast<std::size_t>(item) * per, b.bytes() + static_cast<std::size_t>(p) * per, per) == 0,
                         qPrintable(QString::fromStdString(name) + " item " + QString::number(item)));
                ++compared;
            }
        }
        QVERIFY(compared > 100);
    }
};

QTEST_GUILESS_MAIN(TestReferenceModels)
#include "tst_reference_models.moc"
