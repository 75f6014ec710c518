// Common CNN topologies as torchvision exports them (tests/data/torchvision): every tensor gets a
// static shape although the exports compute shapes at run time (ShuffleNetV2's channel split is
// Shape -> Gather -> Div -> Slice), so the MACs equal those of onnxruntime's actual run
// (tests/reference/torchvision/macs.json), and the folded constants compute what onnxruntime
// computes (logits on the formula input). The simplified model (inspect --simplify) keeps both.
#include "FormulaInput.h"
#include "TorchvisionModels.h"
#include "data/NpyFile.h"
#include "exec/Executor.h"
#include "layers/ModelSummary.h"
#include "model/Model.h"
#include "passes/ModelSimplification.h"

#include <onnx/onnx_pb.h>

#include <QtTest>

#include <cmath>

using namespace foldwise;

namespace {

// Largest difference to onnxruntime's logits, relative to the largest logit.
double logitError(const Model& model, const QString& name)
{
    const Tensor& input = model.graph().tensor(model.graph().inputs()[0]);
    Executor executor(std::shared_ptr<const Model>(&model, [](const Model*) {}));
    const std::vector<HostTensor> out = executor.run({{input.name, formulaInput(input.shape.values())}});
    const HostTensor want = readNpy((QString(FOLDWISE_SOURCE_DIR) + "/tests/reference/torchvision/" + name + "_logits.npy").toStdString());
    if (out[0].dims() != want.dims())
        return INFINITY;
    const std::vector<double> g = out[0].toDoubles(), w = want.toDoubles();
    double maxError = 0, scale = 1e-6;
    for (std::size_t i = 0; i < g.size(); ++i) {
        maxError = std::max(maxError, std::fabs(g[i] - w[i]));
        scale = std::max(scale, std::fabs(w[i]));
    }
    return maxError / scale;
}

} // namespace

class TestTorchvisionModels : public QObject {
    Q_OBJECT
private slots:
    void macsEqualOnnxruntimeRunShapes_data()
    {
        fixtures::addModelRows();
    }
    void macsEqualOnnxruntimeRunShapes()
    {
        QFETCH(QString, name);
        const auto model = Model::load(fixtures::torchvisionModelPath(name));
        const Graph& g = model->graph();
        // Every tensor the model computes at run time has a static shape.
        for (const Tensor& t : g.tensors())
            if (!g.isConstant(g.findTensor(t.name).value()))
                QVERIFY2(t.hasShape && t.shape.isStatic(), qPrintable(QString::fromStdString(t.name)));
        const ModelSummary summary = summariseModel(*model);
        const QJsonObject reference = fixtures::onnxruntimeMacs(name);
        const QJsonObject perNode = reference["per_node"].toObject();
        QCOMPARE(summary.totals.layersWithUnknownMacs, 0);
        int layers = 0;
        for (const LayerFigures& f : summary.layers) {
            if (!f.macs || *f.macs == 0)
                continue;
            ++layers;
            const QString node = QString::fromStdString(f.name);
            QVERIFY2(perNode.contains(node), qPrintable(node));
            QCOMPARE(*f.macs, perNode[node].toInteger());
        }
        QCOMPARE(layers, reference["layers"].toInt());
        QCOMPARE(summary.totals.macs, reference["total_macs"].toInteger());
    }

    // The executor skips the folded nodes and reads their constants instead: the logits show
    // that the folding computed what onnxruntime computes at run time.
    void logitsMatchOnnxruntime_data()
    {
        fixtures::addModelRows({"shufflenet_v2_x1_0", "efficientnet_b0", "regnet_y_400mf", "densenet121", "googlenet"});
    }
    void logitsMatchOnnxruntime()
    {
        QFETCH(QString, name);
        const auto model = Model::load(fixtures::torchvisionModelPath(name));
        const double error = logitError(*model, name);
        qInfo("max error %.3g of the largest logit", error);
        QVERIFY2(error < 1e-3, qPrintable(QString::number(error)));
    }

    // inspect --simplify: the shape computations become initializers, the batch dim is fixed,
    // and the simplified model computes the same MACs and logits.
    void simplifiedModelKeepsMacsAndLogits_data()
    {
        QTest::addColumn<QString>("name");
        QTest::addColumn<int>("minFolded");
        QTest::newRow("shufflenet_v2_x1_0") << "shufflenet_v2_x1_0" << 300;
        QTest::newRow("efficientnet_b0") << "efficientnet_b0" << 0;
    }
    void simplifiedModelKeepsMacsAndLogits()
    {
        QFETCH(QString, name);
        QFETCH(int, minFolded);
        const auto model = Model::load(fixtures::torchvisionModelPath(name));
        const passes::PassResult result = passes::simplifyModel(*model);
        QVERIFY(result.changes >= minFolded);
        const Model& simple = *result.model;
        // Dead Constant nodes (the shape arithmetic's operands) go too.
        QVERIFY(simple.graph().nodes().size() + static_cast<std::size_t>(result.changes) <= model->graph().nodes().size());
        for (const Node& n : simple.graph().nodes()) {
            QVERIFY2(n.opType != "Shape", n.name.c_str());
            bool allConstant = !n.inputs.empty();
            for (TensorId t : n.inputs)
                allConstant = allConstant && (t == kNoId || simple.graph().isConstant(t));
            QVERIFY2(!allConstant, n.name.c_str());
        }
        const QVector<int64_t> dims{1, 3, 224, 224};
        const Tensor& input = simple.graph().tensor(simple.graph().inputs()[0]);
        QCOMPARE(input.shape.values(), std::vector<int64_t>(dims.begin(), dims.end()));
        QCOMPARE(result.proto->graph().input(0).type().tensor_type().shape().dim(0).dim_value(), int64_t{1});
        QCOMPARE(summariseModel(simple).totals.macs, fixtures::onnxruntimeMacs(name)["total_macs"].toInteger());
        const double error = logitError(simple, name);
        QVERIFY2(error < 1e-3, qPrintable(QString::number(error)));
    }
};

QTEST_GUILESS_MAIN(TestTorchvisionModels)
#include "tst_torchvision_models.moc"
