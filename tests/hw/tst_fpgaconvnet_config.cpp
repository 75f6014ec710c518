// fpgaConvNet round trip: the config.json Foldwise writes has every key fpgaConvNet's own
// optimiser writes, in its order and with its JSON types (checked against real fpgaConvNet
// output in tests/data/fpgaconvnet, not against Foldwise's own writer); it evaluates on the
// compatible model; a design optimised on the compatible model re-evaluates from its config.json
// with exactly the figures the optimiser reported; configs with foreign layer names are matched
// by structure or refused with the unmatched names.
#include "hw/fpgaconvnet/CompatibleModel.h"
#include "hw/fpgaconvnet/Design.h"
#include "hw/fpgaconvnet/DesignFile.h"
#include "hw/fpgaconvnet/Fidelity.h"
#include "hw/fpgaconvnet/Optimisers.h"
#include "model/Model.h"
#include "model/ModelError.h"

#include <nlohmann/json.hpp>

#include <QTemporaryDir>
#include <QtTest>

#include <cmath>
#include <fstream>
#include <map>
#include <set>

using namespace foldwise;
using namespace foldwise::fpgaconvnet;

namespace {

const std::string kData = std::string(FOLDWISE_SOURCE_DIR) + "/tests/data/fpgaconvnet/";
const std::string kModels = FOLDWISE_MODELS_DIR "/";

// The JSON type of a value as protobuf's MessageToJson makes it.
std::string jsonType(const nlohmann::json& v)
{
    if (v.is_boolean())
        return "bool";
    if (v.is_number_integer())
        return "int";
    if (v.is_number_float())
        return "float";
    if (v.is_string())
        return "string";
    if (v.is_array())
        return v.empty() ? "array" : "array of " + jsonType(v.front());
    return "object";
}

std::vector<std::string> keys(const nlohmann::ordered_json& j)
{
    std::vector<std::string> k;
    for (auto it = j.begin(); it != j.end(); ++it)
        k.push_back(it.key());
    return k;
}

std::string layerKind(const nlohmann::ordered_json& l)
{
    return l.at("type").get<std::string>() + "/" + l.value("op_type", std::string());
}

// One layer of each kind fpgaConvNet wrote in the tutorial's VGG16 configs (both solvers).
std::map<std::string, nlohmann::ordered_json> fixtureLayers()
{
    std::map<std::string, nlohmann::ordered_json> byKind;
    for (const char* file : {"gp_config.json", "sa_config.json"}) {
        std::ifstream in(kData + file);
        const nlohmann::ordered_json config = nlohmann::ordered_json::parse(in);
        for (const auto& p : config.at("partition"))
            for (const auto& l : p.at("layers"))
                byKind.emplace(layerKind(l), l);
    }
    return byKind;
}

// A greedy design; without `repartition` (the slow part) its partitions are those that fit at
// folding 1, which is all most tests need.
Design greedyDesign(const std::string& modelFile, CostModel costModel, int64_t batch = 1, bool repartition = false)
{
    const auto model = Model::load(modelFile);
    DesignSettings s;
    s.batch = batch;
    s.costModel = costModel;
    GreedyOptions g;
    g.repartition = repartition;
    return optimiseGreedy(minimalDesign(buildHardwareGraph(*model), findPlatform("zcu102"), s), g);
}

// The compatible evaluation of a config.json document (what `evaluate --compatible` prints).
CompatibleReport evaluateConfig(const nlohmann::ordered_json& config)
{
    return evaluateCompatible(nlohmann::json::parse(config.dump()), findPlatform("zcu102"), "config.json");
}

} // namespace

class TestFpgaConvNetConfig : public QObject {
    Q_OBJECT
private slots:
    // Every layer kind fpgaConvNet wrote: the same layer, stream and parameter keys in the same
    // order with the same JSON types; the partition record likewise.
    void keysAsFpgaConvNetWritesThem()
    {
        const std::map<std::string, nlohmann::ordered_json> fixture = fixtureLayers();
        QCOMPARE(fixture.size(), std::size_t(6)); // dense conv, inner product, pooling, GAP, ReLU, squeeze
        std::set<std::string> checked;
        for (const std::string& file : {kModels + "resnet18.onnx", kData + "lenet.onnx"}) {
            const nlohmann::ordered_json config = configJson(Evaluator(greedyDesign(file, CostModel::Native)));
            QCOMPARE(keys(config), std::vector<std::string>{"partition"});
            std::ifstream in(kData + "gp_config.json");
            const nlohmann::ordered_json reference = nlohmann::ordered_json::parse(in).at("partition").at(0);
            for (const auto& p : config.at("partition")) {
                QCOMPARE(keys(p), keys(reference));
                for (const auto& l : p.at("layers")) {
                    const auto it = fixture.find(layerKind(l));
                    if (it == fixture.end())
                        continue; // Split / EltWise: see readerKeysOfOtherLayers
                    const nlohmann::ordered_json& want = it->second;
                    const std::string where = file + ": " + l.at("name").get<std::string>();
                    QVERIFY2(keys(l) == keys(want), where.c_str());
                    QVERIFY2(keys(l.at("streams_in").at(0)) == keys(want.at("streams_in").at(0)), where.c_str());
                    QVERIFY2(keys(l.at("streams_out").at(0)) == keys(want.at("streams_out").at(0)), where.c_str());
                    QVERIFY2(keys(l.at("parameters")) == keys(want.at("parameters")),
                             (where + ": " + l.at("parameters").dump()).c_str());
                    for (auto k = want.at("parameters").begin(); k != want.at("parameters").end(); ++k)
                        QVERIFY2(jsonType(l.at("parameters").at(k.key())) == jsonType(k.value()),
                                 (where + ": " + k.key()).c_str());
                    checked.insert(layerKind(l));
                }
            }
        }
        QCOMPARE(checked.size(), fixture.size());
    }

    // Layers the tutorial's VGG16 lacks: the keys fpgaConvNet's prototxt reader requires of them
    // (fpgaconvnet/parser/prototxt/parse.py and Parser.py; CONFIG_NOTES.md 2.3).
    void readerKeysOfOtherLayers()
    {
        const std::map<std::string, std::vector<std::string>> required = {
            {"SPLIT", {"rows_in", "cols_in", "channels_in", "coarse", "ports_out", "data_t", "stream_inputs",
                       "stream_outputs", "input_compression_ratio", "output_compression_ratio"}},
            {"ELTWISE", {"rows_in", "cols_in", "channels_in", "coarse", "data_t", "acc_t", "ports_in", "stream_inputs",
                         "stream_outputs", "input_compression_ratio", "output_compression_ratio"}},
        };
        const nlohmann::ordered_json config = configJson(Evaluator(greedyDesign(kModels + "resnet18.onnx", CostModel::Native)));
        std::set<std::string> seen;
        for (const auto& p : config.at("partition"))
            for (const auto& l : p.at("layers")) {
                const auto it = required.find(l.at("type").get<std::string>());
                if (it == required.end())
                    continue;
                seen.insert(it->first);
                for (const std::string& key : it->second)
                    QVERIFY2(l.at("parameters").contains(key), (l.at("name").get<std::string>() + ": " + key).c_str());
                if (it->first == "ELTWISE") { // buffer depths on every input stream, ports from the model
                    QCOMPARE(l.at("op_type").get<std::string>(), std::string("add"));
                    QCOMPARE(l.at("parameters").at("ports_in").get<int>(), 2);
                    for (const auto& s : l.at("streams_in"))
                        QVERIFY(s.at("buffer_depth").get<int>() >= 2);
                }
            }
        QCOMPARE(seen.size(), required.size());
    }

    // Foldwise's config.json of each generated reference model evaluates on the compatible model.
    void configsEvaluateCompatible_data()
    {
        QTest::addColumn<QString>("file");
        QTest::newRow("resnet18") << QString::fromStdString(kModels + "resnet18.onnx");
        QTest::newRow("mobilenet_v2") << QString::fromStdString(kModels + "mobilenet_v2.onnx");
        QTest::newRow("cnv") << QString::fromStdString(kModels + "cnv.onnx");
        QTest::newRow("lenet") << QString::fromStdString(kData + "lenet.onnx");
    }
    void configsEvaluateCompatible()
    {
        QFETCH(QString, file);
        const Design d = greedyDesign(file.toStdString(), CostModel::Native);
        const Evaluator e(d);
        const CompatibleReport report = evaluateConfig(configJson(e));
        QCOMPARE(report.partitions.size(), e.partitionCount());
        QVERIFY(report.throughputFps > 0);
    }

    // A design searched on the compatible model: its config.json re-evaluated gives exactly the
    // figures the optimiser worked with, partition by partition.
    void compatibleDesignsReevaluateIdentically_data()
    {
        QTest::addColumn<QString>("file");
        QTest::addColumn<int>("batch");
        QTest::addColumn<bool>("repartition");
        QTest::newRow("lenet") << QString::fromStdString(kData + "lenet.onnx") << 1 << true;
        QTest::newRow("cnv b4") << QString::fromStdString(kModels + "cnv.onnx") << 4 << true;
        QTest::newRow("resnet18 b256") << QString::fromStdString(kModels + "resnet18.onnx") << 256 << false;
    }
    void compatibleDesignsReevaluateIdentically()
    {
        QFETCH(QString, file);
        QFETCH(int, batch);
        QFETCH(bool, repartition);
        const Design greedy = greedyDesign(file.toStdString(), CostModel::Compatible, batch, repartition);
        AnnealingOptions a;
        a.maxMoves = 3000;
        a.seed = 7;
        a.repartition = repartition;
        for (const Design& d : {greedy, optimiseAnnealing(greedy, a)}) {
            const Evaluator e(d);
            QVERIFY(e.feasible());
            const CompatibleReport mine = e.compatibleReport();
            const CompatibleReport again = evaluateConfig(configJson(e));
            QCOMPARE(again.partitions.size(), mine.partitions.size());
            for (std::size_t p = 0; p < mine.partitions.size(); ++p) {
                QCOMPARE(again.partitions[p].cycles, mine.partitions[p].cycles);
                QCOMPARE(again.partitions[p].interval, mine.partitions[p].interval);
                QCOMPARE(again.partitions[p].resources.lut, mine.partitions[p].resources.lut);
                QCOMPARE(again.partitions[p].resources.bram18, mine.partitions[p].resources.bram18);
                QCOMPARE(again.partitions[p].resources.dsp, mine.partitions[p].resources.dsp);
                QCOMPARE(again.partitions[p].resources.ff, mine.partitions[p].resources.ff);
            }
            QCOMPARE(again.throughputFps, mine.throughputFps);
            QCOMPARE(again.throughputFps, e.throughputFps());
        }
    }

    // LeNet's pool2 (50 channels, coarse 2) feeding ip1 with coarse_in 40: fpgaConvNet joins
    // them with a squeeze although 40 does not divide 50, and computes its latency with floor
    // division: rows * cols * (50 // min(2, 40)) = 4 * 4 * 25.
    void squeezeBetweenAnyCoarseFactors()
    {
        const auto model = Model::load(kData + "lenet.onnx");
        Evaluator e(minimalDesign(buildHardwareGraph(*model), findPlatform("zcu102"), DesignSettings{}));
        const auto pool = static_cast<std::size_t>(e.design().graph.indexOf("pooling1"));
        const auto ip = static_cast<std::size_t>(e.design().graph.indexOf("innerProduct"));
        e.setFolding(pool, {2, 2, 1, 1, 1});
        e.setFolding(ip, {40, 1, 1, 1, 1});
        const nlohmann::ordered_json config = configJson(e);
        bool found = false;
        for (const auto& l : config.at("partition").at(0).at("layers"))
            if (l.at("name") == "pooling1_squeeze_innerProduct") {
                found = true;
                QCOMPARE(l.at("type").get<std::string>(), std::string("SQUEEZE"));
                QCOMPARE(l.at("onnx_node").get<std::string>(), std::string("pooling1")); // its producer's ONNX node
                QCOMPARE(l.at("parameters").at("channels_in").get<int>(), 50);
                QCOMPARE(l.at("parameters").at("coarse_in").get<int>(), 2);
                QCOMPARE(l.at("parameters").at("coarse_out").get<int>(), 40);
            }
        QVERIFY(found);
        const CompatibleReport report = evaluateConfig(config);
        bool evaluated = false;
        for (const CompatibleLayer& l : report.partitions.at(0).layers)
            if (l.name == "pooling1_squeeze_innerProduct") {
                evaluated = true;
                QCOMPARE(l.latency, 4.0 * 4.0 * 25.0);
            }
        QVERIFY(evaluated);
    }

    // Weights reloading as fpgaConvNet bakes it in: one structural layer per partition (the
    // last convolution / inner product), its filters and the channels after it divided.
    void weightsReloadingIsStructural()
    {
        const auto model = Model::load(kData + "lenet.onnx");
        DesignSettings s;
        s.costModel = CostModel::Compatible;
        Evaluator e(minimalDesign(buildHardwareGraph(*model), findPlatform("zcu102"), s));
        const auto conv1 = static_cast<std::size_t>(e.design().graph.indexOf("convolution1"));
        const auto ip1 = static_cast<std::size_t>(e.design().graph.indexOf("innerProduct1"));
        e.setPartitions({0, static_cast<int>(conv1) + 1}); // partition 0 ends at convolution1 (50 filters)
        QVERIFY(e.reloadingAllowed(conv1));
        QVERIFY(!e.reloadingAllowed(static_cast<std::size_t>(e.design().graph.indexOf("convolution"))));
        QVERIFY(e.reloadingAllowed(ip1));
        e.setFolding(conv1, {1, 1, 1, 1, 5});
        QVERIFY2(e.feasible(), e.infeasibility().c_str());
        const nlohmann::ordered_json config = configJson(e);
        const auto& p0 = config.at("partition").at(0);
        QCOMPARE(p0.at("weights_reloading_factor").get<int>(), 5);
        QCOMPARE(p0.at("weights_reloading_layer").get<std::string>(), std::string("convolution1"));
        const auto& last = p0.at("layers").back();
        QCOMPARE(last.at("name").get<std::string>(), std::string("convolution1"));
        QCOMPARE(last.at("parameters").at("filters").get<int>(), 10);
        QCOMPARE(last.at("parameters").at("channels_out").get<int>(), 10);
        // The other partition names its own structural layer (factor 1).
        QCOMPARE(config.at("partition").at(1).at("weights_reloading_layer").get<std::string>(), std::string("innerProduct1"));
        // fpgaConvNet's cycles: int((ceil(interval) * batch + depth) * wr + (wr - 1) * size_wr), with
        // size_wr the reduced layer's weights: 10 filters x 20 channels x 5 x 5.
        const CompatibleReport report = evaluateConfig(config);
        const CompatiblePartition& r = report.partitions.at(0);
        QCOMPARE(r.sizeWr, 10.0 * 20 * 25);
        QCOMPARE(r.cycles, std::trunc((std::ceil(r.interval) + r.pipelineDepth) * 5 + 4 * r.sizeWr));
        // Any other layer reloading is what fpgaConvNet cannot build: infeasible, named.
        e.setFolding(static_cast<std::size_t>(e.design().graph.indexOf("convolution")), {1, 1, 1, 1, 2});
        QVERIFY(!e.feasible());
        QVERIFY(QString::fromStdString(e.infeasibility()).contains("convolution"));
    }

    // Weights streamed from off-chip memory, by fpgaConvNet's stream_rsc: a 512 x 512 inner
    // product of 16-bit weights at coarse 1 is one array 262144 deep and 16 wide = 256 BRAM18
    // (1024 x 18 blocks). Streaming 128 of them leaves 131072 addresses on chip, adds a one-row
    // stream buffer (1 block): 256 - 128 + 1 = 129 BRAM; the streamed half needs
    // 131072 * 16 / (131072 + 1024) bits per cycle while the layer runs.
    void streamedWeights()
    {
        nlohmann::json config = nlohmann::json::parse(R"({"partition": [{"id": 0, "batch_size": 1,
            "weights_reloading_factor": 1, "weights_reloading_layer": "ip", "layers": [{"name": "ip",
            "onnx_node": "ip", "type": "INNER_PRODUCT", "streams_in": [{"name": "in", "coarse": 1, "node": "ip"}],
            "streams_out": [{"name": "out", "coarse": 1, "node": "ip"}], "parameters": {"rows_in": 1,
            "cols_in": 1, "channels_in": 512, "channels_out": 512, "coarse_in": 1, "coarse_out": 1,
            "input_t": {"width": 16, "binary_point": 8}, "output_t": {"width": 16, "binary_point": 8},
            "weight_t": {"width": 16, "binary_point": 8}, "acc_t": {"width": 32, "binary_point": 16},
            "has_bias": 0, "stream_weights": 0}}]}]})");
        const CompatibleReport onChip = evaluateCompatible(config, findPlatform("zcu102"), "ip.json");
        config["partition"][0]["layers"][0]["parameters"]["stream_weights"] = 128;
        const CompatibleReport streamed = evaluateCompatible(config, findPlatform("zcu102"), "ip.json");
        const CompatiblePartition& a = onChip.partitions.at(0);
        const CompatiblePartition& b = streamed.partitions.at(0);
        QCOMPARE(a.resources.bram18 - b.resources.bram18, 127.0);
        const double interval = b.interval, latency = b.layers.at(0).latency;
        const double weights = 131072.0 * 16 / (131072 + 1024) * latency * 200 / (interval * 1000);
        QVERIFY(std::fabs((b.bandwidthGbps - a.bandwidthGbps) - weights) < 1e-9 * weights);
        // More than the memory has is what fpgaConvNet asserts on: a named error.
        config["partition"][0]["layers"][0]["parameters"]["stream_weights"] = 257;
        QVERIFY_THROWS_EXCEPTION(ModelError, evaluateCompatible(config, findPlatform("zcu102"), "ip.json"));
    }

    // A partition whose weights exceed the BRAM streams some from off-chip memory (fpgaConvNet's
    // off_chip_streaming), its config.json says so, and re-evaluates to the same figures;
    // without streaming the same design does not fit.
    void oversizedPartitionsStreamWeights()
    {
        const auto model = Model::load(kModels + "cnv.onnx");
        DesignSettings s;
        s.costModel = CostModel::Compatible;
        s.bramToLut = false; // streaming alone here
        s.offChipStreaming = false;
        const double all = Evaluator(minimalDesign(buildHardwareGraph(*model), findPlatform("zcu102"), s)).partitionResources(0).bram18;
        s.offChipStreaming = true;
        s.limits.bram18 = 0.6 * all / 1824; // one partition, its weights held 60 % on chip
        const Evaluator e(minimalDesign(buildHardwareGraph(*model), findPlatform("zcu102"), s));
        QVERIFY2(e.partitionResources(0).bram18 <= 0.6 * all, e.infeasibility().c_str());
        const nlohmann::ordered_json config = configJson(e);
        int64_t streamed = 0;
        for (const auto& l : config.at("partition").at(0).at("layers"))
            if (l.at("parameters").contains("stream_weights"))
                streamed += l.at("parameters").at("stream_weights").get<int64_t>();
        QVERIFY(streamed > 0);
        QCOMPARE(evaluateConfig(config).partitions.at(0).resources.bram18, e.partitionResources(0).bram18);
        s.offChipStreaming = false;
        const Evaluator onChip(minimalDesign(buildHardwareGraph(*model), findPlatform("zcu102"), s));
        QVERIFY(!onChip.feasible());
    }

    // The native model against fpgaConvNet's on the same designs: every dense layer within
    // 10 % on cycles and on every resource. Two of fpgaConvNet's latency() quirks are left out
    // of the cycle comparison (its rate-matrix interval ignores both; REFERENCE_NOTES 3.3,
    // 3.6): GlobalPooling's drops the rows x cols factor, InnerProduct's is never below its
    // input length (the unused shift-scale module).
    void nativeWithinTenPercent_data()
    {
        QTest::addColumn<QString>("file");
        QTest::addColumn<int>("batch");
        QTest::newRow("resnet18 b1") << QString::fromStdString(kModels + "resnet18.onnx") << 1;
        QTest::newRow("resnet18 b256") << QString::fromStdString(kModels + "resnet18.onnx") << 256;
        QTest::newRow("mobilenet_v2") << QString::fromStdString(kModels + "mobilenet_v2.onnx") << 1;
        QTest::newRow("cnv") << QString::fromStdString(kModels + "cnv.onnx") << 1;
        QTest::newRow("lenet") << QString::fromStdString(kData + "lenet.onnx") << 1;
    }
    void nativeWithinTenPercent()
    {
        QFETCH(QString, file);
        QFETCH(int, batch);
        const FidelityReport r = fidelityReport(greedyDesign(file.toStdString(), CostModel::Native, batch));
        int compared = 0;
        for (const LayerFidelity& l : r.layers) {
            if (l.sparse)
                continue;
            ++compared;
            const auto within = [&](double native, double compatible, const char* what) {
                const double d = relativeDifference(native, compatible);
                QVERIFY2(std::fabs(d) <= 0.10, (l.name + " " + what + ": native " + std::to_string(native) + ", fpgaConvNet "
                                                + std::to_string(compatible)).c_str());
            };
            if (l.type != std::string("GlobalPooling") && l.type != std::string("InnerProduct"))
                within(l.nativeCycles, l.compatibleCycles, "cycles");
            within(l.native.dsp, l.compatible.dsp, "DSP");
            within(l.native.bram18, l.compatible.bram18, "BRAM");
            within(l.native.lut, l.compatible.lut, "LUT");
            within(l.native.ff, l.compatible.ff, "FF");
        }
        QVERIFY(compared > 0);
    }

    // fpgaConvNet's bram_to_lut: BRAM beyond the limit fits while the spare LUTs hold it at
    // 288 LUTs a block (trunc((LUT limit - LUT used) / 288) >= BRAM - BRAM limit).
    void bramHeldInSpareLuts()
    {
        const auto model = Model::load(kModels + "cnv.onnx");
        DesignSettings s;
        s.costModel = CostModel::Compatible;
        s.offChipStreaming = false;
        const Evaluator all(minimalDesign(buildHardwareGraph(*model), findPlatform("zcu102"), s));
        const ResourceUsage used = all.partitionResources(0);
        const double spareBlocks = std::trunc((274080 - used.lut) / 288);
        QVERIFY(spareBlocks > 20);
        for (const double over : {spareBlocks - 10, spareBlocks + 10}) {
            s.limits.bram18 = (used.bram18 - over) / 1824; // `over` blocks beyond the limit
            s.bramToLut = true;
            const Evaluator held(minimalDesign(buildHardwareGraph(*model), findPlatform("zcu102"), s));
            QCOMPARE(held.feasible(), over <= spareBlocks);
            QCOMPARE(held.partitionResources(0).bram18, used.bram18); // reported as the layers need it
            s.bramToLut = false;
            QVERIFY(!Evaluator(minimalDesign(buildHardwareGraph(*model), findPlatform("zcu102"), s)).feasible());
        }
    }

    // A config whose names are fpgaConvNet's own (Conv_0 style) against a model with other
    // names: matched by structure to the same design; with structure that does not match, a
    // named error rather than a design of defaults.
    void foreignNamesMatchByStructure()
    {
        QTemporaryDir dir;
        const auto model = Model::load(kModels + "resnet18.onnx");
        const Design d = greedyDesign(kModels + "resnet18.onnx", CostModel::Native);
        Evaluator e(d);
        // Every layer renamed "L<i>" (squeezes "L<a>_squeeze_L<b>"), in names, streams and the
        // reloading layer, as an export with fpgaConvNet's own names would have them.
        nlohmann::json config = nlohmann::json::parse(configJson(e).dump());
        std::map<std::string, std::string> names;
        for (std::size_t i = 0; i < d.graph.layers.size(); ++i)
            names[d.graph.layers[i].name] = "L" + std::to_string(i);
        const auto rename = [&](const std::string& n) {
            if (names.count(n))
                return names.at(n);
            const std::size_t at = n.find("_squeeze_");
            return names.at(n.substr(0, at)) + "_squeeze_" + names.at(n.substr(at + 9));
        };
        for (auto& p : config["partition"]) {
            if (p["weights_reloading_layer"] != "None")
                p["weights_reloading_layer"] = rename(p["weights_reloading_layer"]);
            for (auto& l : p["layers"]) {
                l["name"] = rename(l["name"]);
                l["onnx_node"] = l["name"];
                for (auto& st : l["streams_in"]) {
                    st["node"] = rename(st["node"]);
                    if (st["name"] != "in")
                        st["name"] = st["node"].get<std::string>() + "_" + l["name"].get<std::string>();
                }
                for (auto& st : l["streams_out"]) {
                    st["node"] = rename(st["node"]);
                    if (st["name"] != "out")
                        st["name"] = l["name"].get<std::string>() + "_" + st["node"].get<std::string>();
                }
            }
        }
        const std::string text = config.dump(2);
        QVERIFY(text.find("/layer1/layer1.0/conv1/Conv\"") == std::string::npos);
        const std::string file = dir.filePath("renamed.json").toStdString();
        std::ofstream(file) << text;
        const std::string original = dir.filePath("original.json").toStdString();
        writeConfigJsonFile(original, configJson(e));
        // The same design as reading the config with the model's own names.
        const Design byName = readDesign(original, *model, nullptr, findPlatform("zcu102"));
        const Design read = readDesign(file, *model, nullptr, findPlatform("zcu102"));
        QCOMPARE(read.partitionStarts, d.partitionStarts);
        QCOMPARE(byName.partitionStarts, d.partitionStarts);
        for (std::size_t i = 0; i < d.folding.size(); ++i)
            QVERIFY2(read.folding[i] == byName.folding[i], d.graph.layers[i].name.c_str());

        // Names that match but stand for layers of another kind, or twice: refused, named.
        const auto expectRefused = [&](const nlohmann::json& edited, const QString& fileName, const char* failure,
                                       const QString& phrase) {
            const std::string editedFile = dir.filePath(fileName).toStdString();
            std::ofstream(editedFile) << edited.dump();
            try {
                readDesign(editedFile, *model, nullptr, findPlatform("zcu102"));
                QFAIL(failure);
            } catch (const ModelError& error) {
                QVERIFY2(QString::fromUtf8(error.what()).contains(phrase), error.what());
            }
        };
        nlohmann::json retyped = nlohmann::json::parse(configJson(e).dump());
        retyped["partition"][0]["layers"][0]["type"] = "POOLING";
        expectRefused(retyped, "retyped.json", "a layer of another kind was read by its name",
                      "'/conv1/Conv' is a POOLING layer");
        nlohmann::json doubled = nlohmann::json::parse(configJson(e).dump());
        doubled["partition"][0]["layers"].push_back(doubled["partition"][0]["layers"][0]);
        expectRefused(doubled, "doubled.json", "a layer listed twice was read", "lists layer '/conv1/Conv' twice");

        // fpgaConvNet's VGG16 config against resnet18: refused, naming what does not match.
        try {
            readDesign(kData + "gp_config.json", *model, nullptr, findPlatform("zcu102"));
            QFAIL("a config of another network was read");
        } catch (const ModelError& error) {
            const QString what = QString::fromUtf8(error.what());
            QVERIFY2(what.contains("gp_config.json") && what.contains("'Conv_0'") && what.contains("'/conv1/Conv'"),
                     error.what());
        }
    }
};

QTEST_GUILESS_MAIN(TestFpgaConvNetConfig)
#include "tst_fpgaconvnet_config.moc"
