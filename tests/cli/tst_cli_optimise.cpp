// foldwise-cli optimise / evaluate end to end: the files an optimisation writes, a saved design
// re-evaluated to the same figures, and clear errors for bad input.
#include "CliRunner.h"
#include "OnnxFixtures.h"
#include "exec/Executor.h"
#include "model/Model.h"
#include "profile/ReluThresholds.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QtTest>

#include <cmath>

using namespace foldwise;

namespace {

const QString kCnv = FOLDWISE_MODELS_DIR "/cnv.onnx";

} // namespace

class TestCliOptimise : public QObject {
    Q_OBJECT
private:
    QTemporaryDir dir;
    QString path(const QString& name) const { return dir.filePath(name); }

private slots:
    void optimiseThenEvaluate()
    {
        for (const QString& optimiser : {QString("greedy"), QString("annealing")}) {
            const QString out = path("out_" + optimiser);
            const fixtures::CliRun r = fixtures::runCli({"optimise", kCnv, "--platform", "zedboard", "--optimiser", optimiser, "--moves", "5000",
                                     "--limit", "lut=0.8,dsp=0.9", "-b", "16", "-o", out});
            QVERIFY2(r.exitCode == 0, r.err.constData());
            for (const char* f : {"design.json", "config.json", "report.json", "layers.csv", "layers.json"})
                QVERIFY2(QFileInfo::exists(out + "/" + f), f);
            const fixtures::CliRun e = fixtures::runCli({"evaluate", kCnv, "--design", out + "/design.json", "--json"});
            QVERIFY2(e.exitCode == 0, e.err.constData());
            QFile layers(out + "/layers.json");
            QVERIFY(layers.open(QIODevice::ReadOnly));
            const QJsonObject saved = QJsonDocument::fromJson(layers.readAll()).object();
            const QJsonObject again = QJsonDocument::fromJson(e.out).object();
            QCOMPARE(again["network"].toObject()["throughput_fps"].toDouble(), saved["network"].toObject()["throughput_fps"].toDouble());
            QCOMPARE(again["network"].toObject()["batch"].toInt(), 16);
            // Within the limits given.
            const QJsonObject used = saved["network"].toObject()["resources"].toObject();
            QVERIFY(used["LUT"].toDouble() <= 0.8 * 53200);
            QVERIFY(used["DSP"].toDouble() <= 0.9 * 220);
            // fpgaConvNet's config.json evaluates too (with a platform named), as the design
            // fpgaConvNet builds from it: same partitions.
            const fixtures::CliRun c = fixtures::runCli({"evaluate", kCnv, "--design", out + "/config.json", "--platform", "zedboard", "-b", "16", "--json"});
            QVERIFY2(c.exitCode == 0, c.err.constData());
            QCOMPARE(QJsonDocument::fromJson(c.out).object()["network"].toObject()["partitions"].toInt(),
                     saved["network"].toObject()["partitions"].toInt());
        }
    }

    // FINN style: the budgeted search within the limits, SetFolding to a frame rate, and the
    // folding_config.json it writes evaluated back to the same figures.
    // What FINN has no layer for ends the run with its one-line reason (exit code 1), and a
    // residual block designs: both through the command line.
    void finnStyleRefusesAndBranches()
    {
        onnx::ModelProto silu = fixtures::makeModel();
        fixtures::addInput(silu, "x", {1, 4, 8, 8});
        fixtures::addConv(silu, "c", "x", "y", 4, 4, 1);
        fixtures::addNode(silu, "Sigmoid", {"y"}, {"s"}, "sig");
        fixtures::addNode(silu, "Mul", {"y", "s"}, {"out"}, "swish");
        fixtures::addOutput(silu, "out");
        fixtures::save(silu, path("silu.onnx").toStdString());
        const fixtures::CliRun r = fixtures::runCli({"optimise", path("silu.onnx"), "--platform", "zcu102", "--style", "finn",
                                                     "-o", path("silu")});
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(r.err.contains("node 'sig' (Sigmoid): FINN has no layer for x * Sigmoid(x)"), r.err.constData());
        QCOMPARE(r.err.trimmed().count('\n'), 0);

        onnx::ModelProto res = fixtures::makeModel();
        fixtures::addInput(res, "x", {1, 4, 8, 8});
        fixtures::addConv(res, "c0", "x", "a", 4, 4, 1);
        fixtures::addNode(res, "Relu", {"a"}, {"r"}, "r");
        fixtures::addConv(res, "c1", "r", "b", 4, 4, 3, 1, 1);
        fixtures::addNode(res, "Add", {"b", "r"}, {"out"}, "add");
        fixtures::addOutput(res, "out");
        fixtures::save(res, path("res.onnx").toStdString());
        const fixtures::CliRun d = fixtures::runCli({"optimise", path("res.onnx"), "--platform", "zcu102", "--style", "finn",
                                                     "--act-bits", "2", "--weight-bits", "2", "-o", path("res")});
        QVERIFY2(d.exitCode == 0, d.err.constData());
        QFile config(path("res") + "/folding_config.json");
        QVERIFY(config.open(QIODevice::ReadOnly));
        const QJsonObject j = QJsonDocument::fromJson(config.readAll()).object();
        QVERIFY(j.contains("DuplicateStreams_hls_0") && j.contains("AddStreams_hls_0"));
        QCOMPARE(j["AddStreams_hls_0"].toObject()["inFIFODepths"].toArray().size(), 2);
    }

    void finnStyle()
    {
        const QString out = path("finn");
        const fixtures::CliRun r = fixtures::runCli({"optimise", kCnv, "--platform", "pynq-z1", "--style", "finn",
                                                     "--limit", "lut=0.85", "-o", out});
        QVERIFY2(r.exitCode == 0, r.err.constData());
        for (const char* f : {"folding_config.json", "estimate_layer_cycles.json", "estimate_layer_resources.json",
                              "estimate_network_performance.json", "layers.csv"})
            QVERIFY2(QFileInfo::exists(out + "/" + f), f);
        QFile perf(out + "/estimate_network_performance.json");
        QVERIFY(perf.open(QIODevice::ReadOnly));
        const QJsonObject network = QJsonDocument::fromJson(perf.readAll()).object();
        const fixtures::CliRun e = fixtures::runCli({"evaluate", kCnv, "--design", out + "/folding_config.json",
                                                     "--platform", "pynq-z1", "--json"});
        QVERIFY2(e.exitCode == 0, e.err.constData());
        const QJsonObject again = QJsonDocument::fromJson(e.out).object()["network"].toObject();
        QCOMPARE(again["interval_cycles"].toDouble(), network["max_cycles"].toDouble());
        QVERIFY(again["resources"].toObject()["LUT"].toDouble() <= 0.85 * 53200);
        // SetFolding needs its target.
        const fixtures::CliRun g = fixtures::runCli({"optimise", kCnv, "--platform", "pynq-z1", "--style", "finn",
                                                     "--optimiser", "greedy", "-o", path("g")});
        QVERIFY(g.exitCode > 0);
        QVERIFY2(QString(g.err).contains("--target-fps"), g.err.constData());
    }

    // --compatible reproduces the report.json fpgaConvNet wrote beside its config.json.
    void compatibleEvaluation()
    {
        const QString data = FOLDWISE_SOURCE_DIR "/tests/data/fpgaconvnet/";
        const fixtures::CliRun r = fixtures::runCli({"evaluate", kCnv, "--design", data + "sa_config.json", "--compatible",
                                                     "--platform", "zcu104", "--json", "-o", path("compat")});
        QVERIFY2(r.exitCode == 0, r.err.constData());
        QFile reference(data + "sa_report.json");
        QVERIFY(reference.open(QIODevice::ReadOnly));
        const QJsonObject want = QJsonDocument::fromJson(reference.readAll()).object()["network"].toObject()["performance"].toObject();
        const QJsonObject got = QJsonDocument::fromJson(r.out).object()["network"].toObject()["performance"].toObject();
        QCOMPARE(got["cycles"].toDouble(), want["cycles"].toDouble());
        QVERIFY(std::fabs(got["latency (s)"].toDouble() - want["latency (s)"].toDouble()) < 1e-8);
        QVERIFY(QFileInfo::exists(path("compat/report.json")));
        const fixtures::CliRun noPlatform = fixtures::runCli({"evaluate", kCnv, "--design", data + "sa_config.json", "--compatible"});
        QVERIFY(noPlatform.exitCode > 0);
    }

    // optimise --compatible searches on fpgaConvNet's model: its report.json is what
    // `evaluate --compatible` computes from its config.json, and its design.json re-evaluates
    // (on the same model, which it records) to the same throughput.
    void compatibleOptimise()
    {
        const QString out = path("compatible");
        const fixtures::CliRun r = fixtures::runCli({"optimise", kCnv, "--platform", "zcu102", "--compatible", "--moves", "2000",
                                                     "-b", "8", "--gain", "1.1", "-o", out});
        QVERIFY2(r.exitCode == 0, r.err.constData());
        QVERIFY2(r.out.contains("fpgaConvNet-compatible"), r.out.constData());
        QFile report(out + "/report.json");
        QVERIFY(report.open(QIODevice::ReadOnly));
        const QJsonObject want = QJsonDocument::fromJson(report.readAll()).object()["network"].toObject()["performance"].toObject();
        const fixtures::CliRun c = fixtures::runCli({"evaluate", kCnv, "--design", out + "/config.json", "--compatible",
                                                     "--platform", "zcu102", "--json"});
        QVERIFY2(c.exitCode == 0, c.err.constData());
        const QJsonObject got = QJsonDocument::fromJson(c.out).object()["network"].toObject()["performance"].toObject();
        QCOMPARE(got["cycles"].toDouble(), want["cycles"].toDouble());
        QCOMPARE(got["throughput (FPS)"].toDouble(), want["throughput (FPS)"].toDouble());
        const fixtures::CliRun d = fixtures::runCli({"evaluate", kCnv, "--design", out + "/design.json", "--json"});
        QVERIFY2(d.exitCode == 0, d.err.constData());
        QCOMPARE(QJsonDocument::fromJson(d.out).object()["network"].toObject()["throughput_fps"].toDouble(),
                 want["throughput (FPS)"].toDouble());
        const fixtures::CliRun badGain = fixtures::runCli({"optimise", kCnv, "--platform", "zcu102", "--gain", "0.5", "-o", out});
        QVERIFY(badGain.exitCode > 0);
    }

    // sweep --mode fixed --design: the sweep keeps the given hardware (relu_main's
    // --fixed-hardware) instead of optimising once; a resume keeps it too.
    void sweepFromGivenDesign()
    {
        const QString example = FOLDWISE_SOURCE_DIR "/resources/example/";
        const QString model = example + "digits_cnn.onnx";
        const fixtures::CliRun opt = fixtures::runCli({"optimise", model, "--platform", "zedboard", "--optimiser", "greedy",
                                                       "--limit", "dsp=0.2", "-o", path("given")});
        QVERIFY2(opt.exitCode == 0, opt.err.constData());
        const QStringList common{"--data", example + "digits_calib.npy", "--labels", example + "digits_calib_labels.npy",
                                 "--platform", "zedboard", "--increment", "0.5", "--mode", "fixed"};
        const auto foldings = [](const QString& designFile) {
            QFile f(designFile);
            f.open(QIODevice::ReadOnly);
            QStringList out;
            for (const QJsonValue& l : QJsonDocument::fromJson(f.readAll()).object()["layers"].toArray()) {
                const QJsonObject o = l.toObject();
                out << QStringLiteral("%1:%2/%3/%4/%5").arg(o["name"].toString()).arg(o["coarse_in"].toInt()).arg(o["coarse_out"].toInt())
                           .arg(o["coarse_group"].toInt()).arg(o["fine"].toInt());
            }
            return out;
        };
        for (const QString& given : {path("given/design.json"), path("given/config.json")}) {
            const QString run = path("fixed_" + QFileInfo(given).baseName());
            fixtures::CliRun r = fixtures::runCli(QStringList{"sweep", model, "--iterations", "1", "--design", given, "-o", run} + common);
            QVERIFY2(r.exitCode == 0, r.err.constData());
            QCOMPARE(foldings(run + "/iteration_0/design.json"), foldings(path("given/design.json")));
            QCOMPARE(foldings(run + "/iteration_1/design.json"), foldings(path("given/design.json")));
            r = fixtures::runCli({"sweep", "--resume", run, "--iterations", "2"});
            QVERIFY2(r.exitCode == 0, r.err.constData());
            QCOMPARE(foldings(run + "/iteration_2/design.json"), foldings(path("given/design.json")));
        }
        // Without it the sweep optimises its own hardware (the full DSP budget): another design.
        const fixtures::CliRun own = fixtures::runCli(QStringList{"sweep", model, "--iterations", "0", "-o", path("fixed_own")} + common);
        QVERIFY2(own.exitCode == 0, own.err.constData());
        QVERIFY(foldings(path("fixed_own/iteration_0/design.json")) != foldings(path("given/design.json")));
        // A starting design belongs to the fixed mode.
        const fixtures::CliRun wrong = fixtures::runCli({"sweep", model, "--design", path("given/design.json"), "--mode", "reoptimise",
                                                         "--data", example + "digits_calib.npy", "--platform", "zedboard", "-o", path("wrong")});
        QVERIFY(wrong.exitCode > 0);
    }

    // foldwise-cli sweep writes a run directory and --resume continues it.
    void sweepAndResume()
    {
        const QString example = FOLDWISE_SOURCE_DIR "/resources/example/";
        const QStringList common{"--data", example + "digits_calib.npy", "--labels", example + "digits_calib_labels.npy",
                                 "--platform", "zedboard", "--increment", "0.2"};
        fixtures::CliRun r = fixtures::runCli(QStringList{"sweep", example + "digits_cnn.onnx", "--iterations", "1", "-o", path("sweep")} + common);
        QVERIFY2(r.exitCode == 0, r.err.constData());
        QVERIFY(QFileInfo::exists(path("sweep/summary.csv")));
        r = fixtures::runCli(QStringList{"sweep", example + "digits_cnn.onnx", "--iterations", "2", "--resume", path("sweep")} + common);
        QVERIFY2(r.exitCode == 0, r.err.constData());
        QVERIFY2(r.out.contains("3 iteration(s)"), r.out.constData());
        QVERIFY2(!r.out.contains("iteration 0:"), r.out.constData()); // resumed, not rerun
    }

    // Synthetic data names no file: the spec is kept as given (it once was made an absolute path).
    void sweepOnSyntheticData()
    {
        const QString model = FOLDWISE_SOURCE_DIR "/resources/example/digits_cnn.onnx";
        fixtures::CliRun r = fixtures::runCli({"sweep", model, "--data", "synthetic:8:3", "--platform", "zedboard",
                                               "--increment", "0.2", "--iterations", "1", "-o", path("synthetic_run")});
        QVERIFY2(r.exitCode == 0, r.err.constData());
        QVERIFY(QFileInfo::exists(path("synthetic_run/summary.csv")));
        r = fixtures::runCli({"sweep", "--resume", path("synthetic_run"), "--iterations", "2"});
        QVERIFY2(r.exitCode == 0, r.err.constData());
        QVERIFY2(r.out.contains("3 iteration(s)"), r.out.constData());
    }

    // A sweep started with relative paths resumes from another folder with the run directory
    // alone, and any iteration exports as an annotated ONNX model that runs as the thresholded
    // model does.
    void resumeFromRunDirectoryAloneAndExport()
    {
        const QString example = FOLDWISE_SOURCE_DIR "/resources/example/";
        QDir().mkpath(path("a"));
        QDir().mkpath(path("b"));
        QFile::copy(example + "digits_cnn.onnx", path("a/model.onnx"));
        QFile::copy(example + "digits_calib.npy", path("a/calib.npy"));
        fixtures::CliRun r = fixtures::runCli({"sweep", "model.onnx", "--data", "calib.npy", "--platform", "zedboard",
                                               "--increment", "0.3", "--iterations", "1", "-o", "run"},
                                              120000, path("a"));
        QVERIFY2(r.exitCode == 0, r.err.constData());
        r = fixtures::runCli({"sweep", "--resume", "../a/run", "--iterations", "2"}, 120000, path("b"));
        QVERIFY2(r.exitCode == 0, r.err.constData());
        QVERIFY2(r.out.contains("3 iteration(s)"), r.out.constData());
        QVERIFY2(!r.out.contains("iteration 0:"), r.out.constData());

        r = fixtures::runCli({"runlog", "export", path("a/run"), "--iteration", "2", "-o", path("it2.onnx")});
        QVERIFY2(r.exitCode == 0, r.err.constData());
        const auto exported = Model::load(path("it2.onnx").toStdString());
        int thresholded = 0;
        for (const Node& n : exported->graph().nodes())
            if (n.opType == "ThresholdedRelu") {
                QCOMPARE(n.floatAttr("alpha", -1.0f), 0.6f);
                ++thresholded;
            }
        QCOMPARE(thresholded, 4);
        // Same scores as the original with the thresholds applied by another route.
        const auto original = Model::load(path("a/model.onnx").toStdString());
        ReluThresholds t;
        for (const Node& n : original->graph().nodes())
            if (n.opType == "Relu")
                t[n.name] = 0.6f;
        const auto reference = loadWithReluThresholds(*original, t, original->options());
        const HostTensor item = HostTensor::fromValues(DataType::Float, {1, 1, 8, 8}, std::vector<float>(64, 0.5f));
        const std::string input = original->graph().tensor(original->graph().inputs()[0]).name;
        const std::vector<double> got = Executor(exported).run({{input, item}})[0].toDoubles();
        const std::vector<double> want = Executor(reference).run({{input, item}})[0].toDoubles();
        QCOMPARE(got, want);
        // A missing iteration is a clear error.
        r = fixtures::runCli({"runlog", "export", path("a/run"), "--iteration", "9", "-o", path("it9.onnx")});
        QVERIFY(r.exitCode > 0);
        QVERIFY2(r.err.contains("iteration_9"), r.err.constData());
    }

    // foldwise-cli runlog import: the original scripts' folder as a Foldwise run directory.
    void runlogImport()
    {
        const QString root = path("scripts");
        QDir().mkpath(root + "/runlog/lenet/uniform_relu_0.0");
        QDir().mkpath(root + "/relu_thresholds/lenet");
        const auto write = [](const QString& file, const QByteArray& text) {
            QFile f(file);
            QVERIFY(f.open(QIODevice::WriteOnly));
            f.write(text);
        };
        write(root + "/runlog/lenet/uniform_accuracy.csv",
              "Network,ReLU_Threshold,Top1_Accuracy,Top5_Accuracy,Network_Sparsity\n"
              "lenet,{'relu1': 0.0, 'relu2': 0.0},98.5,99.9,0.4\n"
              "lenet,{'relu1': 0.005, 'relu2': 0.005},98.25,99.9,0.45\n");
        write(root + "/runlog/lenet/uniform_relu_0.0/lenet_sparsity_log.csv",
              "Layer Name,Layer Type,KERNEL*KERNEL,Avg Zeros,Avg Sparsity,Avg Window Sparsity\n"
              "conv2,<class 'torch.nn.modules.conv.Conv2d'>,25,10,0.4,0.01\n");
        const fixtures::CliRun r = fixtures::runCli({"runlog", "import", root + "/runlog/lenet", "-o", path("imported")});
        QVERIFY2(r.exitCode == 0, r.err.constData());
        QFile summary(path("imported/summary.csv"));
        QVERIFY(summary.open(QIODevice::ReadOnly));
        const QList<QByteArray> lines = summary.readAll().trimmed().split('\n');
        QCOMPARE(lines.size(), 3);
        QVERIFY2(lines[2].contains("'relu1': 0.005") && lines[2].contains("98.25"), lines[2].constData());
        const fixtures::CliRun missing = fixtures::runCli({"runlog", "import", path("imported"), "-o", path("x")});
        QVERIFY(missing.exitCode > 0);
    }

    void errors_data()
    {
        QTest::addColumn<QStringList>("args");
        QTest::addColumn<QString>("expected");
        QTest::newRow("platform") << QStringList{"optimise", kCnv, "--platform", "nosuchboard", "-o", "x"} << "nosuchboard";
        QTest::newRow("limit") << QStringList{"optimise", kCnv, "--platform", "zcu102", "--limit", "lut=2", "-o", "x"} << "lut=2";
        // An ONNX file as a design is read as a FINN folded graph.
        QTest::newRow("design") << QStringList{"evaluate", kCnv, "--design", FOLDWISE_MODELS_DIR "/cnv.onnx"}
                                << "holds no FINN hardware layer";
    }
    void errors()
    {
        QFETCH(QStringList, args);
        QFETCH(QString, expected);
        const fixtures::CliRun r = fixtures::runCli(args);
        QVERIFY(r.exitCode > 0);
        QVERIFY2(QString(r.err).contains(expected), r.err.constData());
    }
};

QTEST_GUILESS_MAIN(TestCliOptimise)
#include "tst_cli_optimise.moc"
