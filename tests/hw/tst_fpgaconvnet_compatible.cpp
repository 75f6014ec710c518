#include "hw/Platform.h"
#include "hw/fpgaconvnet/CompatibleModel.h"
#include "model/ModelError.h"

#include <QtTest>

#include <nlohmann/json.hpp>

#include <cmath>
#include <fstream>
#include <random>
#include <string>

using namespace foldwise;
using namespace foldwise::fpgaconvnet;
using nlohmann::json;

// The fpgaConvNet "compatible" evaluation against real fpgaConvNet output: the config.json /
// report.json pairs of tests/data/fpgaconvnet (see its README.md for their origin). The reports
// are the independent reference; nothing below is derived from our own code.
//
// Compared exactly (integers, or doubles as Python printed them):
// - network: cycles, latency (s), throughput (FPS), total operations, performance (OP/s),
//   number of partitions;
// - every partition: cycles, latency, batch size, weights-reloading factor and layer, number of
//   layers, resource usage (LUT, FF, BRAM, DSP, URAM);
// - every layer: interval and cycle, resource usage (LUT, FF, BRAM, DSP, and URAM where the
//   report lists it).
// Not compared: the partitions' "bandwidth" entries and the layers' "BW(weight)" (not modelled).
// The partition interval is the rate-matrix one (PartitionInterval::RateMatrix), which the
// fixtures' fpgaconvnet-model used; documentedExamples shows where it differs from the newer rule.

namespace {

json loadJson(const std::string& name)
{
    const std::string path = FOLDWISE_SOURCE_DIR "/tests/data/fpgaconvnet/" + name;
    std::ifstream in(path);
    if (!in)
        throw std::runtime_error("cannot open " + path);
    return json::parse(in);
}

// Python prints the shortest repr, so equal doubles compare equal; a relative 1e-15 allows
// for a last-bit difference in the summation order of the reference's numpy code.
bool close(double a, double b) { return a == b || std::fabs(a - b) <= 1e-15 * std::max(std::fabs(a), std::fabs(b)); }

std::string errorOf(const json& config)
{
    try {
        evaluateCompatible(config, findPlatform("zcu104"), "broken.json");
    } catch (const ModelError& e) {
        return e.what();
    }
    return "<no error>";
}

bool contains(const std::string& haystack, const std::string& needle)
{
    return haystack.find(needle) != std::string::npos;
}

void compareResources(const ResourceUsage& ours, const json& theirs, const std::string& where, int& mismatches)
{
    const std::pair<const char*, double> values[] = {
        {"LUT", ours.lut}, {"FF", ours.ff}, {"BRAM", ours.bram18}, {"DSP", ours.dsp}, {"URAM", ours.uram}};
    for (const auto& [key, value] : values) {
        if (!theirs.contains(key))
            continue;
        if (value != theirs[key].get<double>()) {
            ++mismatches;
            qWarning("%s %s: ours %.17g, report %.17g", where.c_str(), key, value, theirs[key].get<double>());
        }
    }
}

} // namespace

class TestFpgaConvNetCompatible : public QObject {
    Q_OBJECT

private slots:
    void fixtures_data()
    {
        QTest::addColumn<QString>("name");
        QTest::newRow("simulated annealing") << "sa";
        QTest::newRow("greedy partition") << "gp";
    }

    void fixtures()
    {
        QFETCH(QString, name);
        const json config = loadJson(name.toStdString() + "_config.json");
        const json expected = loadJson(name.toStdString() + "_report.json");
        const Platform zcu104 = findPlatform("zcu104");
        const CompatibleReport report = evaluateCompatible(config, zcu104, name.toStdString() + "_config.json");

        QCOMPARE(report.partitions.size(), expected["partitions"].size());
        int mismatches = 0;
        for (const CompatiblePartition& p : report.partitions) {
            const json& ep = expected["partitions"][std::to_string(p.index)];
            const std::string where = name.toStdString() + " partition " + std::to_string(p.index);
            QVERIFY2(p.cycles == ep["cycles"].get<double>(),
                     qPrintable(QString("%1: cycles %2, report %3, interval %4, depth %5")
                                    .arg(QString::fromStdString(where))
                                    .arg(p.cycles, 0, 'g', 17)
                                    .arg(ep["cycles"].get<double>(), 0, 'g', 17)
                                    .arg(p.interval, 0, 'g', 17)
                                    .arg(p.pipelineDepth, 0, 'g', 17)));
            QVERIFY(close(p.latencySeconds, ep["latency"].get<double>()));
            QCOMPARE(p.batch, ep["batch_size"].get<int64_t>());
            QCOMPARE(p.weightsReloading, ep["weights_reloading_factor"].get<int64_t>());
            QCOMPARE(p.weightsReloadingLayer, ep["weights_reloading_layer"].get<std::string>());
            QCOMPARE(static_cast<int64_t>(p.layers.size()), ep["num_layers"].get<int64_t>());
            compareResources(p.resources, ep["resource_usage"], where, mismatches);

            for (const CompatibleLayer& l : p.layers) {
                QVERIFY2(ep["layers"].contains(l.name), l.name.c_str());
                const json& el = ep["layers"][l.name];
                QCOMPARE(l.type, el["type"].get<std::string>());
                QCOMPARE(l.interval, el["interval"].get<double>());
                QCOMPARE(l.latency, el["cycle"].get<double>());
                QVERIFY(!l.inserted); // fpgaConvNet's configs list their squeezes
                compareResources(l.resources, el["resource_usage"], where + " layer " + l.name, mismatches);
            }
        }
        QCOMPARE(mismatches, 0);

        const json& perf = expected["network"]["performance"];
        QCOMPARE(report.cycles, perf["cycles"].get<double>());
        QVERIFY2(close(report.latencySeconds, perf["latency (s)"].get<double>()),
                 qPrintable(QString::number(report.latencySeconds, 'g', 17)));
        QVERIFY(close(report.throughputFps, perf["throughput (FPS)"].get<double>()));
        QCOMPARE(report.totalOperations, expected["total_operations (OPs)"].get<double>());
        QCOMPARE(report.delaySeconds, perf["delays between partitions (s)"].get<double>());

        // The JSON report uses fpgaConvNet's keys and carries the same numbers.
        const json ours = compatibleReportJson(report);
        QCOMPARE(ours["network"]["performance"]["cycles"], perf["cycles"]);
        QVERIFY(close(ours["network"]["performance"]["latency (s)"].get<double>(), perf["latency (s)"].get<double>()));
        QVERIFY(close(ours["network"]["performance"]["performance (OP/s)"].get<double>(),
                      perf["performance (OP/s)"].get<double>()));
        QCOMPARE(ours["network"]["num_partitions"], expected["network"]["num_partitions"]);
        QCOMPARE(ours["network"]["sum_resource_usage"], expected["network"]["sum_resource_usage"]);
        QCOMPARE(ours["platform"]["resources"], expected["platform"]["resources"]);
        for (const auto& [index, ep] : expected["partitions"].items()) {
            const json& op = ours["partitions"][index];
            QCOMPARE(op["cycles"], ep["cycles"]);
            QCOMPARE(op["resource_usage"], ep["resource_usage"]);
            QCOMPARE(op["weights_reloading_layer"], ep["weights_reloading_layer"]);
            for (const auto& [layer, el] : ep["layers"].items()) {
                QCOMPARE(op["layers"][layer]["interval"], el["interval"]);
                QCOMPARE(op["layers"][layer]["type"], el["type"]);
            }
        }
    }

    // Numbers the reference notes give and the fixtures confirm, spelled out as a readable check
    // of the formulas that matter most (REFERENCE_NOTES.md sections 3 and 5).
    void documentedExamples()
    {
        const CompatibleReport gp = evaluateCompatible(loadJson("gp_config.json"), findPlatform("zcu104"), "gp");
        const CompatiblePartition& p3 = gp.partitions[3]; // Relu, MaxPool, Conv 4x4x256->256, WR 2
        QCOMPARE(p3.interval, 1048576.0);
        QCOMPARE(p3.pipelineDepth, 17699648.0);
        QCOMPARE(p3.sizeWr, 589824.0);
        QCOMPARE(p3.cycles, (1048576.0 + 17699648.0) * 2 + 589824.0);
        QCOMPARE(gp.partitions[0].layers[0].interval, 196608.0); // Conv 32x32x3->64, fine 9
        QCOMPARE(gp.partitions[9].layers.back().interval, 1280.0); // Gemm 512->10: never below N

        // The partition interval of the fixtures' fpgaconvnet-model (before commit 8314d61) is the
        // rate matrix's maximum, not the slowest layer's latency.
        const json sa = loadJson("sa_config.json");
        const CompatibleReport matrix = evaluateCompatible(sa, findPlatform("zcu104"), "sa");
        CompatibleOptions head;
        head.interval = PartitionInterval::MaxLayerLatency;
        const CompatibleReport latest = evaluateCompatible(sa, findPlatform("zcu104"), "sa", head);
        // Gemm 512->10, coarse 4/10: its latency is 512 (shift-scale quirk), its rates give 128.
        QCOMPARE(matrix.partitions[13].layers[0].interval, 512.0);
        QCOMPARE(matrix.partitions[13].interval, 128.0);
        QCOMPARE(matrix.partitions[13].cycles, 389.0); // = report.json
        QCOMPARE(latest.partitions[13].interval, 512.0);
        QCOMPARE(latest.partitions[13].cycles, 1157.0);
        // Conv 4x4x512->16 (coarse 4/16, fine 3): latency 6144, but its balanced output rate is
        // (16/36)/384, so the output side takes 4*4*16/(16*(16/36)/384) = 13824 cycles.
        QCOMPARE(matrix.partitions[6].layers.back().interval, 6144.0);
        QCOMPARE(matrix.partitions[6].interval, 13824.0);
        QCOMPARE(latest.partitions[6].interval, 6144.0);
        // The greedy fixture happens not to tell the two apart.
        CompatibleReport gpLatest = evaluateCompatible(loadJson("gp_config.json"), findPlatform("zcu104"), "gp", head);
        QCOMPARE(gpLatest.cycles, gp.cycles);
    }

    void brokenConfigs()
    {
        const json good = loadJson("gp_config.json");
        QCOMPARE(errorOf(good), std::string("<no error>"));

        QVERIFY(contains(errorOf(json::array()), "broken.json: "));
        QVERIFY(contains(errorOf(json::object()), "\"partition\""));
        QVERIFY(contains(errorOf(json{{"partition", json::array()}}), "empty"));

        json c = good;
        c["partition"][0].erase("batch_size");
        QVERIFY(contains(errorOf(c), "partition 0: missing key \"batch_size\""));

        c = good;
        c["partition"][0]["layers"][0]["parameters"]["rows_in"] = "32";
        QVERIFY(contains(errorOf(c), "layer \"Conv_0\", parameters: \"rows_in\": expected an integer"));

        c = good;
        c["partition"][0]["layers"][2]["parameters"].erase("fine");
        QVERIFY(contains(errorOf(c), "layer \"Conv_2\", parameters: missing key \"fine\""));

        c = good;
        c["partition"][0]["layers"][2]["parameters"]["weight_t"] = json::object();
        QVERIFY(contains(errorOf(c), "\"weight_t\": missing key \"width\""));

        c = good;
        c["partition"][0]["layers"][1]["type"] = "SOFTMAX";
        QVERIFY(contains(errorOf(c), "layer \"Relu_1\": layer type \"SOFTMAX\" is not supported"));

        c = good;
        c["partition"][0]["layers"][0]["op_type"] = "winograd";
        QVERIFY(contains(errorOf(c), "unknown convolution op_type \"winograd\""));

        c = good;
        c["partition"][0]["layers"][2]["parameters"]["coarse_out"] = 3; // 64 filters
        QVERIFY(contains(errorOf(c), "layer \"Conv_2\": coarse_out must divide"));

        c = good;
        c["partition"][0]["layers"][2]["parameters"]["fine"] = 0;
        QVERIFY(contains(errorOf(c), "layer \"Conv_2\": "));

        c = good;
        c["partition"][0]["layers"][1]["streams_in"][0]["node"] = "Nowhere_7";
        QVERIFY(contains(errorOf(c), "streams_in names \"Nowhere_7\""));

        c = good;
        c["partition"][0]["layers"][0]["streams_in"][0]["node"] = "Relu_1"; // Conv_0 <-> Relu_1
        QVERIFY(contains(errorOf(c), "cycle"));

        c = good;
        c["partition"][0]["layers"][1]["name"] = "Conv_0";
        QVERIFY(contains(errorOf(c), "\"Conv_0\" appears twice"));

        c = good;
        c["partition"][0]["weights_reloading_layer"] = "Conv_99";
        QVERIFY(contains(errorOf(c), "weights_reloading_layer \"Conv_99\""));

        c = good;
        c["partition"][0]["weights_reloading_layer"] = "Relu_1";
        QVERIFY(contains(errorOf(c), "neither a convolution nor an inner product"));

        c = good;
        c["partition"][0]["weights_reloading_factor"] = 0;
        QVERIFY(contains(errorOf(c), "weights_reloading_factor must be at least 1"));

        c = good;
        c["partition"][0]["layers"][0]["parameters"]["channels_in"] = 1e300;
        QVERIFY(contains(errorOf(c), "\"channels_in\": expected an integer"));

        Platform noClock = findPlatform("zcu104");
        noClock.frequencyMhz = 0;
        QVERIFY_THROWS_EXCEPTION(ModelError, evaluateCompatible(good, noClock, "x"));
    }

    // Layer kinds the fixtures lack, on a hand-made partition: Split -> (ReLU, ReLU) -> EltWise ->
    // sparse Conv -> pointwise-sparse Conv -> Concat-free tail. Latencies follow the formulas of
    // REFERENCE_NOTES.md 3.2/3.7/3.9 (not checked against an fpgaConvNet report: none exists).
    void otherLayerKinds()
    {
        auto common = [](const char* name, const char* type, json params, std::vector<std::string> from) {
            json streams = json::array();
            for (const std::string& f : from)
                streams.push_back({{"name", f + "_" + name}, {"coarse", 1}, {"buffer_depth", 2}, {"node", f}});
            if (from.empty())
                streams.push_back({{"name", "in"}, {"coarse", 1}, {"buffer_depth", 2}, {"node", name}});
            params["rows_in"] = 8;
            params["cols_in"] = 8;
            if (!params.contains("channels_in"))
                params["channels_in"] = 4;
            params["data_t"] = {{"width", 16}, {"binary_point", 8}};
            return json{{"name", name}, {"type", type}, {"streams_in", streams}, {"parameters", params}};
        };
        json conv = {{"channels_in", 4}, {"channels_out", 4}, {"coarse_in", 1}, {"coarse_out", 1},
                     {"coarse_group", 1}, {"groups", 1}, {"fine", 9}, {"kernel_rows", 3}, {"kernel_cols", 3},
                     {"stride_rows", 1}, {"stride_cols", 1}, {"pad_top", 1}, {"pad_right", 1},
                     {"pad_bottom", 1}, {"pad_left", 1}, {"has_bias", 0},
                     {"input_t", {{"width", 16}, {"binary_point", 8}}}, {"output_t", {{"width", 16}, {"binary_point", 8}}},
                     {"weight_t", {{"width", 16}, {"binary_point", 8}}}, {"acc_t", {{"width", 32}, {"binary_point", 16}}}};
        json sparse = conv;
        sparse["sparsity"] = json::array();
        for (int c = 0; c < 4; ++c)
            for (int j = 0; j <= 9; ++j)
                sparse["sparsity"].push_back(j == 0 ? 1.0 : 0.0); // no zeros in any window
        sparse["skip_all_zero_window"] = true;
        json pointwise = conv;
        pointwise["sparsity"] = {0.5, 0.5, 0.5, 0.5};
        pointwise["clusters"] = 1;
        for (const char* pad : {"pad_top", "pad_right", "pad_bottom", "pad_left"})
            pointwise[pad] = 0; // a 1x1 convolution: kernel_* are not read, pads are
        json layers = json::array({
            common("Split_0", "SPLIT", {{"coarse", 1}, {"ports_out", 2}}, {}),
            common("Relu_1", "RELU", {{"coarse", 1}}, {"Split_0"}),
            common("Relu_2", "RELU", {{"coarse", 2}}, {"Split_0"}),
            common("Add_3", "ELTWISE", {{"coarse", 1}, {"ports_in", 2}, {"acc_t", {{"width", 32}, {"binary_point", 16}}}},
                   {"Relu_1", "Relu_2"}),
            common("Conv_4", "CONVOLUTION", sparse, {"Add_3"}),
            common("Conv_5", "CONVOLUTION", pointwise, {"Conv_4"}),
        });
        layers[1]["op_type"] = layers[2]["op_type"] = "ReLU";
        layers[3]["op_type"] = "add";
        layers[4]["op_type"] = "sparse";
        layers[5]["op_type"] = "pointwise_sparse";
        const json config = {{"partition",
                              {{{"id", 0}, {"batch_size", 1}, {"weights_reloading_factor", 1},
                                {"weights_reloading_layer", "Conv_5"}, {"layers", layers}}}}};
        const CompatibleReport r = evaluateCompatible(config, findPlatform("zcu104"), "hand-made");
        const CompatiblePartition& p = r.partitions[0];
        auto layer = [&](const std::string& name) {
            for (const CompatibleLayer& l : p.layers)
                if (l.name == name)
                    return l;
            throw std::runtime_error("no layer " + name);
        };
        QCOMPARE(layer("Split_0").interval, 256.0);
        QCOMPARE(layer("Relu_2").interval, 128.0);
        QCOMPARE(layer("Add_3").interval, 256.0);
        QCOMPARE(layer("Add_3").resources.lut, 49.0);
        // Sparse: 8*8 windows * 4 channels * 4 filters, one cycle per window with fine 9.
        QCOMPARE(layer("Conv_4").interval, 1024.0);
        // Pointwise: one stream, so the sparsity is clamped to 1-1/1 = 0: no speed-up.
        QCOMPARE(layer("Conv_5").interval, 1024.0);
        // Relu_2 has 2 streams, Split_0 and Add_3 one: the two squeezes fpgaConvNet would add.
        QCOMPARE(p.layers.size(), std::size_t(8));
        QVERIFY(layer("Split_0_squeeze_Relu_2").inserted);
        QVERIFY(layer("Relu_2_squeeze_Add_3").inserted);
        QCOMPARE(p.interval, 1024.0);
        QVERIFY(p.cycles > p.interval);
        QVERIFY(std::isfinite(r.latencySeconds));
    }

    // A config without the squeezes fpgaConvNet would have added gets them, as Partition.update
    // does when it re-reads such a config; the interval then includes them.
    void missingSqueezesAreInserted()
    {
        json c = loadJson("gp_config.json");
        json& layers = c["partition"][1]["layers"]; // Relu_11, squeeze, Conv_12, squeeze, Relu_13
        layers.erase(3);
        layers.erase(1);
        layers[1]["streams_in"][0]["node"] = "Relu_11";
        layers[2]["streams_in"][0]["node"] = "Conv_12";
        const CompatibleReport with = evaluateCompatible(loadJson("gp_config.json"), findPlatform("zcu104"), "gp");
        const CompatibleReport without = evaluateCompatible(c, findPlatform("zcu104"), "edited");
        const CompatiblePartition& a = with.partitions[1];
        const CompatiblePartition& b = without.partitions[1];
        QCOMPARE(b.layers.size(), a.layers.size());
        QCOMPARE(b.layers[3].name, std::string("Relu_11_squeeze_Conv_12"));
        QVERIFY(b.layers[3].inserted);
        QCOMPARE(b.interval, a.interval);
        QCOMPARE(b.cycles, a.cycles);
        QCOMPARE(b.resources, a.resources);
    }

    // Mutated configs (random leaves replaced by other values or types, keys deleted) never crash
    // or trip the sanitizers: they evaluate or throw ModelError.
    void fuzz()
    {
        const json good = loadJson("gp_config.json");
        const json flat = good.flatten();
        std::vector<std::string> pointers;
        for (const auto& [key, value] : flat.items())
            pointers.push_back(key);
        const json replacements[] = {0, -1, 1, 2, 3, 7, 64, 1000000, int64_t{1} << 40, int64_t{1} << 62, 0.5,
                                     -2.5, 1e308, "x", nullptr, true, false, json::array(), json::object(),
                                     json::array({1, 2})};
        std::mt19937 rng(20240212);
        int evaluated = 0, rejected = 0;
        for (int i = 0; i < 400; ++i) {
            json c = good;
            const int edits = 1 + static_cast<int>(rng() % 3);
            for (int e = 0; e < edits; ++e) {
                const std::string& ptr = pointers[rng() % pointers.size()];
                json::json_pointer jp(ptr);
                if (!c.contains(jp))
                    continue;
                if (rng() % 4 == 0) {
                    json& parent = c[jp.parent_pointer()];
                    if (parent.is_object())
                        parent.erase(jp.back());
                    else if (parent.is_array() && !parent.empty())
                        parent.erase(parent.size() - 1);
                } else {
                    c[jp] = replacements[rng() % std::size(replacements)];
                }
            }
            try {
                const CompatibleReport r = evaluateCompatible(c, findPlatform("zcu104"), "fuzz.json");
                (void)compatibleReportJson(r).dump();
                ++evaluated;
            } catch (const ModelError& e) {
                QVERIFY(contains(e.what(), "fuzz.json: "));
                ++rejected;
            }
        }
        QVERIFY(evaluated > 0);
        QVERIFY(rejected > 0);
    }
};

QTEST_GUILESS_MAIN(TestFpgaConvNetCompatible)
#include "tst_fpgaconvnet_compatible.moc"
