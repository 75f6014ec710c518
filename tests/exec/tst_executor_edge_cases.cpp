// Edge cases a review found: each builds a small model, runs it and checks a value computed by
// hand (or that a clear error, not a crash, comes back).
#include "OnnxFixtures.h"

#include "exec/Executor.h"
#include "layers/ModelSummary.h"
#include "model/Model.h"
#include "model/ModelError.h"

#include <QtTest>

#include <cstring>

using namespace foldwise;

namespace {

HostTensor floats(std::vector<int64_t> dims, const std::vector<float>& values)
{
    return HostTensor::fromValues<float>(DataType::Float, std::move(dims), values);
}

std::vector<float> iota(int n, float start = 1.0f)
{
    std::vector<float> v(static_cast<std::size_t>(n));
    for (int i = 0; i < n; ++i)
        v[static_cast<std::size_t>(i)] = start + static_cast<float>(i);
    return v;
}

} // namespace

class TestExecutorEdgeCases : public QObject {
    Q_OBJECT
private:
    QTemporaryDir dir;

    std::shared_ptr<const Model> save(const onnx::ModelProto& m, const char* name)
    {
        const std::string path = dir.filePath(name).toStdString();
        fixtures::save(m, path);
        return Model::load(path);
    }

    std::vector<double> run(const std::shared_ptr<const Model>& model, const std::map<std::string, HostTensor>& in)
    {
        Executor executor(model);
        return executor.run(in)[0].toDoubles();
    }

    void expectFailure(const std::function<void()>& f, const QString& phrase)
    {
        try {
            f();
        } catch (const std::exception& e) {
            QVERIFY2(QString(e.what()).contains(phrase), e.what());
            return;
        }
        QFAIL("no error");
    }

private slots:
    void matMulOfTwoVectorsIsADotProduct()
    {
        onnx::ModelProto m = fixtures::makeModel();
        fixtures::addInput(m, "a", {4});
        fixtures::addInput(m, "b", {4});
        fixtures::addNode(m, "MatMul", {"a", "b"}, {"y"});
        fixtures::addOutput(m, "y");
        Executor executor(save(m, "dot.onnx"));
        const HostTensor y = executor.run({{"a", floats({4}, {1, 2, 3, 4})}, {"b", floats({4}, {1, 1, 1, 2})}})[0];
        QCOMPARE(y.rank(), std::size_t(0));
        QCOMPARE(y.toDoubles(), std::vector<double>{14.0}); // 1+2+3+8
    }

    // A convolution whose weights another convolution computes: the weights must be read in
    // their logical layout even though convolutions produce channels-last tensors.
    void convolutionWeightsComputedAtRunTime()
    {
        onnx::ModelProto m = fixtures::makeModel();
        fixtures::addInput(m, "a", {2, 1, 1, 1});
        fixtures::addInput(m, "x", {1, 1, 1, 1});
        fixtures::addInitializer(m, "w0", {1, 1, 1, 1}, 3.0f);
        fixtures::addNode(m, "Conv", {"a", "w0"}, {"w"}); // w = 3a, shape (2,1,1,1)
        fixtures::addNode(m, "Conv", {"x", "w"}, {"y"});
        fixtures::addOutput(m, "y");
        const auto model = save(m, "weights.onnx");
        const std::vector<double> y = run(model, {{"a", floats({2, 1, 1, 1}, {1, 2})}, {"x", floats({1, 1, 1, 1}, {5})}});
        QCOMPARE(y, (std::vector<double>{15.0, 30.0}));
    }

    // count_include_pad counts the given pads, never the overhang ceil_mode adds past them.
    void averagePoolCeilModeIncludingPads()
    {
        onnx::ModelProto m = fixtures::makeModel();
        fixtures::addInput(m, "x", {1, 1, 1, 7});
        auto* pool = fixtures::addNode(m, "AveragePool", {"x"}, {"y"});
        fixtures::setInts(pool, "kernel_shape", {1, 2});
        fixtures::setInts(pool, "strides", {1, 2});
        fixtures::setInt(pool, "ceil_mode", 1);
        fixtures::setInt(pool, "count_include_pad", 1);
        fixtures::addOutput(m, "y");
        QCOMPARE(run(save(m, "avg.onnx"), {{"x", floats({1, 1, 1, 7}, iota(7))}}),
                 (std::vector<double>{1.5, 3.5, 5.5, 7.0}));

        // with a real pad of 1 on the left: windows [0,1] [2,3] [4,5] [6,7], the 0 counted
        onnx::ModelProto p = fixtures::makeModel();
        fixtures::addInput(p, "x", {1, 1, 1, 7});
        auto* padded = fixtures::addNode(p, "AveragePool", {"x"}, {"y"});
        fixtures::setInts(padded, "kernel_shape", {1, 2});
        fixtures::setInts(padded, "strides", {1, 2});
        fixtures::setInts(padded, "pads", {0, 1, 0, 0});
        fixtures::setInt(padded, "ceil_mode", 1);
        fixtures::setInt(padded, "count_include_pad", 1);
        fixtures::addOutput(p, "y");
        QCOMPARE(run(save(p, "avgpad.onnx"), {{"x", floats({1, 1, 1, 7}, iota(7))}}),
                 (std::vector<double>{0.5, 2.5, 4.5, 6.5}));
    }

    void nodesWithTooFewInputsAreReportedNotRun()
    {
        onnx::ModelProto m = fixtures::makeModel();
        fixtures::addInput(m, "x", {1, 2, 2, 2});
        fixtures::addInitializer(m, "s", {2});
        fixtures::addInitializer(m, "b", {2});
        fixtures::addNode(m, "BatchNormalization", {"x", "s", "b"}, {"y"}, "bn");
        fixtures::addOutput(m, "y");
        const auto model = save(m, "bn3.onnx");
        const auto reports = Executor::unsupportedNodes(*model);
        QCOMPARE(reports.size(), std::size_t(1));
        QVERIFY(QString::fromStdString(reports[0].reason).contains("3 inputs"));
        expectFailure([&] { Executor e(model); }, "node 'bn' (BatchNormalization)");
    }

    void hugeTensorsAreRefused()
    {
        onnx::ModelProto m = fixtures::makeModel();
        fixtures::addInput(m, "shape", {1}, onnx::TensorProto::INT64);
        fixtures::addNode(m, "ConstantOfShape", {"shape"}, {"y"});
        fixtures::addOutput(m, "y");
        Executor executor(save(m, "huge.onnx"));
        const HostTensor shape = HostTensor::fromValues<int64_t>(DataType::Int64, {1}, std::vector<int64_t>{int64_t(1) << 62});
        expectFailure([&] { executor.run({{"shape", shape}}); }, "too large");
    }

    void transposeNeedsAPermutation()
    {
        onnx::ModelProto m = fixtures::makeModel();
        fixtures::addInput(m, "x", {2, 2});
        fixtures::setInts(fixtures::addNode(m, "Transpose", {"x"}, {"y"}), "perm", {0, 0});
        fixtures::addOutput(m, "y");
        const auto model = save(m, "perm.onnx");
        expectFailure([&] { run(model, {{"x", floats({2, 2}, iota(4))}}); }, "not a permutation");
    }

    void sparseInitializersAreReportedNotRun()
    {
        onnx::ModelProto m = fixtures::makeModel();
        fixtures::addInput(m, "x", {4});
        auto* sparse = m.mutable_graph()->add_sparse_initializer();
        sparse->add_dims(4);
        auto* values = sparse->mutable_values();
        values->set_name("s");
        values->set_data_type(onnx::TensorProto::FLOAT);
        values->add_dims(1);
        values->add_float_data(5.0f);
        auto* indices = sparse->mutable_indices();
        indices->set_data_type(onnx::TensorProto::INT64);
        indices->add_dims(1);
        indices->add_int64_data(1);
        fixtures::addNode(m, "Add", {"x", "s"}, {"y"}, "add");
        fixtures::addOutput(m, "y");
        const auto model = save(m, "sparse.onnx");
        QCOMPARE(summariseModel(*model).layers.size(), std::size_t(1)); // inspecting works
        expectFailure([&] { Executor e(model); }, "sparse initializer");
    }

    void convolutionBiasMustMatchChannels()
    {
        onnx::ModelProto m = fixtures::makeModel();
        fixtures::addInput(m, "x", {1, 2, 4, 4});
        fixtures::addInitializer(m, "w", {8, 2, 1, 1});
        fixtures::addInitializer(m, "b", {1});
        fixtures::addNode(m, "Conv", {"x", "w", "b"}, {"y"});
        fixtures::addOutput(m, "y");
        const auto model = save(m, "bias.onnx");
        expectFailure([&] { run(model, {{"x", floats({1, 2, 4, 4}, iota(32))}}); }, "8 output channels");
    }

    // No opset import: the newest default-domain rules apply (Unsqueeze takes axes as input).
    void modelsWithoutOpsetUseTheNewestRules()
    {
        onnx::ModelProto m = fixtures::makeModel();
        m.clear_opset_import();
        fixtures::addInput(m, "x", {2});
        fixtures::addInt64Initializer(m, "axes", {0});
        fixtures::addNode(m, "Unsqueeze", {"x", "axes"}, {"y"});
        fixtures::addOutput(m, "y");
        const auto model = save(m, "noopset.onnx");
        QVERIFY(model->opsetVersion("") >= 13);
        Executor executor(model);
        QCOMPARE(executor.run({{"x", floats({2}, {1, 2})}})[0].dims(), (std::vector<int64_t>{1, 2}));
    }

    void sliceWithAHugeStep()
    {
        onnx::ModelProto m = fixtures::makeModel();
        fixtures::addInput(m, "x", {4});
        fixtures::addInt64Initializer(m, "starts", {0});
        fixtures::addInt64Initializer(m, "ends", {4});
        fixtures::addInt64Initializer(m, "axes", {0});
        fixtures::addInt64Initializer(m, "steps", {INT64_MAX});
        fixtures::addNode(m, "Slice", {"x", "starts", "ends", "axes", "steps"}, {"y"});
        fixtures::addOutput(m, "y");
        QCOMPARE(run(save(m, "slice.onnx"), {{"x", floats({4}, iota(4))}}), std::vector<double>{1.0});
    }
};

QTEST_GUILESS_MAIN(TestExecutorEdgeCases)
#include "tst_executor_edge_cases.moc"
