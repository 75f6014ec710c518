// foldwise-cli profile and merge, end to end on the bundled example: shards profiled by
// separate processes merge into exactly the profile of the whole, the exports are written, the
// annotated model loads in Foldwise and (when Node.js and onnxruntime-node are installed, see
// tests/reference) in onnxruntime.
#include "SkipOutsideCi.h"
#include "CliRunner.h"
#include "data/NpyFile.h"
#include "model/Model.h"
#include "profile/ProfileFile.h"

#include <onnx/onnx_pb.h>

#include <QtTest>

using namespace foldwise;

namespace {

using Run = fixtures::CliRun;

Run cli(const QStringList& args)
{
    return fixtures::runCli(args, 300000);
}

const QString example = FOLDWISE_SOURCE_DIR "/resources/example/";
const QString model = example + "digits_cnn.onnx";
const QString data = example + "digits_calib.npy";

} // namespace

class TestCliProfile : public QObject {
    Q_OBJECT
private:
    QTemporaryDir dir;
    QString path(const QString& name) const { return dir.filePath(name); }

private slots:
    void initTestCase()
    {
        QFile t(path("unknown_relu.json"));
        QVERIFY(t.open(QIODevice::WriteOnly));
        t.write(R"({"/features/features.1/Relu": 0.1, "/nope/Relu": 0.2})");
        t.close();
        writeNpy(path("rgb.npy").toStdString(), HostTensor::allocate(DataType::Float, {5, 3, 8, 8}));
        QFile garbage(path("garbage.pb"));
        QVERIFY(garbage.open(QIODevice::WriteOnly));
        garbage.write("\xff\xfe not a protobuf message at all \x01\x02");
    }

    void profileWithExports()
    {
        const Run r = cli({"profile", model, "--data", data, "--labels", example + "digits_calib_labels.npy", "-o",
                           path("whole.json"), "--csv", path("digits_sparsity_log.csv"), "--annotate",
                           path("annotated.onnx")});
        QVERIFY2(r.exitCode == 0, r.err.constData());
        QVERIFY2(r.out.contains("450 items (0 skipped)"), r.out.constData());
        QVERIFY2(r.err.contains("profile: 450/450 items"), r.err.constData());
        const ActivationProfile p = readProfile(path("whole.json").toStdString());
        QCOMPARE(p.provenance.items, int64_t(450));
        QVERIFY(p.provenance.dataSource.find("labels") != std::string::npos);
        QFile csv(path("digits_sparsity_log.csv"));
        QVERIFY(csv.open(QIODevice::ReadOnly));
        const QList<QByteArray> lines = csv.readAll().split('\n');
        QCOMPARE(lines[0], QByteArray("Layer Name,Layer Type,KERNEL*KERNEL,Avg Zeros,Avg Sparsity,Avg Window Sparsity"));
        QVERIFY(lines[1].startsWith("/features/features.0/Conv,Conv,9,"));
        const auto annotated = Model::load(path("annotated.onnx").toStdString());
        QVERIFY(annotated->graph().node(*annotated->graph().findNode("/features/features.2/Conv")).attribute("channel_sparsity_hist"));
        // Foldwise's own CLI reads it too.
        QCOMPARE(cli({"inspect", path("annotated.onnx")}).exitCode, 0);
    }

    void shardsByProcessesMergeExactly()
    {
        QVERIFY(cli({"profile", model, "--data", data, "--batch", "32", "-o", path("all.json")}).exitCode == 0);
        QStringList parts;
        for (int i = 0; i < 3; ++i) {
            const QString part = path(QString("part%1.json").arg(i));
            const Run r = cli({"profile", model, "--data", data, "--shard", QString("%1/3").arg(i), "--batch",
                               QString::number(5 + i), "-o", part});
            QVERIFY2(r.exitCode == 0, r.err.constData());
            parts << part;
        }
        const Run m = cli(QStringList{"merge"} + parts + QStringList{"-o", path("merged.json"), "--csv", path("merged.csv")});
        QVERIFY2(m.exitCode == 0, m.err.constData());
        QVERIFY2(m.out.contains("shards 0,1,2 of 3 (complete)"), m.out.constData());
        const ActivationProfile whole = readProfile(path("all.json").toStdString());
        const ActivationProfile merged = readProfile(path("merged.json").toStdString());
        QVERIFY(merged.sameStatistics(whole));
        QVERIFY(QFileInfo::exists(path("merged.csv")));
        // An incomplete merge says so; a shard twice is refused, naming the file.
        const Run partial = cli({"merge", parts[0], parts[2], "-o", path("partial.json")});
        QVERIFY(partial.out.contains("(incomplete)"));
        const Run twice = cli({"merge", parts[0], parts[1], parts[0], "-o", path("twice.json")});
        QVERIFY(twice.exitCode > 0);
        QVERIFY2(twice.err.contains(parts[0].toUtf8()) && twice.err.contains("both cover shard 0"), twice.err.constData());
        QVERIFY(!QFileInfo::exists(path("twice.json")));
    }

    void thresholdsAndLimit()
    {
        QFile t(path("thresholds.json"));
        QVERIFY(t.open(QIODevice::WriteOnly));
        t.write(R"({"/features/features.1/Relu": 0.25, "/features/features.6/Relu": 0.5})");
        t.close();
        const Run r = cli({"profile", model, "--data", data, "--limit", "100", "--thresholds", path("thresholds.json"),
                           "-o", path("thr.json"), "--annotate", path("thr.onnx"), "--annotate-style", "metadata"});
        QVERIFY2(r.exitCode == 0, r.err.constData());
        const ActivationProfile p = readProfile(path("thr.json").toStdString());
        QCOMPARE(p.provenance.items, int64_t(100));
        QCOMPARE(p.provenance.thresholds.at("/features/features.6/Relu"), 0.5f);
        QCOMPARE(p.findRelu("/features/features.1/Relu")->op, std::string("ThresholdedRelu"));
        const auto annotated = Model::load(path("thr.onnx").toStdString());
        QCOMPARE(annotated->graph().node(*annotated->graph().findNode("/features/features.1/Relu")).opType,
                 std::string("ThresholdedRelu"));
        QCOMPARE(annotated->proto().metadata_props_size(), 3);
    }

    void syntheticData()
    {
        const Run r = cli({"profile", model, "--data", "synthetic:20:7", "--batch", "6", "-o", path("synthetic.json")});
        QVERIFY2(r.exitCode == 0, r.err.constData());
        const ActivationProfile p = readProfile(path("synthetic.json").toStdString());
        QVERIFY(p.provenance.synthetic);
        QCOMPARE(p.provenance.items, int64_t(20));
    }

    void errors_data()
    {
        QTest::addColumn<QStringList>("args");
        QTest::addColumn<QString>("expected");
        QTest::newRow("no such relu") << QStringList{"profile", model, "--data", data, "--thresholds",
                                                     path("unknown_relu.json"), "-o", path("x.json")}
                                      << "'/nope/Relu': the model has no node of that name";
        QTest::newRow("thresholds not numbers") << QStringList{"profile", model, "--data", data, "--thresholds",
                                                               FOLDWISE_SOURCE_DIR "/tests/reference/package.json", "-o",
                                                               path("x.json")}
                                                << "is not a finite number";
        QTest::newRow("bad shard") << QStringList{"profile", model, "--data", data, "--shard", "3/3", "-o", path("x.json")}
                                   << "invalid shard";
        QTest::newRow("bad data") << QStringList{"profile", model, "--data", "/nonexistent.npy", "-o", path("x.json")}
                                  << "/nonexistent.npy";
        QTest::newRow("wrong items") << QStringList{"profile", model, "--data", path("rgb.npy"), "-o", path("x.json")}
                                     << "the calibration items are 3x8x8 but input 'input' is 1x1x8x8";
        // A source whose every item is unreadable is an error, not an empty profile.
        QTest::newRow("no readable item") << QStringList{"profile", model, "--data", path("garbage.pb"), "-o", path("x.json")}
                                          << "the calibration data yields no item: all 1 item(s) are unreadable";
        QTest::newRow("not a profile") << QStringList{"merge", model, "-o", path("x.json")} << "not valid JSON at line 1";
    }
    void errors()
    {
        QFETCH(QStringList, args);
        QFETCH(QString, expected);
        const Run r = cli(args);
        QVERIFY2(fixtures::refusedWith(r, expected), r.err.constData());
        QVERIFY(!QFileInfo::exists(path("x.json")));
    }

    // Optional: onnxruntime loads and runs the annotated models (tests/reference/check_annotated.mjs)
    // and agrees with Foldwise on their output.
    void onnxruntimeLoadsAnnotatedModels()
    {
        const QString reference = FOLDWISE_SOURCE_DIR "/tests/reference";
        if (QStandardPaths::findExecutable("node").isEmpty() || !QFileInfo::exists(reference + "/node_modules/onnxruntime-node"))
            FOLDWISE_SKIP_OUTSIDE_CI(QStringLiteral("Node.js with onnxruntime-node not installed (installer/install-deps.sh, tests/reference/README.md)"));
        QFile t(path("t.json"));
        QVERIFY(t.open(QIODevice::WriteOnly));
        t.write(R"({"/features/features.3/Relu": 0.3})");
        t.close();
        for (const QString& style : {QString("fpgaconvnet"), QString("metadata")}) {
            const QString onnx = path("ort_" + style + ".onnx");
            QVERIFY(cli({"profile", model, "--data", data, "--thresholds", path("t.json"), "-o", path("ort.json"),
                         "--annotate", onnx, "--annotate-style", style}).exitCode == 0);
            // Foldwise's output on the formula input of tests/reference/common.mjs.
            HostTensor x = HostTensor::allocate(DataType::Float, {1, 1, 8, 8});
            for (int64_t i = 0; i < 64; ++i)
                x.mutableData<float>()[i] = static_cast<float>(static_cast<double>((i * 7919) % 10007) / 10007.0 * 4.0 - 2.0);
            writeNpy(path("formula.npy").toStdString(), x);
            const Run f = cli({"run", onnx, "--input", "input=" + path("formula.npy"), "--output-dir", path("out_" + style)});
            QVERIFY2(f.exitCode == 0, f.err.constData());
            const QStringList args{"check_annotated.mjs", onnx, "--expect", path("out_" + style + "/logits.npy")};
            const Run r = fixtures::runProgram("node", args, 300000, reference);
            QVERIFY2(r.exitCode == 0, (r.out + r.err).constData());
            QVERIFY2(r.out.contains("\"loaded\":true"), r.out.constData());
        }
    }
};

QTEST_GUILESS_MAIN(TestCliProfile)
#include "tst_cli_profile.moc"
