// fpgaConvNet's other layer types (issue 15): BatchNorm, HardSwish (and SiLU built on it),
// Sigmoid, HardSigmoid, ReSize, Chop, the broadcast multiply of squeeze-excitation; channel
// shuffles and layout transposes given no hardware; early exits refused in one message. Each
// layer's cycles and resources are checked against fpgaconvnet-model's formulas worked out by
// hand below (fpgaconvnet/models/layers/<Type>Layer.py and modules/<Type>.py), and a design with
// them round-trips through config.json.
#include "ErrorExpectation.h"
#include "OnnxFixtures.h"

#include "hw/fpgaconvnet/CompatibleModel.h"
#include "hw/fpgaconvnet/Design.h"
#include "hw/fpgaconvnet/DesignFile.h"
#include "hw/fpgaconvnet/HardwareGraph.h"
#include "hw/fpgaconvnet/Optimisers.h"
#include "model/Model.h"

#include <nlohmann/json.hpp>

#include <QTemporaryDir>
#include <QtTest>

#include <set>

using namespace foldwise;
using namespace foldwise::fpgaconvnet;

namespace {

const std::string kModels = FOLDWISE_MODELS_DIR "/";

// x [1,8,4,4] -> two 1x1 convs -> Concat [1,16,4,4] -> BatchNormalization (no conv before it to
// absorb it) -> HardSwish -> Sigmoid -> HardSigmoid -> SiLU (Sigmoid + Mul) -> y.
onnx::ModelProto activations()
{
    onnx::ModelProto m = fixtures::makeModel(14);
    fixtures::addInput(m, "x", {1, 8, 4, 4});
    fixtures::addConv(m, "ca", "x", "ta", 8, 8, 1);
    fixtures::addConv(m, "cb", "x", "tb", 8, 8, 1);
    auto* cat = fixtures::addNode(m, "Concat", {"ta", "tb"}, {"tc"}, "cat");
    fixtures::setInt(cat, "axis", 1);
    for (const char* p : {"bn_scale", "bn_bias", "bn_mean", "bn_var"})
        fixtures::addInitializer(m, p, {16}, 1.0f);
    fixtures::addNode(m, "BatchNormalization", {"tc", "bn_scale", "bn_bias", "bn_mean", "bn_var"}, {"tbn"}, "bn");
    fixtures::addNode(m, "HardSwish", {"tbn"}, {"ths"}, "hs");
    fixtures::addNode(m, "Sigmoid", {"ths"}, {"tsig"}, "sig");
    fixtures::addNode(m, "HardSigmoid", {"tsig"}, {"thsig"}, "hsig");
    fixtures::addNode(m, "Sigmoid", {"thsig"}, {"gate"}, "silu_gate");
    fixtures::addNode(m, "Mul", {"thsig", "gate"}, {"y"}, "silu");
    fixtures::addOutput(m, "y");
    return m;
}

// x [1,8,4,4] -> Relu -> Split [4,4] -> Relu each -> Concat -> channel shuffle (Reshape
// [1,2,4,4,4], Transpose(0,2,1,3,4), Reshape back) -> two Slices of the channels -> Relu each
// -> Concat -> y: ShuffleNetV2's basic unit.
onnx::ModelProto shuffleUnit()
{
    onnx::ModelProto m = fixtures::makeModel(14);
    fixtures::addInput(m, "x", {1, 8, 4, 4});
    fixtures::addNode(m, "Relu", {"x"}, {"r0"}, "r0");
    fixtures::addInt64Initializer(m, "halves", {4, 4});
    auto* split = fixtures::addNode(m, "Split", {"r0", "halves"}, {"s0", "s1"}, "split");
    fixtures::setInt(split, "axis", 1);
    fixtures::addNode(m, "Relu", {"s0"}, {"ra"}, "ra");
    fixtures::addNode(m, "Relu", {"s1"}, {"rb"}, "rb");
    auto* cat = fixtures::addNode(m, "Concat", {"ra", "rb"}, {"c1"}, "cat1");
    fixtures::setInt(cat, "axis", 1);
    fixtures::addInt64Initializer(m, "grouped", {1, 2, 4, 4, 4});
    fixtures::addInt64Initializer(m, "flat", {1, 8, 4, 4});
    fixtures::addNode(m, "Reshape", {"c1", "grouped"}, {"g5"}, "shuffle_in");
    auto* t = fixtures::addNode(m, "Transpose", {"g5"}, {"g5t"}, "shuffle");
    fixtures::setInts(t, "perm", {0, 2, 1, 3, 4});
    fixtures::addNode(m, "Reshape", {"g5t", "flat"}, {"sh"}, "shuffle_out");
    fixtures::addInt64Initializer(m, "zero", {0});
    fixtures::addInt64Initializer(m, "four", {4});
    fixtures::addInt64Initializer(m, "eight", {8});
    fixtures::addInt64Initializer(m, "axis1", {1});
    fixtures::addNode(m, "Slice", {"sh", "zero", "four", "axis1"}, {"h0"}, "slice_a");
    fixtures::addNode(m, "Slice", {"sh", "four", "eight", "axis1"}, {"h1"}, "slice_b");
    fixtures::addNode(m, "Relu", {"h0"}, {"rc"}, "rc");
    fixtures::addNode(m, "Relu", {"h1"}, {"rd"}, "rd");
    auto* cat2 = fixtures::addNode(m, "Concat", {"rc", "rd"}, {"y"}, "cat2");
    fixtures::setInt(cat2, "axis", 1);
    fixtures::addOutput(m, "y");
    return m;
}

// x [1,8,4,4] -> Relu -> GlobalAveragePool -> 1x1 conv -> Sigmoid -> Mul(gate, feature map) -> y.
onnx::ModelProto squeezeExcitation()
{
    onnx::ModelProto m = fixtures::makeModel(14);
    fixtures::addInput(m, "x", {1, 8, 4, 4});
    fixtures::addNode(m, "Relu", {"x"}, {"f"}, "r0");
    fixtures::addNode(m, "GlobalAveragePool", {"f"}, {"p"}, "gap");
    fixtures::addConv(m, "fc", "p", "q", 8, 8, 1);
    fixtures::addNode(m, "Sigmoid", {"q"}, {"gate"}, "gate");
    fixtures::addNode(m, "Mul", {"gate", "f"}, {"y"}, "scale");
    fixtures::addOutput(m, "y");
    return m;
}

// x [1,4,3,3] -> Resize nearest x2 -> Relu -> y.
onnx::ModelProto upsample()
{
    onnx::ModelProto m = fixtures::makeModel(14);
    fixtures::addInput(m, "x", {1, 4, 3, 3});
    auto* scales = m.mutable_graph()->add_initializer();
    scales->set_name("scales");
    scales->set_data_type(onnx::TensorProto::FLOAT);
    scales->add_dims(4);
    for (float v : {1.0f, 1.0f, 2.0f, 2.0f})
        scales->add_float_data(v);
    auto* r = fixtures::addNode(m, "Resize", {"x", "", "scales"}, {"u"}, "up");
    r->add_attribute()->set_name("mode");
    r->mutable_attribute(0)->set_type(onnx::AttributeProto::STRING);
    r->mutable_attribute(0)->set_s("nearest");
    fixtures::addNode(m, "Relu", {"u"}, {"y"}, "r1");
    fixtures::addOutput(m, "y");
    return m;
}

HardwareGraph graphOf(const onnx::ModelProto& m, QTemporaryDir& dir, const char* name)
{
    const std::string file = dir.filePath(name).toStdString();
    fixtures::save(m, file);
    return buildHardwareGraph(*Model::load(file));
}

const HardwareLayer& layer(const HardwareGraph& g, const std::string& name)
{
    const int i = g.indexOf(name);
    if (i < 0)
        throw std::runtime_error("no layer " + name);
    return g.layers[static_cast<std::size_t>(i)];
}

// Every layer at folding 1 but `name` at coarse `coarse`, one partition, the given model.
Evaluator evaluate(const HardwareGraph& g, const std::string& name, int64_t coarse, CostModel cost)
{
    DesignSettings s;
    s.costModel = cost;
    Design d = minimalDesign(g, findPlatform("zcu102"), s);
    d.folding[static_cast<std::size_t>(g.indexOf(name))] = {coarse, coarse, 1, 1, 1};
    return Evaluator(d);
}

struct Expected {
    double cycles, lut, ff, dsp, bram;
};

void checkLayer(const HardwareGraph& g, const std::string& name, int64_t coarse, double nativeCycles, const Expected& fpgaconvnet)
{
    const std::size_t i = static_cast<std::size_t>(g.indexOf(name));
    const Evaluator native = evaluate(g, name, coarse, CostModel::Native);
    const Evaluator compat = evaluate(g, name, coarse, CostModel::Compatible);
    QVERIFY2(native.feasible(), native.infeasibility().c_str());
    QCOMPARE(native.layerLatency(i), nativeCycles);
    QCOMPARE(compat.layerLatency(i), fpgaconvnet.cycles);
    const ResourceUsage& r = compat.layerResources(i);
    QCOMPARE(r.lut, fpgaconvnet.lut);
    QCOMPARE(r.ff, fpgaconvnet.ff);
    QCOMPARE(r.dsp, fpgaconvnet.dsp);
    QCOMPARE(r.bram18, fpgaconvnet.bram);
    // Both models take resources from fpgaConvNet's.
    QCOMPARE(native.layerResources(i).dsp, fpgaconvnet.dsp);
}

} // namespace

class TestFpgaConvNetLayers : public QObject {
    Q_OBJECT
private slots:
    void activationsAndBatchNorm()
    {
        QTemporaryDir dir;
        const HardwareGraph g = graphOf(activations(), dir, "act.onnx");
        QCOMPARE(layer(g, "bn").type, LayerType::BatchNorm);
        QCOMPARE(layer(g, "bn").channelsIn, int64_t{16});
        QCOMPARE(layer(g, "hs").type, LayerType::HardSwish);
        QCOMPARE(layer(g, "sig").type, LayerType::Sigmoid);
        QCOMPARE(layer(g, "hsig").type, LayerType::HardSigmoid);
        // SiLU: one HardSwish layer under the Mul's name; no Sigmoid layer, no Split for x.
        QCOMPARE(layer(g, "silu").type, LayerType::HardSwish);
        QCOMPARE(layer(g, "silu").opType, std::string("Silu"));
        QCOMPARE(g.indexOf("silu_gate"), -1);
        QCOMPARE(g.layers.size(), std::size_t(8)); // ca, cb, cat, bn, hs, sig, hsig, silu
        QVERIFY(!g.notes.empty());

        // 4 x 4 x 16 at coarse 2: every one of them one pass over the input, 4*4*16/2 = 128.
        // BatchNormLayer.resource: LUT 0, FF 0, BRAM 0, DSP 2*coarse = 4.
        checkLayer(g, "bn", 2, 128, {128, 0, 0, 4, 0});
        // HardswishLayer: the Hardswish module (LUT 16, FF 35, DSP 5) x coarse.
        checkLayer(g, "hs", 2, 128, {128, 32, 70, 10, 0});
        checkLayer(g, "silu", 2, 128, {128, 32, 70, 10, 0});
        // Sigmoid / HardSigmoid: the 2-D parser builds ReLULayer hardware, (16, 35) x coarse.
        checkLayer(g, "sig", 2, 128, {128, 32, 70, 0, 0});
        checkLayer(g, "hsig", 2, 128, {128, 32, 70, 0, 0});
    }

    void chopsAndChannelShuffle()
    {
        QTemporaryDir dir;
        const HardwareGraph g = graphOf(shuffleUnit(), dir, "shuffle.onnx");
        QCOMPARE(layer(g, "split").type, LayerType::Chop);
        QCOMPARE(layer(g, "split").outputChannels, (std::vector<int64_t>{4, 4}));
        // The two Slices of the shuffled stream: one Chop under the first Slice's name.
        QCOMPARE(layer(g, "slice_a").type, LayerType::Chop);
        QCOMPARE(g.indexOf("slice_b"), -1);
        QCOMPARE(g.indexOf("shuffle"), -1); // the shuffle has no layer...
        bool noted = false;
        for (const std::string& n : g.notes)
            noted = noted || (n.find("channel shuffle") != std::string::npos && n.find("'shuffle'") != std::string::npos);
        QVERIFY(noted); // ...and says so
        // r0, split, ra, rb, cat1, slice_a, rc, rd, cat2: no Split layer anywhere.
        QCOMPARE(g.layers.size(), std::size_t(9));
        QCOMPARE(layer(g, "slice_a").inputs, std::vector<int>{g.indexOf("cat1")});

        // ChopLayer, 4 x 4 x 8 split [4, 4] at coarse 4: coarse_out = int(4 / (8 / 4)) = 2;
        // latency_in = 4*4*8 / min(100, 1*4) = 32; latency_out = 4*4*4 / min(100/2, 4/8*2) = 64;
        // latency 64; no modules: no resources. Native: one pass, 4*4*8/4 = 32.
        checkLayer(g, "split", 4, 32, {64, 0, 0, 0, 0});
        checkLayer(g, "slice_a", 4, 32, {64, 0, 0, 0, 0});
    }

    void broadcastMultiply()
    {
        QTemporaryDir dir;
        const HardwareGraph g = graphOf(squeezeExcitation(), dir, "se.onnx");
        const HardwareLayer& scale = layer(g, "scale");
        QCOMPARE(scale.type, LayerType::EltWise);
        QVERIFY(scale.broadcast);
        // The layer streams the 4 x 4 x 8 map (its first input is the 1 x 1 x 8 gate).
        QCOMPARE(scale.rowsIn, int64_t{4});
        QCOMPARE(scale.colsIn, int64_t{4});
        QCOMPARE(scale.channelsIn, int64_t{8});
        QCOMPARE(layer(g, "gate").type, LayerType::Sigmoid);
        // EltWiseLayer (mul) at coarse 2: EltWise module rows*cols*channels/coarse = 64 cycles,
        // LUT 49, FF 23, DSP 1 per coarse lane.
        const std::size_t i = static_cast<std::size_t>(g.indexOf("scale"));
        const Evaluator native = evaluate(g, "scale", 2, CostModel::Native);
        const Evaluator compat = evaluate(g, "scale", 2, CostModel::Compatible);
        QCOMPARE(native.layerLatency(i), 64.0);
        QCOMPARE(compat.layerLatency(i), 64.0);
        QCOMPARE(compat.layerResources(i).lut, 98.0);
        QCOMPARE(compat.layerResources(i).ff, 46.0);
        QCOMPARE(compat.layerResources(i).dsp, 2.0);
    }

    void nearestUpsampling()
    {
        QTemporaryDir dir;
        const HardwareGraph g = graphOf(upsample(), dir, "up.onnx");
        const HardwareLayer& up = layer(g, "up");
        QCOMPARE(up.type, LayerType::ReSize);
        QCOMPARE(up.scaleH, int64_t{2});
        QCOMPARE(up.rowsOut, int64_t{6});
        // ReSize module on 3 x 3 x (4/2) with scales (2, 2, 1) at coarse 2: rate_in = 4,
        // latency = max(int(3*3*2 / 4), int(6*6*2)) = 72; resources all 0. Native: every output
        // pixel once, 6*6*4/2 = 72.
        checkLayer(g, "up", 2, 72, {72, 0, 0, 0, 0});
        // Its pipeline depth, cols*ch*(s0-1) + ch*(s1-1) = 3*2 + 2 = 8, through the report.
        const Evaluator compat = evaluate(g, "up", 2, CostModel::Compatible);
        const CompatibleReport report = compat.compatibleReport();
        bool found = false;
        for (const CompatibleLayer& l : report.partitions.at(0).layers)
            if (l.name == "up") {
                QCOMPARE(l.pipelineDepth, 8.0);
                found = true;
            }
        QVERIFY(found);
    }

    // Keras/hls4ml exports: NHWC -> NCHW after the input, NCHW -> NHWC before the output.
    void layoutTransposesAtTheEnds()
    {
        onnx::ModelProto m = fixtures::makeModel(14);
        fixtures::addInput(m, "x", {1, 6, 6, 2});
        auto* in = fixtures::addNode(m, "Transpose", {"x"}, {"xc"}, "to_nchw");
        fixtures::setInts(in, "perm", {0, 3, 1, 2});
        fixtures::addConv(m, "conv", "xc", "c", 2, 4, 3, 1, 1);
        auto* out = fixtures::addNode(m, "Transpose", {"c"}, {"y"}, "to_nhwc");
        fixtures::setInts(out, "perm", {0, 2, 3, 1});
        fixtures::addOutput(m, "y");
        QTemporaryDir dir;
        const HardwareGraph g = graphOf(m, dir, "layout.onnx");
        QCOMPARE(g.layers.size(), std::size_t(1));
        QCOMPARE(g.layers[0].channelsIn, int64_t{2});
        QCOMPARE(g.layers[0].rowsIn, int64_t{6});
        QCOMPARE(g.layers[0].inputs, std::vector<int>{-1});
        QCOMPARE(g.notes.size(), std::size_t(1));
        QVERIFY(g.notes[0].find("2 layout Transpose") != std::string::npos);
    }

    // The ONNX-zoo MNIST model reshapes a weight initializer before its MatMul: constant work,
    // no layer.
    void reshapeOfAConstant()
    {
        onnx::ModelProto m = fixtures::makeModel(14);
        fixtures::addInput(m, "x", {1, 16});
        fixtures::addInitializer(m, "W", {4, 4, 10}, 0.1f);
        fixtures::addInt64Initializer(m, "shape", {16, 10});
        fixtures::addNode(m, "Reshape", {"W", "shape"}, {"W2"}, "reshape_w");
        fixtures::addNode(m, "MatMul", {"x", "W2"}, {"y"}, "fc");
        fixtures::addOutput(m, "y");
        QTemporaryDir dir;
        const HardwareGraph g = graphOf(m, dir, "mnist_like.onnx");
        QCOMPARE(g.layers.size(), std::size_t(1));
        QCOMPARE(g.layers[0].type, LayerType::InnerProduct);
        QCOMPARE(g.layers[0].filters, int64_t{10});
    }

    // ATHEENA's early-exit network: one message naming the exit and what is missing.
    void earlyExitsAreRefusedInOneMessage()
    {
        fixtures::expectFileError(std::string(FOLDWISE_SOURCE_DIR) + "/tests/data/fpgaconvnet/atheena_triplewins_smallcnn.onnx",
                                  {"fpgaConvNet has no layer for", "If_13", "early exit", "Softmax -> ReduceMax -> Greater -> Cast"},
                                  [](const std::string& f) { buildHardwareGraph(*Model::load(f)); });
    }

    void otherNodesStillNamed()
    {
        onnx::ModelProto m = fixtures::makeModel(14);
        fixtures::addInput(m, "x", {1, 4, 4, 4});
        fixtures::addNode(m, "Selu", {"x"}, {"y"}, "selu");
        fixtures::addOutput(m, "y");
        QTemporaryDir dir;
        const std::string file = dir.filePath("selu.onnx").toStdString();
        fixtures::save(m, file);
        fixtures::expectFileError(file, {"fpgaConvNet has no layer for 1 node(s): 'selu' (Selu)"},
                                  [](const std::string& f) { buildHardwareGraph(*Model::load(f)); });
    }

    // config.json of designs with the new layers: their types and keys as fpgaConvNet's
    // layer_info writes them; read back by Foldwise's reader with the optimiser's figures, and
    // as a design with the same foldings.
    void configRoundTrip()
    {
        QTemporaryDir dir;
        std::set<std::string> types;
        for (const auto& [name, model] : {std::pair{"act.onnx", activations()}, std::pair{"shuffle.onnx", shuffleUnit()},
                                          std::pair{"se.onnx", squeezeExcitation()}, std::pair{"up.onnx", upsample()}}) {
            const std::string file = dir.filePath(name).toStdString();
            fixtures::save(model, file);
            const auto loaded = Model::load(file);
            DesignSettings s;
            s.costModel = CostModel::Compatible;
            GreedyOptions options;
            options.repartition = false;
            const Design d = optimiseGreedy(minimalDesign(buildHardwareGraph(*loaded), findPlatform("zcu102"), s), options);
            const Evaluator e(d);
            QVERIFY2(e.feasible(), e.infeasibility().c_str());
            const nlohmann::ordered_json config = configJson(e);
            for (const auto& p : config.at("partition"))
                for (const auto& l : p.at("layers")) {
                    types.insert(l.at("type").get<std::string>());
                    const auto& q = l.at("parameters");
                    if (l.at("type") == "CHOP") {
                        QCOMPARE(q.at("split"), nlohmann::ordered_json({4, 4}));
                        QCOMPARE(q.at("channels_out_array"), nlohmann::ordered_json({4, 4}));
                        QVERIFY(!q.contains("channels_out"));
                        QCOMPARE(q.at("mem_bw_out_array"), nlohmann::ordered_json({50.0, 50.0}));
                    }
                    if (l.at("type") == "RESIZE")
                        QCOMPARE(q.at("scale"), nlohmann::ordered_json({2.0, 2.0, 1.0}));
                    if (l.at("type") == "HARD_SWISH")
                        QVERIFY(q.contains("input_t") && q.contains("output_t") && l.at("op_type") == "HardSwish");
                }
            const CompatibleReport mine = e.compatibleReport();
            const CompatibleReport again =
                evaluateCompatible(nlohmann::json::parse(config.dump()), findPlatform("zcu102"), "config.json");
            QCOMPARE(again.cycles, mine.cycles);
            QCOMPARE(again.throughputFps, e.throughputFps());
            QCOMPARE(again.partitions.at(0).resources.dsp, mine.partitions.at(0).resources.dsp);
            QCOMPARE(again.partitions.at(0).resources.lut, mine.partitions.at(0).resources.lut);
            const std::string configFile = dir.filePath(QString::fromStdString(std::string(name) + ".config.json")).toStdString();
            writeConfigJsonFile(configFile, config);
            const Design read = readDesign(configFile, *loaded, nullptr, findPlatform("zcu102"));
            for (std::size_t i = 0; i < d.folding.size(); ++i)
                QVERIFY2(read.folding[i] == d.folding[i], d.graph.layers[i].name.c_str());
        }
        for (const char* t : {"BATCH_NORM", "HARD_SWISH", "SIGMOID", "HARD_SIGMOID", "CHOP", "RESIZE", "ELTWISE"})
            QVERIFY2(types.count(t), t);
    }
};

QTEST_GUILESS_MAIN(TestFpgaConvNetLayers)
#include "tst_fpgaconvnet_layers.moc"
