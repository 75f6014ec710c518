// The fpgaConvNet-style model against hand-computed values of the domain reference's formulas
// (section 1), and properties every design must have: optimiser results fit their budget, zero
// skipping never makes a layer slower, designs survive a save and reload.
#include "OnnxFixtures.h"

#include "hw/fpgaconvnet/Design.h"
#include "hw/fpgaconvnet/DesignFile.h"
#include "hw/fpgaconvnet/Optimisers.h"
#include "hw/fpgaconvnet/SparseWindows.h"
#include "model/Model.h"
#include "model/ModelError.h"
#include "profile/ActivationProfile.h"
#include "profile/Sha256.h"

#include <nlohmann/json.hpp>

#include <QtTest>

#include <random>

using namespace foldwise;
using namespace foldwise::fpgaconvnet;

namespace {

const std::string kCnv = FOLDWISE_MODELS_DIR "/cnv.onnx";

Platform testPlatform(double dsp, double bram, double lut, double ff)
{
    Platform p;
    p.name = "test";
    p.resources = {dsp, bram, lut, ff, 0};
    p.frequencyMhz = 200;
    p.memoryBandwidthGbps = 10;
    p.reconfigurationTimeS = 0.08;
    return p;
}

HardwareLayer convLayer(int64_t c, int64_t f, int64_t h, int64_t k, int64_t groups = 1)
{
    HardwareLayer l;
    l.type = LayerType::Convolution;
    l.name = "conv";
    l.channelsIn = c;
    l.filters = l.channelsOut = f;
    l.rowsIn = l.colsIn = h;
    l.rowsOut = l.colsOut = h - k + 1;
    l.kernelH = l.kernelW = k;
    l.groups = groups;
    return l;
}

// A chain of `convs` 3x3 convolutions with ReLUs on an 8 x 16 x 16 input, channels from `widths`.
void buildChain(const std::string& path, const std::vector<int64_t>& widths)
{
    onnx::ModelProto m = fixtures::makeModel();
    fixtures::addInput(m, "x", {1, widths[0], 16, 16});
    std::string in = "x";
    for (std::size_t i = 1; i < widths.size(); ++i) {
        const std::string c = "c" + std::to_string(i), r = "r" + std::to_string(i);
        fixtures::addConv(m, "conv" + std::to_string(i), in, c, widths[i - 1], widths[i], 3, 1, 1);
        fixtures::addNode(m, "Relu", {c}, {r}, "relu" + std::to_string(i));
        in = r;
    }
    fixtures::addOutput(m, in);
    fixtures::save(m, path);
}

} // namespace

class TestFpgaConvNetModel : public QObject {
    Q_OBJECT
private:
    QTemporaryDir dir;
    std::string path(const char* name) const { return dir.filePath(name).toStdString(); }

private slots:
    // cnv.onnx as fpgaConvNet builds it: BatchNorm folded, Flatten passed through.
    void cnvHardwareGraph()
    {
        const HardwareGraph g = buildHardwareGraph(*Model::load(kCnv));
        std::vector<std::string> types;
        for (const HardwareLayer& l : g.layers)
            types.push_back(layerTypeName(l.type));
        const std::vector<std::string> expected = {
            "Convolution", "ReLU", "Convolution", "ReLU", "Pooling", "Convolution", "ReLU", "Convolution", "ReLU", "Pooling",
            "Convolution", "ReLU", "Convolution", "ReLU", "InnerProduct", "ReLU", "InnerProduct", "ReLU", "InnerProduct"};
        QCOMPARE(types, expected);
        const HardwareLayer& first = g.layers[0];
        QCOMPARE(first.channelsIn, int64_t(3));
        QCOMPARE(first.rowsIn, int64_t(32));
        QCOMPARE(first.filters, int64_t(64));
        QCOMPARE(first.rowsOut, int64_t(30));
        QVERIFY(first.hasBias); // the folded BatchNorm's shift
        const HardwareLayer& fc = g.layers[14];
        QCOMPARE(fc.channelsIn, int64_t(256));
        QCOMPARE(fc.filters, int64_t(512));
    }

    // resnet18: a Split wherever a block's input also feeds its shortcut, and partitions may
    // only cut where one stream crosses (between blocks), never inside a residual block.
    void residualGraphAndCuts()
    {
        const auto model = Model::load(FOLDWISE_MODELS_DIR "/resnet18.onnx");
        const HardwareGraph g = buildHardwareGraph(*model);
        int splits = 0, adds = 0;
        for (const HardwareLayer& l : g.layers) {
            splits += l.type == LayerType::Split;
            if (l.type == LayerType::EltWise) {
                ++adds;
                QCOMPARE(l.inputs.size(), std::size_t(2));
            }
            if (l.type == LayerType::Split)
                QCOMPARE(l.outputs.size(), std::size_t(2));
        }
        QCOMPARE(splits, 8);
        QCOMPARE(adds, 8);
        const Evaluator e(minimalDesign(g, testPlatform(1e6, 1e6, 1e9, 1e9), DesignSettings{}));
        // fpgaConvNet partitions a block's branches too: a partition may start inside a block,
        // its skip connection then read from off-chip memory.
        QVERIFY(e.validCut(g.indexOf("/layer1/layer1.0/conv2/Conv")));
        QVERIFY(e.validCut(g.indexOf("/layer2/layer2.0/Add")));
        QVERIFY(e.validCut(g.indexOf("/layer1/layer1.0/relu_1/Relu_split")));
        QVERIFY(!e.validCut(0));
        // A budget that fits each block at folding 1 is solved, never refused.
        GreedyOptions folding; // the folding search is the point here, not the partitions' shape
        folding.repartition = false;
        const Design d = optimiseGreedy(minimalDesign(g, findPlatform("zcu102"), DesignSettings{}), folding);
        QVERIFY(Evaluator(d).feasible());
    }

    // A chain under a LUT budget only a partition per layer meets: cut, not refused.
    void tightBudgetIsPartitioned()
    {
        const auto model = Model::load(kCnv);
        const Platform zcu102 = findPlatform("zcu102");
        // A LUT budget just above the largest layer's at folding 1, far below the network's.
        const Evaluator minimal(minimalDesign(buildHardwareGraph(*model), zcu102, DesignSettings{}));
        double largest = 0;
        for (std::size_t i = 0; i < minimal.layerCount(); ++i)
            largest = std::max(largest, minimal.layerResources(i).lut);
        QVERIFY(minimal.partitionResources(0).lut > 2 * largest);
        DesignSettings s;
        s.limits.lut = largest * 1.01 / zcu102.resources.lut;
        const Design d = optimiseGreedy(minimalDesign(buildHardwareGraph(*model), zcu102, s));
        const Evaluator e(d);
        QVERIFY2(e.feasible(), e.infeasibility().c_str());
        QVERIFY(e.partitionCount() > 1);
    }

    // Broken design files are refused with the file named, never crash.
    void malformedDesigns()
    {
        const auto model = Model::load(kCnv);
        const Evaluator e(minimalDesign(buildHardwareGraph(*model), findPlatform("zedboard"), DesignSettings{}));
        const nlohmann::json good = designJson(e, kCnv, sha256OfFile(kCnv));
        const auto refuses = [&](nlohmann::json j, const char* phrase) {
            writeJsonFile(path("bad.json"), j);
            try {
                readDesign(path("bad.json"), *model, nullptr, std::nullopt);
                QFAIL(phrase);
            } catch (const ModelError& err) {
                QVERIFY2(std::string(err.what()).find(phrase) != std::string::npos, err.what());
                QVERIFY(std::string(err.what()).find("bad.json") != std::string::npos);
            }
        };
        nlohmann::json j = good;
        j["format"] = 5; // no longer a Foldwise design: read as a config.json, which names no platform
        refuses(j, "names no platform");
        j = good;
        j["layers"][0]["coarse_in"] = "3";
        refuses(j, "must be an integer");
        j = good;
        j["layers"].erase(j["layers"].begin() + 2);
        refuses(j, "has no folding");
        j = good;
        j["settings"]["batch"] = 0;
        refuses(j, "settings.batch must be an integer in [1, ");
        j = good;
        j["partitions"] = {0, 1000};
        refuses(j, "partitions[1] must be an integer in [0, ");
        j = good;
        j["layers"][0]["coarse_in"] = 7;
        refuses(j, "not feasible");
        j = good;
        j["platform"] = "zedboard";
        refuses(j, "platform must be an object, not a string");
        // Values a device cannot have, and a version that is not one.
        j = good;
        j["platform"]["resources"]["DSP"] = -5;
        refuses(j, "platform.resources.DSP must not be negative");
        j = good;
        j["platform"]["memory_bandwidth"] = -1.5;
        refuses(j, "platform.memory_bandwidth must not be negative");
        j = good;
        j["platform"]["board_frequency"] = 0;
        refuses(j, "platform.board_frequency must be in [");
        j = good;
        j["version"] = "1";
        refuses(j, "version must be an integer, not a string");
        j = good;
        j["version"] = 99;
        refuses(j, "reads design versions 1 to 1");
        j = good;
        j["settings"]["limits"]["dsp"] = 1.5;
        refuses(j, "settings.limits.dsp must be in [0, 1]");
        j = good;
        j["layers"][1]["fine"] = -2;
        refuses(j, "layers[1].fine must be an integer in [1, ");
    }

    // Dense convolution: H_out*W_out*C*K*F / (fine*coarse_in*coarse_out*coarse_group*g),
    // bounded below by the window H_in*W_in*C/(coarse_in*coarse_group).
    void denseConvolutionLatency()
    {
        const HardwareLayer l = convLayer(64, 64, 30, 3); // cnv's second convolution
        // 28*28*64*9*64 / (3*4*8) = 28,901,376 / 96 = 301,056
        QCOMPARE(denseLatency(l, {4, 8, 1, 3}), 301056.0);
        // Fully parallel: compute 28*28*64*9*64/(9*64*64) = 784; window 30*30*64/64 = 900 wins.
        QCOMPARE(denseLatency(l, {64, 64, 1, 9}), 900.0);
        // 32 groups (C = F = 64): 28*28*64*9*64/32 = 903,168 at folding 1 (window 57,600);
        // coarse_group 4 -> 225,792.
        const HardwareLayer grouped = convLayer(64, 64, 30, 3, 32);
        QCOMPARE(denseLatency(grouped, {1, 1, 1, 1}), 903168.0);
        QCOMPARE(denseLatency(grouped, {1, 1, 4, 1}), 225792.0);
    }

    // Sparse convolution by hand: C = 2, K = 9, 4x4 output, F = 2.
    //   channel 0: every window all-zero (h[9] = 1): 0 cycles (skipped) or 1;
    //   channel 1: half the windows with 0 zeros, half with 6: ceil(9/3) = 3 and ceil(3/3) = 1
    //   cycles at fine 3, so E = 2.
    // One stream (coarse_in 1): E_s = mean(0, 2) = 1; workload = 4*4*(2/1)*(2/(1*1)) = 64 -> 64
    // cycles, but the window bound 6*6*2/1 = 72 wins. Two streams: max(0, 2) = 2; workload
    // 4*4*1*2 = 32 -> 64, window 36: 64.
    void sparseConvolutionLatency()
    {
        HardwareLayer l = convLayer(2, 2, 6, 3);
        l.windowHistogram.assign(20, 0.0);
        l.windowHistogram[9] = 1.0;
        l.windowHistogram[10] = 0.5;
        l.windowHistogram[16] = 0.5;
        QCOMPARE(maxStreamCost(l, 1, 3, true), 1.0);
        QCOMPARE(maxStreamCost(l, 2, 3, true), 2.0);
        QCOMPARE(maxStreamCost(l, 1, 3, false), 1.5); // all-zero windows cost 1
        QCOMPARE(sparseLatency(l, {1, 1, 1, 3}, 1.0), 72.0);
        QCOMPARE(sparseLatency(l, {2, 1, 1, 3}, 2.0), 64.0);
        // Mean window sparsity: channel 0 9/9 = 1, channel 1 (0.5*6)/9 = 1/3; mean 2/3 >= 0.1: sparse.
        QVERIFY(std::fabs(l.meanWindowSparsity() - 2.0 / 3.0) < 1e-12);
        QVERIFY(isSparse(l, ModelSettings{}));
    }

    // Snake order: channel costs 1, 2, 3, 4 on 2 streams: sorted 1 2 | 3 4, rows (1,2), (4,3)
    // reversed -> streams {1+4, 2+3} / 2 = 2.5 each.
    void snakeOrderBalancesStreams()
    {
        HardwareLayer l = convLayer(4, 4, 3, 1); // K = 1: cost = h[0]
        l.windowHistogram = {0.25, 0.75, 0.5, 0.5, 0.75, 0.25, 1.0, 0.0}; // costs 0.25 0.5 0.75 1
        QCOMPARE(maxStreamCost(l, 2, 1, true), 0.625);
        QCOMPARE(maxStreamCost(l, 4, 1, true), 1.0);
        QCOMPARE(maxStreamCost(l, 1, 1, true), 0.625);
    }

    void resourceHelpers()
    {
        QCOMPARE(dspPerMultiplier(16, 16), int64_t(1));
        QCOMPARE(dspPerMultiplier(18, 27), int64_t(1));
        QCOMPARE(dspPerMultiplier(19, 28), int64_t(4));
        QCOMPARE(dspPerMultiplier(32, 16), int64_t(2));
        QCOMPARE(bram18(10, 16), int64_t(0));      // 160 bits: LUTs
        QCOMPARE(bram18(512, 36), int64_t(1));     // one 36 x 512
        QCOMPARE(bram18(1000, 16), int64_t(1));    // width 18 x depth 1024
        QCOMPARE(bram18(5000, 40), int64_t(20));   // ceil(40/36) * ceil(5000/512) = 2 * 10
        QCOMPARE(bram18(4096, 4), int64_t(1));     // width 4 x depth 4096
        QCOMPARE(bram18(32, 64, true), int64_t(0)); // shallow FIFO
        QCOMPARE(bram18(64, 64, true), int64_t(2)); // 4096 bits, 64 deep: ceil(64/36) = 2 x ceil(64/512) = 1
    }

    // Convolution DSPs: coarse_in*coarse_out*coarse_group*fine multipliers, one DSP each at 16
    // bit, packed two per DSP at 8 bit; weights: depth F/g*C*K/(parallel), width 16*parallel.
    void convolutionResources()
    {
        const HardwareLayer l = convLayer(64, 64, 30, 3);
        ModelSettings s;
        const ResourceUsage r = layerResources(l, {4, 8, 1, 3}, s);
        QCOMPARE(r.dsp, 96.0);
        s.bits = {8, 8, 32};
        QCOMPARE(layerResources(l, {4, 8, 1, 3}, s).dsp, 48.0);
        // Weights: 64*64*9 / 96 = 384 deep, 16*96 = 1536 wide -> ceil(1536/36) = 43 x 1 = 43
        // BRAM18; the line buffer: 64/4*(30) = 480 deep, 2*4*16 = 128 wide -> ceil(128/36) = 4.
        QCOMPARE(layerResources(l, {4, 8, 1, 3}, ModelSettings{}).bram18, 47.0);
    }

    // Optimiser results always fit, on random chains and budgets; zero skipping never slows a
    // layer; annealing is deterministic for a seed.
    void optimisersStayFeasible()
    {
        std::mt19937 rng(11);
        int checked = 0;
        for (int trial = 0; trial < 12; ++trial) {
            std::vector<int64_t> widths{static_cast<int64_t>(4 << (rng() % 3))};
            for (int i = 0; i < 3; ++i)
                widths.push_back(static_cast<int64_t>(4 << (rng() % 4)));
            buildChain(path("chain.onnx"), widths);
            const auto model = Model::load(path("chain.onnx"));
            HardwareGraph graph = buildHardwareGraph(*model);
            // Random sparsity on some convolutions.
            for (HardwareLayer& l : graph.layers) {
                if (l.type != LayerType::Convolution || rng() % 2)
                    continue;
                l.windowHistogram.assign(static_cast<std::size_t>(l.channelsIn * 10), 0.0);
                for (int64_t c = 0; c < l.channelsIn; ++c) {
                    double left = 1.0;
                    for (int j = 0; j < 9; ++j) {
                        const double v = left * std::uniform_real_distribution<double>(0, 1)(rng);
                        l.windowHistogram[static_cast<std::size_t>(c * 10 + j)] = v;
                        left -= v;
                    }
                    l.windowHistogram[static_cast<std::size_t>(c * 10 + 9)] = left;
                }
            }
            const Platform platform = testPlatform(static_cast<double>(8 + rng() % 200), static_cast<double>(20 + rng() % 200),
                                                   static_cast<double>(8000 + rng() % 60000), 200000);
            DesignSettings settings;
            settings.batch = 1 + static_cast<int64_t>(rng() % 64);
            settings.limits.lut = 0.5 + 0.5 * std::uniform_real_distribution<double>(0, 1)(rng);
            const Design start = minimalDesign(graph, platform, settings);
            Design greedy, annealed;
            try {
                greedy = optimiseGreedy(start);
                AnnealingOptions a;
                a.seed = static_cast<uint64_t>(trial);
                a.maxMoves = 3000;
                annealed = optimiseAnnealing(start, a);
                AnnealingOptions again = a;
                QCOMPARE(optimiseAnnealing(start, again).folding, annealed.folding);
            } catch (const std::runtime_error& e) {
                // A budget too small for folding 1 everywhere is reported, never "solved".
                QVERIFY2(std::string(e.what()).find("does not fit") != std::string::npos, e.what());
                continue;
            }
            for (const Design* d : {&greedy, &annealed}) {
                const Evaluator e(*d);
                QVERIFY2(e.feasible(), e.infeasibility().c_str());
                for (std::size_t i = 0; i < e.layerCount(); ++i) {
                    QVERIFY(isFeasible(d->graph.layers[i], d->folding[i], d->settings));
                    QVERIFY(e.layerLatency(i) <= e.layerDenseLatency(i));
                }
            }
            QVERIFY(Evaluator(annealed).cost() <= Evaluator(greedy).cost() + 1e-12);
            ++checked;
        }
        QVERIFY(checked >= 6);
    }

    // Sparse latency <= dense latency for every folding of random sparse layers.
    void sparseNeverSlowerThanDense()
    {
        std::mt19937 rng(5);
        ModelSettings s;
        s.sparseThreshold = 0;
        for (int trial = 0; trial < 200; ++trial) {
            const int64_t k = 1 + static_cast<int64_t>(rng() % 3) * 2;
            HardwareLayer l = convLayer(int64_t(4) << (rng() % 3), int64_t(4) << (rng() % 3), 8, k);
            const int64_t bins = l.kernelSize() + 1;
            l.windowHistogram.assign(static_cast<std::size_t>(l.channelsIn * bins), 0.0);
            for (int64_t c = 0; c < l.channelsIn; ++c)
                l.windowHistogram[static_cast<std::size_t>(c * bins + static_cast<int64_t>(rng() % bins))] = 1.0;
            const FoldingOptions o = foldingOptions(l, s);
            const Folding f{o.coarseIn[rng() % o.coarseIn.size()], o.coarseOut[rng() % o.coarseOut.size()], 1,
                            o.fine[rng() % o.fine.size()]};
            for (bool skip : {true, false}) {
                const double sparse = sparseLatency(l, f, maxStreamCost(l, f.coarseIn, f.fine, skip));
                QVERIFY2(sparse <= denseLatency(l, f), qPrintable(QString::number(sparse) + " > " + QString::number(denseLatency(l, f))));
            }
        }
    }

    // Fixed hardware: a saved design re-evaluated with another profile keeps its foldings and
    // its zero-skipping layers; only the figures change (what the threshold sweeps rely on).
    void fixedHardwareTakesANewProfile()
    {
        buildChain(path("fixed.onnx"), {8, 8, 8});
        const auto model = Model::load(path("fixed.onnx"));
        // A profile where conv1's input (the graph input) has `zeros` of 9 taps zero in every window.
        const auto profileWith = [&](int zeros) {
            ActivationProfile p;
            ConvWindowZeros c;
            c.conv = "conv1";
            c.channels = 8;
            c.kernelSize = 9;
            c.windowsPerChannel = 100;
            c.counts.assign(80, 0);
            for (int ch = 0; ch < 8; ++ch)
                c.counts[static_cast<std::size_t>(ch * 10 + zeros)] = 100;
            p.convolutions.push_back(c);
            return p;
        };
        const ActivationProfile sparse = profileWith(6);
        Design d = minimalDesign(buildHardwareGraph(*model, &sparse), testPlatform(400, 400, 200000, 400000), DesignSettings{});
        const int conv1 = d.graph.indexOf("conv1");
        QVERIFY(hasSparseHardware(d.graph.layers[static_cast<std::size_t>(conv1)], d.settings));
        d.folding[static_cast<std::size_t>(conv1)] = {2, 2, 1, 4}; // fine 4: only sparse hardware allows it
        const Evaluator e(d);
        writeJsonFile(path("fixed.json"), designJson(e, path("fixed.onnx"), sha256OfFile(path("fixed.onnx"))));
        // workload = 16*16 outputs * C/S = 4 * F/coarse_out = 4 = 4096 windows per stream, each
        // E = ceil((9 - 6) / 4) = 1 cycle -> 4096 (window bound 16*16*8/2 = 1024).
        QCOMPARE(e.layerLatency(static_cast<std::size_t>(conv1)), 4096.0);
        // Denser data on the same hardware: 2 zeros -> E = ceil(7/4) = 2 -> 8192 cycles.
        const ActivationProfile denser = profileWith(2);
        const Design again = readDesign(path("fixed.json"), *model, &denser, std::nullopt);
        QCOMPARE(again.folding, d.folding);
        QCOMPARE(Evaluator(again).layerLatency(static_cast<std::size_t>(conv1)), 8192.0);
        // No profile at all: the sparse hardware at ceil(9/4) = 3 cycles a window -> 12288.
        QCOMPARE(Evaluator(readDesign(path("fixed.json"), *model, nullptr, std::nullopt)).layerLatency(static_cast<std::size_t>(conv1)),
                 12288.0);
    }

    // A saved design reloads to the same figures; errors name the file.
    void designRoundTrip()
    {
        const auto model = Model::load(kCnv);
        Platform zed = findPlatform("zedboard");
        const Design d = optimiseGreedy(minimalDesign(buildHardwareGraph(*model), zed, DesignSettings{}));
        const Evaluator e(d);
        writeJsonFile(path("design.json"), designJson(e, kCnv, sha256OfFile(kCnv)));
        const Design back = readDesign(path("design.json"), *model, nullptr, std::nullopt);
        QCOMPARE(Evaluator(back).estimate(), e.estimate());
        // fpgaConvNet's config.json carries the foldings fpgaConvNet builds (weights reloaded on
        // each partition's last convolution only, coarse factors after it fitted to the reduced
        // channels): read back, the design writes the same config again.
        writeConfigJsonFile(path("config.json"), configJson(e));
        const Design fromConfig = readDesign(path("config.json"), *model, nullptr, zed);
        QCOMPARE(fromConfig.partitionStarts, d.partitionStarts);
        QCOMPARE(configJson(Evaluator(fromConfig)).dump(), configJson(e).dump());
        for (std::size_t i = 0; i < d.folding.size(); ++i)
            if (d.folding[i].weightsReloading == 1 && fromConfig.folding[i].weightsReloading == 1)
                QCOMPARE(fromConfig.folding[i].coarseGroup * fromConfig.folding[i].fine, d.folding[i].coarseGroup * d.folding[i].fine);
        // Another model's design is refused.
        buildChain(path("other.onnx"), {4, 8});
        QVERIFY_THROWS_EXCEPTION(ModelError, readDesign(path("design.json"), *Model::load(path("other.onnx")), nullptr, zed));
    }
};

QTEST_GUILESS_MAIN(TestFpgaConvNetModel)
#include "tst_fpgaconvnet_model.moc"
