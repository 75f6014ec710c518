// Tool reports read back (core/hw/ToolReports): FINN's estimate reports as Foldwise writes them
// in FINN's format give back every node's cycles and resources and the network figures; an
// fpgaConvNet report.json gives its layers, platform and performance; broken files fail with a
// ModelError naming the file, and fuzzed ones never crash or throw anything else.

#include "ExampleProject.h"

#include "hw/ToolReports.h"
#include "hw/finn/EstimateReports.h"
#include "hw/finn/FinnConversion.h"
#include "hw/finn/FinnDesign.h"
#include "model/ModelError.h"

#include <QTemporaryDir>
#include <QtTest>

#include <fstream>
#include <random>

using namespace foldwise;

namespace {

void writeText(const std::string& file, const std::string& text)
{
    std::ofstream(file, std::ios::binary) << text;
}

// A small report.json in fpgaConvNet's layout: two partitions, keys not in index order.
const char* const kReport = R"json({
  "name": "net",
  "platform": {"part": "xc7z020", "board": "zedboard", "board_freq": 125,
               "resources": {"DSP": 220, "BRAM": 280, "LUT": 53200, "FF": 106400}},
  "network": {"performance": {"latency (s)": 0.002, "throughput (FPS)": 500.0, "cycles": 250000}},
  "partitions": {
    "1": {"partition_index": 1, "resource_usage": {"DSP": 10, "BRAM": 4, "LUT": 900, "FF": 1200},
          "layers": {"fc": {"type": "LAYER_TYPE.InnerProduct", "interval": 4000,
                            "resource_usage": {"DSP": 10, "BRAM": 4, "LUT": 900, "FF": 1200}}}},
    "0": {"partition_index": 0, "resource_usage": {"DSP": 30, "BRAM": 8, "LUT": 3000, "FF": 4000},
          "layers": {"conv2": {"type": "LAYER_TYPE.Convolution", "interval": 9000,
                               "resource_usage": {"DSP": 20, "BRAM": 6, "LUT": 2000, "FF": 3000}},
                     "conv1": {"type": "LAYER_TYPE.Convolution", "interval": 7000,
                               "resource_usage": {"DSP": 10, "BRAM": 2, "LUT": 1000, "FF": 1000}}}}
  }
})json";

} // namespace

class TestToolReports : public QObject {
    Q_OBJECT

    QTemporaryDir dir_;
    std::string path(const char* name) const { return dir_.filePath(QString::fromLatin1(name)).toStdString(); }

private slots:
    void finnEstimatesReadBack()
    {
        const auto model = Model::load(fixtures::kDigitsModel);
        const finn::FinnDesign design(finn::convertToFinn(*model));
        const std::string folder = path("finn");
        finn::writeEstimateReports(design, folder);
        const NetworkEstimate want = design.networkEstimate();
        for (const std::string& given : {folder, folder + "/estimate_layer_resources.json"}) {
            QVERIFY(isFinnEstimateReport(given));
            const ToolReport r = readFinnEstimateReports(given);
            QCOMPARE(r.tool, std::string("finn"));
            QVERIFY(!r.budget);
            // FINN's reports cover the dataflow nodes (no FIFOs or converters, which FINN inserts
            // after them): those of the design, in order.
            std::size_t k = 0;
            for (const LayerEstimate& l : want.layers) {
                if (l.type.rfind("StreamingFIFO", 0) == 0 || l.type.rfind("StreamingDataWidthConverter", 0) == 0)
                    continue;
                QVERIFY(k < r.estimate.layers.size());
                QCOMPARE(r.estimate.layers[k].name, l.name);
                QCOMPARE(r.estimate.layers[k].cycles, l.cycles);
                QCOMPARE(r.estimate.layers[k].resources.lut, l.resources.lut);
                QCOMPARE(r.estimate.layers[k].resources.bram18, l.resources.bram18);
                ++k;
            }
            QCOMPARE(k, r.estimate.layers.size());
            double slowest = 0;
            for (const LayerEstimate& l : r.estimate.layers)
                slowest = std::max(slowest, l.cycles);
            QCOMPARE(r.estimate.intervalCycles, slowest);
            QCOMPARE(r.estimate.layers[r.estimate.bottleneck].cycles, slowest);
            QVERIFY(r.estimate.throughputFps > 0);
        }
    }

    void fpgaConvNetReportReads()
    {
        writeText(path("report.json"), kReport);
        QVERIFY(isFpgaConvNetReport(path("report.json")));
        QVERIFY(!isFinnEstimateReport(path("report.json")));
        const ToolReport r = readFpgaConvNetReport(path("report.json"));
        QCOMPARE(r.tool, std::string("fpgaconvnet"));
        QCOMPARE(r.estimate.layers.size(), std::size_t(3));
        // Partition 0 first (by index); within it, the file's order.
        QCOMPARE(r.estimate.layers[0].name, std::string("conv2"));
        QCOMPARE(r.estimate.layers[1].name, std::string("conv1"));
        QCOMPARE(r.estimate.layers[2].name, std::string("fc"));
        QCOMPARE(r.estimate.layers[2].type, std::string("InnerProduct"));
        QCOMPARE(r.estimate.layers[0].cycles, 9000.0);
        QCOMPARE(r.estimate.layers[0].resources.dsp, 20.0);
        QCOMPARE(r.estimate.bottleneck, std::size_t(0));
        QCOMPARE(r.estimate.intervalCycles, 9000.0);
        QCOMPARE(r.estimate.partitions, 2);
        QCOMPARE(r.estimate.total.dsp, 40.0);
        QCOMPARE(r.estimate.throughputFps, 500.0);
        QCOMPARE(r.estimate.clockMhz, 125.0);
        QVERIFY(r.budget);
        QCOMPARE(r.budget->lut, 53200.0);
        QCOMPARE(r.platform, std::string("zedboard"));
    }

    void brokenFilesNameTheFile_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QString>("reason");
        QTest::newRow("not JSON") << "{\"partitions\": " << "not valid JSON";
        QTest::newRow("no partitions") << "{\"network\": {}}" << "no \"partitions\" object";
        QTest::newRow("interval missing")
            << R"({"network": {}, "partitions": {"0": {"layers": {"c": {"type": "x"}}}}})" << "partitions.0.layers.c has no \"interval\"";
        QTest::newRow("negative interval")
            << R"({"network": {}, "partitions": {"0": {"layers": {"c": {"interval": -3}}}}})" << "partitions.0.layers.c.interval must not be negative";
        QTest::newRow("type of wrong kind")
            << R"({"network": {}, "partitions": {"0": {"layers": {"c": {"interval": 3, "type": 7}}}}})"
            << "partitions.0.layers.c.type must be a string, not an integer";
    }

    void brokenFilesNameTheFile()
    {
        QFETCH(QString, text);
        QFETCH(QString, reason);
        const std::string file = path("broken.json");
        writeText(file, text.toStdString());
        try {
            readFpgaConvNetReport(file);
            QFAIL("no error");
        } catch (const ModelError& e) {
            QCOMPARE(e.file(), file);
            QVERIFY2(QString::fromStdString(e.reason()).contains(reason), e.what());
        }
    }

    void finnFolderWithoutCyclesIsAnError()
    {
        const std::string folder = path("empty_finn");
        QDir().mkpath(QString::fromStdString(folder));
        writeText(folder + "/estimate_network_performance.json", "{}");
        try {
            readFinnEstimateReports(folder + "/estimate_network_performance.json");
            QFAIL("no error");
        } catch (const ModelError& e) {
            QVERIFY2(e.file().find("estimate_layer_cycles.json") != std::string::npos, e.what());
        }
    }

    void fuzzedReportsReadOrFailCleanly()
    {
        std::mt19937 rng(20261122);
        auto below = [&rng](std::size_t n) { return std::uniform_int_distribution<std::size_t>(0, n - 1)(rng); };
        const std::string valid = kReport;
        const std::string interesting = "{}[]:,\"-0123456789eE.tfn ";
        const std::string file = path("fuzz.json");
        int read = 0, rejected = 0;
        for (int i = 0; i < 3000; ++i) {
            std::string text = valid;
            for (std::size_t m = 0, n = 1 + below(3); m < n && !text.empty(); ++m) {
                const std::size_t at = below(text.size());
                switch (below(4)) {
                case 0: text[at] = interesting[below(interesting.size())]; break;
                case 1: text.erase(at, 1 + below(12)); break;
                case 2: text.insert(at, 1, interesting[below(interesting.size())]); break;
                default: text.insert(below(text.size()), text.substr(at, 1 + below(30))); break;
                }
            }
            writeText(file, text);
            try {
                const ToolReport r = readFpgaConvNetReport(file);
                for (const LayerEstimate& l : r.estimate.layers)
                    QVERIFY(l.cycles >= 0 && std::isfinite(l.cycles));
                ++read;
            } catch (const ModelError& e) {
                QCOMPARE(e.file(), file);
                ++rejected;
            } catch (const std::exception& e) {
                QFAIL(qPrintable(QString("unexpected exception %1 for input:\n%2").arg(e.what(), QString::fromStdString(text))));
            }
        }
        qDebug("fuzz: read %d, rejected %d", read, rejected);
        QVERIFY2(read > 100 && rejected > 100, qPrintable(QString("read %1, rejected %2").arg(read).arg(rejected)));
    }
};

QTEST_GUILESS_MAIN(TestToolReports)
#include "tst_tool_reports.moc"
