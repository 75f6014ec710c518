// FINN's layers for branching graphs (core/hw/finn/BRANCH_NOTES.md): each op's cycles and
// resources against FINN's formulas computed here by hand, a residual block and an
// inception-style block converted into FINN's node list (names, ports, data types, FIFO depths
// on the branches), folding_config.json for the new nodes, the optimisers folding them, and the
// one-line refusals for what FINN has no layer for.
#include "ErrorExpectation.h"
#include "OnnxFixtures.h"

#include "hw/finn/BudgetedSearch.h"
#include "hw/finn/FinnConversion.h"
#include "hw/finn/FinnDesign.h"
#include "hw/finn/FinnFormulas.h"
#include "hw/finn/FoldingConfig.h"
#include "hw/finn/SetFolding.h"
#include "model/Model.h"
#include "model/ModelError.h"

#include <QtTest>

#include <nlohmann/json.hpp>

using namespace foldwise;
using namespace foldwise::finn;

namespace {

FinnNode node(FinnOp op, int64_t channels, int64_t vectors, int64_t pe, FinnDataType type)
{
    FinnNode n;
    n.op = op;
    n.backend = Backend::Hls;
    n.name = opType(op, Backend::Hls) + "_0";
    n.channels = channels;
    n.numInputVectors = vectors;
    n.inputType = n.outputType = type;
    n.folding.pe = pe;
    return n;
}

std::vector<std::string> names(const FinnNetwork& net)
{
    std::vector<std::string> out;
    for (const FinnNode& n : net.nodes)
        out.push_back(n.name);
    return out;
}

ConversionOptions twoBit()
{
    ConversionOptions o;
    o.weightBits = 2;
    o.activationBits = 2; // ReLU outputs UINT2
    return o;
}

} // namespace

class TestFinnBranches : public QObject {
    Q_OBJECT
private:
    QTemporaryDir dir;
    std::string path(const char* name) const { return dir.filePath(name).toStdString(); }

    FinnNetwork convert(const onnx::ModelProto& m, const char* file, const ConversionOptions& o = twoBit())
    {
        fixtures::save(m, path(file));
        return convertToFinn(*Model::load(path(file)), o);
    }

    // x (1, 8, 8, 8) -> c0 3x3/pad 1 -> r0 -+-> c1 3x3/pad 1 -> r1 -> c2 1x1 -> add -> r2 -> GAP -> fc
    //                                       +-------------------------------------^
    onnx::ModelProto residualBlock()
    {
        onnx::ModelProto m = fixtures::modelWithInput("x", {1, 8, 8, 8});
        fixtures::addConv(m, "c0", "x", "a0", 8, 8, 3, 1, 1);
        fixtures::addNode(m, "Relu", {"a0"}, {"r0"}, "r0");
        fixtures::addConv(m, "c1", "r0", "a1", 8, 8, 3, 1, 1);
        fixtures::addNode(m, "Relu", {"a1"}, {"r1"}, "r1");
        fixtures::addConv(m, "c2", "r1", "a2", 8, 8, 1);
        fixtures::addNode(m, "Add", {"a2", "r0"}, {"sum"}, "add");
        fixtures::addNode(m, "Relu", {"sum"}, {"r2"}, "r2");
        fixtures::addNode(m, "GlobalAveragePool", {"r2"}, {"gap"}, "gap");
        fixtures::addNode(m, "Flatten", {"gap"}, {"flat"}, "flatten");
        fixtures::addInitializer(m, "W_fc", {8, 10});
        fixtures::addNode(m, "MatMul", {"flat", "W_fc"}, {"out"}, "fc");
        fixtures::addOutput(m, "out");
        return m;
    }

    // x (1, 4, 8, 8) -> stem 1x1 -> relu -+-> a 1x1 (4) -> relu ------------------+
    //                                     +-> b 3x3/pad 1 (6) -> relu ------------+-> concat (12)
    //                                     +-> pool 3x3/s1/pad 1 -> c 1x1 (2) -> relu
    onnx::ModelProto inceptionBlock()
    {
        onnx::ModelProto m = fixtures::modelWithInput("x", {1, 4, 8, 8});
        fixtures::addConv(m, "stem", "x", "s", 4, 8, 1);
        fixtures::addNode(m, "Relu", {"s"}, {"rs"}, "rs");
        fixtures::addConv(m, "a", "rs", "ya", 8, 4, 1);
        fixtures::addNode(m, "Relu", {"ya"}, {"ra"}, "ra");
        fixtures::addConv(m, "b", "rs", "yb", 8, 6, 3, 1, 1);
        fixtures::addNode(m, "Relu", {"yb"}, {"rb"}, "rb");
        auto* p = fixtures::addPool(m, "MaxPool", "pool", "rs", "pc", 3, 1);
        fixtures::setInts(p, "pads", {1, 1, 1, 1});
        fixtures::addConv(m, "c", "pc", "yc", 8, 2, 1);
        fixtures::addNode(m, "Relu", {"yc"}, {"rc"}, "rc");
        auto* cat = fixtures::addNode(m, "Concat", {"ra", "rb", "rc"}, {"out"}, "concat");
        fixtures::setInt(cat, "axis", 1);
        fixtures::addOutput(m, "out");
        return m;
    }

private slots:
    // Every new op's get_exp_cycles and estimates, by hand from FINN's formulas.
    void opFormulasByHand()
    {
        const FinnDataType u2 = FinnDataType::unsignedInt(2);
        // DuplicateStreams: prod(vecs) * C / PE = 3136 * 64 / 4; three outputs of 4 * 2 bits.
        FinnNode d = node(FinnOp::DuplicateStreams, 64, 56 * 56, 4, u2);
        d.outputs = 3;
        QCOMPARE(estimateNode(d, {}).cycles, int64_t(50176));
        QCOMPARE(estimateNode(d, {}).lut, 0.0);
        QCOMPARE(outputWords(d), int64_t(50176));
        QCOMPARE(outputStreamWidth(d), int64_t(8));
        QVERIFY(checkFolding(d, NodeFolding{.pe = 3}).find("does not divide NumChannels 64") != std::string::npos);
        // AddStreams: 784 * 256 / 8 cycles; one bit more out (2 * min signed, 2 * max unsigned).
        const FinnNode a = node(FinnOp::AddStreams, 256, 28 * 28, 8, u2);
        QCOMPARE(estimateNode(a, {}).cycles, int64_t(25088));
        QCOMPARE(inputStreamWidth(a, 1), int64_t(16));
        QCOMPARE(formulas::addStreamsOutputType(FinnDataType::signedInt(4)).name(), std::string("INT5"));
        QCOMPARE(formulas::addStreamsOutputType(u2).name(), std::string("UINT3"));
        QCOMPARE(formulas::addStreamsOutputType(FinnDataType::bipolarType()).name(), std::string("INT2"));
        // StreamingConcat (main, unfolded): prod(vecs) cycles, an input port ElemsPerStream[i] * bits
        // wide, the output sum(ElemsPerStream) * bits.
        FinnNode c = node(FinnOp::StreamingConcat, 224, 28 * 28, 1, u2);
        c.inputChannels = {64, 128, 32};
        QCOMPARE(estimateNode(c, {}).cycles, int64_t(784));
        QCOMPARE(inputStreamWidth(c, 1), int64_t(256));
        QCOMPARE(outputStreamWidth(c), int64_t(448));
        QVERIFY(allowedPe(c).empty() && allowedSimd(c).empty());
        // Pool: (C * kh * kw / PE) * oh * ow = 64 * 9 / 4 * 3136.
        FinnNode p = node(FinnOp::Pool, 64, 56 * 56, 4, u2);
        p.kernel = {3, 3};
        p.ofmDim = {56, 56};
        QCOMPARE(estimateNode(p, {}).cycles, int64_t(451584));
        // GlobalAccPool: N*H*W*C/PE + C/PE = 49 * 128 + 128; its sum type from H*W extremes.
        const FinnNode g = node(FinnOp::GlobalAccPool, 2048, 49, 16, u2);
        QCOMPARE(estimateNode(g, {}).cycles, int64_t(6400));
        QCOMPARE(outputWords(g), int64_t(128));
        QCOMPARE(formulas::globalAccPoolOutputType(u2, 49).name(), std::string("UINT8"));                 // 147
        QCOMPARE(formulas::globalAccPoolOutputType(FinnDataType::signedInt(4), 49).name(), std::string("INT10")); // -392
        QCOMPARE(formulas::globalAccPoolOutputType(FinnDataType::bipolarType(), 49).name(), std::string("INT7")); // -49
        // ChannelwiseOp: 196 * 256 / 2 cycles; A = 8 input bits, TMEM = 128:
        // distributed LUT = A*P + P*A*ceil(TMEM/64) = 16 + 32; block: BRAM ceil(A*P/16)*ceil(TMEM/1024) = 1, LUT 16.
        FinnNode w = node(FinnOp::ChannelwiseOp, 256, 196, 2, FinnDataType::signedInt(8));
        w.folding.ramStyle = RamStyle::Distributed;
        QCOMPARE(estimateNode(w, {}).cycles, int64_t(25088));
        QCOMPARE(estimateNode(w, {}).lut, 48.0);
        QCOMPARE(estimateNode(w, {}).bram18, 0.0);
        w.folding.ramStyle = RamStyle::Block;
        QCOMPARE(estimateNode(w, {}).lut, 16.0);
        QCOMPARE(estimateNode(w, {}).bram18, 1.0);
        w.folding.ramStyle = RamStyle::Auto;
        QVERIFY(!checkFolding(w, w.folding).empty()); // distributed or block only
        // UpsampleNearestNeighbour (main): OFMDim^2 (2-D), OFMDim (1-D).
        FinnNode u = node(FinnOp::UpsampleNearestNeighbour, 16, 1, 1, u2);
        u.ifmDim = {14, 14};
        u.ofmDim = {28, 28};
        QCOMPARE(estimateNode(u, {}).cycles, int64_t(784));
        u.ifmDim = {32, 1};
        u.ofmDim = {64, 1};
        QCOMPARE(estimateNode(u, {}).cycles, int64_t(64));
        // qonnx get_smallest_possible.
        QCOMPARE(formulas::smallestPossible(0).name(), std::string("BINARY"));
        QCOMPARE(formulas::smallestPossible(1).name(), std::string("BINARY"));
        QCOMPARE(formulas::smallestPossible(4).name(), std::string("UINT3"));
        QCOMPARE(formulas::smallestPossible(-2).name(), std::string("INT2"));
        QCOMPARE(formulas::smallestPossible(-3).name(), std::string("INT3"));
    }

    void residualBlockInFinnOrder()
    {
        const FinnNetwork net = convert(residualBlock(), "residual.onnx");
        const std::vector<std::string> expected = {
            "FMPadding_rtl_0", "ConvolutionInputGenerator_rtl_0", "MVAU_hls_0",   "DuplicateStreams_hls_0",
            "FMPadding_rtl_1", "ConvolutionInputGenerator_rtl_1", "MVAU_hls_1",   "MVAU_hls_2",
            "AddStreams_hls_0", "Thresholding_rtl_0",             "GlobalAccPool_hls_0", "MVAU_hls_3"};
        QCOMPARE(names(net), expected);
        const FinnNode& dup = net.nodes[3];
        QCOMPARE(dup.outputs, 2);
        QCOMPARE(dup.inputs, (std::vector<StreamSource>{{2, 0}}));
        QCOMPARE(dup.folding.pe, int64_t(1));
        QCOMPARE(net.nodes[4].inputs, (std::vector<StreamSource>{{3, 0}})); // the long branch: port 0
        const FinnNode& add = net.nodes[8];
        QCOMPARE(add.inputs, (std::vector<StreamSource>{{7, 0}, {3, 1}})); // in0 the branch, in1 the bypass
        QCOMPARE(add.inputType.name(), std::string("UINT2"));
        QCOMPARE(add.outputType.name(), std::string("UINT3"));
        // c2 has no activation: taken as quantised to the bypass's UINT2, its thresholds absorbed.
        QVERIFY(net.nodes[7].hasThresholds);
        QCOMPARE(net.nodes[7].outputType.name(), std::string("UINT2"));
        QVERIFY(net.nodes[2].hasThresholds); // r0 before the fork
        QCOMPARE(net.nodes[9].inputType.name(), std::string("UINT3"));
        // GlobalAccPool sums 64 pixels of UINT2: 192 -> UINT8, which the classifier reads.
        QCOMPARE(net.nodes[10].outputType.name(), std::string("UINT8"));
        QCOMPARE(net.nodes[11].inputType.name(), std::string("UINT8"));
        QCOMPARE(net.nodes[11].mw, int64_t(8));

        FinnDesign d(net);
        // Cycles by hand: DuplicateStreams / AddStreams 64 * 8 / 1, GlobalAccPool 64 * 8 + 8.
        QCOMPARE(d.estimate(3).cycles, int64_t(512));
        QCOMPARE(d.estimate(8).cycles, int64_t(512));
        QCOMPARE(d.estimate(10).cycles, int64_t(520));
        // The longest path runs through the branch: every node.
        int64_t all = 0;
        for (std::size_t i = 0; i < d.size(); ++i)
            all += d.estimate(i).cycles;
        QCOMPARE(d.criticalPathCycles(), all);
        // The bypass FIFO: the branch holds back its SWG's (k-1-pad_top)*W + (k-pad_left) =
        // 8 + 2 pixels and its 1x1 MVAU's one, 11 pixels of 8 words (C / PE = 8 / 1) = 88:
        // a Q_srl FIFO (32 < 88 <= 256). The slow MVAUs upstream leave no rate mismatch.
        const FifoEstimate& bypass = d.fifos()[d.edgeOf(8, 1)];
        QCOMPARE(bypass.producer, 3);
        QCOMPARE(bypass.requestedDepth, int64_t(88));
        QVERIFY(!bypass.vivado);
        QCOMPARE(d.fifos()[d.edgeOf(8, 0)].depth, int64_t(0));
        QCOMPARE(d.inFifoDepths(8), (std::vector<int64_t>{2, 88}));
        QCOMPARE(d.outFifoDepths(3), (std::vector<int64_t>{2, 2}));
        // PE 2 on the DuplicateStreams halves the words per pixel: 11 * 4 = 44.
        NodeFolding f = d.node(3).folding;
        f.pe = 2;
        d.setFolding(3, f);
        QCOMPARE(d.inFifoDepths(8), (std::vector<int64_t>{2, 44}));

        // folding_config.json: FINN's keys per node type, FIFO depths as FINN writes them.
        const nlohmann::json j = nlohmann::json::parse(foldingConfigJson(d));
        QCOMPARE(j["DuplicateStreams_hls_0"]["PE"].get<int>(), 2);
        QCOMPARE(j["DuplicateStreams_hls_0"]["outFIFODepths"], nlohmann::json({2, 2}));
        QCOMPARE(j["AddStreams_hls_0"]["inFIFODepths"], nlohmann::json({2, 44}));
        QVERIFY(j["AddStreams_hls_0"].contains("PE") && !j["AddStreams_hls_0"].contains("SIMD"));
        QVERIFY(j["GlobalAccPool_hls_0"].contains("PE"));
        // ... and read back onto a fresh conversion.
        FinnDesign again(net);
        applyFoldingConfig(again, R"({"AddStreams_hls_0": {"PE": 4, "inFIFODepths": [2, 44]},
                                      "DuplicateStreams_hls_0": {"PE": 8}, "GlobalAccPool_hls_0": {"PE": 2}})", "c.json");
        QCOMPARE(again.estimate(8).cycles, int64_t(128));
        QCOMPARE(again.estimate(3).cycles, int64_t(64));
        QCOMPARE(again.estimate(10).cycles, int64_t(64 * 4 + 4));
        QVERIFY_THROWS_EXCEPTION(ModelError,
                                 applyFoldingConfig(again, R"({"AddStreams_hls_0": {"SIMD": 2}})", "bad.json"));
    }

    void inceptionBlockFansOutIntoThree()
    {
        const FinnNetwork net = convert(inceptionBlock(), "inception.onnx");
        const std::vector<std::string> expected = {
            "MVAU_hls_0",      "DuplicateStreams_hls_0", "MVAU_hls_1", "FMPadding_rtl_0",
            "ConvolutionInputGenerator_rtl_0", "MVAU_hls_2", "FMPadding_rtl_1", "ConvolutionInputGenerator_rtl_1",
            "Pool_hls_0",      "MVAU_hls_3",             "StreamingConcat_hls_0"};
        QCOMPARE(names(net), expected);
        QCOMPARE(net.nodes[1].outputs, 3);
        QCOMPARE(net.nodes[2].inputs, (std::vector<StreamSource>{{1, 0}}));
        QCOMPARE(net.nodes[3].inputs, (std::vector<StreamSource>{{1, 1}}));
        QCOMPARE(net.nodes[6].inputs, (std::vector<StreamSource>{{1, 2}}));
        // The overlapping, padded max pool: FMPadding + depthwise SWG + Pool (PE = Channels).
        const FinnNode& swg = net.nodes[7];
        QVERIFY(swg.depthwise);
        QCOMPARE(swg.ifmDim, (std::array<int64_t, 2>{10, 10}));
        const FinnNode& pool = net.nodes[8];
        QCOMPARE(pool.folding.pe, int64_t(8));
        QCOMPARE(pool.linked, 7);
        QVERIFY(!pool.averagePool);
        const FinnNode& cat = net.nodes[10];
        QCOMPARE(cat.inputChannels, (std::vector<int64_t>{4, 6, 2}));
        QCOMPARE(cat.channels, int64_t(12));
        QCOMPARE(cat.inputs, (std::vector<StreamSource>{{2, 0}, {5, 0}, {9, 0}}));

        FinnDesign d(net);
        // Pool: 8 * 9 / 8 * 64 cycles; StreamingConcat: 64.
        QCOMPARE(d.estimate(8).cycles, int64_t(576));
        QCOMPARE(d.estimate(10).cycles, int64_t(64));
        // The concat's inputs buffer what the slowest branch holds back (fractions of the 64
        // pixel frame): a = stem MVAU 1 + MVAU 1 = 2 pixels, b = 1 + SWG (8 + 2) = 11,
        // c = 1 + SWG 10 + its 1x1 MVAU 1 = 12. a: 10 pixels of 4 words = 40; b: 1 pixel of 6
        // words = 6 -> 32 (optimize_depth); c: none.
        QCOMPARE(d.inFifoDepths(10), (std::vector<int64_t>{40, 32, 2}));
        QCOMPARE(d.outFifoDepths(1), (std::vector<int64_t>{2, 2, 2}));
        const nlohmann::json j = nlohmann::json::parse(foldingConfigJson(d));
        QVERIFY(!j["StreamingConcat_hls_0"].contains("PE") && !j["StreamingConcat_hls_0"].contains("SIMD"));
        QCOMPARE(j["StreamingConcat_hls_0"]["inFIFODepths"], nlohmann::json({40, 32, 2}));
        QCOMPARE(j["Pool_hls_0"]["PE"].get<int>(), 8);

        // SetFolding: Pool is a depthwise_op_exception (its SWG takes SIMD = PE),
        // StreamingConcat has nothing to fold on main.
        FinnDesign s(net);
        SetFoldingOptions o;
        o.targetCyclesPerFrame = 2000;
        const SetFoldingResult r = setFolding(s, o);
        QCOMPARE(r.passes, 1);
        // Pool: 72 / PE * 64 = 4608, 2304, 1152 -> PE 4, and its SWG SIMD 4 (depthwise, cf 2:
        // 46 + 8 * 144 = 1198 cycles).
        QCOMPARE(s.node(8).folding.pe, int64_t(4));
        QCOMPARE(s.node(7).folding.simd, int64_t(4));
        QCOMPARE(s.estimate(7).cycles, int64_t(1198));
        QCOMPARE(s.node(1).folding.pe, int64_t(1)); // DuplicateStreams: 512 < 2000 at PE 1
        // MVAU b (MW 72, MH 6): SIMD 12 gives 6 * 6 * 64 = 2304, SIMD 18 (36 weight bits) 1536.
        QCOMPARE(s.node(5).folding.simd, int64_t(18));
        QCOMPARE(s.node(5).folding.pe, int64_t(1));
        bool concatWarned = false;
        for (const std::string& w : r.warnings)
            concatWarned = concatWarned || w == "SetFolding doesn't know how to handle op_type StreamingConcat_hls";
        QVERIFY(concatWarned);

        // The budgeted search folds the new nodes too: with room to spare it speeds up the
        // bottleneck until nothing moves, never leaving a DuplicateStreams or Pool slower than it.
        BudgetOptions budget;
        budget.available.lut = 1e6;
        budget.available.bram18 = 1e4;
        budget.available.dsp = 0;
        const BudgetSearchResult b = budgetedSearch(FinnDesign(net), budget);
        QVERIFY(b.feasible);
        FinnDesign best(net);
        best.setFoldings(b.foldings);
        QVERIFY(best.estimate(1).cycles <= best.maxCycles());
        // FINN estimates DuplicateStreams at zero resources, but a wider one needs wider streams:
        // it keeps the narrowest PE that does not make it the bottleneck (64 * 8 / PE cycles).
        int64_t narrowest = 8;
        for (int64_t pe : {8, 4, 2, 1})
            if (64 * 8 / pe <= best.maxCycles())
                narrowest = pe;
        QCOMPARE(best.node(1).folding.pe, narrowest);
        QVERIFY(narrowest < 8);
        QCOMPARE(best.node(7).folding.simd, best.node(8).folding.pe);
        QVERIFY(best.maxCycles() < FinnDesign(net).maxCycles());
    }

    void channelwiseOpWhereNothingAbsorbs()
    {
        // A per-channel Mul on one input of a residual Add: FINN's ChannelwiseOp.
        onnx::ModelProto m = fixtures::modelWithInput("x", {1, 4, 8, 8});
        fixtures::addConv(m, "c0", "x", "a0", 4, 4, 1);
        fixtures::addNode(m, "Relu", {"a0"}, {"r0"}, "r0");
        fixtures::addInitializer(m, "scale", {1, 4, 1, 1}, 2.0f);
        fixtures::addNode(m, "Mul", {"r0", "scale"}, {"m"}, "scale_it");
        fixtures::addConv(m, "c1", "r0", "a1", 4, 4, 1);
        fixtures::addNode(m, "Relu", {"a1"}, {"r1"}, "r1");
        fixtures::addNode(m, "Add", {"m", "r1"}, {"out"}, "add");
        fixtures::addOutput(m, "out");
        const FinnNetwork net = convert(m, "channelwise.onnx");
        const int op = net.indexOf("ChannelwiseOp_hls_0");
        QVERIFY(op >= 0);
        const FinnNode& c = net.nodes[static_cast<std::size_t>(op)];
        QVERIFY(c.multiply);
        QCOMPARE(c.onnxNodes, (std::vector<std::string>{"scale_it"}));
        QCOMPARE(c.inputs, (std::vector<StreamSource>{{1, 0}})); // DuplicateStreams port 0
        const int add = net.indexOf("AddStreams_hls_0");
        QCOMPARE(net.nodes[static_cast<std::size_t>(add)].inputs[0].node, op);
        // 64 pixels * 4 channels / PE 1; UINT2: LUT = A*P + P*A*ceil(4/64) = 2 + 2.
        const FinnDesign d(net);
        QCOMPARE(d.estimate(static_cast<std::size_t>(op)).cycles, int64_t(256));
        QCOMPARE(d.estimate(static_cast<std::size_t>(op)).lut, 4.0);
        const nlohmann::json j = nlohmann::json::parse(foldingConfigJson(d));
        QCOMPARE(j["ChannelwiseOp_hls_0"]["ram_style"].get<std::string>(), std::string("distributed"));
    }

    void poolingUpsamplingAndGlobalPooling()
    {
        // x 8x8 -> 1x1 conv -> relu (UINT2) -> MaxPool 3/2 ceil_mode (4x4) -> AveragePool 2/2 (2x2)
        // -> Resize nearest to 4x4 -> ReduceMean over H, W
        onnx::ModelProto m = fixtures::modelWithInput("x", {1, 4, 8, 8});
        fixtures::addConv(m, "c", "x", "y", 4, 4, 1);
        fixtures::addNode(m, "Relu", {"y"}, {"r"}, "r");
        auto* mp = fixtures::addPool(m, "MaxPool", "maxpool", "r", "p1", 3, 2);
        fixtures::setInt(mp, "ceil_mode", 1);
        fixtures::addPool(m, "AveragePool", "avgpool", "p1", "p2", 2, 2);
        fixtures::addInt64Initializer(m, "sizes", {1, 4, 4, 4});
        auto* up = fixtures::addNode(m, "Resize", {"p2", "", "", "sizes"}, {"u"}, "upsample");
        up->add_attribute()->set_name("mode");
        up->mutable_attribute(0)->set_type(onnx::AttributeProto::STRING);
        up->mutable_attribute(0)->set_s("nearest");
        auto* rm = fixtures::addNode(m, "ReduceMean", {"u"}, {"out"}, "mean");
        fixtures::setInts(rm, "axes", {2, 3});
        fixtures::setInt(rm, "keepdims", 0);
        fixtures::addOutput(m, "out");
        const FinnNetwork net = convert(m, "pools.onnx");
        QCOMPARE(names(net), (std::vector<std::string>{"MVAU_hls_0", "FMPadding_rtl_0", "ConvolutionInputGenerator_rtl_0",
                                                       "Pool_hls_0", "ConvolutionInputGenerator_rtl_1", "Pool_hls_1",
                                                       "UpsampleNearestNeighbour_hls_0", "GlobalAccPool_hls_0"}));
        // ceil_mode: (8 - 3) / 2 + 1 = 3 windows, 4 with the last overhanging: 1 more bottom/right pad.
        QCOMPARE(net.nodes[1].padding, (std::array<int64_t, 4>{0, 0, 1, 1}));
        QCOMPARE(net.nodes[2].ifmDim, (std::array<int64_t, 2>{9, 9}));
        QVERIFY(!net.nodes[3].averagePool);
        QVERIFY(net.nodes[5].averagePool);
        QVERIFY(net.nodes[4].depthwise);
        QCOMPARE(net.nodes[7].outputType.name(), std::string("UINT6")); // 16 pixels * 3 = 48
        const FinnDesign d(net);
        // Pool 4 * 9 / 4 * 16; Pool 4 * 4 / 4 * 4; Upsample 4^2; GlobalAccPool 16 * 4 + 4.
        QCOMPARE(d.estimate(3).cycles, int64_t(144));
        QCOMPARE(d.estimate(5).cycles, int64_t(16));
        QCOMPARE(d.estimate(6).cycles, int64_t(16));
        QCOMPARE(d.estimate(7).cycles, int64_t(68));
    }

    void layoutTransposesAtTheEdges()
    {
        // A channels-last model: NHWC input -> Transpose to NCHW -> conv -> relu -> Transpose
        // back -> Flatten -> MatMul. FINN's streams are channels-last: neither transpose is a layer.
        onnx::ModelProto m = fixtures::modelWithInput("x", {1, 8, 8, 4});
        auto* in = fixtures::addNode(m, "Transpose", {"x"}, {"nchw"}, "to_nchw");
        fixtures::setInts(in, "perm", {0, 3, 1, 2});
        fixtures::addConv(m, "c", "nchw", "y", 4, 4, 1);
        fixtures::addNode(m, "Relu", {"y"}, {"r"}, "r");
        auto* back = fixtures::addNode(m, "Transpose", {"r"}, {"nhwc"}, "to_nhwc");
        fixtures::setInts(back, "perm", {0, 2, 3, 1});
        fixtures::addNode(m, "Flatten", {"nhwc"}, {"flat"}, "flatten");
        fixtures::addInitializer(m, "W", {256, 10});
        fixtures::addNode(m, "MatMul", {"flat", "W"}, {"out"}, "fc");
        fixtures::addOutput(m, "out");
        const FinnNetwork net = convert(m, "channels_last.onnx");
        QCOMPARE(names(net), (std::vector<std::string>{"MVAU_hls_0", "MVAU_hls_1"}));
        QCOMPARE(net.nodes[0].mw, int64_t(4));
        QCOMPARE(net.nodes[0].numInputVectors, int64_t(64));
        QCOMPARE(net.nodes[1].mw, int64_t(256));
        // Any other Transpose of a feature map has no FINN layer.
        onnx::ModelProto t = fixtures::modelWithInput("x", {1, 4, 8, 8});
        fixtures::addConv(t, "c", "x", "y", 4, 4, 1);
        auto* swap = fixtures::addNode(t, "Transpose", {"y"}, {"out"}, "swap_hw");
        fixtures::setInts(swap, "perm", {0, 1, 3, 2});
        fixtures::addOutput(t, "out");
        fixtures::save(t, path("swap.onnx"));
        fixtures::expectFileError(path("swap.onnx"), {"node 'swap_hw' (Transpose): FINN has no layer for a Transpose (0, 1, 3, 2)"},
                                  [](const std::string& f) { convertToFinn(*Model::load(f), twoBit()); });
    }

    void activationsBecomeThresholds()
    {
        // ReLU6 (Clip 0..6) after a conv: thresholds absorbed into its MVAU, unsigned as a ReLU's.
        onnx::ModelProto m = fixtures::modelWithInput("x", {1, 4, 8, 8});
        fixtures::addConv(m, "c", "x", "y", 4, 4, 1);
        fixtures::addInitializer(m, "lo", {}, 0.0f);
        fixtures::addInitializer(m, "hi", {}, 6.0f);
        fixtures::addNode(m, "Clip", {"y", "lo", "hi"}, {"out"}, "relu6");
        fixtures::addOutput(m, "out");
        const FinnNetwork net = convert(m, "relu6.onnx");
        QCOMPARE(net.nodes.size(), std::size_t(1));
        QVERIFY(net.nodes[0].hasThresholds);
        QCOMPARE(net.nodes[0].outputType.name(), std::string("UINT2"));
        QCOMPARE(net.nodes[0].onnxNodes, (std::vector<std::string>{"c", "relu6"}));
    }

    void unbuildableOpsNameFinnsLimit()
    {
        const auto expect = [&](onnx::ModelProto& m, const char* file, const QStringList& phrases) {
            fixtures::addOutput(m, "out");
            fixtures::save(m, path(file));
            fixtures::expectFileError(path(file), phrases,
                                      [](const std::string& f) { convertToFinn(*Model::load(f), twoBit()); });
        };
        {   // SiLU: x * sigmoid(x)
            onnx::ModelProto m = fixtures::modelWithInput("x", {1, 4, 8, 8});
            fixtures::addConv(m, "c", "x", "y", 4, 4, 1);
            fixtures::addNode(m, "Sigmoid", {"y"}, {"s"}, "sig");
            fixtures::addNode(m, "Mul", {"y", "s"}, {"out"}, "swish");
            expect(m, "silu.onnx", {"node 'sig' (Sigmoid): FINN has no layer for x * Sigmoid(x)", "SiLU"});
        }
        {   // squeeze-excitation: x * sigmoid(fc(gap(x)))
            onnx::ModelProto m = fixtures::modelWithInput("x", {1, 4, 8, 8});
            fixtures::addConv(m, "c", "x", "y", 4, 4, 1);
            fixtures::addNode(m, "Relu", {"y"}, {"r"}, "r");
            fixtures::addNode(m, "GlobalAveragePool", {"r"}, {"g"}, "squeeze");
            fixtures::addConv(m, "fc", "g", "e", 4, 4, 1);
            fixtures::addNode(m, "Sigmoid", {"e"}, {"s"}, "gate");
            fixtures::addNode(m, "Mul", {"r", "s"}, {"out"}, "excite");
            expect(m, "se.onnx", {"node 'gate' (Sigmoid): FINN has no layer for", "squeeze-excitation"});
        }
        {   // channel shuffle
            onnx::ModelProto m = fixtures::modelWithInput("x", {1, 4, 8, 8});
            fixtures::addConv(m, "c", "x", "y", 4, 4, 1);
            fixtures::addInt64Initializer(m, "shape5", {1, 2, 2, 8, 8});
            fixtures::addNode(m, "Reshape", {"y", "shape5"}, {"g"}, "group");
            auto* t = fixtures::addNode(m, "Transpose", {"g"}, {"out"}, "shuffle");
            fixtures::setInts(t, "perm", {0, 2, 1, 3, 4});
            expect(m, "shuffle.onnx", {"node 'group' (Reshape): FINN has no layer for a channel shuffle"});
        }
        {   // a padded max pool of BIPOLAR data (1-bit activations)
            onnx::ModelProto m = fixtures::modelWithInput("x", {1, 4, 8, 8});
            fixtures::addConv(m, "c", "x", "y", 4, 4, 1);
            fixtures::addNode(m, "Relu", {"y"}, {"r"}, "r");
            auto* p = fixtures::addPool(m, "MaxPool", "stem_pool", "r", "out", 3, 2);
            fixtures::setInts(p, "pads", {1, 1, 1, 1});
            fixtures::addOutput(m, "out");
            fixtures::save(m, path("bipolar_pool.onnx"));
            fixtures::expectFileError(path("bipolar_pool.onnx"),
                                      {"node 'stem_pool' (MaxPool): FINN has no layer for a padded max pooling of signed "
                                       "data (BIPOLAR)"},
                                      [](const std::string& f) { convertToFinn(*Model::load(f)); });
        }
        {   // pooling with stride beyond the kernel
            onnx::ModelProto m = fixtures::modelWithInput("x", {1, 4, 9, 9});
            fixtures::addPool(m, "MaxPool", "sparse", "x", "out", 2, 3);
            expect(m, "sparse.onnx", {"node 'sparse' (MaxPool): FINN has no layer for", "InferPool skips kernel < stride"});
        }
    }
};

QTEST_GUILESS_MAIN(TestFinnBranches)
#include "tst_finn_branches.moc"
