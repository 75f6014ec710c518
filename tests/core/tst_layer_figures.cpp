// Layer figures against hand-computed values, and model totals against published counts.
#include "OnnxFixtures.h"

#include "layers/ModelSummary.h"
#include "model/Model.h"

#include <QtTest>

#include <fstream>

using namespace foldwise;

namespace {

const LayerFigures& layerNamed(const ModelSummary& s, const std::string& name)
{
    for (const LayerFigures& f : s.layers)
        if (f.name == name)
            return f;
    throw std::runtime_error("no layer " + name);
}

// Element count of every floating-point initializer, read straight from the protobuf.
int64_t floatInitializerElements(const std::string& file)
{
    onnx::ModelProto m;
    std::ifstream in(file, std::ios::binary);
    if (!m.ParseFromIstream(&in))
        throw std::runtime_error("cannot parse " + file);
    int64_t total = 0;
    for (const auto& t : m.graph().initializer()) {
        if (t.data_type() != onnx::TensorProto::FLOAT)
            continue;
        int64_t n = 1;
        for (int64_t d : t.dims())
            n *= d;
        total += n;
    }
    return total;
}

QString generatedModel(const char* name)
{
    return QString(FOLDWISE_MODELS_DIR) + "/" + name;
}

} // namespace

class TestLayerFigures : public QObject {
    Q_OBJECT
private:
    QTemporaryDir dir;

    ModelSummary summarise(const onnx::ModelProto& m, const char* file)
    {
        const std::string path = dir.filePath(file).toStdString();
        fixtures::save(m, path);
        return summariseModel(*Model::load(path));
    }

private slots:
    void convolutions()
    {
        onnx::ModelProto m = fixtures::makeModel();
        fixtures::addInput(m, "img", {1, 3, 224, 224});
        fixtures::addConv(m, "stem", "img", "s", 3, 64, 7, 2, 3);        // ResNet stem
        fixtures::addConv(m, "dw", "s", "d", 64, 64, 3, 1, 1, 64);        // depthwise
        fixtures::addConv(m, "grouped", "d", "g", 64, 128, 3, 1, 1, 4);  // 4 groups
        fixtures::addConv(m, "pw", "g", "out", 128, 32, 1);              // pointwise
        fixtures::addOutput(m, "out");
        const ModelSummary s = summarise(m, "convs.onnx");

        const LayerFigures& stem = layerNamed(s, "stem");
        QCOMPARE(stem.outputShape.toString(), std::string("1x64x112x112"));
        // 64*112*112 outputs x 3 input channels x 49 taps
        QCOMPARE(stem.macs.value(), int64_t(64) * 112 * 112 * 3 * 49);
        QCOMPARE(stem.weights, int64_t(64 * 3 * 7 * 7));
        QCOMPARE(stem.biases, int64_t(64));
        QCOMPARE(stem.kernel, (std::vector<int64_t>{7, 7}));
        QCOMPARE(stem.strides, (std::vector<int64_t>{2, 2}));
        QCOMPARE(stem.kind, LayerKind::Convolution);

        const LayerFigures& dw = layerNamed(s, "dw");
        QCOMPARE(dw.variant, std::string("depthwise"));
        QCOMPARE(dw.macs.value(), int64_t(64) * 112 * 112 * 1 * 9); // one input channel per filter
        QCOMPARE(dw.weights, int64_t(64 * 9));

        const LayerFigures& grouped = layerNamed(s, "grouped");
        QCOMPARE(grouped.variant, std::string("grouped"));
        QCOMPARE(grouped.macs.value(), int64_t(128) * 112 * 112 * 16 * 9); // 64/4 channels per group
        QCOMPARE(grouped.groups, int64_t(4));

        const LayerFigures& pw = layerNamed(s, "pw");
        QCOMPARE(pw.macs.value(), int64_t(32) * 112 * 112 * 128);
        QCOMPARE(pw.inputActivations.value(), int64_t(128) * 112 * 112);
        QCOMPARE(pw.outputActivations.value(), int64_t(32) * 112 * 112);
        QCOMPARE(pw.channelsIn.value(), int64_t(128));
        QCOMPARE(pw.channelsOut.value(), int64_t(32));

        QCOMPARE(s.totals.macs, stem.macs.value() + dw.macs.value() + grouped.macs.value() + pw.macs.value());
        QCOMPARE(s.totals.params, int64_t(64 * 147 + 64 + 64 * 9 + 64 + 128 * 16 * 9 + 128 + 32 * 128 + 32));
    }

    void convTranspose()
    {
        onnx::ModelProto m = fixtures::makeModel();
        fixtures::addInput(m, "x", {1, 8, 4, 4});
        fixtures::addInitializer(m, "W", {8, 4, 2, 2});
        auto* n = fixtures::addNode(m, "ConvTranspose", {"x", "W"}, {"y"}, "up");
        fixtures::setInts(n, "strides", {2, 2});
        fixtures::addOutput(m, "y");
        const ModelSummary s = summarise(m, "convt.onnx");
        const LayerFigures& up = layerNamed(s, "up");
        QCOMPARE(up.outputShape.toString(), std::string("1x4x8x8"));
        // each of the 128 input elements meets 4 output channels x 4 taps
        QCOMPARE(up.macs.value(), int64_t(128 * 4 * 4));
    }

    void fullyConnected()
    {
        onnx::ModelProto m = fixtures::makeModel();
        fixtures::addInput(m, "feat", {1, 512});
        fixtures::addInitializer(m, "fcW", {1000, 512});
        fixtures::addInitializer(m, "fcB", {1000});
        auto* gemm = fixtures::addNode(m, "Gemm", {"feat", "fcW", "fcB"}, {"logits"}, "fc");
        fixtures::setInt(gemm, "transB", 1);
        fixtures::addInput(m, "seq", {2, 3, 64});
        fixtures::addInitializer(m, "proj", {64, 32});
        fixtures::addNode(m, "MatMul", {"seq", "proj"}, {"p"}, "projection");
        fixtures::addNode(m, "Transpose", {"p"}, {"pt"}, "t");
        fixtures::addNode(m, "MatMul", {"p", "pt"}, {"attn"}, "attention");
        fixtures::addOutput(m, "logits");
        fixtures::addOutput(m, "attn");
        // Transpose with no perm reverses all axes: (2,3,32) -> (32,3,2); MatMul needs matching batch dims,
        // so give it an explicit perm instead.
        fixtures::setInts(m.mutable_graph()->mutable_node(2), "perm", {0, 2, 1});
        const ModelSummary s = summarise(m, "fc.onnx");

        const LayerFigures& fc = layerNamed(s, "fc");
        QCOMPARE(fc.kind, LayerKind::FullyConnected);
        QCOMPARE(fc.macs.value(), int64_t(512000));
        QCOMPARE(fc.params(), int64_t(513000));

        const LayerFigures& proj = layerNamed(s, "projection");
        QCOMPARE(proj.kind, LayerKind::FullyConnected);
        QCOMPARE(proj.macs.value(), int64_t(2 * 3 * 32 * 64));
        QCOMPARE(proj.weights, int64_t(64 * 32));

        const LayerFigures& attn = layerNamed(s, "attention");
        QCOMPARE(attn.kind, LayerKind::MatMul);
        QCOMPARE(attn.outputShape.toString(), std::string("2x3x3"));
        QCOMPARE(attn.macs.value(), int64_t(2 * 3 * 3 * 32));
        QCOMPARE(attn.params(), int64_t(0));
    }

    void activationsAndRelu6()
    {
        onnx::ModelProto m = fixtures::makeModel(14); // HardSwish exists from opset 14
        fixtures::addInput(m, "x", {1, 8});
        auto* lo = m.mutable_graph()->add_initializer();
        lo->set_name("zero");
        lo->set_data_type(onnx::TensorProto::FLOAT);
        lo->add_float_data(0.0f);
        auto* hi = m.mutable_graph()->add_initializer();
        hi->set_name("six");
        hi->set_data_type(onnx::TensorProto::FLOAT);
        hi->add_float_data(6.0f);
        fixtures::addNode(m, "Clip", {"x", "zero", "six"}, {"a"}, "relu6");
        fixtures::addNode(m, "Clip", {"a", "zero", ""}, {"b"}, "relu_clip");
        fixtures::addNode(m, "HardSwish", {"b"}, {"c"}, "hs");
        fixtures::addOutput(m, "c");
        const ModelSummary s = summarise(m, "act.onnx");
        QCOMPARE(layerNamed(s, "relu6").variant, std::string("ReLU6"));
        QCOMPARE(layerNamed(s, "relu6").kind, LayerKind::Activation);
        QCOMPARE(layerNamed(s, "relu_clip").variant, std::string());
        QCOMPARE(layerNamed(s, "hs").kind, LayerKind::Activation);
        QCOMPARE(s.totals.params, int64_t(0)); // clip bounds are not parameters
    }

    void unknownShapesGiveUnknownMacs()
    {
        onnx::ModelProto m = fixtures::makeModel();
        auto* in = fixtures::addInput(m, "img", {1, 3});
        auto* shape = in->mutable_type()->mutable_tensor_type()->mutable_shape();
        shape->add_dim()->set_dim_param("H");
        shape->add_dim()->set_dim_param("W");
        fixtures::addConv(m, "conv", "img", "out", 3, 8, 3);
        fixtures::addOutput(m, "out");
        const ModelSummary s = summarise(m, "unknown.onnx");
        QVERIFY(!layerNamed(s, "conv").macs.has_value());
        QCOMPARE(s.totals.layersWithUnknownMacs, int64_t(1));
        QCOMPARE(s.totals.macs, int64_t(0));
    }

    void generatedModels_data()
    {
        QTest::addColumn<QString>("file");
        QTest::addColumn<qint64>("macs");
        QTest::addColumn<int>("convs");
        // MAC totals published with the models (Conv + Gemm/MatMul layers).
        QTest::newRow("resnet18") << generatedModel("resnet18.onnx") << qint64(1814073344) << 20;
        QTest::newRow("mobilenet_v2") << generatedModel("mobilenet_v2.onnx") << qint64(300774272) << 52;
    }
    void generatedModels()
    {
        QFETCH(QString, file);
        QFETCH(qint64, macs);
        QFETCH(int, convs);
        const auto model = Model::load(file.toStdString());
        const ModelSummary s = summariseModel(*model);
        QCOMPARE(s.totals.macs, int64_t(macs));
        QCOMPARE(s.totals.nodesByKind.at(LayerKind::Convolution), int64_t(convs));
        QCOMPARE(s.totals.layersWithUnknownMacs, int64_t(0));
        // every float initializer in these exports is a conv/fc weight or bias
        QCOMPARE(s.totals.params, floatInitializerElements(file.toStdString()));
    }

    void batchScalesMacs()
    {
        const QString file = generatedModel("resnet18.onnx");
        LoadOptions options;
        options.inputShapes.push_back(InputShapeOverride{"input", {4, 3, 224, 224}});
        const auto model = Model::load(file.toStdString(), options);
        QCOMPARE(summariseModel(*model).totals.macs, int64_t(4) * 1814073344);
    }
};

QTEST_GUILESS_MAIN(TestLayerFigures)
#include "tst_layer_figures.moc"
