// FINN style from quantised models: data types, bipolar XNOR layers and thresholds taken from
// QONNX and FINN-ONNX files (no bit-width flags), node names as FINN's conversion gives them
// (checked against the folding_config.json FINN ships for its build_dataflow model), and the
// budgeted search on a Brevitas CNV-style QONNX export for a Pynq-Z1.
#include "CliRunner.h"
#include "ErrorExpectation.h"
#include "OnnxFixtures.h"
#include "QonnxFixtures.h"

#include "hw/finn/FinnConversion.h"
#include "hw/finn/FinnDesign.h"
#include "hw/finn/FoldingConfig.h"
#include "model/Model.h"

#include <QtTest>

#include <set>

using namespace foldwise;
using namespace foldwise::finn;

namespace {

const std::string kQonnx = std::string(FOLDWISE_SOURCE_DIR) + "/tests/data/qonnx/real/";
const std::string kFinn = std::string(FOLDWISE_SOURCE_DIR) + "/tests/data/finn/";

std::vector<const FinnNode*> nodesOf(const FinnNetwork& net, FinnOp op)
{
    std::vector<const FinnNode*> out;
    for (const FinnNode& n : net.nodes)
        if (n.op == op)
            out.push_back(&n);
    return out;
}

bool mentions(const FinnNetwork& net, const std::string& phrase)
{
    for (const std::string& note : net.notes)
        if (note.find(phrase) != std::string::npos)
            return true;
    return false;
}

} // namespace

class TestFinnQonnx : public QObject {
    Q_OBJECT
private slots:
    // Brevitas VGG10 (1-D convolutions, 8-bit): types from the quantizers, the input quantizer
    // outside the dataflow, every BatchNormalization + ReLU + Quant absorbed as thresholds.
    void radiomlTypesFromTheModel()
    {
        const auto model = Model::load(kQonnx + "radioml_vgg10_w8a8.onnx");
        const FinnNetwork net = convertToFinn(*model);
        const auto mvaus = nodesOf(net, FinnOp::Mvau);
        QCOMPARE(mvaus.size(), std::size_t{10}); // 7 convolutions, 3 fully connected layers
        QCOMPARE(mvaus[0]->weightType.name(), std::string("INT8"));
        QCOMPARE(mvaus[0]->inputType.name(), std::string("INT8")); // the signed input quantizer
        QCOMPARE(mvaus[1]->inputType.name(), std::string("UINT8")); // unsigned activations
        QCOMPARE(mvaus[0]->mw, int64_t{2 * 3});                     // C_in x k for Conv1d(2, 64, 3)
        QCOMPARE(mvaus[0]->mh, int64_t{64});
        QCOMPARE(mvaus[0]->numInputVectors, int64_t{1024});
        QCOMPARE(mvaus[0]->ofmDim, (std::array<int64_t, 2>{1, 1024}));
        for (std::size_t i = 0; i + 1 < mvaus.size(); ++i) {
            QVERIFY2(mvaus[i]->hasThresholds, mvaus[i]->name.c_str());
            QCOMPARE(mvaus[i]->outputType.name(), std::string("UINT8"));
        }
        QVERIFY(!mvaus.back()->hasThresholds); // the classifier's Gemm has no activation
        QCOMPARE(mvaus.back()->mw, int64_t{128});
        QCOMPARE(mvaus.back()->mh, int64_t{24});
        QVERIFY(mentions(net, "Quant_3: quantises the float input to INT8"));
        QCOMPARE(nodesOf(net, FinnOp::StreamingMaxPool).size(), std::size_t{7});
        QVERIFY(nodesOf(net, FinnOp::Thresholding).empty());
    }

    // The binarised TFC: bipolar inputs and weights become FINN's XNOR-popcount MVAUs.
    void binaryTfcIsXnor()
    {
        const auto model = Model::load(kQonnx + "qonnxzoo_TFC_1W1A.onnx");
        const FinnNetwork net = convertToFinn(*model);
        const auto mvaus = nodesOf(net, FinnOp::Mvau);
        QCOMPARE(mvaus.size(), std::size_t{4});
        const int64_t shapes[][2] = {{784, 64}, {64, 64}, {64, 64}, {64, 10}};
        for (std::size_t i = 0; i < 4; ++i) {
            QVERIFY(mvaus[i]->binaryXnorMode);
            QCOMPARE(mvaus[i]->mw, shapes[i][0]);
            QCOMPARE(mvaus[i]->mh, shapes[i][1]);
        }
        QVERIFY(mvaus[0]->hasThresholds && mvaus[1]->hasThresholds && mvaus[2]->hasThresholds);
    }

    // FINN's build_dataflow example model (FINN-ONNX, UINT8 input, MultiThreshold, TopK): the
    // conversion names its nodes as FINN's own folding_config.json for it does.
    void namesMatchFinnsFoldingConfig()
    {
        const auto model = Model::load(kFinn + "finn_build_dataflow_tfc.onnx");
        FinnDesign design(convertToFinn(*model));
        std::set<std::string> names;
        for (const FinnNode& n : design.network().nodes)
            names.insert(n.name);
        const std::set<std::string> finnKeys{"Thresholding_rtl_0", "MVAU_hls_0", "MVAU_hls_1", "MVAU_hls_2",
                                             "MVAU_hls_3", "LabelSelect_hls_0"};
        QCOMPARE(names, finnKeys);
        QCOMPARE(design.node(0).inputType.name(), std::string("UINT8")); // the annotated input
        QCOMPARE(design.node(0).outputType.name(), std::string("BIPOLAR"));
        // FINN's file has a typo ("MVA_hls_3", which FINN ignores): named, with the fix.
        fixtures::expectFileError(kFinn + "build_dataflow_folding_config.json", {"'MVA_hls_3'", "did you mean 'MVAU_hls_3'"},
                                  [&](const std::string& file) { readFoldingConfig(design, file); });
        // With the typo mended every key applies: MVAU_hls_0 (MW 784, MH 64) at PE 16, SIMD 49.
        QFile f(QString::fromStdString(kFinn + "build_dataflow_folding_config.json"));
        QVERIFY(f.open(QIODevice::ReadOnly));
        const std::string mended = f.readAll().replace("MVA_hls_3", "MVAU_hls_3").toStdString();
        applyFoldingConfig(design, mended, "mended.json");
        const int mvau0 = design.network().indexOf("MVAU_hls_0");
        QCOMPARE(design.estimate(static_cast<std::size_t>(mvau0)).cycles, int64_t{(64 / 16) * (784 / 49)});
        QCOMPARE(design.node(static_cast<std::size_t>(design.network().indexOf("LabelSelect_hls_0"))).channels, int64_t{10});
    }

    // --weight-bits/--act-bits override what the model states.
    void flagsOverrideTheModel()
    {
        const auto model = Model::load(kQonnx + "radioml_vgg10_w8a8.onnx");
        ConversionOptions options;
        options.weightBits = 4;
        options.activationBits = 3;
        options.bitsOverrideModel = true;
        const FinnNetwork net = convertToFinn(*model, options);
        QCOMPARE(nodesOf(net, FinnOp::Mvau)[1]->weightType.name(), std::string("INT4"));
        QCOMPARE(nodesOf(net, FinnOp::Mvau)[1]->inputType.name(), std::string("UINT3"));
    }

    // A QKeras model that quantises nothing before its first convolution.
    void floatInputIsNamed()
    {
        fixtures::expectFileError(kQonnx + "qonnx_qkeras_qconv2d_conversion.onnx", {"Conv_0", "input is float"},
                                  [](const std::string& file) { convertToFinn(*Model::load(file)); });
    }

    // A Brevitas CNV-w2a2 QONNX export: FINN style designs it for a Pynq-Z1 without bit-width
    // flags, with 2-bit types taken from the model.
    void cnvQonnxOptimisesForPynq()
    {
        QTemporaryDir dir;
        const QString file = dir.filePath("cnv_w2a2.onnx");
        fixtures::save(fixtures::makeQonnxCnv(2, 2), file.toStdString());
        const FinnNetwork net = convertToFinn(*Model::load(file.toStdString()));
        const auto mvaus = nodesOf(net, FinnOp::Mvau);
        QCOMPARE(mvaus.size(), std::size_t{9});
        QCOMPARE(mvaus[0]->inputType.name(), std::string("INT8"));
        for (const FinnNode* m : mvaus)
            QCOMPARE(m->weightType.name(), std::string("INT2"));
        QCOMPARE(mvaus[1]->inputType.name(), std::string("INT2"));
        const fixtures::CliRun r =
            fixtures::runCli({"optimise", file, "--style", "finn", "--platform", "pynq-z1", "-o", dir.filePath("out")}, 300000);
        QVERIFY2(r.exitCode == 0, r.err.constData());
        QVERIFY(QFileInfo::exists(dir.filePath("out/folding_config.json")));
    }
};

QTEST_GUILESS_MAIN(TestFinnQonnx)
#include "tst_finn_qonnx.moc"
