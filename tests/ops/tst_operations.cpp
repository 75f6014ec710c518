// The operations layer (core/ops) against the CLI: every operation, run in-process from its JSON
// parameters, writes the same files byte for byte and reports the same result text as the
// foldwise-cli command with the same arguments (a separate process: CLI11's parsing, the
// adapters, the exit path). Also: operation files saved by --save-params replay to the same
// outputs, and bad operation files are refused naming the file and the key.

#include "CliRunner.h"
#include "ExampleProject.h"
#include "OnnxFixtures.h"

#include "model/ModelError.h"
#include "ops/OperationRegistry.h"

#include <QDir>
#include <QDirIterator>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>

#include <nlohmann/json.hpp>

#include <fstream>
#include <set>

using namespace foldwise;

namespace {

struct Case {
    std::string operation;
    QStringList cli;           // arguments, @OUT@ and @DIR@ substituted
    nlohmann::json parameters; // likewise, in its strings
};

QString substitute(QString text, const QString& out, const QString& dir)
{
    return text.replace(QStringLiteral("@OUT@"), out).replace(QStringLiteral("@DIR@"), dir);
}

nlohmann::json substitute(const nlohmann::json& j, const QString& out, const QString& dir)
{
    if (j.is_string())
        return substitute(QString::fromStdString(j.get<std::string>()), out, dir).toStdString();
    nlohmann::json copy = j;
    if (j.is_object() || j.is_array())
        for (auto& element : copy)
            element = substitute(element, out, dir);
    return copy;
}

// Every file below `root`, by relative path, with its bytes.
std::map<QString, QByteArray> filesBelow(const QString& root)
{
    std::map<QString, QByteArray> files;
    QDirIterator it(root, QDir::Files | QDir::Hidden, QDirIterator::Subdirectories);
    while (it.hasNext()) {
        const QString file = it.next();
        QFile f(file);
        if (f.open(QIODevice::ReadOnly))
            files[QDir(root).relativeFilePath(file)] = f.readAll();
    }
    return files;
}

// Run times are the only figures two runs may print differently.
QString withoutTimes(QString text)
{
    return text.replace(QRegularExpression(QStringLiteral(" in [0-9.e+-]+ s")), QStringLiteral(" in T s"));
}

// A file's bytes, but for the run times a JSON report records ("timing_s" of induce) or a
// saved result text holds (a grid point's output.txt).
QByteArray withoutTimes(const QString& name, const QByteArray& bytes)
{
    if (name.endsWith(QLatin1String(".txt")))
        return withoutTimes(QString::fromUtf8(bytes)).toUtf8();
    if (!name.endsWith(QLatin1String(".json")) || !bytes.contains("\"timing_s\""))
        return bytes;
    nlohmann::json j = nlohmann::json::parse(bytes.constData());
    j.erase("timing_s");
    return QByteArray::fromStdString(j.dump());
}

void writeText(const QString& file, const QByteArray& text)
{
    QDir().mkpath(QFileInfo(file).absolutePath());
    QFile f(file);
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write(text);
}

} // namespace

class TestOperations : public QObject {
    Q_OBJECT

    QTemporaryDir scratch_;
    QString dir_; // inputs the cases share
    std::vector<Case> cases_;

    QString path(const QString& name) const { return QDir(scratch_.path()).filePath(name); }

private slots:
    void initTestCase()
    {
        QVERIFY(scratch_.isValid());
        dir_ = path(QStringLiteral("inputs"));
        QVERIFY(QDir().mkpath(dir_));
        const std::string d = dir_.toStdString();

        // A Conv -> BatchNormalization -> Relu model for fold-bn.
        {
            onnx::ModelProto m = fixtures::makeModel();
            fixtures::addInput(m, "input", {1, 3, 8, 8});
            fixtures::addConv(m, "conv", "input", "c", 3, 4, 3, 1, 1);
            fixtures::addInitializer(m, "gamma", {4}, 1.5f);
            fixtures::addInitializer(m, "beta", {4}, 0.1f);
            fixtures::addInitializer(m, "mean", {4}, -0.2f);
            fixtures::addInitializer(m, "var", {4}, 0.8f);
            fixtures::addNode(m, "BatchNormalization", {"c", "gamma", "beta", "mean", "var"}, {"b"}, "bn");
            fixtures::addNode(m, "Relu", {"b"}, {"output"}, "relu");
            fixtures::addOutput(m, "output");
            fixtures::save(m, d + "/bn.onnx");
        }
        // An induced-ReLU mapping on the example.
        writeText(dir_ + "/mapping.json",
                  R"({"/features/features.1/Relu": ["/features/features.1/Relu", "/features/features.3/Relu"]})");
        // A run log of the original ReLU-threshold scripts.
        writeText(dir_ + "/runlog/lenet/uniform_accuracy.csv",
                  "Network,ReLU_Threshold,Top1_Accuracy,Top5_Accuracy,Network_Sparsity\n"
                  "lenet,{'relu1': 0.0, 'relu2': 0.0},98.5,99.9,0.4\n"
                  "lenet,{'relu1': 0.005, 'relu2': 0.005},98.25,99.9,0.45\n");
        writeText(dir_ + "/runlog/lenet/uniform_relu_0.0/lenet_sparsity_log.csv",
                  "Layer Name,Layer Type,KERNEL*KERNEL,Avg Zeros,Avg Sparsity,Avg Window Sparsity\n"
                  "conv2,<class 'torch.nn.modules.conv.Conv2d'>,25,10,0.4,0.01\n");
        // A grid of two optimisations (grid).
        writeText(dir_ + "/grid.toml", QStringLiteral("operation = \"optimise\"\n[parameters]\nmodel = \"%1\"\nmoves = 300\n"
                                                      "[axes]\nplatform = [\"zedboard\", \"zcu102\"]\n")
                                           .arg(QString::fromStdString(fixtures::kDigitsModel))
                                           .toUtf8());
        // Two shard profiles (merge), a profile and a design (optimise, evaluate), made by the CLI.
        const QString model = QString::fromStdString(fixtures::kDigitsModel);
        const QString data = QString::fromStdString(fixtures::kExampleDir + "digits_calib.npy");
        for (const char* shard : {"0/2", "1/2"}) {
            const fixtures::CliRun r = fixtures::runCli({"profile", model, "--data", data, "--limit", "40", "--shard", shard,
                                                         "-o", dir_ + "/shard" + QString(shard).left(1) + ".json"});
            QVERIFY2(r.exitCode == 0, r.err.constData());
        }
        const fixtures::CliRun p = fixtures::runCli({"profile", model, "--data", data, "--limit", "64", "-o", dir_ + "/p.json"});
        QVERIFY2(p.exitCode == 0, p.err.constData());
        const fixtures::CliRun o = fixtures::runCli(
            {"optimise", model, "--platform", "zedboard", "--profile", dir_ + "/p.json", "--moves", "500", "-o", dir_ + "/design"});
        QVERIFY2(o.exitCode == 0, o.err.constData());

        const std::string m = fixtures::kDigitsModel, calib = fixtures::kExampleDir + "digits_calib.npy",
                          labels = fixtures::kExampleDir + "digits_calib_labels.npy";
        const QString qm = model, qcalib = data, qlabels = QString::fromStdString(labels);
        cases_ = {
            {"inspect", {"inspect", qm, "--json"}, {{"model", m}, {"json", true}}},
            {"run",
             {"run", qm, "--input", "input=" + qcalib, "--output-dir", "@OUT@"},
             {{"model", m}, {"inputs", {"input=" + calib}}, {"output_dir", "@OUT@"}}},
            {"profile",
             {"profile", qm, "--data", qcalib, "--labels", qlabels, "--limit", "48", "--inline-limit", "0", "-o", "@OUT@/p.json",
              "--csv", "@OUT@/s.csv", "--annotate", "@OUT@/a.onnx", "--annotate-style", "metadata"},
             {{"model", m},
              {"data", calib},
              {"labels", labels},
              {"limit", 48},
              {"inline_limit", 0},
              {"output", "@OUT@/p.json"},
              {"csv", "@OUT@/s.csv"},
              {"annotate", "@OUT@/a.onnx"},
              {"annotate_style", "metadata"}}},
            {"merge",
             {"merge", "@DIR@/shard0.json", "@DIR@/shard1.json", "-o", "@OUT@/m.json", "--csv", "@OUT@/m.csv"},
             {{"profiles", {"@DIR@/shard0.json", "@DIR@/shard1.json"}}, {"output", "@OUT@/m.json"}, {"csv", "@OUT@/m.csv"}}},
            {"optimise",
             {"optimise", qm, "--platform", "zedboard", "--profile", "@DIR@/p.json", "--moves", "1500", "--seed", "7", "-b", "4",
              "-o", "@OUT@"},
             {{"model", m},
              {"platform", "zedboard"},
              {"profile", "@DIR@/p.json"},
              {"moves", 1500},
              {"seed", 7},
              {"batch", 4},
              {"output_dir", "@OUT@"}}},
            {"optimise",
             {"optimise", qm, "--platform", "pynq-z1", "--style", "finn", "--weight-bits", "4", "--act-bits", "4", "-o", "@OUT@"},
             {{"model", m}, {"platform", "pynq-z1"}, {"style", "finn"}, {"weight_bits", 4}, {"act_bits", 4}, {"output_dir", "@OUT@"}}},
            {"evaluate",
             {"evaluate", qm, "--design", "@DIR@/design/design.json", "--profile", "@DIR@/p.json", "-b", "8", "--json", "-o",
              "@OUT@"},
             {{"model", m},
              {"design", "@DIR@/design/design.json"},
              {"profile", "@DIR@/p.json"},
              {"batch", 8},
              {"json", true},
              {"output_dir", "@OUT@"}}},
            {"sweep",
             {"sweep", qm, "--data", qcalib, "--labels", qlabels, "--platform", "zedboard", "--iterations", "2", "--increment", "0.05",
              "-o", "@OUT@"},
             {{"model", m},
              {"data", calib},
              {"labels", labels},
              {"platform", "zedboard"},
              {"iterations", 2},
              {"increment", 0.05},
              {"output_dir", "@OUT@"}}},
            {"runlog-import",
             {"runlog", "import", "@DIR@/runlog/lenet", "-o", "@OUT@"},
             {{"dir", "@DIR@/runlog/lenet"}, {"output_dir", "@OUT@"}}},
            {"runlog-export",
             {"runlog", "export", QString::fromStdString(fixtures::kExampleDir + "sweep_uniform"), "--iteration", "3", "--model", qm,
              "-o", "@OUT@/it3.onnx"},
             {{"run_dir", fixtures::kExampleDir + "sweep_uniform"}, {"iteration", 3}, {"model", m}, {"output", "@OUT@/it3.onnx"}}},
            {"fold-bn",
             {"fold-bn", "@DIR@/bn.onnx", "-o", "@OUT@/f.onnx", "--report", "@OUT@/r.json"},
             {{"model", "@DIR@/bn.onnx"}, {"output", "@OUT@/f.onnx"}, {"report", "@OUT@/r.json"}}},
            {"fuse",
             {"fuse", qm, "-o", "@OUT@/f.onnx", "--report", "@OUT@/r.json", "--bits", "8"},
             {{"model", m}, {"output", "@OUT@/f.onnx"}, {"report", "@OUT@/r.json"}, {"bits", 8}}},
            {"prune",
             {"prune", qm, "--rate", "0.25", "--criterion", "local", "--data", qcalib, "--labels", qlabels, "-o", "@OUT@/p.onnx",
              "--report", "@OUT@/r.json", "--recipe", "@OUT@/r.yaml"},
             {{"model", m},
              {"rate", 0.25},
              {"criterion", "local"},
              {"data", calib},
              {"labels", labels},
              {"output", "@OUT@/p.onnx"},
              {"report", "@OUT@/r.json"},
              {"recipe", "@OUT@/r.yaml"}}},
            {"induce",
             {"induce", qm, "--mapping", "@DIR@/mapping.json", "--prototypes", "16", "--data", qcalib, "--seed", "3", "-o",
              "@OUT@/i.onnx", "--report", "@OUT@/r.json", "--choosing-dir", "@OUT@/maps"},
             {{"model", m},
              {"mapping", "@DIR@/mapping.json"},
              {"prototypes", {16}},
              {"data", calib},
              {"seed", 3},
              {"output", "@OUT@/i.onnx"},
              {"report", "@OUT@/r.json"},
              {"choosing_dir", "@OUT@/maps"}}},
            {"grid", {"grid", "@DIR@/grid.toml", "-o", "@OUT@"}, {{"grid", "@DIR@/grid.toml"}, {"output_dir", "@OUT@"}}},
        };
    }

    // Nothing registered escapes the comparison below.
    void everyOperationHasACase()
    {
        std::set<std::string> covered;
        for (const Case& c : cases_)
            covered.insert(c.operation);
        for (const ops::Operation* operation : ops::allOperations())
            QVERIFY2(covered.count(operation->id()), operation->id().c_str());
        QCOMPARE(covered.size(), ops::allOperations().size());
    }

    void sameOutputsAsTheCli_data()
    {
        QTest::addColumn<int>("index");
        for (std::size_t i = 0; i < cases_.size(); ++i)
            QTest::newRow((cases_[i].operation + " " + std::to_string(i)).c_str()) << static_cast<int>(i);
    }
    void sameOutputsAsTheCli()
    {
        QFETCH(int, index);
        const Case& c = cases_[static_cast<std::size_t>(index)];
        // Both runs write to the same folder (file contents may name it), one after the other.
        const QString out = path(QStringLiteral("out_%1").arg(index));

        const nlohmann::json request = {{"format", "foldwise-operation"},
                                        {"version", 1},
                                        {"operation", c.operation},
                                        {"parameters", substitute(c.parameters, out, dir_)}};
        ops::RecordingContext context;
        QVERIFY(QDir().mkpath(out)); // the operations that write single files need the folder
        ops::OperationResult result;
        try {
            result = ops::runOperationRequest(request, "case.json", context);
        } catch (const std::exception& e) {
            QFAIL(e.what());
        }
        for (const ops::OutputFile& f : result.outputs)
            QVERIFY2(std::filesystem::exists(f.path), f.path.c_str());
        const auto fromJson = filesBelow(out);
        QVERIFY(QDir(out).removeRecursively() || !QFileInfo::exists(out));

        QVERIFY(QDir().mkpath(out));
        QStringList args;
        for (const QString& a : c.cli)
            args << substitute(a, out, dir_);
        const fixtures::CliRun cli = fixtures::runCli(args);
        QVERIFY2(cli.exitCode == 0, cli.err.constData());
        const auto fromCli = filesBelow(out);

        QCOMPARE(withoutTimes(QString::fromStdString(context.resultText)), withoutTimes(QString::fromUtf8(cli.out)));
        QStringList jsonNames, cliNames;
        for (const auto& [name, bytes] : fromJson)
            jsonNames << name;
        for (const auto& [name, bytes] : fromCli)
            cliNames << name;
        QCOMPARE(jsonNames, cliNames);
        for (const auto& [name, bytes] : fromJson)
            QVERIFY2(withoutTimes(name, bytes) == withoutTimes(name, fromCli.at(name)), qPrintable(name + " differs"));
    }

    // --save-params writes an operation file; `foldwise-cli replay` runs it to the same outputs.
    void savedParametersReplay()
    {
        const QString model = QString::fromStdString(fixtures::kDigitsModel);
        const QString data = QString::fromStdString(fixtures::kExampleDir + "digits_calib.npy");
        const QString saved = path(QStringLiteral("saved.json"));
        const fixtures::CliRun first = fixtures::runCli({"profile", model, "--data", data, "--limit", "24", "--shard", "1/3", "-o",
                                                         path(QStringLiteral("first.json")), "--save-params", saved});
        QVERIFY2(first.exitCode == 0, first.err.constData());
        const ops::OperationRequest request = ops::readOperationRequestFile(saved.toStdString());
        QCOMPARE(request.operation->id(), std::string("profile"));
        QVERIFY(request.parameters->wasGiven("shard"));
        QVERIFY(!request.parameters->wasGiven("batch")); // defaults stay out of the file
        QFile::rename(path(QStringLiteral("first.json")), path(QStringLiteral("first_kept.json")));
        const fixtures::CliRun replay = fixtures::runCli({"replay", saved});
        QVERIFY2(replay.exitCode == 0, replay.err.constData());
        QCOMPARE(replay.out, first.out);
        QFile a(path(QStringLiteral("first_kept.json"))), b(path(QStringLiteral("first.json")));
        QVERIFY(a.open(QIODevice::ReadOnly) && b.open(QIODevice::ReadOnly));
        QCOMPARE(a.readAll(), b.readAll());
    }

    void badOperationFiles_data()
    {
        QTest::addColumn<QByteArray>("json");
        QTest::addColumn<QString>("expected");
        QTest::newRow("unknown operation") << QByteArray(R"({"operation": "fold"})") << "run.json: operation names no operation";
        QTest::newRow("unknown key") << QByteArray(R"({"operation": "inspect", "parameters": {"modle": "x.onnx"}})")
                                     << "run.json: parameters.modle is not a parameter of this operation";
        QTest::newRow("wrong type") << QByteArray(R"({"operation": "profile", "parameters": {"batch": "8"}})")
                                    << "run.json: parameters.batch must be";
        QTest::newRow("unknown choice") << QByteArray(R"({"operation": "sweep", "parameters": {"policy": "fastest"}})")
                                        << "'fastest' is not one of uniform, slowest_node";
        QTest::newRow("missing required") << QByteArray(R"({"operation": "merge", "parameters": {"output": "m.json"}})")
                                          << "run.json: parameters.profiles is required";
        QTest::newRow("out of range") << QByteArray(R"({"operation": "fuse", "parameters": {"model": "a", "output": "b", "bits": 0}})")
                                      << "run.json: parameters.bits must be in [1, 64], not 0";
        QTest::newRow("future version") << QByteArray(R"({"version": 2, "operation": "inspect"})") << "run.json: version must be 1";
    }
    void badOperationFiles()
    {
        QFETCH(QByteArray, json);
        QFETCH(QString, expected);
        ops::RecordingContext context;
        try {
            ops::runOperationRequest(nlohmann::json::parse(json.constData()), "run.json", context);
            QFAIL("accepted");
        } catch (const ModelError& e) {
            QVERIFY2(QString::fromStdString(e.what()).contains(expected), e.what());
        }
    }
};

QTEST_GUILESS_MAIN(TestOperations)
#include "tst_operations.moc"
