// foldwise-cli prune as a user runs it: the pruned model, the report with hardware and fidelity
// before and after, the SparseML recipe, and one-line errors naming the option or file.
#include "ScratchFolderTest.h"
#include "CliRunner.h"
#include "JsonFile.h"

#include <QtTest>

#include <nlohmann/json.hpp>


namespace {

const QString kCnv = QString(FOLDWISE_MODELS_DIR) + "/cnv.onnx";

} // namespace

class TestCliPrune : public fixtures::ScratchFolderTest {
    Q_OBJECT

    void expectError(const QStringList& args, const QString& part)
    {
        const fixtures::CliRun r = fixtures::runCli(args);
        QVERIFY2(r.exitCode != 0, r.out.constData());
        QVERIFY2(QString::fromUtf8(r.err).contains(part), r.err.constData());
    }

private slots:
    void initTestCase()
    {
        QVERIFY(scratchReady());
    }

    void prunesCnvWithReportAndRecipe()
    {
        const fixtures::CliRun r = fixtures::runCli({"prune", kCnv, "--criterion", "safe", "--rate", "0.4", "--data",
                                                     "synthetic:8", "-o", path("cnv_pruned.onnx"), "--report",
                                                     path("prune.json"), "--recipe", path("recipe.yaml")});
        QVERIFY2(r.exitCode == 0, r.err.constData());
        QVERIFY2(r.out.contains("prune (safe): params 1550538 -> "), r.out.constData());
        QVERIFY2(r.out.contains("fpgaconvnet on zcu102: "), r.out.constData());
        QVERIFY(r.out.contains("fidelity"));
        const nlohmann::json j = fixtures::readJson(path("prune.json"));
        QCOMPARE(j["pass"].get<std::string>(), std::string("prune"));
        QCOMPARE(j["criterion"].get<std::string>(), std::string("safe"));
        QVERIFY(j["params"]["after"].get<int64_t>() < j["params"]["before"].get<int64_t>());
        QVERIFY(j["hardware"]["fpgaconvnet"]["after"].contains("interval_cycles"));
        QVERIFY(j["hardware"]["finn"].contains("after"));
        QCOMPARE(j["accuracy"]["items"].get<int64_t>(), int64_t(8));
        // The stem is never pruned by the safe criterion.
        QCOMPARE(j["layers"][0]["channels_after"], j["layers"][0]["channels_before"]);
        QFile recipe(path("recipe.yaml"));
        QVERIFY(recipe.open(QIODevice::ReadOnly));
        QVERIFY(recipe.readAll().contains("!StructuredPruningModifier"));
        // The pruned model is a model Foldwise loads and inspects.
        const fixtures::CliRun inspect = fixtures::runCli({"inspect", path("cnv_pruned.onnx")});
        QVERIFY2(inspect.exitCode == 0, inspect.err.constData());
    }

    void badInputIsNamed()
    {
        const QString out = path("x.onnx");
        expectError({"prune", kCnv, "--rate", "1.5", "-o", out}, "--rate: 1.500000 is not in [0, 1)");
        expectError({"prune", kCnv, "-o", out}, "--rate R or --target-params N");
        expectError({"prune", kCnv, "--rate", "0.2", "--target-params", "100", "-o", out}, "excludes");
        expectError({"prune", kCnv, "--rate", "0.2", "--simd-list", "16,x", "-o", out}, "--simd-list");
        expectError({"prune", kCnv, "--rate", "0.2", "--simd-list", "7", "-o", out}, "not a multiple of its SIMD 7");
        expectError({"prune", path("missing.onnx"), "--rate", "0.2", "-o", out}, "missing.onnx");
        expectError({"prune", kCnv, "--rate", "0.2", "--platform", "nosuchboard", "-o", out}, "nosuchboard");
        expectError({"prune", kCnv, "--rate", "0.2", "--data", path("nodata.npy"), "--platform", "", "-o", out},
                    "nodata.npy");
        expectError({"prune", kCnv, "--rate", "0.2", "--criterion", "random", "-o", out}, "--criterion");
        QVERIFY(!QFileInfo::exists(out));
    }
};

QTEST_GUILESS_MAIN(TestCliPrune)
#include "tst_cli_prune.moc"
