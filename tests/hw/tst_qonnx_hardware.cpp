// fpgaConvNet and hls4ml styles on quantised models: quantizers are no layers or stages, each
// layer takes the widths its model states (input activations after their quantizer, weights),
// config.json carries them per layer, and hls4ml's FIFOs are as wide as the quantised streams.
#include "OnnxFixtures.h"
#include "QonnxFixtures.h"

#include "hw/Platform.h"
#include "hw/fpgaconvnet/Design.h"
#include "hw/fpgaconvnet/DesignFile.h"
#include "hw/fpgaconvnet/HardwareGraph.h"
#include "hw/fpgaconvnet/LayerModel.h"
#include "hw/hls4ml/StreamEstimate.h"
#include "model/Model.h"

#include <QtTest>

#include <nlohmann/json.hpp>

using namespace foldwise;
using namespace foldwise::fpgaconvnet;

namespace {

const std::string kQonnx = std::string(FOLDWISE_SOURCE_DIR) + "/tests/data/qonnx/real/";

std::shared_ptr<const Model> cnv(int weightBits, int actBits, QTemporaryDir& dir)
{
    const QString file = dir.filePath(QString("cnv_w%1a%2.onnx").arg(weightBits).arg(actBits));
    fixtures::save(fixtures::makeQonnxCnv(weightBits, actBits), file.toStdString());
    return Model::load(file.toStdString());
}

} // namespace

class TestQonnxHardware : public QObject {
    Q_OBJECT
private slots:
    void fpgaConvNetLayersTakeTheModelsWidths()
    {
        QTemporaryDir dir;
        const auto model = cnv(2, 2, dir);
        const HardwareGraph g = buildHardwareGraph(*model);
        int convolutions = 0;
        for (const HardwareLayer& l : g.layers) {
            QVERIFY2(l.opType != "Quant" && l.opType != "BatchNormalization", l.name.c_str());
            if (l.type == LayerType::Convolution || l.type == LayerType::InnerProduct) {
                QCOMPARE(l.weightBits, 2);
                QCOMPARE(l.dataBits, convolutions == 0 ? 8 : 2); // the 8-bit input quantizer, then 2-bit activations
                ++convolutions;
            }
        }
        QCOMPARE(convolutions, 9);
        // Fewer bits, fewer resources: the same graph at 16 bits everywhere needs more.
        HardwareGraph wide = g;
        for (HardwareLayer& l : wide.layers)
            l.dataBits = l.weightBits = 16;
        const ModelSettings settings;
        Folding f;
        for (std::size_t i = 0; i < g.layers.size(); ++i) {
            if (g.layers[i].type != LayerType::Convolution)
                continue;
            const ResourceUsage narrow = layerResources(g.layers[i], f, settings);
            const ResourceUsage full = layerResources(wide.layers[i], f, settings);
            QVERIFY(narrow.lut < full.lut);
            QVERIFY(narrow.bram18 <= full.bram18);
        }
        QCOMPARE(layerBits(g.layers[1], settings).accumulator, 4); // 2 x the wider of 2 and 2
    }

    void configCarriesPerLayerTypes()
    {
        QTemporaryDir dir;
        const auto model = cnv(2, 2, dir);
        const Design design = minimalDesign(buildHardwareGraph(*model), findPlatform("zcu102"), DesignSettings{});
        const nlohmann::json config = configJson(Evaluator(design));
        const nlohmann::json& layers = config["partition"][0]["layers"];
        // A convolution's activations are its input_t (fpgaConvNet clears its data_t).
        QCOMPARE(layers[0]["parameters"]["input_t"]["width"].get<int>(), 8);
        QCOMPARE(layers[0]["parameters"]["weight_t"]["width"].get<int>(), 2);
        bool second = false;
        for (const auto& l : layers)
            if (l["name"] == "Conv_13") {
                QCOMPARE(l["parameters"]["input_t"]["width"].get<int>(), 2);
                second = true;
            }
        QVERIFY(second);
    }

    // Real exports design in fpgaConvNet style: a 1-D VGG (radioml), the binarised TFC (flatten
    // computed at run time, a decomposed BatchNorm at the end), a QKeras conv net (NHWC input
    // reshaped, a layout Transpose before its flatten, Softmax on the host).
    void realExportsDesign_data()
    {
        QTest::addColumn<QString>("file");
        QTest::addColumn<int>("dataBits");
        QTest::newRow("radioml") << "radioml_vgg10_w8a8.onnx" << 8;
        QTest::newRow("tfc") << "qonnxzoo_TFC_1W1A.onnx" << 1;
        QTest::newRow("qkeras") << "qonnx_qkeras_qconv2d_conversion.onnx" << 0;
        QTest::newRow("finn-onnx") << "labs_tfc_w2a2.onnx" << 0;
    }
    void realExportsDesign()
    {
        QFETCH(QString, file);
        QFETCH(int, dataBits);
        const auto model = Model::load(kQonnx + file.toStdString());
        const HardwareGraph g = buildHardwareGraph(*model);
        QVERIFY(!g.layers.empty());
        if (dataBits > 0)
            for (const HardwareLayer& l : g.layers)
                if (l.type == LayerType::Convolution || l.type == LayerType::InnerProduct)
                    QCOMPARE(l.dataBits, dataBits);
    }

    void hls4mlFifosAreAsWideAsTheQuantisedStreams()
    {
        QTemporaryDir dir;
        const auto model = cnv(2, 2, dir);
        const hls4ml::StreamEstimate e = hls4ml::estimateStreams(*model);
        for (const hls4ml::Stage& s : e.stages)
            QVERIFY2(s.op != "Quant", s.name.c_str());
        bool checked = false;
        for (const hls4ml::Fifo& f : e.fifos) {
            const auto id = model->graph().findTensor(f.value);
            QVERIFY(id);
            const Shape& shape = model->graph().tensor(*id).shape;
            if (f.to.rfind("MaxPool", 0) == 0) { // a 2-bit activation stream into the pooling
                QCOMPARE(f.width, shape[1].value * 2);
                checked = true;
            }
        }
        QVERIFY(checked);
    }
};

QTEST_GUILESS_MAIN(TestQonnxHardware)
#include "tst_qonnx_hardware.moc"
