// The JSON reading layer (core/data/JsonReading) and every reader built on it, fed what a
// broken or hostile file holds: 100,000 nested arrays where a number belongs (which used to
// overflow the stack while the error was formatted), syntax errors, huge numbers, values of the
// wrong type. Each must be a one-line ModelError that names the file and the key path, and
// never echo the offending value.

#include "CliRunner.h"
#include "ExampleProject.h"
#include "hw/ToolReports.h"
#include "hw/finn/FinnDesign.h"
#include "hw/finn/FoldedGraph.h"
#include "hw/finn/FoldingConfig.h"
#include "hw/fpgaconvnet/DesignFile.h"
#include "io/JsonReading.h"
#include "model/Model.h"
#include "model/ModelError.h"
#include "passes/InducedReluMapping.h"
#include "profile/ProfileFile.h"
#include "profile/ReluThresholds.h"
#include "sweep/RunDirectory.h"

#include <QtTest>

#include <fstream>
#include <functional>

using namespace foldwise;

namespace {

// `levels` nested arrays around a 1: what a fuzzer (or a runaway script) writes.
std::string nested(int levels)
{
    return std::string(static_cast<std::size_t>(levels), '[') + "1" + std::string(static_cast<std::size_t>(levels), ']');
}

void writeText(const QString& file, const std::string& text)
{
    std::ofstream out(file.toStdString(), std::ios::binary);
    out << text;
}

// Runs `read` and checks it throws a ModelError whose message holds every phrase.
void expectError(const std::function<void()>& read, const QStringList& phrases)
{
    try {
        read();
        QFAIL(qPrintable("no error; expected " + phrases.join(" / ")));
    } catch (const ModelError& e) {
        const QString message = QString::fromStdString(e.what());
        for (const QString& phrase : phrases)
            QVERIFY2(message.contains(phrase), qPrintable(message));
        QVERIFY2(message.size() < 600, qPrintable("message too long: " + message.left(200)));
    }
}

const int kDeep = 100000;

} // namespace

class TestJsonReading : public QObject {
    Q_OBJECT

    QTemporaryDir dir_;
    QString path(const QString& name) const { return dir_.filePath(name); }

private slots:
    void depthIsLimited()
    {
        QCOMPARE(parseJson(nested(kJsonMaxDepth - 1), "x.json").is_array(), true);
        expectError([] { parseJson(nested(kJsonMaxDepth + 1), "x.json"); }, {"x.json", "nested deeper than 64 levels"});
        expectError([] { parseJson("{\"a\": " + nested(kDeep) + "}", "x.json"); }, {"x.json", "line 1, column"});
        // Brackets inside strings are text, not nesting.
        QCOMPARE(parseJson("\"" + std::string(1000, '[') + "\"", "x.json").get<std::string>().size(), std::size_t(1000));
    }

    void syntaxErrorsGiveLineAndColumnWithoutTheValue()
    {
        const std::string longString(100000, 'z');
        expectError([&] { parseJson("{\n  \"a\": 1,\n  \"b\": \"" + longString + "\\q\"\n}", "y.json"); },
                    {"y.json", "not valid JSON at line 3"});
        try {
            parseJson("{\"b\": \"" + longString + "\\q\"}", "y.json");
        } catch (const ModelError& e) {
            QVERIFY(!QString(e.what()).contains("zzzzzzzzzz"));
        }
        expectError([] { parseJson("", "empty.json"); }, {"empty.json", "not valid JSON"});
        expectError([] { parseJson("[1e999999]", "big.json"); }, {"big.json", "too large"});
    }

    void nodesNameThePathAndTheExpectedType()
    {
        const nlohmann::json doc = parseJson(R"({"settings": {"batch": [1], "gain": 1.5, "n": 4.0, "f": 4.5,
                                                 "big": 1e30, "list": [1, "two"], "name": 7}})",
                                             "d.json");
        const JsonNode root(doc, "d.json");
        const JsonNode s = root.at("settings");
        expectError([&] { s.at("batch").integer(); }, {"d.json: settings.batch must be an integer, not an array"});
        QCOMPARE(s.at("n").integer(), std::int64_t(4)); // Python writes 4.0
        expectError([&] { s.at("f").integer(); }, {"settings.f must be an integer"});
        expectError([&] { s.at("big").integer(); }, {"settings.big must be an integer"});
        expectError([&] { s.at("gain").numberIn(0, 1); }, {"settings.gain must be in [0, 1], not 1.5"});
        expectError([&] { s.at("list").elements()[1].integer(); }, {"settings.list[1] must be an integer, not a string"});
        expectError([&] { s.at("missing"); }, {"settings has no \"missing\""});
        expectError([&] { root.at("settings").at("gain").at("x"); }, {"settings.gain must be an object, not a number"});
        // A default stands in for an absent member, never for one of the wrong type.
        QCOMPARE(s.string("absent", "fallback"), std::string("fallback"));
        expectError([&] { s.string("name", "fallback"); }, {"settings.name must be a string, not an integer"});
        // Keys in paths are cut short.
        const nlohmann::json longKey = parseJson("{\"" + std::string(5000, 'k') + "\": []}", "k.json");
        expectError([&] { JsonNode(longKey, "k.json").at(std::string(5000, 'k')).integer(); }, {"k.json", "..."});
    }

    // Every JSON reader, handed 100,000 nested arrays where it expects a number.
    void everyReaderRefusesDeepNesting()
    {
        const auto deepFile = [&](const QString& name, const std::string& text) {
            writeText(path(name), text);
            return path(name).toStdString();
        };
        const auto model = Model::load(fixtures::kDigitsModel);
        const std::string design = deepFile("design.json", R"({"format": "foldwise-design", "version": 1, "style": "fpgaconvnet",
            "partitions": [0], "settings": {"batch": )" + nested(kDeep) + "}}");
        expectError([&] { fpgaconvnet::readDesign(design, *model, nullptr, std::nullopt); }, {"design.json", "nested deeper"});
        const std::string config = deepFile("config.json", R"({"partition": [{"batch_size": )" + nested(kDeep) + "}]}");
        expectError([&] { fpgaconvnet::readDesign(config, *model, nullptr, std::nullopt); }, {"config.json", "nested deeper"});
        const std::string profile = deepFile("profile.json", R"({"format": "foldwise.activation_profile", "format_version": )"
                                                                 + nested(kDeep) + "}");
        expectError([&] { readProfile(profile); }, {"profile.json", "nested deeper"});
        const std::string thresholds = deepFile("thresholds.json", R"({"/relu": )" + nested(kDeep) + "}");
        expectError([&] { readReluThresholds(thresholds); }, {"thresholds.json", "nested deeper"});
        const std::string mapping = deepFile("mapping.json", R"({"/relu": )" + nested(kDeep) + "}");
        expectError([&] { passes::readInducedReluMapping(mapping); }, {"mapping.json", "nested deeper"});
        const std::string report = deepFile("report.json", R"({"network": {}, "partitions": {"0": {"layers": {"c": {"interval": )"
                                                               + nested(kDeep) + "}}}}}");
        expectError([&] { readFpgaConvNetReport(report); }, {"report.json", "nested deeper"});
        QDir(dir_.path()).mkpath("finn");
        deepFile("finn/estimate_layer_cycles.json", R"({"MVAU_hls_0": )" + nested(kDeep) + "}");
        expectError([&] { readFinnEstimateReports(path("finn").toStdString()); },
                    {"estimate_layer_cycles.json", "nested deeper"});
        const auto finnGraph = Model::load(FOLDWISE_SOURCE_DIR "/tests/data/finn/finn_cybsec_PE_SIMD.onnx");
        finn::FinnDesign finnDesign(finn::readFoldedGraph(*finnGraph));
        const std::string folding = deepFile("folding_config.json", R"({"MVAU_hls_0": {"PE": )" + nested(kDeep) + "}}");
        expectError([&] { finn::readFoldingConfig(finnDesign, folding); }, {"folding_config.json", "nested deeper"});
        QDir(dir_.path()).mkpath("run");
        writeText(path("run/summary.csv"), "Network,ReLU_Threshold,Top1_Accuracy,Top5_Accuracy,Network_Sparsity\n");
        deepFile("run/manifest.json", R"({"format": "foldwise-sweep", "model": {"file": )" + nested(kDeep) + "}}");
        expectError([&] { sweep::readRunDirectory(path("run").toStdString()); }, {"manifest.json", "nested deeper"});
    }

    // The command line: what the issue's fuzzing crashed, now a clean exit 1.
    void commandsReportHostileManifestsCleanly()
    {
        QDir(dir_.path()).mkpath("deep_run");
        writeText(path("deep_run/manifest.json"),
                  R"({"format": "foldwise-sweep", "invocation": {"model": )" + nested(kDeep) + "}}");
        fixtures::CliRun r = fixtures::runCli({"sweep", "--resume", path("deep_run")});
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(r.err.contains("manifest.json") && r.err.contains("nested deeper"), r.err.constData());

        // A model file that is a number: the path of the value and what it should be.
        QDir(dir_.path()).mkpath("typed_run");
        writeText(path("typed_run/manifest.json"), R"({"format": "foldwise-sweep", "invocation": {"model": 42}})");
        r = fixtures::runCli({"sweep", "--resume", path("typed_run")});
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(r.err.contains("manifest.json: invocation.model must be a string, not an integer"), r.err.constData());
        QVERIFY2(!r.err.contains("json.exception"), r.err.constData());

        writeText(path("deep_mapping.json"), R"({"/relu": )" + nested(kDeep) + "}");
        r = fixtures::runCli({"induce", QString::fromStdString(fixtures::kDigitsModel), "--mapping", path("deep_mapping.json"),
                              "--prototypes", "2", "--data", "synthetic:4", "-o", path("induced.onnx"), "--report",
                              path("induced.json")});
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(r.err.contains("deep_mapping.json") && r.err.contains("nested deeper"), r.err.constData());
    }
};

QTEST_GUILESS_MAIN(TestJsonReading)
#include "tst_json_reading.moc"
