// Loading QONNX and FINN-ONNX models: shapes through quantizers in every domain they appear in,
// parameters behind quantizers, MACs against counts worked out from each architecture, bit
// widths as the files state them, and clear errors for quantizers Foldwise cannot use.
#include "data/NpyFile.h"
#include "exec/Executor.h"
#include "profile/ReluThresholds.h"
#include "layers/ModelSummary.h"
#include "model/Model.h"
#include "model/ModelError.h"
#include "ErrorExpectation.h"
#include "OnnxFixtures.h"
#include "QonnxFixtures.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QtTest>

#include <onnx/onnx_pb.h>

#include <fstream>
#include <set>

using namespace foldwise;

namespace {

const std::string kReal = std::string(FOLDWISE_SOURCE_DIR) + "/tests/data/qonnx/real/";

const LayerFigures& layer(const ModelSummary& s, const std::string& name)
{
    for (const LayerFigures& f : s.layers)
        if (f.name == name)
            return f;
    throw std::runtime_error("no layer " + name);
}

std::string format(const std::optional<qonnx::NumberFormat>& f)
{
    return f ? f->finnName() : "float";
}

// Parameters counted straight from the protobuf: every float initializer of more than one
// element (QONNX's scales, zero points and bit widths are scalars or [1]), and the single
// values of plain arithmetic (Foldwise's convention counts a Mul's constant as a parameter).
int64_t protobufParameters(const std::string& file)
{
    const onnx::ModelProto m = fixtures::readModel(file);
    std::set<std::string> arithmetic;
    for (const auto& n : m.graph().node())
        if (n.domain().empty() && (n.op_type() == "Mul" || n.op_type() == "Add" || n.op_type() == "Sub"
                                   || n.op_type() == "Div" || n.op_type() == "Pow"))
            for (const auto& i : n.input())
                arithmetic.insert(i);
    int64_t total = 0;
    for (const auto& t : m.graph().initializer()) {
        int64_t n = 1;
        for (int64_t d : t.dims())
            n *= d;
        if (t.data_type() == onnx::TensorProto::FLOAT && (n > 1 || arithmetic.count(t.name())))
            total += n;
    }
    return total;
}

// A QONNX model with one Quant on its input: x [1,4] -> Quant(scale, zp, bits) -> y.
onnx::ModelProto quantModel(const std::string& domain)
{
    onnx::ModelProto m = fixtures::makeModel(11);
    fixtures::addInput(m, "x", {1, 4});
    fixtures::addInitializer(m, "scale", {}, 0.5f);
    fixtures::addInitializer(m, "zeropt", {}, 0.0f);
    fixtures::addInitializer(m, "bits", {}, 4.0f);
    auto* q = fixtures::addNode(m, "Quant", {"x", "scale", "zeropt", "bits"}, {"y"}, "the_quant");
    q->set_domain(domain);
    fixtures::setInt(q, "signed", 1);
    fixtures::addOutput(m, "y");
    return m;
}

QString runError(const onnx::ModelProto& m, const QString& file)
{
    fixtures::save(m, file.toStdString());
    try {
        const auto model = Model::load(file.toStdString());
        Executor executor(model);
        executor.run({{"x", HostTensor::allocate(DataType::Float, {1, 4})}});
    } catch (const ModelError& e) {
        return e.what();
    }
    return {};
}

} // namespace

class TestQonnxModel : public QObject {
    Q_OBJECT
private slots:
    // Brevitas VGG10 for RadioML (1-D): Quant in the default domain, a bias bit width computed
    // by Ceil of a constant, weights behind Quant and Transpose.
    void radiomlFigures()
    {
        const std::string file = kReal + "radioml_vgg10_w8a8.onnx";
        const auto model = Model::load(file);
        const ModelSummary s = summariseModel(*model);
        // 7 convolutions, kernel 3, padding 1, each followed by pooling by 2: C_out*L*C_in*3.
        int64_t macs = 64 * 1024 * 2 * 3;
        for (int64_t length = 512; length >= 16; length /= 2)
            macs += 64 * length * 64 * 3;
        macs += 512 * 128 + 128 * 128 + 128 * 24; // the three fully connected layers
        QCOMPARE(s.totals.macs, macs);
        QCOMPARE(s.totals.layersWithUnknownMacs, 0);
        QCOMPARE(s.totals.params, protobufParameters(file));
        QCOMPARE(s.totals.customNodes, 0);
        QVERIFY(s.totals.quantized);
        // Weights: signed 8-bit narrow; the first layer reads the signed input quantizer's INT8,
        // the others unsigned 8-bit activations (through the max pooling).
        QCOMPARE(format(layer(s, "Conv_8").weightFormat), std::string("INT8"));
        QCOMPARE(format(layer(s, "Conv_8").inputFormat), std::string("INT8"));
        QCOMPARE(format(layer(s, "Conv_20").inputFormat), std::string("UINT8"));
        QCOMPARE(format(layer(s, "Conv_20").outputFormat), std::string("float")); // the accumulator
        QCOMPARE(format(layer(s, "MatMul_94").weightFormat), std::string("INT8"));
        QCOMPARE(*layer(s, "Conv_20").bops, *layer(s, "Conv_20").macs * 8 * 8);
        QCOMPARE(*layer(s, "Conv_20").weightMemoryBits, int64_t{64 * 64 * 3 * 8});
        QCOMPARE(layer(s, "Gemm_122").biases, int64_t{24}); // the bias behind its 23-bit Quant
        QCOMPARE(layer(s, "Gemm_122").kind, LayerKind::FullyConnected);
        for (const std::string& w : model->warnings())
            QVERIFY2(w.find("onnx.brevitas") == std::string::npos && w.find("Quant") == std::string::npos, w.c_str());
    }

    // Brevitas TFC (1-bit): BipolarQuant in onnx.brevitas (not imported by the file), a
    // flatten computed with Shape/Gather/Concat at run time.
    void tfcBinaryFigures()
    {
        const std::string file = kReal + "qonnxzoo_TFC_1W1A.onnx";
        const auto model = Model::load(file);
        const ModelSummary s = summariseModel(*model);
        QCOMPARE(s.totals.macs, int64_t{784 * 64 + 64 * 64 + 64 * 64 + 64 * 10});
        QCOMPARE(s.totals.layersWithUnknownMacs, 0);
        // The flatten's Concat operand [-1] is shape arithmetic, folded at load: not a parameter.
        QCOMPARE(s.totals.params, protobufParameters(file) - 1);
        for (const char* name : {"MatMul_16", "MatMul_24", "MatMul_32", "MatMul_40"}) {
            QCOMPARE(format(layer(s, name).weightFormat), std::string("BIPOLAR"));
            QCOMPARE(format(layer(s, name).inputFormat), std::string("BIPOLAR"));
            QCOMPARE(*layer(s, name).bops, *layer(s, name).macs); // 1 x 1 bit
        }
        for (const std::string& w : model->warnings())
            QVERIFY2(w.find("checker") == std::string::npos, w.c_str());
    }

    // FINN-ONNX after streamlining: MultiThreshold activations, integer weights annotated
    // with finn_datatype INT2.
    void finnOnnxAnnotations()
    {
        const auto model = Model::load(kReal + "labs_tfc_w2a2.onnx");
        const ModelSummary s = summariseModel(*model);
        QCOMPARE(s.totals.macs, int64_t{784 * 64 + 64 * 64 * 2 + 64 * 10});
        QCOMPARE(format(layer(s, "MatMul_0").weightFormat), std::string("INT2"));
        QCOMPARE(format(layer(s, "MultiThreshold_1").outputFormat), std::string("UINT2"));
        QCOMPARE(layer(s, "MultiThreshold_1").kind, LayerKind::Quantizer);
    }

    // hls4ml's channels-last export: Conv in qonnx.custom_op.channels_last on NHWC tensors
    // with OHWI weights, depthwise and pointwise (a separable convolution).
    void channelsLastFigures()
    {
        const auto model = Model::load(kReal + "hls4ml_separable_conv_model_ch_last.onnx");
        const ModelSummary s = summariseModel(*model);
        const int64_t pixels = 512 * 512;
        QCOMPARE(layer(s, "Conv_0").macs, std::optional<int64_t>(pixels * 3 * 9));  // depthwise 3x3 on 3 channels
        QCOMPARE(layer(s, "Conv_1").macs, std::optional<int64_t>(pixels * 16 * 3)); // pointwise 3 -> 16
        QCOMPARE(layer(s, "Conv_2").macs, std::optional<int64_t>(pixels * 16 * 9)); // depthwise 3x3 on 16
        QCOMPARE(layer(s, "Conv_3").macs, std::optional<int64_t>(pixels * 16 * 16));
        QCOMPARE(layer(s, "Conv_2").variant, std::string("depthwise"));
        QCOMPARE(layer(s, "Conv_1").channelsIn, std::optional<int64_t>(3));
        QCOMPARE(layer(s, "Conv_1").channelsOut, std::optional<int64_t>(16));
        QCOMPARE(format(layer(s, "Conv_1").weightFormat), std::string("INT4"));
        QCOMPARE(s.totals.customNodes, 0);
    }

    // QKeras: a 1-bit signed narrow Quant on weights (qonnx executes it as bipolar).
    void qkerasBits()
    {
        const auto model = Model::load(kReal + "qonnx_qkeras_qconv2d_conversion.onnx");
        const ModelSummary s = summariseModel(*model);
        QCOMPARE(format(layer(s, "Conv_0").weightFormat), std::string("BIPOLAR"));
        QCOMPARE(format(layer(s, "Conv_1").weightFormat), std::string("INT6"));
        QCOMPARE(format(layer(s, "MatMul_0").inputFormat), std::string("UINT6"));
        QCOMPARE(layer(s, "Conv_1").macs, std::optional<int64_t>(64 * 7 * 7 * 32 * 4));
        // The 1-bit weights are counted although their Quant stores its scale as int64.
        QCOMPARE(layer(s, "Conv_0").params(), int64_t{32 * 2 * 2 + 32});
    }

    void quantizerInEveryDomainRuns()
    {
        QTemporaryDir dir;
        for (const std::string domain : {"", "onnx.brevitas", "qonnx.custom_op.general", "finn.custom_op.general"}) {
            const QString file = dir.filePath("q.onnx");
            fixtures::save(quantModel(domain), file.toStdString());
            const auto model = Model::load(file.toStdString());
            Executor executor(model);
            const auto out = executor.run({{"x", HostTensor::fromValues<float>(DataType::Float, {1, 4}, {0.3f, -0.3f, 1.25f, 100.0f})}});
            QCOMPARE(out[0].toDoubles(), (std::vector<double>{0.5, -0.5, 1.0, 3.5}));
            QCOMPARE(format(model->numberFormat(*model->graph().findTensor("y"))), std::string("INT4"));
        }
    }

    // Bad quantizers: one error naming the node and the file; the model still inspects.
    void badQuantizersAreNamed()
    {
        QTemporaryDir dir;
        const QString file = dir.filePath("bad.onnx");
        onnx::ModelProto nonConstant = quantModel("qonnx.custom_op.general");
        fixtures::addInput(nonConstant, "bits_in", {});
        nonConstant.mutable_graph()->mutable_node(0)->set_input(3, "bits_in");
        QString e = runError(nonConstant, file);
        QVERIFY2(e.contains("the_quant") && e.contains("bad.onnx") && e.contains("not a constant"), qPrintable(e));
        QCOMPARE(summariseModel(*Model::load(file.toStdString())).totals.nodes, int64_t{1});

        onnx::ModelProto rounding = quantModel("qonnx.custom_op.general");
        auto* a = rounding.mutable_graph()->mutable_node(0)->add_attribute();
        a->set_name("rounding_mode");
        a->set_type(onnx::AttributeProto::STRING);
        a->set_s("STOCHASTIC");
        e = runError(rounding, file);
        QVERIFY2(e.contains("the_quant") && e.contains("unknown rounding mode 'STOCHASTIC'"), qPrintable(e));

        // An attribute of the wrong type is a problem, not silently the default (signed).
        const auto attributeOf = [](onnx::ModelProto& m, const std::string& name) {
            for (auto& existing : *m.mutable_graph()->mutable_node(0)->mutable_attribute())
                if (existing.name() == name)
                    return &existing;
            auto* added = m.mutable_graph()->mutable_node(0)->add_attribute();
            added->set_name(name);
            return added;
        };
        onnx::ModelProto typed = quantModel("qonnx.custom_op.general");
        auto* sign = attributeOf(typed, "signed");
        sign->set_type(onnx::AttributeProto::STRING);
        sign->set_s("0");
        e = runError(typed, file);
        QVERIFY2(e.contains("the_quant") && e.contains("attribute 'signed' has type string, not int"), qPrintable(e));
        onnx::ModelProto flag = quantModel("qonnx.custom_op.general");
        auto* narrow = attributeOf(flag, "narrow");
        narrow->set_type(onnx::AttributeProto::INT);
        narrow->set_i(7);
        e = runError(flag, file);
        QVERIFY2(e.contains("the_quant") && e.contains("attribute 'narrow' must be 0 or 1, not 7"), qPrintable(e));

        onnx::ModelProto wide = quantModel("qonnx.custom_op.general");
        wide.mutable_graph()->mutable_initializer(2)->set_raw_data(std::string(reinterpret_cast<const char*>(&kForty), 4));
        e = runError(wide, file);
        QVERIFY2(e.contains("the_quant") && e.contains("outside 1..32"), qPrintable(e));

        // A huge bit width is reported as it is (it was cast to long long: undefined behaviour).
        const float huge = 7e22f;
        wide.mutable_graph()->mutable_initializer(2)->set_raw_data(std::string(reinterpret_cast<const char*>(&huge), 4));
        e = runError(wide, file);
        QVERIFY2(e.contains("the bit width 7") && e.contains("e+22 is outside 1..32"), qPrintable(e));

        // A weight quantizer whose scale is missing is not folded at load (folding read the missing
        // operand's constant through a null pointer); the executor names the problem.
        onnx::ModelProto noScale = fixtures::makeModel(11);
        fixtures::addInitializer(noScale, "w", {4}, 1.0f);
        fixtures::addInitializer(noScale, "zeropt", {}, 0.0f);
        fixtures::addInitializer(noScale, "bits", {}, 4.0f);
        fixtures::addNode(noScale, "Quant", {"w", "", "zeropt", "bits"}, {"y"}, "the_quant")
            ->set_domain("qonnx.custom_op.general");
        fixtures::addOutput(noScale, "y");
        fixtures::save(noScale, file.toStdString());
        QVERIFY(!Model::load(file.toStdString())->isFolded(0));

        onnx::ModelProto thresholds = fixtures::makeModel(11);
        fixtures::addInput(thresholds, "x", {1, 4});
        fixtures::addInitializer(thresholds, "t", {3, 2}, 0.0f);
        auto* mt = fixtures::addNode(thresholds, "MultiThreshold", {"x", "t"}, {"y"}, "the_thresholds");
        mt->set_domain("qonnx.custom_op.general");
        auto* dtype = mt->add_attribute();
        dtype->set_name("out_dtype");
        dtype->set_type(onnx::AttributeProto::STRING);
        dtype->set_s("UINT2");
        fixtures::addOutput(thresholds, "y");
        e = runError(thresholds, file);
        QVERIFY2(e.contains("the_thresholds") && e.contains("3 rows") && e.contains("4 channels"), qPrintable(e));

        onnx::ModelProto unknown = fixtures::makeModel(11);
        fixtures::addInput(unknown, "x", {1, 4});
        fixtures::addNode(unknown, "Im2Col", {"x"}, {"y"}, "the_im2col")->set_domain("qonnx.custom_op.general");
        fixtures::addOutput(unknown, "y");
        e = runError(unknown, file);
        QVERIFY2(e.contains("the_im2col") && e.contains("custom domain"), qPrintable(e));
        const ModelSummary s = summariseModel(*Model::load(file.toStdString()));
        QCOMPARE(s.totals.customNodes, int64_t{1});
    }

    // foldwise-cli inspect --json carries the bit widths and BOPs.
    void inspectJsonHasBits()
    {
        QProcess p;
        p.start(FOLDWISE_CLI, {"inspect", QString::fromStdString(kReal + "radioml_vgg10_w8a8.onnx"), "--json"});
        QVERIFY(p.waitForFinished(60000));
        QCOMPARE(p.exitCode(), 0);
        const QJsonDocument doc = QJsonDocument::fromJson(p.readAllStandardOutput());
        bool found = false;
        for (const QJsonValue& l : doc["layers"].toArray()) {
            if (l["name"].toString() != "Conv_20")
                continue;
            found = true;
            QCOMPARE(l["weight_bits"].toInt(), 8);
            QCOMPARE(l["input_bits"].toInt(), 8);
            QVERIFY(l["output_bits"].isNull());
            QCOMPARE(l["weight_datatype"].toString(), QString("INT8"));
            QCOMPARE(l["bops"].toDouble(), l["macs"].toDouble() * 64);
        }
        QVERIFY(found);
        QVERIFY(doc["totals"]["quantized"].toBool());
        QVERIFY(doc["totals"]["bops"].toDouble() > 0);
    }

    // The profiler counts a quantised activation's zeros: the values whose integer is the zero
    // point (dequantised to exactly 0), not the integer 0.
    void profileCountsZeroPointValues()
    {
        QTemporaryDir dir;
        onnx::ModelProto m = fixtures::makeModel(11);
        fixtures::addInput(m, "x", {1, 4, 4, 4});
        fixtures::addQuant(m, "act_quant", "x", "xq", 0.5f, 2.0f, 4, false, false);
        fixtures::addConv(m, "conv", "xq", "y", 4, 4, 3, 1, 1);
        fixtures::addOutput(m, "y");
        const QString model = dir.filePath("zp.onnx");
        fixtures::save(m, model.toStdString());
        // Values around 0: q = round(2x + 2) is the zero point 2 exactly for x in [-0.25, 0.25].
        std::vector<float> x(2 * 64);
        int64_t expected = 0;
        for (std::size_t i = 0; i < x.size(); ++i) {
            x[i] = static_cast<float>(static_cast<int>(i % 17) - 8) * 0.0625f;
            expected += (x[i] >= -0.25f && x[i] <= 0.25f) ? 1 : 0;
        }
        writeNpy(dir.filePath("x.npy").toStdString(), HostTensor::fromValues<float>(DataType::Float, {2, 4, 4, 4}, x));
        QProcess p;
        p.start(FOLDWISE_CLI, {"profile", model, "--data", dir.filePath("x.npy"), "-o", dir.filePath("p.json")});
        QVERIFY(p.waitForFinished(60000));
        QVERIFY2(p.exitCode() == 0, p.readAllStandardError().constData());
        QFile f(dir.filePath("p.json"));
        QVERIFY(f.open(QIODevice::ReadOnly));
        bool found = false;
        for (const QJsonValue& t : QJsonDocument::fromJson(f.readAll())["tensors"].toArray())
            if (t["tensor"].toString() == "xq") {
                QCOMPARE(static_cast<int64_t>(t["zeros"].toDouble()), expected);
                found = true;
            }
        QVERIFY(found);
    }

    // The annotated model of a QONNX export (fpgaConvNet's channel_sparsity_hist on its Convs)
    // keeps every quantizer and computes the same outputs.
    void annotatedQonnxKeepsItsQuantizers()
    {
        QTemporaryDir dir;
        const std::string file = kReal + "radioml_vgg10_w8a8.onnx";
        QProcess p;
        p.start(FOLDWISE_CLI, {"profile", QString::fromStdString(file), "--data", "synthetic:4", "-o", dir.filePath("p.json"),
                               "--annotate", dir.filePath("annotated.onnx")});
        QVERIFY(p.waitForFinished(120000));
        QVERIFY2(p.exitCode() == 0, p.readAllStandardError().constData());
        const auto original = Model::load(file);
        const auto annotated = Model::load(dir.filePath("annotated.onnx").toStdString());
        const auto count = [](const Model& m) {
            int n = 0;
            for (const Node& node : m.graph().nodes())
                n += node.opType == "Quant" ? 1 : 0;
            return n;
        };
        QCOMPARE(count(*annotated), count(*original));
        QCOMPARE(summariseModel(*annotated).totals.bops, summariseModel(*original).totals.bops);
        const HostTensor x = HostTensor::fromValues<float>(DataType::Float, {1, 2, 1024}, std::vector<float>(2048, 0.3f));
        Executor a(annotated), o(original);
        QCOMPARE(a.run({{"inp.1", x}})[0].toDoubles(), o.run({{"inp.1", x}})[0].toDoubles());
    }

    // ReLU thresholds on an opset-9 export (Brevitas's): the copy imports opset 10, where
    // ThresholdedRelu exists, when nothing the model uses reads differently there.
    void thresholdsOnOpset9Exports()
    {
        const auto model = Model::load(kReal + "radioml_vgg10_w8a8.onnx");
        QCOMPARE(model->opsetVersion(""), int64_t{9});
        const auto thresholded = loadWithReluThresholds(*model, {{"Relu_10", 0.5f}}, {});
        QCOMPARE(thresholded->opsetVersion(""), int64_t{10});
        QCOMPARE(thresholded->graph().node(*thresholded->graph().findNode("Relu_10")).opType, std::string("ThresholdedRelu"));
        // An opset-9 model with a Slice (attributes at 9, inputs from 10) is refused, naming it.
        QTemporaryDir dir;
        onnx::ModelProto m = fixtures::makeModel(9);
        fixtures::addInput(m, "x", {1, 4});
        fixtures::addNode(m, "Relu", {"x"}, {"r"}, "relu");
        auto* slice = fixtures::addNode(m, "Slice", {"r"}, {"y"}, "the_slice");
        fixtures::setInts(slice, "starts", {0});
        fixtures::setInts(slice, "ends", {2});
        fixtures::setInts(slice, "axes", {1});
        fixtures::addOutput(m, "y");
        const QString file = dir.filePath("slice9.onnx");
        fixtures::save(m, file.toStdString());
        fixtures::expectFileError(file.toStdString(), {"opset 10", "Slice 'the_slice'"}, [](const std::string& f) {
            loadWithReluThresholds(*Model::load(f), {{"relu", 0.1f}}, {});
        });
    }

private:
    static constexpr float kForty = 40.0f;
};

QTEST_GUILESS_MAIN(TestQonnxModel)
#include "tst_qonnx_model.moc"
