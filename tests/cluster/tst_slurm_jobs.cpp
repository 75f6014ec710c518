// Operations as Slurm jobs on a throw-away single-node cluster (tests/cluster/slurm-test-cluster.sh):
// `foldwise-cli profile --slurm --shards N` runs N array tasks and a merge job whose profile has
// the statistics of the profile computed here in one process, and a byte-identical sparsity log;
// a task killed with scancel is submitted again and the result is still complete; --no-wait and
// `collect` pick a run up from its folder; `collect --cancel` stops it; a task that keeps failing,
// a missing Slurm client and an unreachable controller are clear errors. A grid of 4 points runs
// as one array (one task per point) with its table as the merge, and the table equals the one of
// the same grid run here.
#include "ScratchFolderTest.h"
#include "SlurmTestCluster.h"
#include "profile/ProfileFile.h"

#include <nlohmann/json.hpp>

#include <QtTest>

using namespace foldwise;
using ProgramRun = fixtures::CliRun;

namespace {

const QString example = FOLDWISE_SOURCE_DIR "/resources/example/digits_cnn.onnx";
const QString resnet18 = FOLDWISE_MODELS_DIR "/resnet18.onnx";

QByteArray fileBytes(const QString& path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

// "submitted profile as Slurm jobs 12 13 (...)" -> "12", the array job.
QString arrayJob(const QByteArray& out)
{
    const QRegularExpressionMatch m = QRegularExpression("as Slurm jobs (\\d+) ").match(QString::fromUtf8(out));
    return m.hasMatch() ? m.captured(1) : QString();
}

} // namespace

class TestSlurmJobs : public fixtures::ScratchFolderTest {
    Q_OBJECT
private:
    std::unique_ptr<fixtures::SlurmTestCluster> cluster;

    ProgramRun cli(const QStringList& args, const QProcessEnvironment& environment) const
    {
        return fixtures::runProgram(FOLDWISE_CLI, args, environment, 300000);
    }
    ProgramRun cli(const QStringList& args) const { return cli(args, cluster->environment()); }

    // A local profile to compare with, in one process.
    void profileHere(const QString& model, const QString& data, const QString& name, const QStringList& extra = {})
    {
        const ProgramRun here = cli(QStringList{"profile", model, "--data", data, "--threads", "1", "-o", path(name + ".json"),
                                                "--csv", path(name + ".csv")}
                                    + extra);
        QVERIFY2(here.exitCode == 0, here.err.constData());
    }

private slots:
    void initTestCase()
    {
        QVERIFY(scratchReady());
        cluster = std::make_unique<fixtures::SlurmTestCluster>(path("cluster"));
        FOLDWISE_REQUIRE_CLUSTER(*cluster);
    }

    void cleanupTestCase() { cluster.reset(); }

    void shardedProfileEqualsTheLocalOne()
    {
        profileHere(example, "synthetic:96:7", "local", {"--annotate", path("local.onnx")});
        const ProgramRun sharded = cli({"profile", example, "--data", "synthetic:96:7", "-o", path("sharded.json"), "--csv",
                                        path("sharded.csv"), "--annotate", path("sharded.onnx"), "--slurm", "--shards", "3"});
        QVERIFY2(sharded.exitCode == 0, sharded.err.constData());
        QVERIFY(sharded.out.contains("(3 tasks and a merge)"));
        QVERIFY(sharded.out.contains("shards 0,1,2 of 3 (complete)"));

        const ActivationProfile local = readProfile(path("local.json").toStdString());
        const ActivationProfile merged = readProfile(path("sharded.json").toStdString());
        QCOMPARE(merged.provenance.items, std::uint64_t(96));
        QVERIFY(merged.sameStatistics(local));
        QCOMPARE(fileBytes(path("sharded.csv")), fileBytes(path("local.csv")));
        QVERIFY(!fileBytes(path("local.csv")).isEmpty());
        // The merge job annotates the model with the merged profile: the same model, byte for byte.
        QCOMPARE(fileBytes(path("sharded.onnx")), fileBytes(path("local.onnx")));
        QVERIFY(!fileBytes(path("local.onnx")).isEmpty());
        // The shard profiles are scratch, the logs and the manifest stay for the record.
        QVERIFY(!QFileInfo::exists(path("sharded.json.slurm/shards")));
        QVERIFY(QFileInfo::exists(path("sharded.json.slurm/run.json")));
        QVERIFY(QFileInfo::exists(path("sharded.json.slurm/logs/task-2.out")));
    }

    void taskKilledWithScancelIsSubmittedAgain()
    {
        profileHere(resnet18, "synthetic:8:3", "resnet_local");
        const ProgramRun submitted = cli({"profile", resnet18, "--data", "synthetic:8:3", "--threads", "1", "-o",
                                          path("resnet.json"), "--csv", path("resnet.csv"), "--slurm", "--shards", "2",
                                          "--no-wait"});
        QVERIFY2(submitted.exitCode == 0, submitted.err.constData());
        QVERIFY(submitted.out.contains("foldwise-cli collect "));
        const QString job = arrayJob(submitted.out);
        QVERIFY(!job.isEmpty());

        // Kill task 1 while it runs.
        bool running = false;
        for (int i = 0; i < 600 && !running; ++i) {
            const ProgramRun q = cluster->slurm("squeue", {"-h", "-r", "-o", "%i %T", "-j", job});
            running = q.out.contains((job + "_1 RUNNING").toUtf8());
            if (!running)
                QTest::qWait(50);
        }
        QVERIFY2(running, "task 1 never ran");
        QCOMPARE(cluster->slurm("scancel", {job + "_1"}).exitCode, 0);

        const ProgramRun collected = cli({"collect", path("resnet.json.slurm")});
        QVERIFY2(collected.exitCode == 0, collected.err.constData());
        QVERIFY2(collected.err.contains("task 1 (job " + job.toUtf8() + "_1) ended"), collected.err.constData());
        QVERIFY(collected.out.contains("shards 0,1 of 2 (complete)"));

        const nlohmann::json manifest = nlohmann::json::parse(fileBytes(path("resnet.json.slurm/run.json")).toStdString());
        QCOMPARE(manifest["attempts"].dump(), std::string("[1,2]"));
        const ActivationProfile local = readProfile(path("resnet_local.json").toStdString());
        QVERIFY(readProfile(path("resnet.json").toStdString()).sameStatistics(local));
        QCOMPARE(fileBytes(path("resnet.csv")), fileBytes(path("resnet_local.csv")));
    }

    void taskFailingEveryTimeIsAnErrorWithItsLog()
    {
        // Held at submission, so the model can go before any task reads it.
        QVERIFY(QFile::copy(example, path("doomed.onnx")));
        const ProgramRun submitted = cli({"profile", path("doomed.onnx"), "--data", "synthetic:8", "-o", path("doomed.json"),
                                          "--slurm", "--shards", "2", "--retries", "1", "--no-wait", "--sbatch-arg=--hold"});
        QVERIFY2(submitted.exitCode == 0, submitted.err.constData());
        QVERIFY(QFile::remove(path("doomed.onnx")));

        // Every submission carries the same sbatch arguments, the retry's --hold too: release
        // whatever is held while `collect` follows the run.
        QTimer releaser;
        QObject::connect(&releaser, &QTimer::timeout, [this] {
            const ProgramRun held = cluster->slurm("squeue", {"-h", "-r", "-o", "%i", "-t", "PENDING"});
            for (const QByteArray& id : held.out.split('\n'))
                if (!id.trimmed().isEmpty())
                    cluster->slurm("scontrol", {"release", QString::fromUtf8(id.trimmed())});
        });
        releaser.start(300);
        QProcess collect;
        collect.setProcessEnvironment(cluster->environment());
        collect.start(FOLDWISE_CLI, {"collect", path("doomed.json.slurm")});
        QVERIFY(collect.waitForStarted());
        QTRY_VERIFY_WITH_TIMEOUT(collect.state() == QProcess::NotRunning, 120000);
        releaser.stop();
        const QByteArray err = collect.readAllStandardError();
        QCOMPARE(collect.exitCode(), 1);
        QVERIFY2(err.contains("after 2 attempts"), err.constData());
        QVERIFY2(err.contains("doomed.onnx"), err.constData()); // the task's own error, from its log
        QVERIFY(!QFileInfo::exists(path("doomed.json")));
    }

    void collectCancelStopsTheJobs()
    {
        const ProgramRun submitted = cli({"profile", example, "--data", "synthetic:8", "-o", path("stopped.json"), "--slurm",
                                          "--shards", "2", "--no-wait", "--sbatch-arg=--hold"});
        QVERIFY2(submitted.exitCode == 0, submitted.err.constData());
        const QString job = arrayJob(submitted.out);
        QVERIFY(cluster->slurm("squeue", {"-h", "-r", "-o", "%i", "-j", job}).out.contains((job + "_1").toUtf8()));
        const ProgramRun cancelled = cli({"collect", "--cancel", path("stopped.json.slurm")});
        QVERIFY2(cancelled.exitCode == 0, cancelled.err.constData());
        QTRY_VERIFY_WITH_TIMEOUT(cluster->slurm("squeue", {"-h", "-o", "%i"}).out.trimmed().isEmpty(), 30000);
        QVERIFY(!QFileInfo::exists(path("stopped.json")));
    }

    void gridRunsAsOneArray()
    {
        QFile grid(path("platforms.toml"));
        QVERIFY(grid.open(QIODevice::WriteOnly));
        grid.write(QStringLiteral("operation = \"optimise\"\n[parameters]\nmodel = \"%1\"\nmoves = 600\n[axes]\n"
                                  "platform = [\"zedboard\", \"zcu102\"]\nstyle = [\"fpgaconvnet\", \"finn\"]\n")
                       .arg(example)
                       .toUtf8());
        grid.close();
        const ProgramRun here = cli({"grid", path("platforms.toml"), "-o", path("grid-here")});
        QVERIFY2(here.exitCode == 0, here.err.constData());
        const ProgramRun slurm = cli({"grid", path("platforms.toml"), "-o", path("grid-slurm"), "--slurm"});
        QVERIFY2(slurm.exitCode == 0, slurm.err.constData());
        QVERIFY(slurm.out.contains("(4 tasks and a merge)"));
        QVERIFY(slurm.out.contains("grid: 4 of 4 points done"));
        const QString job = arrayJob(slurm.out);
        // One array job of 4 tasks ran them.
        const nlohmann::json manifest = nlohmann::json::parse(fileBytes(path("grid-slurm/slurm/run.json")).toStdString());
        QCOMPARE(manifest["submissions"][0]["job"].get<std::string>(), job.toStdString());
        QCOMPARE(manifest["submissions"][0]["tasks"].size(), std::size_t(4));

        const nlohmann::json hereTable = nlohmann::json::parse(fileBytes(path("grid-here/table.json")).toStdString());
        const nlohmann::json slurmTable = nlohmann::json::parse(fileBytes(path("grid-slurm/table.json")).toStdString());
        QCOMPARE(slurmTable["points"].size(), std::size_t(4));
        for (std::size_t k = 0; k < 4; ++k) {
            QCOMPARE(slurmTable["points"][k]["values"], hereTable["points"][k]["values"]);
            QVERIFY(slurmTable["points"][k]["done"].get<bool>());
            QVERIFY(!slurmTable["points"][k]["metrics"].empty());
            QCOMPARE(slurmTable["points"][k]["metrics"], hereTable["points"][k]["metrics"]);
        }
    }

    void clearErrorsWithoutACluster()
    {
        // No Slurm client on PATH.
        QProcessEnvironment noClient = cluster->environment();
        noClient.insert("PATH", path("empty-bin"));
        const ProgramRun noSbatch = cli({"profile", example, "--data", "synthetic:8", "-o", path("x.json"), "--slurm"}, noClient);
        QCOMPARE(noSbatch.exitCode, 1);
        QVERIFY2(noSbatch.err.contains("sbatch is not on PATH"), noSbatch.err.constData());

        // A controller that does not answer (a port nobody listens on).
        QString conf = QString::fromUtf8(fileBytes(path("cluster/slurm.conf")));
        conf.replace(QRegularExpression("SlurmctldPort=\\d+"), "SlurmctldPort=9");
        QFile dead(path("dead.conf"));
        QVERIFY(dead.open(QIODevice::WriteOnly));
        dead.write(conf.toUtf8());
        dead.close();
        QProcessEnvironment unreachable = cluster->environment();
        unreachable.insert("SLURM_CONF", path("dead.conf"));
        const ProgramRun noController =
            cli({"profile", example, "--data", "synthetic:8", "-o", path("y.json"), "--slurm"}, unreachable);
        QCOMPARE(noController.exitCode, 1);
        QVERIFY2(noController.err.contains("the Slurm controller does not answer"), noController.err.constData());
        QVERIFY(!QFileInfo::exists(path("y.json.slurm")));

        // --shards without --slurm, and a shard chosen by hand as well.
        const ProgramRun notSlurm = cli({"profile", example, "--data", "synthetic:8", "-o", path("z.json"), "--shards", "2"});
        QVERIFY(notSlurm.exitCode != 0);
        QVERIFY2(notSlurm.err.contains("add --slurm"), notSlurm.err.constData());
        const ProgramRun both = cli({"profile", example, "--data", "synthetic:8", "-o", path("z.json"), "--shard", "0/2",
                                     "--slurm", "--shards", "2"});
        QVERIFY(both.exitCode != 0);
        QVERIFY2(both.err.contains("--shards"), both.err.constData());
    }
};

QTEST_GUILESS_MAIN(TestSlurmJobs)
#include "tst_slurm_jobs.moc"
