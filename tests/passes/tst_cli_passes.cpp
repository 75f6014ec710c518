// foldwise-cli fold-bn and fuse as a user runs them: outputs, reports, and one-line errors that
// name the file and the problem.
#include "ScratchFolderTest.h"
#include "CliRunner.h"
#include "JsonFile.h"
#include "NamedRows.h"
#include "OnnxFixtures.h"
#include "model/Model.h"

#include <QtTest>

#include <nlohmann/json.hpp>


namespace {

const QString kCnv = QString(FOLDWISE_MODELS_DIR) + "/cnv.onnx";
const QString kMobileNet = QString(FOLDWISE_MODELS_DIR) + "/mobilenet_v2.onnx";

} // namespace

class TestCliPasses : public fixtures::ScratchFolderTest {
    Q_OBJECT

private slots:
    void initTestCase() { QVERIFY(scratchReady()); }

    void foldThenFuseCnv()
    {
        const fixtures::CliRun fold = fixtures::runCli({"fold-bn", kCnv, "-o", path("cnv_folded.onnx"), "--report",
                                                        path("fold.json")});
        QVERIFY2(fold.exitCode == 0, fold.err.constData());
        QVERIFY2(fold.out.contains("fold-bn: 8 rewrite(s), 28 -> 20 nodes"), fold.out.constData());
        const nlohmann::json foldReport = fixtures::readJson(path("fold.json"));
        QCOMPARE(foldReport["pass"].get<std::string>(), std::string("fold-bn"));
        QCOMPARE(foldReport["folded"].size(), std::size_t(8));

        // The folded model fuses Conv/Gemm + ReLU directly (no BatchNormalization left between).
        const fixtures::CliRun fuse = fixtures::runCli({"fuse", path("cnv_folded.onnx"), "-o", path("cnv_fused.onnx"),
                                                        "--report", path("fuse.json")});
        QVERIFY2(fuse.exitCode == 0, fuse.err.constData());
        QVERIFY2(fuse.out.contains("fuse: 8 rewrite(s)"), fuse.out.constData());
        QVERIFY2(fuse.out.contains("hls4ml io_stream:"), fuse.out.constData());
        const nlohmann::json r = fixtures::readJson(path("fuse.json"));
        QCOMPARE(r["fused"].size(), std::size_t(8));
        for (const auto& f : r["fused"])
            QCOMPARE(f["batchnorm"].get<std::string>(), std::string());
        const nlohmann::json& h = r["hardware"]["hls4ml"];
        QCOMPARE(h["before"]["stages"].get<int>() - h["after"]["stages"].get<int>(), 8);
        QCOMPARE(h["removed_fifos"].size(), std::size_t(8));
        QVERIFY(foldwise::Model::load(path("cnv_fused.onnx").toStdString())->warnings().empty());
    }

    void nothingToFuseIsAnError()
    {
        const fixtures::CliRun run = fixtures::runCli({"fuse", kMobileNet, "-o", path("mobilenet_fused.onnx")});
        QCOMPARE(run.exitCode, 1);
        QVERIFY2(run.err.startsWith("foldwise-cli: error: " + kMobileNet.toUtf8() + ": nothing to fuse"), run.err.constData());
        QVERIFY2(run.err.contains("Clip with max 6 is not a ReLU"), run.err.constData());
        QCOMPARE(run.err.count('\n'), 1);
        QVERIFY(!QFileInfo::exists(path("mobilenet_fused.onnx")));
    }

    void nothingToFoldIsAnError()
    {
        onnx::ModelProto m = fixtures::makeModel(13);
        fixtures::addInput(m, "x", {1, 2, 4, 4});
        fixtures::addOutput(m, "y");
        fixtures::addConv(m, "conv", "x", "y", 2, 2, 1);
        fixtures::save(m, path("plain.onnx").toStdString());
        const fixtures::CliRun run = fixtures::runCli({"fold-bn", path("plain.onnx"), "-o", path("plain_out.onnx")});
        QCOMPARE(run.exitCode, 1);
        QVERIFY2(run.err.contains(path("plain.onnx").toUtf8() + ": nothing to fold"), run.err.constData());
        QVERIFY(!QFileInfo::exists(path("plain_out.onnx")));
    }

    void missingFileIsNamed_data()
    {
        fixtures::addNamedRows("command", {"fuse", "fold-bn"});
    }
    void missingFileIsNamed()
    {
        QFETCH(QString, command);
        const QString missing = path("no_such_model.onnx");
        const fixtures::CliRun run = fixtures::runCli({command, missing, "-o", path("out.onnx")});
        QCOMPARE(run.exitCode, 1);
        QVERIFY2(run.err.startsWith("foldwise-cli: error: " + missing.toUtf8() + ":"), run.err.constData());
    }

    void unwritableOutputIsNamed()
    {
        const QString out = path("no_such_folder/out.onnx");
        const fixtures::CliRun run = fixtures::runCli({"fuse", kCnv, "-o", out});
        QCOMPARE(run.exitCode, 1);
        QVERIFY2(run.err.contains(out.toUtf8()), run.err.constData());
    }
};

QTEST_GUILESS_MAIN(TestCliPasses)
#include "tst_cli_passes.moc"
