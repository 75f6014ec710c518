// Conv/Gemm + ReLU fusion: which activations fuse (and which must not), bit-identical outputs,
// the metadata the hardware models read, and the stages/FIFOs they count before and after.
#include "ScratchFolderTest.h"
#include "PassTestSupport.h"
#include "hw/fpgaconvnet/HardwareGraph.h"
#include "hw/hls4ml/StreamEstimate.h"
#include "model/FusedActivations.h"
#include "model/ReluMatch.h"
#include "passes/ModelFiles.h"
#include "passes/ReluFusion.h"

#include <QtTest>

using namespace foldwise;
using namespace foldwise::passes;

namespace {

// x (1x3x8x8) -> conv1 (3->4, 3x3, pad 1) -> [act] -> conv2 (4->4, 1x1) -> y
onnx::ModelProto twoConvs(const std::string& act = "Relu")
{
    onnx::ModelProto m = fixtures::makeModel(13);
    fixtures::addInput(m, "x", {1, 3, 8, 8});
    fixtures::addOutput(m, "y");
    fixtures::addConv(m, "conv1", "x", "c1", 3, 4, 3, 1, 1);
    passtest::fillRandom(passtest::findInitializer(m, "W_conv1"), 1);
    passtest::fillRandom(passtest::findInitializer(m, "B_conv1"), 2);
    fixtures::addNode(m, act, {"c1"}, {"a1"}, "act");
    fixtures::addConv(m, "conv2", "a1", "y", 4, 4, 1);
    return m;
}

// twoConvs whose output y is added to `alsoRead` into the graph output "sum": a second reader of
// the conv's output (c1) or of the ReLU's (a1).
onnx::ModelProto twoConvsAddedTo(const std::string& alsoRead)
{
    onnx::ModelProto m = twoConvs();
    m.mutable_graph()->mutable_output(0)->set_name("sum");
    fixtures::addNode(m, "Add", {"y", alsoRead}, {"sum"}, "add");
    return m;
}

} // namespace

class TestReluFusion : public fixtures::ScratchFolderTest {
    Q_OBJECT

    std::shared_ptr<const Model> save(const onnx::ModelProto& m, const QString& name)
    {
        return passtest::loadProto(m, path(name + ".onnx"));
    }

    // Runs `r`'s model, written to disk and loaded again, against the original: bit-identical.
    void expectIdenticalOutputs(const std::shared_ptr<const Model>& original, const PassResult& r, const QString& name,
                                const std::vector<int64_t>& dims)
    {
        writeModel(*r.proto, path(name + "_fused.onnx").toStdString());
        const auto written = Model::load(path(name + "_fused.onnx").toStdString());
        passtest::exportForReference(path(name + "_fused.onnx"));
        // Loads as cleanly as the original (the ONNX checker finds nothing new).
        QCOMPARE(written->warnings(), original->warnings());
        for (unsigned seed : {1u, 2u}) {
            const HostTensor x = seed == 1 ? passtest::formulaInput(dims) : passtest::randomInput(dims, seed);
            const HostTensor want = passtest::run(original, x);
            QVERIFY(passtest::bitIdentical(passtest::run(r.model, x), want));
            QVERIFY(passtest::bitIdentical(passtest::run(written, x), want));
        }
    }

private slots:
    void initTestCase() { QVERIFY(scratchReady()); }

    void reluChecks_data()
    {
        QTest::addColumn<QString>("op");
        QTest::addColumn<float>("min");   // NaN: not given
        QTest::addColumn<float>("max");   // NaN: not given
        QTest::addColumn<bool>("relu");
        const float none = std::numeric_limits<float>::quiet_NaN();
        QTest::newRow("Relu") << "Relu" << none << none << true;
        QTest::newRow("Clip min 0") << "Clip" << 0.0f << none << true;
        QTest::newRow("Clip 0..6 (ReLU6)") << "Clip" << 0.0f << 6.0f << false;
        QTest::newRow("Clip min -1") << "Clip" << -1.0f << none << false;
        QTest::newRow("Clip no bounds") << "Clip" << none << none << false;
        QTest::newRow("ThresholdedRelu alpha 0") << "ThresholdedRelu" << 0.0f << none << true;
        QTest::newRow("ThresholdedRelu alpha 0.5") << "ThresholdedRelu" << 0.5f << none << false;
        QTest::newRow("LeakyRelu") << "LeakyRelu" << none << none << false;
        QTest::newRow("Sigmoid") << "Sigmoid" << none << none << false;
    }
    // checkRelu and the pass agree: exactly the ReLUs fuse.
    void reluChecks()
    {
        QFETCH(QString, op);
        QFETCH(float, min);
        QFETCH(float, max);
        QFETCH(bool, relu);
        onnx::ModelProto m = twoConvs(op.toStdString());
        onnx::NodeProto* act = m.mutable_graph()->mutable_node(1);
        if (op == "Clip") {
            if (!std::isnan(min)) {
                fixtures::addInitializer(m, "lo", {}, min);
                act->add_input("lo");
            } else {
                act->add_input("");
            }
            if (!std::isnan(max)) {
                fixtures::addInitializer(m, "hi", {}, max);
                act->add_input("hi");
            }
        } else if (op == "ThresholdedRelu") {
            fixtures::setFloat(act, "alpha", min);
        }
        static int saved = 0;
        const auto model = save(m, "check_" + QString::number(++saved));
        QCOMPARE(checkRelu(*model, model->graph().node(*model->graph().findNode("act"))).relu, relu);
        const PassResult r = fuseReluActivations(*model);
        QCOMPARE(r.changes, relu ? 1 : 0);
        if (!relu && op != "Sigmoid")
            QVERIFY2(QString::fromStdString(r.notes.at(0)).contains("is not a ReLU"), r.notes.at(0).c_str());
        if (relu)
            expectIdenticalOutputs(model, r, "check_fused_" + QString::number(saved), {1, 3, 8, 8});
    }

    // hls4ml's stages and FIFOs, by hand: before: conv1, relu, conv2 and FIFOs conv1->relu and
    // relu->conv2, each 8*8 = 64 deep and 4*16 = 64 bits wide: 4096 bits > 1024 and depth > 32
    // -> block RAM, bram_width 36 (depth 512): ceil(64/36)*ceil(64/512) = 2 BRAM18, LUT
    // 2*ceil(log2 64) = 12. After: conv1(+relu), conv2 and one FIFO.
    void hls4mlStagesAndFifosByHand()
    {
        const auto model = save(twoConvs(), "hls4ml");
        const PassResult r = fuseReluActivations(*model);
        QCOMPARE(r.changes, 1);
        const hls4ml::StreamEstimate before = hls4ml::estimateStreams(*model);
        const hls4ml::StreamEstimate after = hls4ml::estimateStreams(*r.model);
        QCOMPARE(before.stages.size(), std::size_t(3));
        QCOMPARE(before.fifos.size(), std::size_t(2));
        QCOMPARE(before.fifos[0].depth, int64_t(64));
        QCOMPARE(before.fifos[0].width, int64_t(64));
        QCOMPARE(before.fifoResources.bram18, 4.0);
        QCOMPARE(before.fifoResources.lut, 24.0);
        QCOMPARE(after.stages.size(), std::size_t(2));
        QCOMPARE(after.stages[0].merged, std::vector<std::string>{"act"});
        QCOMPARE(after.fifos.size(), std::size_t(1));
        QCOMPARE(after.fifos[0].from, std::string("conv1"));
        QCOMPARE(after.fifos[0].to, std::string("conv2"));
        QCOMPARE(after.fifoResources.bram18, 2.0);
        QCOMPARE(after.fifoResources.lut, 12.0);
        const nlohmann::json& h = r.report["hardware"]["hls4ml"];
        QCOMPARE(h["before"]["stages"].get<int>(), 3);
        QCOMPARE(h["after"]["fifos"].get<int>(), 1);
        QCOMPARE(h["removed_stages"], nlohmann::json::array({"act"}));
        QCOMPARE(h["removed_fifos"].size(), std::size_t(1));
        QCOMPARE(h["removed_fifos"][0]["value"].get<std::string>(), std::string("a1"));
        // Ignoring the marks gives the unfused figures again.
        hls4ml::StreamSettings plain;
        plain.honourFusedActivations = false;
        QCOMPARE(hls4ml::estimateStreams(*r.model, plain).fifos.size(), std::size_t(2));
        // A shallow FIFO (depth <= 32) stays out of block RAM: 16 deep, 64 wide -> 64 SRL LUTs + 8.
        QCOMPARE(hls4ml::fifoResources(16, 64).bram18, 0.0);
        QCOMPARE(hls4ml::fifoResources(16, 64).lut, 72.0);
    }

    // The fpgaConvNet-style graph merges the ReLU only when asked (its own toolflow has no
    // merged ReLU); the conv then carries it and a comparator per output lane.
    void fpgaConvNetMergesWhenAsked()
    {
        const auto model = save(twoConvs(), "fpgaconvnet");
        const PassResult r = fuseReluActivations(*model);
        const fpgaconvnet::HardwareGraph plain = fpgaconvnet::buildHardwareGraph(*r.model);
        fpgaconvnet::HardwareGraphOptions o;
        o.mergeFusedActivations = true;
        const fpgaconvnet::HardwareGraph merged = fpgaconvnet::buildHardwareGraph(*r.model, nullptr, o);
        QCOMPARE(plain.layers.size(), std::size_t(3));
        QCOMPARE(merged.layers.size(), std::size_t(2));
        QCOMPARE(merged.layers[0].fusedActivation, std::string("act"));
        QCOMPARE(merged.layers[1].inputs, std::vector<int>{0});
        const nlohmann::json& f = r.report["hardware"]["fpgaconvnet"];
        QCOMPARE(f["before"]["layers"].get<int>(), 3);
        QCOMPARE(f["after"]["layers"].get<int>(), 2);
        QCOMPARE(f["after"]["relu_layers"].get<int>(), 0);
        QVERIFY(f["after"]["lut"].get<double>() < f["before"]["lut"].get<double>());
    }

    // The conv's output is also read by another node: the ReLU is not fused.
    void reluWithSharedInputIsNotFused()
    {
        const auto model = save(twoConvsAddedTo("c1"), "shared_input");
        const PassResult r = fuseReluActivations(*model);
        QCOMPARE(r.changes, 0);
        QVERIFY2(QString::fromStdString(r.notes.at(0)).contains("has 2 readers"), r.notes.at(0).c_str());
        // ... while a ReLU whose own output has two readers does fuse.
        const auto model2 = save(twoConvsAddedTo("a1"), "shared_output");
        const PassResult r2 = fuseReluActivations(*model2);
        QCOMPARE(r2.changes, 1);
        expectIdenticalOutputs(model2, r2, "shared_output", {1, 3, 8, 8});
    }

    // Conv -> BatchNormalization -> Relu and Gemm -> Relu fuse; the BN is named in the mark.
    void convBatchNormReluAndGemmRelu()
    {
        onnx::ModelProto m = fixtures::makeModel(13);
        fixtures::addInput(m, "x", {1, 3, 4, 4});
        fixtures::addOutput(m, "y");
        fixtures::addConv(m, "conv", "x", "c", 3, 4, 3, 1, 1);
        passtest::fillRandom(passtest::findInitializer(m, "W_conv"), 3);
        passtest::addBatchNorm(m, "bn", "c", "b", 4, 5);
        fixtures::addNode(m, "Relu", {"b"}, {"r"}, "relu1");
        fixtures::addNode(m, "Flatten", {"r"}, {"f"}, "flatten");
        passtest::fillRandom(fixtures::addInitializer(m, "G", {5, 64}), 6);
        auto* gemm = fixtures::addNode(m, "Gemm", {"f", "G"}, {"g"}, "gemm");
        fixtures::setInt(gemm, "transB", 1);
        fixtures::addNode(m, "Relu", {"g"}, {"y"}, "relu2");
        const auto model = save(m, "bn_gemm");
        const PassResult r = fuseReluActivations(*model);
        QCOMPARE(r.changes, 2);
        QCOMPARE(r.report["fused"][0]["batchnorm"].get<std::string>(), std::string("bn"));
        QCOMPARE(r.report["fused"][1]["layer"].get<std::string>(), std::string("gemm"));
        const FusedActivations marks = readFusedActivations(*r.model);
        QCOMPARE(marks.valid.size(), std::size_t(2));
        QVERIFY(marks.ignored.empty());
        // hls4ml: conv(+bn+relu1), gemm(+relu2); the flatten is no stage.
        const hls4ml::StreamEstimate e = hls4ml::estimateStreams(*r.model);
        QCOMPARE(e.stages.size(), std::size_t(2));
        QCOMPARE(e.stages[0].merged, (std::vector<std::string>{"bn", "relu1"}));
        expectIdenticalOutputs(model, r, "bn_gemm", {1, 3, 4, 4});
    }

    // Marks a later edit broke are ignored: here the ReLU became a ThresholdedRelu(0.3), as a
    // threshold sweep makes it; fusing again drops the stale mark.
    void staleMarkIsIgnored()
    {
        const auto model = save(twoConvs(), "stale");
        const PassResult r = fuseReluActivations(*model);
        onnx::ModelProto edited = *r.proto;
        onnx::NodeProto* act = edited.mutable_graph()->mutable_node(1);
        act->set_op_type("ThresholdedRelu");
        fixtures::setFloat(act, "alpha", 0.3f);
        const auto stale = save(edited, "stale_edited");
        const FusedActivations marks = readFusedActivations(*stale);
        QVERIFY(marks.valid.empty());
        QCOMPARE(marks.ignored.size(), std::size_t(1));
        QVERIFY2(QString::fromStdString(marks.ignored[0]).contains("ThresholdedRelu with alpha 0.3 is not a ReLU"),
                 marks.ignored[0].c_str());
        QCOMPARE(hls4ml::estimateStreams(*stale).stages.size(), std::size_t(3));
        const PassResult again = fuseReluActivations(*stale);
        QCOMPARE(again.changes, 0);
        QVERIFY(readFusedActivations(*again.model).valid.empty());
        // Fusing an already fused model finds nothing new.
        const PassResult twice = fuseReluActivations(*r.model);
        QCOMPARE(twice.changes, 0);
        QCOMPARE(twice.report["already_fused"].get<int>(), 1);
    }

    // The exported model stays standard ONNX: the graph is untouched, the mark is metadata.
    void fusedModelKeepsItsGraph()
    {
        const auto model = save(twoConvs(), "graph");
        const PassResult r = fuseReluActivations(*model);
        QCOMPARE(r.proto->graph().node_size(), model->proto().graph().node_size());
        for (int i = 0; i < r.proto->graph().node_size(); ++i) {
            QCOMPARE(r.proto->graph().node(i).op_type(), model->proto().graph().node(i).op_type());
            QCOMPARE(r.proto->graph().node(i).attribute_size(), model->proto().graph().node(i).attribute_size());
        }
        bool found = false;
        for (const auto& p : r.proto->metadata_props())
            found = found || (p.key() == kFusedActivationsKey
                              && nlohmann::json::parse(p.value())
                                  == nlohmann::json::parse(R"([{"layer":"conv1","batchnorm":"","activation":"act"}])"));
        QVERIFY(found);
    }

    // Generated reference models: cnv fuses its 8 Conv/MatMul + BN + ReLU, resnet18 the 9 ReLUs right after
    // a conv (not the 8 after a residual Add), mobilenet_v2 nothing (its Clips are ReLU6).
    void generatedModels_data()
    {
        QTest::addColumn<QString>("model");
        QTest::addColumn<int>("fused");
        QTest::addColumn<int>("skipped");
        QTest::addColumn<QString>("reason");
        QTest::addColumn<int>("size");
        QTest::newRow("cnv") << "cnv" << 8 << 0 << "" << 32;
        QTest::newRow("resnet18") << "resnet18" << 9 << 8 << "follows a Add" << 224;
        QTest::newRow("mobilenet_v2") << "mobilenet_v2" << 0 << 35 << "Clip with max 6 is not a ReLU" << 224;
    }
    void generatedModels()
    {
        QFETCH(QString, model);
        QFETCH(int, fused);
        QFETCH(int, skipped);
        QFETCH(QString, reason);
        QFETCH(int, size);
        const std::string file = passtest::kModels + model.toStdString() + ".onnx";
        const auto original = Model::load(file);
        const PassResult r = fuseReluActivations(*original);
        QCOMPARE(r.changes, fused);
        QCOMPARE(static_cast<int>(r.report["skipped"].size()), skipped);
        for (const std::string& note : r.notes)
            QVERIFY2(QString::fromStdString(note).contains(reason), note.c_str());
        const nlohmann::json& h = r.report["hardware"]["hls4ml"];
        QVERIFY2(!h.contains("error"), h.dump().c_str());
        QCOMPARE(h["before"]["stages"].get<int>() - h["after"]["stages"].get<int>(), fused);
        QCOMPARE(h["before"]["fifos"].get<int>() - h["after"]["fifos"].get<int>(), fused);
        double removedBram = 0, removedLut = 0;
        for (const auto& f : h["removed_fifos"]) {
            removedBram += f["bram18"].get<double>();
            removedLut += f["lut"].get<double>();
        }
        QCOMPARE(h["before"]["fifo_bram18"].get<double>() - h["after"]["fifo_bram18"].get<double>(), removedBram);
        QCOMPARE(h["before"]["fifo_lut"].get<double>() - h["after"]["fifo_lut"].get<double>(), removedLut);
        const nlohmann::json& f = r.report["hardware"]["fpgaconvnet"];
        QVERIFY2(!f.contains("error"), f.dump().c_str());
        QCOMPARE(f["before"]["layers"].get<int>() - f["after"]["layers"].get<int>(), fused);
        expectIdenticalOutputs(original, r, model, {1, 3, size, size});
    }
};

QTEST_GUILESS_MAIN(TestReluFusion)
#include "tst_relu_fusion.moc"
