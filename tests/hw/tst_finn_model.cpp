// The FINN-style model against FINN's published numbers and hand-computed formulas: conversion
// of the CNV topology, the published CNV-w1a1 folding, LUT/BRAM/URAM/DSP and cycle formulas,
// folding_config.json and the estimate reports.
#include "ErrorExpectation.h"
#include "OnnxFixtures.h"

#include "hw/finn/BudgetedSearch.h"
#include "hw/finn/EstimateReports.h"
#include "hw/finn/FinnConversion.h"
#include "hw/finn/FinnDesign.h"
#include "hw/finn/FoldingConfig.h"
#include "model/Model.h"
#include "model/ModelError.h"

#include <QtTest>

#include <nlohmann/json.hpp>

#include <fstream>
#include <sstream>

using namespace foldwise;
using namespace foldwise::finn;

namespace {

const char* const kCnv = FOLDWISE_MODELS_DIR "/cnv.onnx";

// The published CNV-w1a1 folding (PE, SIMD) of the nine MVAUs (finn-examples / FINN's
// test_end2end_bnn_pynq fold_cnv_large); each SWG takes the SIMD of the MVAU it feeds.
const std::pair<int64_t, int64_t> kPublishedFolding[] = {{16, 3}, {32, 32}, {16, 32}, {16, 32}, {4, 32},
                                                         {1, 32},  {1, 4},   {1, 8},   {5, 1}};

std::string readText(const std::string& path)
{
    std::ifstream in(path, std::ios::binary);
    std::stringstream s;
    s << in.rdbuf();
    return s.str();
}

std::vector<std::size_t> indicesOf(const FinnNetwork& net, FinnOp op)
{
    std::vector<std::size_t> out;
    for (std::size_t i = 0; i < net.nodes.size(); ++i)
        if (net.nodes[i].op == op)
            out.push_back(i);
    return out;
}

// FINN's fold_cnv_large as a folding_config.json.
std::string publishedConfig()
{
    nlohmann::ordered_json j;
    j["Defaults"] = nlohmann::json::object();
    for (int i = 0; i < 9; ++i) {
        const auto [pe, simd] = kPublishedFolding[i];
        j["MVAU_hls_" + std::to_string(i)] = {{"PE", pe}, {"SIMD", simd}, {"ram_style", "auto"}, {"resType", "lut"}};
        if (i < 6)
            j["ConvolutionInputGenerator_rtl_" + std::to_string(i)] = {{"SIMD", simd}, {"ram_style", "distributed"}};
    }
    return j.dump(2);
}

FinnNode mvauNode(int64_t mw, int64_t mh, FinnDataType weights, FinnDataType inputs, bool thresholds, int outputBits)
{
    FinnNode n;
    n.op = FinnOp::Mvau;
    n.backend = Backend::Hls;
    n.name = "MVAU_hls_0";
    n.mw = mw;
    n.mh = mh;
    n.weightType = weights;
    n.inputType = inputs;
    n.hasThresholds = thresholds;
    n.outputType = FinnDataType::unsignedInt(outputBits);
    return n;
}

} // namespace

class TestFinnModel : public QObject {
    Q_OBJECT
private:
    QTemporaryDir dir;

    std::string path(const char* name) const { return dir.filePath(name).toStdString(); }

    FinnNetwork convertFixture(const onnx::ModelProto& m, const char* file, const ConversionOptions& options = {})
    {
        fixtures::save(m, path(file));
        return convertToFinn(*Model::load(path(file)), options);
    }

    FinnDesign cnvWithPublishedFolding(EstimateOptions estimates = {})
    {
        FinnDesign d(convertToFinn(*Model::load(kCnv)), estimates);
        applyFoldingConfig(d, publishedConfig(), "published");
        return d;
    }

private slots:
    void convertsCnvInFinnOrder()
    {
        const FinnNetwork net = convertToFinn(*Model::load(kCnv));
        const std::vector<std::string> expected = {
            "ConvolutionInputGenerator_rtl_0", "MVAU_hls_0", "ConvolutionInputGenerator_rtl_1", "MVAU_hls_1",
            "StreamingMaxPool_hls_0",          "ConvolutionInputGenerator_rtl_2", "MVAU_hls_2",
            "ConvolutionInputGenerator_rtl_3", "MVAU_hls_3", "StreamingMaxPool_hls_1",
            "ConvolutionInputGenerator_rtl_4", "MVAU_hls_4", "ConvolutionInputGenerator_rtl_5", "MVAU_hls_5",
            "MVAU_hls_6",                      "MVAU_hls_7", "MVAU_hls_8"};
        QCOMPARE(net.nodes.size(), expected.size());
        for (std::size_t i = 0; i < expected.size(); ++i) {
            QCOMPARE(net.nodes[i].name, expected[i]);
            QCOMPARE(net.nodes[i].producer(), static_cast<int>(i) - 1); // a chain
        }
        // The domain reference's (MW, MH).
        const std::pair<int64_t, int64_t> mwmh[] = {{27, 64},    {576, 64},   {576, 128}, {1152, 128}, {1152, 256},
                                                    {2304, 256}, {256, 512}, {512, 512}, {512, 10}};
        const auto mvaus = indicesOf(net, FinnOp::Mvau);
        QCOMPARE(mvaus.size(), std::size_t(9));
        for (std::size_t i = 0; i < 9; ++i) {
            const FinnNode& n = net.nodes[mvaus[i]];
            QCOMPARE(n.mw, mwmh[i].first);
            QCOMPARE(n.mh, mwmh[i].second);
            // BN + ReLU absorbed as thresholds everywhere but the last layer.
            QCOMPARE(n.hasThresholds, i < 8);
            QCOMPARE(n.folding.pe, int64_t(1));
            QCOMPARE(n.folding.simd, int64_t(1));
        }
        const FinnNode& first = net.nodes[mvaus[0]];
        QCOMPARE(first.onnxNodes, (std::vector<std::string>{"/0/Conv", "/1/BatchNormalization", "/2/Relu"}));
        QCOMPARE(first.inputType.name(), std::string("UINT8"));
        QCOMPARE(first.weightType.name(), std::string("BIPOLAR"));
        QVERIFY(!first.binaryXnorMode);
        QCOMPARE(first.outputType.name(), std::string("BIPOLAR"));
        QCOMPARE(first.numInputVectors, int64_t(30 * 30));
        // Bipolar x bipolar layers run as XNOR-popcount on BINARY data, as in FINN.
        const FinnNode& second = net.nodes[mvaus[1]];
        QVERIFY(second.binaryXnorMode);
        QCOMPARE(second.inputType.name(), std::string("BINARY"));
        QCOMPARE(net.nodes[mvaus[8]].onnxNodes, (std::vector<std::string>{"/27/Gemm"}));
        QCOMPARE(net.nodes[mvaus[6]].onnxNodes,
                 (std::vector<std::string>{"/21/MatMul", "/22/BatchNormalization", "/23/Relu"}));

        const FinnNode& swg0 = net.nodes[0];
        QCOMPARE(swg0.channels, int64_t(3));
        QCOMPARE(swg0.ifmDim, (std::array<int64_t, 2>{32, 32}));
        QCOMPARE(swg0.ofmDim, (std::array<int64_t, 2>{30, 30}));
        QCOMPARE(swg0.kernel, (std::array<int64_t, 2>{3, 3}));
        QCOMPARE(swg0.folding.simd, int64_t(3)); // FINN's default SIMD = IFMChannels
        QCOMPARE(swg0.inputType.name(), std::string("UINT8"));
        const FinnNode& pool0 = net.nodes[4];
        QCOMPARE(pool0.ifmDim, (std::array<int64_t, 2>{28, 28}));
        QCOMPARE(pool0.channels, int64_t(64));
        QCOMPARE(pool0.inputType.name(), std::string("BIPOLAR"));
        QCOMPARE(net.nodes[5].ifmDim, (std::array<int64_t, 2>{14, 14}));
        // The final Gemm's bias has no activation to go into.
        bool biasNote = false;
        for (const std::string& note : net.notes)
            biasNote = biasNote || note.find("MVAU_hls_8: its bias is not modelled") != std::string::npos;
        QVERIFY(biasNote);
    }

    void publishedCnvFoldingCycles()
    {
        const FinnDesign d = cnvWithPublishedFolding();
        const int64_t expected[] = {32400, 28224, 20736, 28800, 20736, 18432, 32768, 32768, 1024};
        const auto mvaus = indicesOf(d.network(), FinnOp::Mvau);
        for (std::size_t i = 0; i < 9; ++i)
            QCOMPARE(d.estimate(mvaus[i]).cycles, expected[i]);
        QCOMPARE(d.maxCycles(), int64_t(32768));
        QCOMPARE(d.node(static_cast<std::size_t>(d.bottleneck())).name, std::string("MVAU_hls_6")); // first on ties

        // SWG (RTL, default style) by hand, cf = C / SIMD:
        //   buffer = ((k-1)*IFM_W + (k-1) + 1) * cf, write = OFM_W*k*k*cf, read = IFM_W*cf,
        //   cycles = buffer + OFM_H * max(write, read)
        //   SWG0 32x32x3, SIMD 3 : 67 + 30*270  = 8167
        //   SWG1 30x30x64, SIMD 32: 126 + 28*504 = 14238
        //   SWG2 14x14x64, SIMD 32: 62 + 12*216  = 2654
        //   SWG3 12x12x128, SIMD 32: 108 + 10*360 = 3708
        //   SWG4 5x5x128, SIMD 32 : 52 + 3*108   = 376
        //   SWG5 3x3x256, SIMD 32 : 72 + 1*72    = 144
        const int64_t swg[] = {8167, 14238, 2654, 3708, 376, 144};
        const auto swgs = indicesOf(d.network(), FinnOp::ConvolutionInputGenerator);
        for (std::size_t i = 0; i < 6; ++i)
            QCOMPARE(d.estimate(swgs[i]).cycles, swg[i]);
        // StreamingMaxPool (FINN since v0.9): 28*28*(1 + 1/4) = 980, 10*10*1.25 = 125.
        const auto pools = indicesOf(d.network(), FinnOp::StreamingMaxPool);
        QCOMPARE(d.estimate(pools[0]).cycles, int64_t(980));
        QCOMPARE(d.estimate(pools[1]).cycles, int64_t(125));
        // Critical path: MVAUs 215888 + SWGs 29287 + pools 1105.
        QCOMPARE(d.criticalPathCycles(), int64_t(246280));
        // At 10 ns: 1e8 / 32768 fps, 246280 * 10 ns.
        QCOMPARE(d.throughputFps(), 1e8 / 32768.0);
        QCOMPARE(d.latencyNs(), 2462800.0);

        const NetworkEstimate e = d.networkEstimate();
        QCOMPARE(e.intervalCycles, 32768.0);
        QCOMPARE(e.latencyCycles, 246280.0);
        QCOMPARE(e.clockMhz, 100.0);
        QCOMPARE(e.layers[e.bottleneck].name, std::string("MVAU_hls_6"));
        QCOMPARE(e.layers[1].folding, std::string("PE=16 SIMD=3"));
        QCOMPARE(e.layers[1].onnxNode, std::string("/0/Conv, /1/BatchNormalization, /2/Relu"));
        QCOMPARE(e.layers[1].type, std::string("MVAU_hls"));
    }

    void swgHlsAndV06PoolFormulas()
    {
        ConversionOptions hls;
        hls.swgBackend = Backend::Hls;
        EstimateOptions v06;
        v06.maxPoolCycles = MaxPoolCycles::V06;
        FinnDesign d(convertToFinn(*Model::load(kCnv), hls), v06);
        applyFoldingConfig(d, R"({"ConvolutionInputGenerator_hls_0": {"SIMD": 3},
                                  "ConvolutionInputGenerator_hls_1": {"SIMD": 32}})",
                           "hls");
        // HLS: IFM_W*k*dil*cf + OFM_H*max(OFM_W*k*k*cf, stride*IFM_W*cf)
        //   SWG0: 32*3*1*1 + 30*max(270, 32) = 96 + 8100 = 8196
        //   SWG1: 30*3*1*2 + 28*max(504, 60) = 180 + 14112 = 14292
        QCOMPARE(d.estimate(0).cycles, int64_t(8196));
        QCOMPARE(d.estimate(2).cycles, int64_t(14292));
        // v0.6 StreamingMaxPool: ImgDim*(ImgDim + ImgDim/k): 28*(28+14) = 1176, 10*(10+5) = 150.
        QCOMPARE(d.estimate(4).cycles, int64_t(1176));
        QCOMPARE(d.estimate(9).cycles, int64_t(150));
        // HLS SWG resources, ram_style distributed (FINN's default):
        //   SWG1: 300 + (k+stride)*(SIMD*bits*ceil(IFM*C/SIMD/64)) = 300 + 4*(32*1*ceil(60/64)) = 428
        QCOMPARE(d.estimate(2).lut, 428.0);
        QCOMPARE(d.estimate(2).bram18, 0.0);
    }

    void streamingOpCyclesByHand()
    {
        EstimateOptions o;
        FinnNode t;
        t.op = FinnOp::Thresholding;
        t.backend = Backend::Rtl;
        t.name = "Thresholding_rtl_0";
        t.channels = 64;
        t.numInputVectors = 28 * 28;
        t.inputType = t.weightType = FinnDataType::signedInt(12);
        t.outputType = FinnDataType::unsignedInt(2);
        t.folding.pe = 4;
        // N*H*W*(C/PE) = 784 * 16
        QCOMPARE(estimateNode(t, o).cycles, int64_t(12544));
        // Thresholding_rtl memories: per output bit x, width 12 (threshold bits), depth 16*2^x;
        // LUTRAM (1x64) wastes least: x=0: 12 primitives (waste 576 bits), x=1: 12 (waste 384),
        // times PE 4 = 48 + 48 LUTs.
        QCOMPARE(estimateNode(t, o).lut, 96.0);
        QCOMPARE(estimateNode(t, o).bram18, 0.0);
        // Thresholding_hls: A*P + P*A*ceil(TMEM/64) = 48 + 48; block: ceil(A*P/16)*ceil(16/1024) = 3.
        t.backend = Backend::Hls;
        t.folding.ramStyle = RamStyle::Distributed;
        QCOMPARE(estimateNode(t, o).lut, 96.0);
        t.folding.ramStyle = RamStyle::Block;
        QCOMPARE(estimateNode(t, o).lut, 48.0);
        QCOMPARE(estimateNode(t, o).bram18, 3.0);

        FinnNode p;
        p.op = FinnOp::StreamingMaxPool;
        p.name = "StreamingMaxPool_hls_0";
        p.channels = 16;
        p.ifmDim = {9, 9};
        p.kernel = p.stride = {3, 3};
        // 81 * (1 + 1/9) = 90 (FINN); 9 * (9 + 3) = 108 (v0.6)
        QCOMPARE(estimateNode(p, o).cycles, int64_t(90));
        o.maxPoolCycles = MaxPoolCycles::V06;
        QCOMPARE(estimateNode(p, o).cycles, int64_t(108));
        // 1-D: ofm * (C/PE) * (k+1) = (12/2) * (16/4) * 3
        p.ifmDim = {1, 12};
        p.kernel = p.stride = {1, 2};
        p.folding.pe = 4;
        QCOMPARE(estimateNode(p, o).cycles, int64_t(72));

        FinnNode w;
        w.op = FinnOp::ConvolutionInputGenerator;
        w.backend = Backend::Rtl;
        w.name = "ConvolutionInputGenerator_rtl_0";
        w.channels = 16;
        w.ifmDim = {12, 12};
        w.ofmDim = {5, 5};
        w.kernel = {3, 3};
        w.stride = {2, 2};
        w.depthwise = true;
        w.inputType = FinnDataType::unsignedInt(4);
        w.folding.simd = 4;
        w.folding.ramStyle = RamStyle::Distributed;
        // Depthwise RTL SWG, cf = 4: buffer = (2*12 + 2 + 1)*4 = 108; write = 5*9*4 = 180;
        // read = 2*12*4 = 96; max = 180 + 5*(2-1)*(4-1) = 195; 108 + 5*195 = 1083, plus
        // (2-1)*12*4 = 48 -> 1131.
        QCOMPARE(estimateNode(w, o).cycles, int64_t(1131));
        // Buffer depth 108 + max(0, (1-9)*4) + max(0, (12-9)*4) = 120; LUT = 300 + 16*ceil(120/38).
        QCOMPARE(estimateNode(w, o).lut, 300.0 + 16 * 4);
        // parallel_window: IFM_H*IFM_W*cf + 2 = 144*4 + 2
        w.folding.parallelWindow = true;
        QCOMPARE(estimateNode(w, o).cycles, int64_t(578));
    }

    void mvauLutAndBramByHand()
    {
        EstimateOptions finn;
        EstimateOptions finnR;
        finnR.lutFormula = LutFormula::FinnR;

        // (P, Q, W, A) = (32, 32, 1, 1): CNV's MVAU_hls_1, XNOR on BINARY inputs, MW 576, MH 64.
        //   mult = Q*(2*ceil(2/6)-1)*2 = 64; addertree = 2*(2*32-1) = 126
        //   accumulator INT11 (range [-576, 576]); bound ceil(log2(576) + 1 + 1 - 1 - 0 + ~0 + 1) = 12
        //   -> acc = 11; thresholds not in LUTs (ram_style_thresholds auto)
        //   LUT = int(300 + 1.1*32*(64 + 126 + 11)) = int(7375.2) = 7375
        //   BRAM: WMEM = 576*64/1024 = 36, width 32*1*32 = 1024 -> ceil(36/512)*ceil(1024/36) = 29
        FinnNode a = mvauNode(576, 64, FinnDataType::binaryType(), FinnDataType::binaryType(), true, 1);
        a.outputType = FinnDataType::bipolarType();
        a.binaryXnorMode = true;
        a.accType = FinnDataType::signedInt(11);
        a.folding = {.pe = 32, .simd = 32};
        QCOMPARE(estimateNode(a, finn).lut, 7375.0);
        QCOMPARE(estimateNode(a, finn).bram18, 29.0);
        QCOMPARE(estimateNode(a, finn).dsp, 0.0);
        // BRAM efficiency: 576*64 weight bits / (29 * 36 * 512)
        QCOMPARE(estimateNode(a, finn).bramEfficiency, 36864.0 / (29 * 36 * 512));

        // (16, 3, 4, 4): MW 27, MH 64, INT4 weights, UINT4 inputs, 4-bit activation.
        //   WMEM = 27*64/48 = 36; mult = 3*(2*ceil(8/6)-1)*8 = 72; addertree = 8*5 = 40
        //   accumulator: 27 * [-8*15, 7*15] = [-3240, 2835] -> INT13; bound
        //   ceil(log2 27 + 7 + ~0 + 1) = 13 -> acc 13
        //   thresholds auto: LUT = int(300 + 1.1*16*(72+40+13)) = int(2500.0000000000005) = 2500
        //   BRAM (auto): width 3*4*16 = 192, ceil(36/512)*ceil(192/36) = 6
        FinnNode b = mvauNode(27, 64, FinnDataType::signedInt(4), FinnDataType::unsignedInt(4), true, 4);
        b.accType = FinnDataType::signedInt(13);
        b.folding = {.pe = 16, .simd = 3};
        QCOMPARE(estimateNode(b, finn).lut, 2500.0);
        QCOMPARE(estimateNode(b, finn).bram18, 6.0);
        //   distributed thresholds: thr = 15*13*ceil(4/64) = 195, comp = 15*13 = 195
        //   LUT = int(300 + 1.1*16*(72+40+13+195+195)) = int(300 + 9064.000000000002) = 9364
        b.folding.ramStyleThresholds = RamStyle::Distributed;
        QCOMPARE(estimateNode(b, finn).lut, 9364.0);
        //   distributed weights add c2 = P*Q*W*ceil(WMEM/64) = 192 and take no BRAM
        b.folding.ramStyle = RamStyle::Distributed;
        QCOMPARE(estimateNode(b, finn).lut, 9556.0);
        QCOMPARE(estimateNode(b, finn).bram18, 0.0);
        //   FINN-R form: acc = W + A + ceil(log2 27) = 13, thresholds always counted: same 9556
        b.folding.ramStyleThresholds = RamStyle::Auto;
        QCOMPARE(estimateNode(b, finnR).lut, 9556.0);
        QCOMPARE(estimateNode(b, finn).lut, 2500.0 + 192);

        // (4, 8, 8, 8) with DSP multipliers: DSP = P*Q*ceil(16/48) = 32, mult LUTs 0.
        //   MW 64, MH 16, UINT8 inputs: acc 64*[-128*255, 127*255] -> INT22; bound
        //   ceil(log2 64 + 8 + 8 - 1 + ~0 + 1) = 22; addertree = 16*15 = 240
        //   LUT = int(300 + 1.1*4*(0 + 240 + 22)) = int(1452.8) = 1452
        //   BRAM: WMEM 32, width 8*8*4 = 256 -> ceil(32/512)*ceil(256/36) = 8
        FinnNode c = mvauNode(64, 16, FinnDataType::signedInt(8), FinnDataType::unsignedInt(8), false, 8);
        c.accType = FinnDataType::signedInt(22);
        c.folding = {.pe = 4, .simd = 8, .resType = ResType::Dsp};
        QCOMPARE(estimateNode(c, finn).dsp, 32.0);
        QCOMPARE(estimateNode(c, finn).lut, 1452.0);
        QCOMPARE(estimateNode(c, finn).bram18, 8.0);

        // (1, 1, 1, 8): width 1 -> ceil(WMEM/16384) = ceil(1152*256/16384) = 18 BRAM18.
        FinnNode d = mvauNode(1152, 256, FinnDataType::bipolarType(), FinnDataType::unsignedInt(8), true, 1);
        d.accType = FinnDataType::signedInt(20);
        QCOMPARE(estimateNode(d, finn).bram18, 18.0);
        // URAM (ram_style ultra): (4, 32, 4): width 512 -> ceil(512/72) * ceil(2304/4096) = 8.
        d.weightType = FinnDataType::signedInt(4);
        d.folding = {.pe = 4, .simd = 32, .ramStyle = RamStyle::Ultra};
        QCOMPARE(estimateNode(d, finn).uram, 8.0);
        QCOMPARE(estimateNode(d, finn).bram18, 0.0);
    }

    void swgResourcesByHand()
    {
        FinnDesign d = cnvWithPublishedFolding();
        // SWG1 (RTL, distributed): width 32*1 bit, buffer 126 words -> 300 + 32*ceil(126/38) = 428.
        QCOMPARE(d.estimate(2).lut, 428.0);
        NodeFolding f = d.node(2).folding;
        f.ramStyle = RamStyle::Auto;
        d.setFolding(2, f);
        // block/auto: 126 deep -> 36-bit aspect, ceil(32/36) = 1 BRAM18; LUT 300.
        QCOMPARE(d.estimate(2).bram18, 1.0);
        QCOMPARE(d.estimate(2).lut, 300.0);
    }

    void fifoRuleByHand()
    {
        const FinnDesign d = cnvWithPublishedFolding();
        // SWG0 -> MVAU_hls_0: SWG0 emits 900 * 27/3 = 8100 words of 3*8 bits in 8167 cycles, the
        // MVAU takes 32400: it runs ahead by ceil(8100 * (32400 - 8167) / 32400) = 6059 words.
        // Deeper than 256: a Vivado FIFO, rounded up to 8192; BRAM18 ceil(8192/1024) *
        // ceil(24/18) = 16; LUT 2 * ceil(log2 8192) = 26.
        const FifoEstimate& f0 = d.fifos()[1];
        QCOMPARE(f0.words, int64_t(8100));
        QCOMPARE(f0.width, int64_t(24));
        QCOMPARE(f0.depth, int64_t(8192));
        QVERIFY(f0.vivado);
        QCOMPARE(f0.estimate.bram18, 16.0);
        QCOMPARE(f0.estimate.lut, 26.0);
        // FINN's CapConvolutionFIFODepths (default_swg_exception): at most one row of SWG0's
        // windows, optimize_depth(OFM_W * ifold) = 30 * 27/3 = 270: a Vivado FIFO (512 words
        // of 24 bits: BRAM18 ceil(512/512) * ceil(24/36) = 1; LUT 2 * ceil(log2 512) = 18).
        EstimateOptions capped;
        capped.capConvolutionFifos = true;
        const FinnDesign cap = cnvWithPublishedFolding(capped);
        QCOMPARE(cap.fifos()[1].requestedDepth, int64_t(270));
        QCOMPARE(cap.fifos()[1].depth, int64_t(512));
        QCOMPARE(cap.fifos()[1].estimate.bram18, 1.0);
        QCOMPARE(cap.fifos()[1].estimate.lut, 18.0);
        QCOMPARE(cap.inFifoDepths(1), (std::vector<int64_t>{270}));
        // MVAU_hls_0 (32400) -> SWG1 (14238): the consumer is faster, no FIFO.
        QCOMPARE(d.fifos()[2].depth, int64_t(0));
        // StreamingMaxPool_hls_0 (980 cycles) -> SWG2 (2654): the pool is fast, but the MVAUs
        // before it deliver a frame only every 32400 cycles, so it never runs ahead: no FIFO.
        QCOMPARE(d.fifos()[5].depth, int64_t(0));
        // MVAU_hls_5 -> MVAU_hls_6 (32768 cycles): the slowest upstream is MVAU_hls_0's 32400;
        // 256 words (1 pixel, MH 256 / PE 1) run ahead by ceil(256 * 368 / 32768) = 3 -> 32, a
        // Q_srl FIFO of 1-bit words: 2*ceil(log2 32) + ceil(32/32)*ceil(1/2) = 11 LUTs.
        const FifoEstimate& f2 = d.fifos()[14];
        QCOMPARE(f2.producer, 13);
        QCOMPARE(f2.depth, int64_t(32));
        QVERIFY(!f2.vivado);
        QCOMPARE(f2.estimate.lut, 11.0);
        QCOMPARE(f2.estimate.bram18, 0.0);
        // MVAU_hls_0 (PE 16, 1-bit outputs: 16-bit words) -> SWG1 (SIMD 32: 32-bit words): a
        // data-width converter, LUT = |ceil(log2(16/32))| + 32 = 33 (lcm 32).
        const DwcEstimate& dwc = d.dataWidthConverters()[2];
        QCOMPARE(dwc.inWidth, int64_t(16));
        QCOMPARE(dwc.outWidth, int64_t(32));
        QCOMPARE(dwc.estimate.lut, 33.0);
        QVERIFY(dwc.rtl());
        // The totals are the nodes' plus the FIFOs' and converters'; the report lists them all,
        // its rows adding up to the total.
        double edgeLut = 0;
        for (const FifoEstimate& f : d.fifos())
            edgeLut += f.estimate.lut;
        for (const DwcEstimate& c : d.dataWidthConverters())
            edgeLut += c.estimate.lut;
        QCOMPARE(d.totalResources().lut, d.nodeResources().lut + edgeLut);
        const NetworkEstimate report = d.networkEstimate();
        ResourceUsage rows;
        for (const LayerEstimate& l : report.layers)
            rows += l.resources;
        QCOMPARE(rows, report.total);
        EstimateOptions none;
        none.fifos = FifoRule::None;
        none.dataWidthConverters = false;
        FinnDesign noFifos(d.network(), none);
        QCOMPARE(noFifos.totalResources(), d.nodeResources());
    }

    void incrementalEvaluation()
    {
        FinnDesign d = cnvWithPublishedFolding();
        const std::size_t before = d.evaluations();
        const ResourceUsage totalBefore = d.totalResources();
        NodeFolding f = d.node(1).folding;
        f.pe = 32;
        d.setFolding(1, f);
        QCOMPARE(d.evaluations(), before + 1); // only MVAU_hls_0 was re-evaluated
        QCOMPARE(d.estimate(1).cycles, int64_t(2 * 9 * 900));
        QVERIFY(!(d.totalResources() == totalBefore));
        // Running totals equal a fresh evaluation of the same foldings.
        FinnDesign fresh(d.network(), d.options());
        QCOMPARE(fresh.totalResources(), d.totalResources());
        QCOMPARE(fresh.nodeResources(), d.nodeResources());
        QCOMPARE(fresh.maxCycles(), d.maxCycles());
        QCOMPARE(fresh.criticalPathCycles(), d.criticalPathCycles());
        // An invalid folding is refused and changes nothing.
        f.pe = 5;
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, d.setFolding(1, f));
        QCOMPARE(d.node(1).folding.pe, int64_t(32));
        QCOMPARE(d.evaluations(), before + 1);
    }

    void foldingConfigRoundTrip()
    {
        const FinnDesign d = cnvWithPublishedFolding();
        const std::string file = path("folding_config.json");
        writeFoldingConfig(d, file);
        const nlohmann::json j = nlohmann::json::parse(readText(file));
        QVERIFY(j["Defaults"].is_object() && j["Defaults"].empty());
        // inFIFODepths: the FIFO on each input edge (SWG0 -> MVAU_hls_0 runs ahead by 6059 words,
        // see fifoRuleByHand), 2 where there is none; outFIFODepths 2, as FINN writes them.
        QCOMPARE(j["MVAU_hls_0"], nlohmann::json::parse(R"({"PE": 16, "SIMD": 3, "ram_style": "auto", "resType": "lut",
                                                            "inFIFODepths": [6059], "outFIFODepths": [2]})"));
        QCOMPARE(j["ConvolutionInputGenerator_rtl_1"],
                 nlohmann::json::parse(R"({"SIMD": 32, "ram_style": "distributed", "parallel_window": 0,
                                           "inFIFODepths": [2], "outFIFODepths": [2]})"));
        QCOMPARE(j["StreamingMaxPool_hls_0"], nlohmann::json::parse(R"({"PE": 1, "inFIFODepths": [2], "outFIFODepths": [2]})"));

        FinnDesign back(convertToFinn(*Model::load(kCnv)));
        readFoldingConfig(back, file);
        QCOMPARE(back.foldings(), d.foldings());
        QCOMPARE(layerResourcesJson(back), layerResourcesJson(d));

        // Defaults by op type.
        applyFoldingConfig(back, R"({"Defaults": {"ram_style": ["distributed", ["MVAU_hls"]]}})", "defaults.json");
        for (std::size_t i : indicesOf(back.network(), FinnOp::Mvau))
            QCOMPARE(back.node(i).folding.ramStyle, RamStyle::Distributed);
    }

    void foldingConfigErrors()
    {
        FinnDesign d = cnvWithPublishedFolding();
        const auto before = d.foldings();
        const auto expectError = [&](const char* name, const std::string& text, const QStringList& phrases) {
            const std::string file = path(name);
            {
                std::ofstream(file) << text;
            }
            fixtures::expectFileError(file, phrases, [&](const std::string& f) { readFoldingConfig(d, f); });
            QCOMPARE(d.foldings(), before); // unchanged
        };
        expectError("unknown.json", R"({"MVAU_hls_99": {"PE": 1}})", {"unknown node 'MVAU_hls_99'"});
        expectError("pe.json", R"({"MVAU_hls_0": {"PE": 5}})", {"MVAU_hls_0", "PE 5 does not divide MH 64"});
        expectError("simd.json", R"({"MVAU_hls_2": {"SIMD": 7}})", {"MVAU_hls_2", "SIMD 7 does not divide MW 576"});
        expectError("attr.json", R"({"StreamingMaxPool_hls_0": {"SIMD": 2}})",
                    {"StreamingMaxPool_hls_0", "has no attribute SIMD"});
        expectError("type.json", R"({"MVAU_hls_0": {"PE": "16"}})", {"MVAU_hls_0", "PE must be an integer"});
        expectError("style.json", R"({"MVAU_hls_0": {"ram_style": "bram"}})", {"MVAU_hls_0", "ram_style \"bram\""});
        expectError("window.json", R"({"ConvolutionInputGenerator_rtl_1": {"parallel_window": 1}})",
                    {"ConvolutionInputGenerator_rtl_1", "parallel_window needs SIMD = IFMChannels 64"});
        expectError("broken.json", "{\"MVAU_hls_0\": ", {"not valid JSON"});
        expectError("array.json", "[1, 2]", {"JSON object"});
        fixtures::expectFileError(path("missing.json"), {"cannot open"},
                                  [&](const std::string& f) { readFoldingConfig(d, f); });
    }

    void estimateReports()
    {
        const FinnDesign d = cnvWithPublishedFolding();
        const std::string reports = path("report");
        writeEstimateReports(d, reports);
        const auto cycles = nlohmann::json::parse(readText(reports + "/estimate_layer_cycles.json"));
        QCOMPARE(cycles.size(), std::size_t(17));
        QCOMPARE(cycles["MVAU_hls_0"].get<int64_t>(), int64_t(32400));
        QCOMPARE(cycles["MVAU_hls_8"].get<int64_t>(), int64_t(1024));
        QCOMPARE(cycles["StreamingMaxPool_hls_0"].get<int64_t>(), int64_t(980));

        const auto res = nlohmann::json::parse(readText(reports + "/estimate_layer_resources.json"));
        QCOMPARE(res.size(), std::size_t(18));
        double lut = 0;
        double bram = 0;
        for (const auto& [name, r] : res.items()) {
            if (name == "total")
                continue;
            for (const char* key : {"BRAM_18K", "BRAM_efficiency", "LUT", "URAM", "URAM_efficiency", "DSP"})
                QVERIFY2(r.contains(key), key);
            lut += r["LUT"].get<double>();
            bram += r["BRAM_18K"].get<double>();
        }
        QCOMPARE(res["total"]["LUT"].get<double>(), lut);
        QCOMPARE(res["total"]["BRAM_18K"].get<double>(), bram);
        QVERIFY(!res["total"].contains("BRAM_efficiency"));
        QCOMPARE(res["MVAU_hls_1"]["LUT"].get<int64_t>(), int64_t(7375)); // hand-computed above

        const auto perf = nlohmann::json::parse(readText(reports + "/estimate_network_performance.json"));
        QCOMPARE(perf["critical_path_cycles"].get<int64_t>(), int64_t(246280));
        QCOMPARE(perf["max_cycles"].get<int64_t>(), int64_t(32768));
        QCOMPARE(perf["max_cycles_node_name"].get<std::string>(), std::string("MVAU_hls_6"));
        QCOMPARE(perf["estimated_throughput_fps"].get<double>(), 1e8 / 32768.0);
        QCOMPARE(perf["estimated_latency_ns"].get<double>(), 2462800.0);
    }

    void convertsOtherLayerShapes()
    {
        onnx::ModelProto m = fixtures::modelWithInput("img", {1, 8, 12, 12});
        fixtures::addConv(m, "dw", "img", "a", 8, 8, 3, 1, 1, 8);     // depthwise, padded
        fixtures::addNode(m, "Relu", {"a"}, {"b"}, "relu_dw");
        fixtures::addConv(m, "pw", "b", "c", 8, 16, 1);                // 1x1, stride 1: no SWG
        fixtures::addNode(m, "Relu", {"c"}, {"d"}, "relu_pw");
        fixtures::addConv(m, "down", "d", "e", 16, 16, 1, 2);          // 1x1, stride 2: DownSampler
        fixtures::addPool(m, "MaxPool", "pool", "e", "f", 2, 2);
        fixtures::addNode(m, "Relu", {"f"}, {"out"}, "relu_after_pool"); // not after a MatMul: Thresholding
        fixtures::addOutput(m, "out");
        ConversionOptions o;
        o.weightBits = 4;
        o.activationBits = 4;
        const FinnNetwork net = convertFixture(m, "shapes.onnx", o);
        std::vector<std::string> names;
        for (const FinnNode& n : net.nodes)
            names.push_back(n.name);
        QCOMPARE(names, (std::vector<std::string>{"FMPadding_rtl_0", "ConvolutionInputGenerator_rtl_0", "VVAU_hls_0",
                                                  "MVAU_hls_0", "DownSampler_hls_0", "MVAU_hls_1",
                                                  "StreamingMaxPool_hls_0", "Thresholding_rtl_0"}));
        const FinnNode& pad = net.nodes[0];
        QCOMPARE(pad.ofmDim, (std::array<int64_t, 2>{14, 14}));
        const FinnNode& swg = net.nodes[1];
        QVERIFY(swg.depthwise);
        QCOMPARE(swg.linked, 2);
        QCOMPARE(swg.ifmDim, (std::array<int64_t, 2>{14, 14}));
        const FinnNode& vvau = net.nodes[2];
        QCOMPARE(vvau.linked, 1);
        QCOMPARE(vvau.folding.pe, int64_t(8)); // FINN's default PE = Channels
        QVERIFY(vvau.hasThresholds);
        QCOMPARE(net.nodes[3].mw, int64_t(8));
        QCOMPARE(net.nodes[3].mh, int64_t(16));
        QVERIFY(net.nodes[3].hasThresholds);
        QVERIFY(!net.nodes[5].hasThresholds);
        const FinnNode& thr = net.nodes[7];
        QCOMPARE(thr.channels, int64_t(16));
        QCOMPARE(thr.numInputVectors, int64_t(9));
        QCOMPARE(thr.outputType.name(), std::string("UINT4"));
        QCOMPARE(thr.inputType, net.nodes[5].accType);

        // A VVAU's depthwise SWG follows its PE; disagreeing explicitly is an error.
        FinnDesign d(net);
        NodeFolding f = d.node(2).folding;
        f.pe = 2;
        const std::size_t before = d.evaluations();
        d.setFolding(2, f);
        QCOMPARE(d.evaluations(), before + 2); // the VVAU and its SWG
        QCOMPARE(d.node(1).folding.simd, int64_t(2));
        QVERIFY_THROWS_EXCEPTION(ModelError,
                                 applyFoldingConfig(d, R"({"ConvolutionInputGenerator_rtl_0": {"SIMD": 4}})", "dw.json"));
        f.pe = 8;
        f.simd = 3;
        d.setFolding(2, f);
        QVERIFY(d.node(1).folding.parallelWindow);
        // VVAU SIMD > 1 needs PE = Channels.
        f.pe = 4;
        QVERIFY(!d.checkFolding(2, f).empty());
    }

    void unsupportedLayersNameTheNode()
    {
        const auto expect = [&](onnx::ModelProto& m, const char* file, const QStringList& phrases) {
            fixtures::addOutput(m, "out");
            fixtures::save(m, path(file));
            fixtures::expectFileError(path(file), phrases,
                                      [](const std::string& f) { convertToFinn(*Model::load(f)); });
        };
        {
            onnx::ModelProto m = fixtures::modelWithInput("x", {1, 4, 8, 8});
            fixtures::addConv(m, "c", "x", "y", 4, 4, 3, 1, 1);
            fixtures::addNode(m, "Sigmoid", {"y"}, {"out"}, "squash");
            expect(m, "sigmoid.onnx", {"node 'squash' (Sigmoid)", "FINN has no layer for Sigmoid"});
        }
        {
            onnx::ModelProto m = fixtures::modelWithInput("x", {1, 8, 8, 8});
            fixtures::addConv(m, "grouped", "x", "out", 8, 8, 3, 1, 1, 2);
            expect(m, "grouped.onnx", {"node 'grouped' (Conv)", "group=2"});
        }
        {
            onnx::ModelProto m = fixtures::modelWithInput("x", {1, 4, 9, 9});
            fixtures::addPool(m, "MaxPool", "overlap", "x", "out", 2, 3);
            expect(m, "overlap.onnx", {"node 'overlap' (MaxPool)", "kernel < stride"});
        }
        {
            onnx::ModelProto m = fixtures::modelWithInput("x", {1, 4, 8, 8});
            fixtures::addConv(m, "a", "x", "y", 4, 4, 3, 1, 1);
            fixtures::addConv(m, "b", "y", "z", 4, 4, 3, 1, 1);
            fixtures::addNode(m, "Mul", {"y", "z"}, {"out"}, "gate");
            expect(m, "gate.onnx", {"node 'gate' (Mul): FINN has no layer for a product of two streams"});
        }
        {
            onnx::ModelProto m = fixtures::modelWithInput("x", {1, 4, 8, 8});
            fixtures::addConv(m, "c", "x", "out", 4, 4, 3);
            fixtures::addOutput(m, "out");
            fixtures::save(m, path("bits.onnx"));
            ConversionOptions o;
            o.weightBits = 17;
            QVERIFY_THROWS_EXCEPTION(std::invalid_argument, convertToFinn(*Model::load(path("bits.onnx")), o));
        }
    }
};

QTEST_GUILESS_MAIN(TestFinnModel)
#include "tst_finn_model.moc"
