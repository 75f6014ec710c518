// FINN's own folded dataflow graphs as designs: the step_set_fifo_depths graph of FINN's test
// suite read with its PE/SIMD and FIFO depths, cycles against the MVAU formula on attributes
// read straight from the protobuf and against the cycles_estimate FINN stored in the file,
// the data-width converters the design places against the ones FINN inserted, resources
// against FINN's formulas worked out by hand, and the graph's folding applied to Foldwise's
// conversion of a QONNX model of the same network.
#include "CliRunner.h"
#include "ErrorExpectation.h"
#include "OnnxFixtures.h"
#include "QonnxFixtures.h"

#include "hw/finn/FinnConversion.h"
#include "hw/finn/FoldedGraph.h"
#include "layers/ModelSummary.h"
#include "model/Model.h"

#include <QtTest>

#include <onnx/onnx_pb.h>

#include <fstream>
#include <functional>

using namespace foldwise;
using namespace foldwise::finn;

namespace {

const std::string kFinn = std::string(FOLDWISE_SOURCE_DIR) + "/tests/data/finn/";

int64_t intAttr(const onnx::NodeProto& n, const std::string& name)
{
    for (const auto& a : n.attribute())
        if (a.name() == name)
            return a.i();
    throw std::runtime_error("no attribute " + name);
}

int64_t productOf(const onnx::NodeProto& n, const std::string& name)
{
    int64_t p = 1;
    for (const auto& a : n.attribute())
        if (a.name() == name)
            for (int64_t v : a.ints())
                p *= v;
    return p;
}

// The cybersecurity MLP of FINN's notebooks as a Brevitas QONNX export would give it: bipolar
// input, 600 -> 64 -> 64 -> 64 -> 1, 2-bit signed narrow weights, BatchNorm + ReLU + unsigned
// 2-bit activations, a bipolar output.
onnx::ModelProto cybersecQonnx()
{
    onnx::ModelProto m = fixtures::makeModel(11);
    fixtures::addInput(m, "x", {1, 600});
    auto quant = [&](const std::string& in, const std::string& out, int bits, bool isSigned, bool narrow) {
        fixtures::addQuant(m, out + "_quant", in, out, 1.0f, 0.0f, bits, isSigned, narrow);
    };
    fixtures::addInitializer(m, "in_scale", {}, 1.0f);
    fixtures::addNode(m, "BipolarQuant", {"x", "in_scale"}, {"x_bipolar"})->set_domain("qonnx.custom_op.general");
    std::string act = "x_bipolar";
    const int64_t widths[] = {600, 64, 64, 64, 1};
    for (int l = 0; l < 4; ++l) {
        const std::string id = std::to_string(l);
        fixtures::addInitializer(m, "W" + id, {widths[l + 1], widths[l]}, 0.5f);
        quant("W" + id, "Wq" + id, 2, true, true);
        fixtures::setInts(fixtures::addNode(m, "Transpose", {"Wq" + id}, {"Wt" + id}), "perm", {1, 0});
        fixtures::addNode(m, "MatMul", {act, "Wt" + id}, {"mm" + id});
        for (const char* p : {"g", "b", "m", "v"})
            fixtures::addInitializer(m, std::string(p) + id, {widths[l + 1]}, 1.0f);
        fixtures::addNode(m, "BatchNormalization", {"mm" + id, "g" + id, "b" + id, "m" + id, "v" + id}, {"bn" + id});
        if (l < 3) {
            fixtures::addNode(m, "Relu", {"bn" + id}, {"relu" + id});
            quant("relu" + id, "act" + id, 2, false, false);
            act = "act" + id;
        } else {
            fixtures::addInitializer(m, "out_scale", {}, 1.0f);
            fixtures::addNode(m, "BipolarQuant", {"bn" + id, "out_scale"}, {"y"})->set_domain("qonnx.custom_op.general");
        }
    }
    fixtures::addOutput(m, "y");
    return m;
}

} // namespace

class TestFinnFoldedGraph : public QObject {
    Q_OBJECT
private slots:
    void stepSetFifoDepthsIsADesign()
    {
        const std::string file = kFinn + "finn_step_set_fifo_depths.onnx";
        const auto model = Model::load(file);
        QVERIFY(isFinnDataflowGraph(*model));
        EstimateOptions options;
        options.fifos = FifoRule::Given;
        const FinnDesign design(readFoldedGraph(*model), options);
        QCOMPARE(design.size(), std::size_t{4});

        // Every MVAU against FINN's formula on the file's own attributes, and against the
        // cycles_estimate FINN's flow stored on the node.
        const onnx::ModelProto proto = fixtures::readModel(file);
        int mvau = 0;
        std::vector<std::pair<int64_t, int64_t>> fileDwcs;
        std::vector<int64_t> fileDepths;
        for (const auto& n : proto.graph().node()) {
            if (n.op_type() == "MVAU_hls") {
                const int64_t expected = (intAttr(n, "MH") / intAttr(n, "PE")) * (intAttr(n, "MW") / intAttr(n, "SIMD"))
                    * productOf(n, "numInputVectors");
                QCOMPARE(design.node(static_cast<std::size_t>(mvau)).name, n.name());
                QCOMPARE(design.estimate(static_cast<std::size_t>(mvau)).cycles, expected);
                QCOMPARE(design.estimate(static_cast<std::size_t>(mvau)).cycles, intAttr(n, "cycles_estimate"));
                ++mvau;
            } else if (n.op_type() == "StreamingDataWidthConverter_rtl") {
                fileDwcs.push_back({intAttr(n, "inWidth"), intAttr(n, "outWidth")});
            } else if (n.op_type() == "StreamingFIFO_rtl") {
                fileDepths.push_back(intAttr(n, "depth"));
            }
        }
        QCOMPARE(mvau, 4);
        // The FIFOs as set_fifo_depths sized them, and the converters FINN inserted, placed
        // again from the foldings.
        QCOMPARE(design.network().fifos.size(), fileDepths.size());
        for (std::size_t k = 0; k < fileDepths.size(); ++k)
            QCOMPARE(design.network().fifos[k].depth, fileDepths[k]);
        std::vector<std::pair<int64_t, int64_t>> placed;
        for (const DwcEstimate& d : design.dataWidthConverters())
            if (d.outWidth)
                placed.push_back({d.inWidth, d.outWidth});
        QCOMPARE(placed, fileDwcs);
        // FINN's formulas by hand (core/hw/finn/QONNX_NOTES.md section 5): FIFO LUTs
        // 2*ceil(log2 depth) + ceil(depth/32)*ceil(W/2): 28+34+18+6+18+6+3+3; converters 33+34+4;
        // MVAUs 5263+1162+1158+316 LUT, 27+4+4+1 BRAM18.
        QCOMPARE(design.nodeResources().lut, 5263.0 + 1162 + 1158 + 316);
        QCOMPARE(design.nodeResources().bram18, 36.0);
        QCOMPARE(design.totalResources().lut, 7899.0 + 116 + 71);
        // The report's rows add up to its total.
        const NetworkEstimate report = design.networkEstimate();
        ResourceUsage rows;
        for (const LayerEstimate& l : report.layers)
            rows += l.resources;
        QCOMPARE(rows, report.total);
        QCOMPARE(report.layers.size(), std::size_t{4 + 8 + 3});
        QCOMPARE(design.maxCycles(), int64_t{80});

        // It opens as a model too: MACs of its MVAUs, MW x MH x vectors.
        const ModelSummary s = summariseModel(*model);
        QCOMPARE(s.totals.macs, int64_t{600 * 64 + 64 * 64 * 2 + 64});
    }

    // Unnamed nodes (as SpecializeLayers leaves them) are named as FINN's GiveUniqueNodeNames
    // would; PE = SIMD = 1 everywhere.
    void cybsecUnnamedNodes()
    {
        const auto model = Model::load(kFinn + "finn_cybsec_PE_SIMD.onnx");
        const FinnDesign design(readFoldedGraph(*model));
        const int64_t expected[] = {38400, 4096, 4096, 64};
        for (std::size_t i = 0; i < 4; ++i) {
            QCOMPARE(design.node(i).name, "MVAU_hls_" + std::to_string(i));
            QCOMPARE(design.estimate(i).cycles, expected[i]);
        }
        // Converting it again makes no sense: the error says to evaluate it.
        try {
            convertToFinn(*model);
            QFAIL("a folded graph was converted");
        } catch (const ModelError& e) {
            QVERIFY2(std::string(e.what()).find("is a FINN folded graph already") != std::string::npos, e.what());
        }
    }

    // The folded graph's folding on Foldwise's conversion of a QONNX model of the same
    // network: FINN's MVAU cycles and the graph's FIFO depths.
    void foldingAppliedToTheQonnxModel()
    {
        QTemporaryDir dir;
        const QString qonnx = dir.filePath("cybsec.onnx");
        fixtures::save(cybersecQonnx(), qonnx.toStdString());
        const FinnDesign converted(convertToFinn(*Model::load(qonnx.toStdString())));
        QCOMPARE(converted.size(), std::size_t{4});
        QCOMPARE(converted.node(0).inputType.name(), std::string("BIPOLAR"));
        QCOMPARE(converted.node(0).weightType.name(), std::string("INT2"));
        QCOMPARE(converted.node(1).inputType.name(), std::string("UINT2"));
        QCOMPARE(converted.node(3).outputType.name(), std::string("BIPOLAR"));
        const std::string graph = kFinn + "finn_step_set_fifo_depths.onnx";
        const FinnDesign folded = withFoldedGraph(converted, readFoldedGraph(*Model::load(graph)), graph);
        const int64_t finnCycles[] = {(64 / 32) * (600 / 15), (64 / 4) * (64 / 16), (64 / 4) * (64 / 16), 64};
        for (std::size_t i = 0; i < 4; ++i)
            QCOMPARE(folded.estimate(i).cycles, finnCycles[i]);
        QCOMPARE(folded.network().fifos.size(), std::size_t{8});
        QCOMPARE(folded.network().fifos[0].depth, int64_t{38});
        QCOMPARE(folded.network().fifos[0].consumer, std::string("MVAU_hls_0"));

        // The same from the command line: evaluate --design step_set_fifo_depths.onnx.
        const fixtures::CliRun r = fixtures::runCli({"evaluate", qonnx, "--design", QString::fromStdString(graph), "--json"});
        QVERIFY2(r.exitCode == 0, r.err.constData());
        QVERIFY(r.out.contains("StreamingFIFO_rtl_0"));
        QVERIFY(r.out.contains("StreamingDataWidthConverter_rtl_2"));
    }

    // FINN's residual testcase (QONNX_NOTES.md 4a): DuplicateStreams -> (FMPadding, SWG, VVAU,
    // MVAU) || bypass -> AddStreams, read with its ports; cycles by FINN's formulas by hand.
    void readsResidualTestcaseWithItsBranches()
    {
        const FinnNetwork net = readFoldedGraph(*Model::load(kFinn + "finn_residual_testcase.onnx"));
        std::vector<std::string> names;
        for (const FinnNode& n : net.nodes)
            names.push_back(n.name);
        QCOMPARE(names, (std::vector<std::string>{"DuplicateStreams_Batch_0", "FMPadding_Batch_0", "ConvolutionInputGenerator_0",
                                                  "VectorVectorActivation_0", "MatrixVectorActivation_0", "AddStreams_Batch_0"}));
        QCOMPARE(net.nodes[0].outputs, 2);
        QCOMPARE(net.nodes[1].inputs, (std::vector<StreamSource>{{0, 0}}));
        QCOMPARE(net.nodes[5].inputs, (std::vector<StreamSource>{{0, 1}, {4, 0}})); // in0 the bypass here
        QCOMPARE(net.nodes[5].outputType.name(), std::string("INT5"));                // INT4 + INT4
        QCOMPARE(net.nodes[3].linked, 2);
        EstimateOptions o;
        o.fifos = FifoRule::Given;
        const FinnDesign d(net, o);
        // DuplicateStreams / AddStreams 32*32*16/16; FMPadding 34*34*16/16; SWG (hls, 2-D)
        // 34*3*1 + 32*max(32*9, 34) = 9318; VVAU 16*9/16 * 1024; MVAU 16/1 * 16/16 * 1024.
        const int64_t cycles[] = {1024, 1156, 9318, 9216, 16384, 1024};
        for (std::size_t i = 0; i < 6; ++i)
            QCOMPARE(d.estimate(i).cycles, cycles[i]);
        QCOMPARE(d.maxCycles(), int64_t(16384));
        QCOMPARE(d.criticalPathCycles(), int64_t(1024 + 1156 + 9318 + 9216 + 16384 + 1024)); // through the branch
    }

    void branchesAndForeignGraphsAreNamed()
    {
        // A fan-out without DuplicateStreams is FINN's InsertFIFO limit.
        {
            onnx::ModelProto m = fixtures::readModel(kFinn + "finn_residual_testcase.onnx");
            auto* nodes = m.mutable_graph()->mutable_node();
            const std::string bypass = nodes->Get(0).output(1);
            for (auto& n : *nodes) // the AddStreams reads the FMPadding's copy too
                for (int k = 0; k < n.input_size(); ++k)
                    if (n.input(k) == bypass)
                        n.set_input(k, nodes->Get(0).output(0));
            QTemporaryDir fanDir;
            const std::string file = fanDir.filePath("fanout.onnx").toStdString();
            fixtures::save(m, file);
            fixtures::expectFileError(file, {"only through DuplicateStreams"},
                                      [](const std::string& f) { readFoldedGraph(*Model::load(f)); });
        }
        // Wrong-typed foldings and impossible FIFOs are named, never read as something else.
        QTemporaryDir dir;
        const auto broken = [&](const char* name, const std::function<void(onnx::NodeProto&)>& breakIt, const char* phrase) {
            onnx::ModelProto m = fixtures::readModel(kFinn + "finn_step_set_fifo_depths.onnx");
            for (auto& n : *m.mutable_graph()->mutable_node())
                if (n.op_type() == (std::string(name) == "pe" ? "MVAU_hls" : "StreamingFIFO_rtl")) {
                    breakIt(n);
                    break;
                }
            const std::string file = dir.filePath(QString(name) + ".onnx").toStdString();
            fixtures::save(m, file);
            fixtures::expectFileError(file, {phrase}, [](const std::string& f) { readFoldedGraph(*Model::load(f)); });
        };
        broken("pe", [](onnx::NodeProto& n) {
            for (auto& a : *n.mutable_attribute())
                if (a.name() == "PE") {
                    a.set_type(onnx::AttributeProto::STRING);
                    a.set_s("32");
                }
        }, "attribute PE is not an integer");
        broken("depth", [](onnx::NodeProto& n) {
            for (auto& a : *n.mutable_attribute())
                if (a.name() == "depth")
                    a.set_i(-5);
        }, "depth -5 is not positive");
        const std::string plain = std::string(FOLDWISE_SOURCE_DIR) + "/tests/data/qonnx/real/radioml_vgg10_w8a8.onnx";
        fixtures::expectFileError(plain, {"no FINN hardware layer"},
                                  [](const std::string& file) { readFoldedGraph(*Model::load(file)); });
    }
};

QTEST_GUILESS_MAIN(TestFinnFoldedGraph)
#include "tst_finn_folded_graph.moc"
