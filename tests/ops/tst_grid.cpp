// Grids (`foldwise-cli grid GRID.toml`, ops/GridOperation.h): every combination of the axes runs
// as its own operation in its own folder, and the table holds what each run wrote, checked here
// against the same operations run one by one with foldwise-cli and their files read directly
// (report.json, FINN's estimate reports, a sweep's summary.csv). A stopped grid continues with
// the points not done; bad grid files are refused naming the file and the key or point.
#include "CliRunner.h"
#include "ExampleProject.h"
#include "ScratchFolderTest.h"

#include <nlohmann/json.hpp>

#include <QtTest>

using namespace foldwise;

namespace {

const QString model = QString::fromStdString(fixtures::kDigitsModel);
const QString calib = QString::fromStdString(fixtures::kExampleDir + "digits_calib.npy");
const QString labels = QString::fromStdString(fixtures::kExampleDir + "digits_calib_labels.npy");

void writeText(const QString& file, const QString& text)
{
    QDir().mkpath(QFileInfo(file).absolutePath());
    QFile f(file);
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write(text.toUtf8());
}

nlohmann::json readJson(const QString& file)
{
    QFile f(file);
    if (!f.open(QIODevice::ReadOnly))
        return {};
    return nlohmann::json::parse(f.readAll().toStdString(), nullptr, false);
}

// The table's row of `point` as a name -> metric map.
nlohmann::json metricsOf(const nlohmann::json& table, const std::string& point)
{
    for (const nlohmann::json& row : table["points"])
        if (row["name"] == point)
            return row["metrics"];
    return {};
}

// The last data row of a CSV file, split at commas outside quotes, with the header's names.
std::map<QString, QString> lastRow(const QString& file)
{
    QFile f(file);
    if (!f.open(QIODevice::ReadOnly))
        return {};
    const QStringList lines = QString::fromUtf8(f.readAll()).split('\n', Qt::SkipEmptyParts);
    const auto split = [](const QString& line) {
        QStringList fields{QString()};
        bool quoted = false;
        for (QChar c : line) {
            if (c == '"')
                quoted = !quoted;
            else if (c == ',' && !quoted)
                fields << QString();
            else
                fields.back() += c;
        }
        return fields;
    };
    const QStringList header = split(lines.front()), row = split(lines.back());
    std::map<QString, QString> named;
    for (int i = 0; i < header.size() && i < row.size(); ++i)
        named[header[i]] = row[i];
    return named;
}

} // namespace

class TestGrid : public fixtures::ScratchFolderTest {
    Q_OBJECT

private slots:
    void initTestCase() { QVERIFY(scratchReady()); }

    void optimisationGridEqualsSeparateRuns()
    {
        writeText(path("hw.toml"), QStringLiteral("operation = \"optimise\"\noutput = \"hw\"\n[parameters]\nmodel = \"%1\"\n"
                                                  "moves = 800\nseed = 5\n[axes]\nplatform = [\"zedboard\", \"zcu102\"]\n"
                                                  "style = [\"fpgaconvnet\", \"finn\"]\n")
                                       .arg(model));
        const fixtures::CliRun grid = fixtures::runCli({"grid", path("hw.toml")});
        QVERIFY2(grid.exitCode == 0, grid.err.constData());
        QVERIFY(grid.out.contains("grid: 4 of 4 points done"));
        const nlohmann::json table = readJson(path("hw/table.json"));
        QCOMPARE(table["points"].size(), std::size_t(4));

        // The last axis varies fastest: point-001 is zedboard with FINN, point-002 zcu102 with fpgaConvNet.
        const struct {
            const char* point;
            const char* platform;
            const char* style;
        } points[] = {{"point-000", "zedboard", "fpgaconvnet"}, {"point-001", "zedboard", "finn"},
                      {"point-002", "zcu102", "fpgaconvnet"}, {"point-003", "zcu102", "finn"}};
        for (const auto& p : points) {
            const QString alone = path(QStringLiteral("alone-%1").arg(p.point));
            const fixtures::CliRun run = fixtures::runCli({"optimise", model, "--platform", p.platform, "--style", p.style,
                                                           "--moves", "800", "--seed", "5", "-o", alone});
            QVERIFY2(run.exitCode == 0, run.err.constData());
            const nlohmann::json metrics = metricsOf(table, p.point);
            QVERIFY2(!metrics.empty(), p.point);
            if (std::string(p.style) == "fpgaconvnet") {
                const nlohmann::json report = readJson(alone + "/report.json");
                QCOMPARE(metrics["throughput_fps"].get<double>(), report["network"]["performance"]["throughput (FPS)"].get<double>());
                QCOMPARE(metrics["latency_s"].get<double>(), report["network"]["performance"]["latency (s)"].get<double>());
                QCOMPARE(metrics["DSP"].get<double>(), report["network"]["sum_resource_usage"]["DSP"].get<double>());
                QCOMPARE(metrics["BRAM"].get<double>(), report["network"]["sum_resource_usage"]["BRAM"].get<double>());
            } else {
                const nlohmann::json performance = readJson(alone + "/estimate_network_performance.json");
                const nlohmann::json resources = readJson(alone + "/estimate_layer_resources.json");
                QCOMPARE(metrics["throughput_fps"].get<double>(), performance["estimated_throughput_fps"].get<double>());
                QCOMPARE(metrics["interval_cycles"].get<double>(), performance["max_cycles"].get<double>());
                QCOMPARE(metrics["LUT"].get<double>(), resources["total"]["LUT"].get<double>());
            }
        }
        // The CSV says the same, a row per point with its axis values first.
        QFile csv(path("hw/table.csv"));
        QVERIFY(csv.open(QIODevice::ReadOnly));
        const QList<QByteArray> lines = csv.readAll().split('\n');
        QVERIFY(lines[0].startsWith("point,platform,style,status,throughput_fps"));
        QVERIFY(lines[2].startsWith("point-001,zedboard,finn,done,"));
    }

    void sweepGridTabulatesFirstAndLastIterations()
    {
        writeText(path("sweeps.toml"),
                  QStringLiteral("operation = \"sweep\"\n[parameters]\nmodel = \"%1\"\ndata = \"%2\"\nlabels = \"%3\"\n"
                                 "platform = \"zedboard\"\niterations = 2\nincrement = 0.1\n[axes]\n"
                                 "policy = [\"uniform\", \"slowest_node\"]\n")
                      .arg(model, calib, labels));
        const fixtures::CliRun grid = fixtures::runCli({"grid", path("sweeps.toml")}, 300000);
        QVERIFY2(grid.exitCode == 0, grid.err.constData());
        const nlohmann::json table = readJson(path("sweeps.grid/table.json")); // the default folder: <stem>.grid
        for (const char* point : {"point-000", "point-001"}) {
            const std::map<QString, QString> last = lastRow(path("sweeps.grid/%1/summary.csv").arg(point));
            const nlohmann::json metrics = metricsOf(table, point);
            QCOMPARE(metrics["iterations"].get<double>(), 3.0);
            QCOMPARE(metrics["final_accuracy"].get<double>(), last.at("Top1_Accuracy").toDouble());
            QCOMPARE(metrics["final_throughput_fps"].get<double>(), last.at("throughput_fps").toDouble());
            QCOMPARE(metrics["final_sparsity"].get<double>(), last.at("Network_Sparsity").toDouble());
        }
        QCOMPARE(readJson(path("sweeps.grid/grid.json"))["points"][1]["values"]["policy"], nlohmann::json("slowest_node"));
    }

    void stoppedGridContinuesWithTheMissingPoints()
    {
        // hw/ from the first test: point-002 is made to look unfinished.
        QVERIFY(QFile::remove(path("hw/point-002/result.json")));
        const QDateTime before = QFileInfo(path("hw/point-000/result.json")).lastModified();
        const fixtures::CliRun again = fixtures::runCli({"grid", path("hw.toml")});
        QVERIFY2(again.exitCode == 0, again.err.constData());
        QVERIFY(again.err.contains("point-000 was done earlier; kept"));
        QVERIFY(!again.err.contains("point-002 was done earlier"));
        QVERIFY(again.out.contains("point-002 {"));
        QVERIFY(QFileInfo::exists(path("hw/point-002/result.json")));
        QCOMPARE(QFileInfo(path("hw/point-000/result.json")).lastModified(), before);
        // Another grid in the same folder is refused.
        writeText(path("other.toml"), QStringLiteral("operation = \"optimise\"\noutput = \"hw\"\n[parameters]\nmodel = \"%1\"\n"
                                                     "[axes]\nplatform = [\"zc706\"]\n")
                                          .arg(model));
        const fixtures::CliRun other = fixtures::runCli({"grid", path("other.toml")});
        QCOMPARE(other.exitCode, 1);
        QVERIFY2(other.err.contains("holds another grid"), other.err.constData());
    }

    void badGridFiles_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QString>("expected");
        const QString m = QStringLiteral("model = \"%1\"\n").arg(model);
        QTest::newRow("TOML syntax") << "operation = \"optimise\"\n[axes\n" << "bad.toml: TOML syntax error at line 2";
        QTest::newRow("no operation") << "[axes]\nplatform = [\"zcu102\"]\n" << "bad.toml: the document has no \"operation\"";
        QTest::newRow("operation without outputs") << "operation = \"inspect\"\n[axes]\nmodel = [\"a\"]\n"
                                                   << "bad.toml: operation must be an operation that writes an output folder";
        QTest::newRow("axis not a list") << "operation = \"optimise\"\n[parameters]\n" + m + "[axes]\nplatform = \"zcu102\"\n"
                                         << "bad.toml: axes.platform must be an array";
        QTest::newRow("empty axis") << "operation = \"optimise\"\n[parameters]\n" + m + "[axes]\nplatform = []\n"
                                    << "bad.toml: axes.platform must list at least one value";
        QTest::newRow("no axes") << "operation = \"optimise\"\n[parameters]\n" + m + "[axes]\n"
                                 << "bad.toml: axes must list at least one axis";
        QTest::newRow("axis and shared") << "operation = \"optimise\"\n[parameters]\n" + m
                                                + "platform = \"zcu102\"\n[axes]\nplatform = [\"zc706\"]\n"
                                         << "bad.toml: axes.platform is also a shared parameter";
        QTest::newRow("output_dir given") << "operation = \"optimise\"\n[parameters]\n" + m
                                                 + "output_dir = \"x\"\n[axes]\nplatform = [\"zc706\"]\n"
                                          << "bad.toml: parameters.output_dir is set by the grid";
        QTest::newRow("bad point value") << "operation = \"optimise\"\n[parameters]\n" + m
                                                + "platform = \"zcu102\"\n[axes]\nbatch = [4, 0]\n"
                                         << "bad.toml: point-001: parameters.batch must be greater than 0, not 0";
        QTest::newRow("unknown parameter") << "operation = \"optimise\"\n[parameters]\n" + m + "[axes]\nplatfrom = [\"zc706\"]\n"
                                           << "bad.toml: point-000: parameters.platfrom is not a parameter of this operation";
    }
    void badGridFiles()
    {
        QFETCH(QString, text);
        QFETCH(QString, expected);
        writeText(path("bad.toml"), text);
        const fixtures::CliRun run = fixtures::runCli({"grid", path("bad.toml")});
        QCOMPARE(run.exitCode, 1);
        QVERIFY2(run.err.contains(expected.toUtf8()), run.err.constData());
        QVERIFY(!QFileInfo::exists(path("bad.grid"))); // refused before anything is written
    }
};

QTEST_GUILESS_MAIN(TestGrid)
#include "tst_grid.moc"
