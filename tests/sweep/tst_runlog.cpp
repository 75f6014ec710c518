// Run logs (core/sweep): import of the original ReLU-threshold scripts' runlog/<arch> folders
// (fixtures built from the formats in domain reference section 2 and the layout documented in
// OriginalRunLogImport.cpp), the summary CSV's round trip, the printed-dict parser, errors that
// name file and line, and mutation fuzzing of every file the importer reads.
#include "model/ModelError.h"
#include "sweep/OriginalRunLogImport.h"
#include "sweep/RunLog.h"

#include "ErrorExpectation.h"

#include <QtTest>

#include <fstream>
#include <random>

using namespace foldwise;
namespace fs = std::filesystem;

namespace {

void writeFile(const fs::path& file, const std::string& bytes)
{
    fs::create_directories(file.parent_path());
    std::ofstream out(file, std::ios::binary | std::ios::trunc);
    out << bytes;
}

std::string readFile(const fs::path& file)
{
    std::ifstream in(file, std::ios::binary);
    return std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

// A sparsity log as the scripts' sparsity_utils.output_sparsity_to_csv writes it: csv.writer rows
// (\r\n line ends), the module name, the printed wrapper class, then numpy numbers.
const std::string kLayerType = "<class 'sparsity_utils.VanillaConvolutionWrapper'>";

std::string sparsityLog(double scale, bool withWindowColumn = true)
{
    std::string csv = "Layer Name,Layer Type,KERNEL*KERNEL,Avg Zeros,Avg Sparsity";
    csv += withWindowColumn ? ",Avg Window Sparsity\r\n" : "\r\n";
    const auto row = [&](const std::string& name, int k, double zeros, double window) {
        csv += name + "," + kLayerType + "," + std::to_string(k) + "," + QByteArray::number(zeros * scale, 'g', 17).toStdString()
            + "," + QByteArray::number(zeros * scale / k, 'g', 17).toStdString();
        if (withWindowColumn)
            csv += "," + QByteArray::number(window * scale, 'g', 17).toStdString();
        csv += "\r\n";
    };
    row("conv1", 49, 1.25, 0.0);
    row("layer1.0.conv1", 9, 4.5, 0.125);
    row("layer1.0.conv2", 9, 3.0, 0.0625);
    return csv;
}

// One accuracy row as imagenet_main.output_accuracy_to_csv writes it: unquoted, the dict printed
// by Python's str().
std::string accuracyRow(const std::string& arch, const std::string& dict, const std::string& top1,
                        const std::string& top5, const std::string& sparsity)
{
    return arch + "," + dict + "," + top1 + "," + top5 + "," + sparsity + "\n";
}

const std::string kAccuracyHeader = "Network,ReLU_Threshold,Top1_Accuracy,Top5_Accuracy,Network_Sparsity\n";

std::string uniformDict(const std::string& t)
{
    return "{'conv1.1': " + t + ", 'layer1.0.relu.1': " + t + ", 'layer1.0.relu2.1': " + t + "}";
}

// The scripts' working folder: runlog/resnet18/ and relu_thresholds/resnet18/ side by side.
// Iteration 0.01 has no sparsity folder and no JSON (an interrupted run), iteration 0.005 a
// five-column sparsity log (the older sparsity_utils.py).
fs::path makeUniformFixture(const fs::path& root)
{
    const fs::path runlog = root / "runlog" / "resnet18";
    writeFile(runlog / "uniform_accuracy.csv",
              kAccuracyHeader + accuracyRow("resnet18", uniformDict("0.0"), "69.758", "89.078", "0.4375")
                  + accuracyRow("resnet18", uniformDict("0.005"), "69.5", "88.964", "0.50125")
                  + accuracyRow("resnet18", uniformDict("0.01"), "68.25", "88.5", "0.5625"));
    writeFile(runlog / "uniform_relu_0.0" / "resnet18_sparsity_log.csv", sparsityLog(1.0));
    writeFile(runlog / "uniform_relu_0.0" / "log.txt", "");
    writeFile(runlog / "uniform_relu_0.005" / "resnet18_sparsity_log.csv", sparsityLog(1.5, false));
    const fs::path thresholds = root / "relu_thresholds" / "resnet18";
    writeFile(thresholds / "resnet18_uniform_relu_0.0.json",
              R"({"conv1.1": 0.0, "layer1.0.relu.1": 0.0, "layer1.0.relu2.1": 0.0})");
    writeFile(thresholds / "resnet18_uniform_relu_0.005.json",
              R"({"conv1.1": 0.005, "layer1.0.relu.1": 0.005, "layer1.0.relu2.1": 0.005})");
    return runlog;
}

std::vector<SparsityRow> expectedRows(double scale, bool withWindowColumn)
{
    const auto row = [&](const std::string& name, int k, double zeros, double window) {
        const auto parse = [](double v) { return QByteArray::number(v, 'g', 17).toDouble(); };
        SparsityRow r{name, kLayerType, k, parse(zeros * scale), parse(zeros * scale / k), std::nullopt};
        if (withWindowColumn)
            r.avgWindowSparsity = parse(window * scale);
        return r;
    };
    return {row("conv1", 49, 1.25, 0.0), row("layer1.0.conv1", 9, 4.5, 0.125), row("layer1.0.conv2", 9, 3.0, 0.0625)};
}

std::map<std::string, float> uniformThresholds(float t)
{
    return {{"conv1.1", t}, {"layer1.0.relu.1", t}, {"layer1.0.relu2.1", t}};
}

// The figures every row of the uniform fixture's runlog gives: index, threshold, accuracies and
// network sparsity.
void checkUniformRow(const RunIteration& it, int index, float threshold, double top1, double top5,
                     double networkSparsity)
{
    QCOMPARE(it.index, index);
    QCOMPARE(it.thresholds, uniformThresholds(threshold));
    QCOMPARE(it.top1, std::optional<double>(top1));
    QCOMPARE(it.top5, std::optional<double>(top5));
    QCOMPARE(it.networkSparsity, networkSparsity);
}

template <typename Call>
QString errorOf(Call&& call)
{
    try {
        call();
    } catch (const ModelError& e) {
        return QString::fromStdString(e.what());
    }
    return {};
}

} // namespace

class TestRunLog : public QObject {
    Q_OBJECT
private:
    QTemporaryDir tmp;
    fs::path root(const char* name) const { return fs::path(tmp.path().toStdString()) / name; }

private slots:
    void importsUniformSweep()
    {
        const fs::path runlog = makeUniformFixture(root("uniform"));
        QCOMPARE(originalSweepsIn(runlog), std::vector<std::string>{"uniform"});
        const RunLog log = importOriginalRunLog(runlog);
        QCOMPARE(log.name, std::string("resnet18_uniform"));
        QCOMPARE(log.arch, std::string("resnet18"));
        QCOMPARE(log.source, std::string(kRunLogSourceImported));
        QCOMPARE(log.policy, std::optional<std::string>("uniform"));
        QVERIFY(!log.mode); // the scripts name fixed and re-optimised uniform sweeps alike
        QCOMPARE(log.iterations.size(), std::size_t(3));

        const RunIteration& a = log.iterations[0];
        checkUniformRow(a, 0, 0.0f, 69.758, 89.078, 0.4375);
        QVERIFY(!a.fidelity);
        QCOMPARE(a.sparsity, expectedRows(1.0, true));
        QCOMPARE(a.hardware, HardwareFigures{});

        const RunIteration& b = log.iterations[1];
        checkUniformRow(b, 1, 0.005f, 69.5, 88.964, 0.50125);
        QCOMPARE(b.sparsity, expectedRows(1.5, false));

        // No folder and no JSON: the row alone.
        const RunIteration& c = log.iterations[2];
        checkUniformRow(c, 2, 0.01f, 68.25, 88.5, 0.5625);
        QVERIFY(c.sparsity.empty());

        // A trailing separator names the same folder.
        QCOMPARE(importOriginalRunLog(runlog.string() + "/"), log);
    }

    // Slowest-node sweeps number their folders and JSONs by run; thresholds differ per ReLU and
    // come from the JSON (full precision), here also where the row printed `None`.
    void importsSlowestNodeSweeps()
    {
        const fs::path base = root("slowest");
        const fs::path runlog = base / "runlog" / "vgg11";
        writeFile(runlog / "slowest_node_changing_accuracy.csv",
                  kAccuracyHeader + accuracyRow("vgg11", "{'features.1.1': 0.0, 'features.4.1': 0.0}", "69.02", "88.628", "0.25")
                      + accuracyRow("vgg11", "{'features.1.1': 0.0, 'features.4.1': 0.005}", "68.9", "88.6", "0.3")
                      + accuracyRow("vgg11", "None", "68.7", "88.5", "3.5e-01"));
        writeFile(runlog / "slowest_node_accuracy.csv",
                  kAccuracyHeader + accuracyRow("vgg11", "{'features.1.1': 0.0, 'features.4.1': 0.0}", "69", "88", "0.25"));
        writeFile(runlog / "slowest_node_changing_0" / "vgg11_sparsity_log.csv", sparsityLog(1.0));
        writeFile(runlog / "slowest_node_changing_1" / "vgg11_sparsity_log.csv", sparsityLog(2.0));
        writeFile(runlog / "slowest_node_0" / "vgg11_sparsity_log.csv", sparsityLog(3.0));
        const fs::path thresholds = base / "relu_thresholds" / "vgg11";
        writeFile(thresholds / "vgg11_slowest_node_changing_1.json", R"({"features.1.1": 0.0, "features.4.1": 0.005})");
        writeFile(thresholds / "vgg11_slowest_node_changing_2.json", R"({"features.1.1": 0.005, "features.4.1": 0.01})");

        QCOMPARE(originalSweepsIn(runlog), (std::vector<std::string>{"slowest_node", "slowest_node_changing"}));
        fixtures::expectFileError(runlog.string(), {"several sweeps", "slowest_node_changing"},
                                  [](const std::string& d) { importOriginalRunLog(d); });

        const RunLog changing = importOriginalRunLog(runlog, "slowest_node_changing");
        QCOMPARE(changing.name, std::string("vgg11_slowest_node_changing"));
        QCOMPARE(changing.policy, std::optional<std::string>("slowest_node"));
        QCOMPARE(changing.mode, std::optional<std::string>("reoptimise"));
        QCOMPARE(changing.iterations.size(), std::size_t(3));
        const std::map<std::string, float> t0{{"features.1.1", 0.0f}, {"features.4.1", 0.0f}};
        const std::map<std::string, float> t1{{"features.1.1", 0.0f}, {"features.4.1", 0.005f}};
        const std::map<std::string, float> t2{{"features.1.1", 0.005f}, {"features.4.1", 0.01f}};
        QCOMPARE(changing.iterations[0].thresholds, t0);
        QCOMPARE(changing.iterations[1].thresholds, t1);
        QCOMPARE(changing.iterations[2].thresholds, t2);
        QCOMPARE(changing.iterations[0].sparsity, expectedRows(1.0, true));
        QCOMPARE(changing.iterations[1].sparsity, expectedRows(2.0, true));
        QVERIFY(changing.iterations[2].sparsity.empty());
        QCOMPARE(changing.iterations[2].networkSparsity, 0.35);
        QCOMPARE(changing.iterations[2].top1, std::optional<double>(68.7));

        const RunLog fixed = importOriginalRunLog(runlog, "slowest_node");
        QCOMPARE(fixed.mode, std::optional<std::string>("fixed"));
        QCOMPARE(fixed.iterations.size(), std::size_t(1));
        QCOMPARE(fixed.iterations[0].sparsity, expectedRows(3.0, true));
        QCOMPARE(fixed.iterations[0].top1, std::optional<double>(69.0));
    }

    // Thresholds JSONs copied into the run-log folder itself are found as well, and rows
    // without thresholds take the uniform folders in ascending order.
    void importsCopiedJsonsAndNoneRows()
    {
        const fs::path runlog = root("copied") / "mobilenet_v2";
        writeFile(runlog / "uniform_accuracy.csv", kAccuracyHeader + accuracyRow("mobilenet_v2", "None", "71.8", "90.3", "0.1")
                                                       + accuracyRow("mobilenet_v2", "None", "71.0", "90.0", "0.2"));
        writeFile(runlog / "uniform_relu_0.005" / "mobilenet_v2_sparsity_log.csv", sparsityLog(2.0));
        writeFile(runlog / "uniform_relu_0.0" / "renamed_sparsity_log.csv", sparsityLog(1.0));
        writeFile(runlog / "mobilenet_v2_uniform_relu_0.005.json", R"({"features.0.2": 0.005})");
        const RunLog log = importOriginalRunLog(runlog);
        QCOMPARE(log.iterations.size(), std::size_t(2));
        QVERIFY(log.iterations[0].thresholds.empty());
        QCOMPARE(log.iterations[0].sparsity, expectedRows(1.0, true));
        QCOMPARE(log.iterations[1].thresholds, (std::map<std::string, float>{{"features.0.2", 0.005f}}));
        QCOMPARE(log.iterations[1].sparsity, expectedRows(2.0, true));
    }

    void summaryRoundTrip()
    {
        RunLog log;
        log.arch = "digits_cnn";
        RunIteration a;
        a.index = 0;
        a.thresholds = {{"/relu/Relu", 0.0f}, {"layer1.0.relu", 0.005f}, {"it's \"odd\", \\ name", 1e-5f},
                        {"ünïcode\tname\n", -2.5e20f}, {"tiny", 1.4e-45f}, {"big", 3.4028235e38f}};
        a.top1 = 97.5;
        a.top5 = 99.875;
        a.fidelity = 100.0;
        a.networkSparsity = 0.1 + 0.2;
        a.hardware = {1234.5678, 8.1e-4, 123456789012345, 2048, 512.5, 1.0e5, 2e5, std::string("conv, \"3\""), 617.25, 2048};
        RunIteration b;
        b.index = 1;
        b.networkSparsity = 0.5;
        b.fidelity = 93.25; // no labels: no top-1/top-5
        b.hardware.bottleneck = std::string(); // an empty name, distinct from none
        RunIteration c;
        c.index = 2;
        c.thresholds = {{"x", 1e16f}};
        c.top1 = 1.0 / 3.0;
        c.networkSparsity = 1.0 / 7.0;
        c.hardware.throughputFps = 1e300;
        c.hardware.cycles = -1;
        log.iterations = {a, b, c};

        const fs::path file = root("summary") / "summary.csv";
        fs::create_directories(file.parent_path());
        writeSummaryCsv(file, log);
        const std::string text = readFile(file);
        QVERIFY(text.starts_with("Network,ReLU_Threshold,Top1_Accuracy,Top5_Accuracy,Network_Sparsity,fidelity,"
                                 "throughput_fps,latency_s,cycles,DSP,BRAM,LUT,FF,bottleneck,dense_throughput_fps,dense_DSP\n"));
        QVERIFY2(text.find("\ndigits_cnn,\"{'/relu/Relu': 0.0, 'big': 3.4028235e+38, ") != std::string::npos, text.c_str());
        QVERIFY2(text.find("\ndigits_cnn,\"{}\",,,0.5,93.25,,,,,,,,\"\",,\n") != std::string::npos, text.c_str());
        QVERIFY2(text.find("\ndigits_cnn,\"{'x': 1e+16}\",") != std::string::npos, text.c_str());
        // No temporary file is left beside it.
        QCOMPARE(std::distance(fs::directory_iterator(file.parent_path()), fs::directory_iterator()), std::ptrdiff_t(1));

        RunLog back = readSummaryCsv(file);
        QCOMPARE(back.arch, log.arch);
        QCOMPARE(back.iterations, log.iterations);
        // Written again, byte for byte the same.
        back.name = "again";
        QCOMPARE(summaryCsv(back), text);

        log.iterations[0].thresholds["bad"] = std::numeric_limits<float>::infinity();
        fixtures::expectFileError(file.string(), {"not finite", "bad"},
                                  [&](const std::string& f) { writeSummaryCsv(f, log); });
        QCOMPARE(readFile(file), text); // the failed write left the old file
    }

    void pythonReprOfFloats()
    {
        const auto repr = [](float v) { return pythonThresholdDict({{"t", v}}); };
        QCOMPARE(repr(0.0f), std::string("{'t': 0.0}"));
        QCOMPARE(repr(-0.0f), std::string("{'t': -0.0}"));
        QCOMPARE(repr(0.005f), std::string("{'t': 0.005}"));
        QCOMPARE(repr(0.0001f), std::string("{'t': 0.0001}"));
        QCOMPARE(repr(1e-5f), std::string("{'t': 1e-05}"));
        QCOMPARE(repr(1.5e-7f), std::string("{'t': 1.5e-07}"));
        QCOMPARE(repr(1.0f), std::string("{'t': 1.0}"));
        QCOMPARE(repr(123456.0f), std::string("{'t': 123456.0}"));
        QCOMPARE(repr(1e15f), std::string("{'t': 1000000000000000.0}"));
        QCOMPARE(repr(1e16f), std::string("{'t': 1e+16}"));
        QCOMPARE(repr(-0.25f), std::string("{'t': -0.25}"));
        QCOMPARE(pythonThresholdDict({}), std::string("{}"));
        QCOMPARE(pythonThresholdDict({{"it's", 1.0f}}), std::string("{\"it's\": 1.0}"));
        QCOMPARE(pythonThresholdDict({{"a'\"b\\", 1.0f}}), std::string("{'a\\'\"b\\\\': 1.0}"));
        QCOMPARE(pythonThresholdDict({{"a", 0.5f}, {"b", 2.0f}}), std::string("{'a': 0.5, 'b': 2.0}"));
    }

    void dictParserEdgeCases()
    {
        using M = std::map<std::string, float>;
        QCOMPARE(parseThresholdDict("{}"), M{});
        QCOMPARE(parseThresholdDict("  { \t }  "), M{});
        QCOMPARE(parseThresholdDict("None"), M{});
        QCOMPARE(parseThresholdDict(" None "), M{});
        QCOMPARE(parseThresholdDict("{\"a\": 1}"), (M{{"a", 1.0f}}));
        QCOMPARE(parseThresholdDict("{'a':1e-3,'b':-2.5E+2 , 'c' : +0.5,}"), (M{{"a", 1e-3f}, {"b", -250.0f}, {"c", 0.5f}}));
        QCOMPARE(parseThresholdDict("{\n 'a': 5e-05,\r\n 'b': .5, 'c': 3.}"), (M{{"a", 5e-5f}, {"b", 0.5f}, {"c", 3.0f}}));
        QCOMPARE(parseThresholdDict("{'a': np.float64(0.005), 'b': np.float32( 2 )}"), (M{{"a", 0.005f}, {"b", 2.0f}}));
        QCOMPARE(parseThresholdDict("{'it\\'s': 0.1, \"q\\\"\": 0.2, 'x\\\\y': 0.3, 'tab\\there': 0.4, '\\x41\\u00e9': 0.5, '\\d': 0.6}"),
                 (M{{"it's", 0.1f}, {"q\"", 0.2f}, {"x\\y", 0.3f}, {"tab\there", 0.4f}, {"A\xC3\xA9", 0.5f}, {"\\d", 0.6f}}));
        QCOMPARE(parseThresholdDict("{'a': 1, 'a': 2}"), (M{{"a", 2.0f}}));
        QCOMPARE(parseThresholdDict("{'a,b': 0.5, 'c': -0.0}"), (M{{"a,b", 0.5f}, {"c", -0.0f}}));
        // Everything the writer prints reads back.
        const M awkward{{"a'b\"c\\d\n\x01", 1e-30f}, {"", 7.0f}, {"\xE2\x82\xAC", -1e30f}};
        QCOMPARE(parseThresholdDict(pythonThresholdDict(awkward)), awkward);

        const struct {
            const char* text;
            const char* phrase;
        } bad[] = {
            {"", "expected '{'"},
            {"[1, 2]", "expected '{'"},
            {"{'a': }", "expected a number"},
            {"{'a' 1}", "expected ':'"},
            {"{a: 1}", "expected a quoted ReLU name"},
            {"{'a': 1", "expected ',' or '}'"},
            {"{'a': 1} x", "after the closing '}'"},
            {"{'a': 1 'b': 2}", "expected ',' or '}'"},
            {"{'a': nan}", "not a finite number"},
            {"{'a': inf}", "not a finite number"},
            {"{'a': 1e999}", "not a finite number"},
            {"{'a': 0x10}", "not a finite number"},
            {"{'a': '1'}", "not a finite number"},
            {"{'a': None}", "not a finite number"},
            {"{'a: 1}", "never closed"},
            {"{'a\\", "escape"},
            {"{'\\xZZ': 1}", "hexadecimal"},
            {"{'a': np.float64(1}", "expected ')'"},
            {"{,}", "expected a quoted ReLU name"},
        };
        for (const auto& b : bad) {
            const QString message = errorOf([&] { parseThresholdDict(b.text, "acc.csv", 7); });
            QVERIFY2(message.startsWith("acc.csv: line 7, column ReLU_Threshold: at character "), qPrintable(b.text + (": " + message)));
            QVERIFY2(message.contains(b.phrase), qPrintable(QString(b.text) + ": " + message));
        }
        QCOMPARE(errorOf([] { parseThresholdDict("{'a': x}"); }), QString("at character 7: 'x' is not a finite number (or beyond the float range)"));
    }

    void errorsNameFileAndLine()
    {
        const fs::path dir = root("errors");
        const auto summaryError = [&](const std::string& name, const std::string& text, const QStringList& phrases) {
            writeFile(dir / name, text);
            fixtures::expectFileError((dir / name).string(), phrases, [](const std::string& f) { readSummaryCsv(f); });
        };
        summaryError("empty.csv", "", {"empty"});
        summaryError("header.csv", "Network,Threshold,Top1_Accuracy\n", {"line 1", "ReLU_Threshold"});
        summaryError("top1.csv", kAccuracyHeader + accuracyRow("r", "{}", "1", "2", "0.5") + accuracyRow("r", "{}", "abc", "2", "0.5"),
                     {"line 3, column Top1_Accuracy", "'abc'"});
        summaryError("sparsity.csv", kAccuracyHeader + "r,{},1,2,\n", {"line 2, column Network_Sparsity", "missing"});
        summaryError("nan.csv", kAccuracyHeader + "r,{},nan,2,0.5\n", {"line 2, column Top1_Accuracy", "not a finite number"});
        summaryError("fields.csv", kAccuracyHeader + "r,\"{}\",1,2,0.5,6\n", {"line 2", "6 fields where the header has 5"});
        summaryError("short.csv", kAccuracyHeader + "\n\nr,{}\n", {"line 4", "2 fields"});
        summaryError("dict.csv", kAccuracyHeader + "r,{'a': 0.1, 'b' 0.2},1,2,0.5\n",
                     {"line 2, column ReLU_Threshold", "at character 16", "expected ':'"});
        summaryError("quote.csv", kAccuracyHeader + "r,\"{'a': 0.1},1,2,0.5\n", {"line 2", "never closed"});
        summaryError("afterquote.csv", kAccuracyHeader + "r,\"{}\"x,1,2,0.5\n", {"line 2", "after the closing quote"});
        summaryError("network.csv", kAccuracyHeader + " ,{},1,2,0.5\n", {"line 2, column Network", "missing"});
        summaryError("cycles.csv",
                     "Network,ReLU_Threshold,Top1_Accuracy,Top5_Accuracy,Network_Sparsity,cycles\nr,{},1,2,0.5,1.5\n",
                     {"line 2, column cycles", "integer"});
        summaryError("repeat.csv", "Network,ReLU_Threshold,Top1_Accuracy,Top5_Accuracy,Network_Sparsity,DSP, DSP\n",
                     {"line 1", "repeats column 'DSP'"});
        fixtures::expectFileError((dir / "missing.csv").string(), {"not a readable file"},
                                  [](const std::string& f) { readSummaryCsv(f); });

        const auto sparsityError = [&](const std::string& name, const std::string& text, const QStringList& phrases) {
            writeFile(dir / name, text);
            fixtures::expectFileError((dir / name).string(), phrases, [](const std::string& f) { readSparsityLogCsv(f); });
        };
        const std::string header = "Layer Name, Layer Type, KERNEL*KERNEL, Avg Zeros, Avg Sparsity, Avg Window Sparsity\n";
        sparsityError("s_k.csv", header + "c,Conv,9,1,0.1,0.1\nd,Conv,0,1,0.1,0.1\n", {"line 3, column KERNEL*KERNEL", "'0'"});
        sparsityError("s_kf.csv", header + "c,Conv,2.5,1,0.1,0.1\n", {"line 2, column KERNEL*KERNEL", "whole number"});
        sparsityError("s_z.csv", header + "c,Conv,9,x,0.1,0.1\n", {"line 2, column Avg Zeros", "'x'"});
        sparsityError("s_w.csv", header + "c,Conv,9,1,0.1,inf\n", {"line 2, column Avg Window Sparsity"});
        sparsityError("s_h.csv", "Layer Name,KERNEL*KERNEL\n", {"line 1", "no column 'Layer Type'"});
        sparsityError("s_n.csv", header + "c,Conv,9,1,0.1\n", {"line 2", "5 fields where the header has 6"});
        sparsityError("s_e.csv", "\r\n\r\n", {"empty"});
        // Spaces around header names (as the domain reference spells the columns) are fine.
        writeFile(dir / "s_ok.csv", header + "\"a,b\",Conv,9,1.5,0.25,0.125\r\n");
        QCOMPARE(readSparsityLogCsv(dir / "s_ok.csv"),
                 (std::vector<SparsityRow>{{"a,b", "Conv", 9, 1.5, 0.25, std::optional<double>(0.125)}}));

        // The importer: missing folder, no accuracy CSV, broken per-iteration files.
        fixtures::expectFileError((dir / "nowhere").string(), {"not a folder"},
                                  [](const std::string& d) { importOriginalRunLog(d); });
        fs::create_directories(dir / "nolog");
        fixtures::expectFileError((dir / "nolog").string(), {"no accuracy CSV"},
                                  [](const std::string& d) { importOriginalRunLog(d); });
        fixtures::expectFileError((dir / "nolog" / "uniform_accuracy.csv").string(), {"no such accuracy CSV"},
                                  [&](const std::string&) { importOriginalRunLog(dir / "nolog", "uniform"); });
        const fs::path runlog = makeUniformFixture(root("broken"));
        writeFile(runlog / "uniform_relu_0.0" / "resnet18_sparsity_log.csv", header + "c,Conv,9,1,0.1,0.1\nd,Conv,9,1,oops,0.1\n");
        fixtures::expectFileError((runlog / "uniform_relu_0.0" / "resnet18_sparsity_log.csv").string(),
                                  {"line 3, column Avg Sparsity", "'oops'"},
                                  [&](const std::string&) { importOriginalRunLog(runlog); });
        const fs::path json = root("broken") / "relu_thresholds" / "resnet18" / "resnet18_uniform_relu_0.005.json";
        writeFile(runlog / "uniform_relu_0.0" / "resnet18_sparsity_log.csv", sparsityLog(1.0));
        writeFile(json, "{\"conv1.1\": 0.005,");
        fixtures::expectFileError(json.string(), {"not valid JSON"}, [&](const std::string&) { importOriginalRunLog(runlog); });
    }

    // Mutated accuracy CSVs, sparsity logs and JSONs: the import either succeeds or throws a
    // ModelError; anything else (another exception, a sanitizer report) fails the test.
    void fuzzMutatedInputs()
    {
        const fs::path base = root("fuzz");
        const fs::path runlog = makeUniformFixture(base);
        const std::vector<fs::path> targets = {
            runlog / "uniform_accuracy.csv", runlog / "uniform_relu_0.0" / "resnet18_sparsity_log.csv",
            runlog / "uniform_relu_0.005" / "resnet18_sparsity_log.csv",
            base / "relu_thresholds" / "resnet18" / "resnet18_uniform_relu_0.005.json"};
        std::mt19937 rng(5);
        int loaded = 0;
        int rejected = 0;
        int attempts = 0;
        const auto attempt = [&] {
            ++attempts;
            try {
                const RunLog log = importOriginalRunLog(runlog);
                // Whatever loaded must survive our own summary round trip.
                const fs::path out = base / "roundtrip.csv";
                writeSummaryCsv(out, log);
                const RunLog back = readSummaryCsv(out);
                if (!log.iterations.empty())
                    QCOMPARE(back.iterations.size(), log.iterations.size());
                ++loaded;
            } catch (const ModelError& e) {
                QVERIFY2(!std::string(e.what()).empty() && std::string(e.what()).find('\n') == std::string::npos, e.what());
                ++rejected;
            } catch (const std::exception& e) {
                QFAIL(qPrintable(QString("not a ModelError: ") + e.what()));
            }
        };
        const std::string syntax = "{}[]()'\",:.-+eE0123456789 \n\r\\Nonenp";
        for (const fs::path& target : targets) {
            const std::string original = readFile(target);
            for (std::size_t n = 0; n <= original.size(); n += 7) {
                writeFile(target, original.substr(0, n));
                attempt();
            }
            std::uniform_int_distribution<int> byte(0, 255);
            for (int i = 0; i < 250; ++i) {
                std::string mutant = original;
                for (int f = 0; f < 1 + i % 4; ++f) {
                    if (mutant.empty())
                        break;
                    const std::size_t at = std::uniform_int_distribution<std::size_t>(0, mutant.size() - 1)(rng);
                    const char c = i % 2 ? syntax[static_cast<std::size_t>(byte(rng)) % syntax.size()] : static_cast<char>(byte(rng));
                    switch (i % 3) {
                    case 0: mutant[at] = c; break;
                    case 1: mutant.insert(mutant.begin() + static_cast<std::ptrdiff_t>(at), c); break;
                    default: mutant.erase(at, 1 + static_cast<std::size_t>(byte(rng)) % 4); break;
                    }
                }
                writeFile(target, mutant);
                attempt();
            }
            writeFile(target, original);
        }
        qInfo("run-log mutants: %d loaded, %d rejected with a clear error", loaded, rejected);
        QCOMPARE(loaded + rejected, attempts);
        QVERIFY(loaded > 0 && rejected > 0);
    }
};

QTEST_GUILESS_MAIN(TestRunLog)
#include "tst_runlog.moc"
