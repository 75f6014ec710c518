// Sweeps under kill -9 and concurrency, through foldwise-cli as a user runs them:
//  - killed at every commit point in turn (FOLDWISE_CRASH_AT_STEP = 1, 2, ... until it completes)
//    and at random moments, the run directory holds complete iterations only (each listed one
//    byte for byte as in an uninterrupted run) and --resume finishes it byte-identical to the
//    uninterrupted run, with nothing of the killed writer left;
//  - two sweeps into one run directory: exactly one runs, the other is refused naming it;
//  - a sweep started with relative paths (as the README shows) resumes from another folder;
//  - a damaged summary.csv is blamed by name.
#include "ExampleProject.h"
#include "KillTesting.h"
#include "OnnxFixtures.h"

#include "data/NpyFile.h"
#include "sweep/RunDirectory.h"
#include "sweep/Sweep.h"

#include <QtTest>

#include <csignal>

using namespace foldwise;
using namespace fixtures; // the kill-testing vocabulary: KillRun, Snapshot, snapshot, q

namespace {


const QString kModel = q(fixtures::kDigitsModel);
// A starting design, so that no run spends time optimising (each run costs about half a
// second under ASan, and the suite runs some forty).
const QString kDesign = q(fixtures::kExampleDir + "sweep_uniform/iteration_0/design.json");

// The first `n` items of a .npy array (data or labels): a small calibration set.
void writeFirst(const std::string& from, const QString& to, int64_t n)
{
    const HostTensor all = readNpy(from);
    std::vector<int64_t> dims = all.dims();
    dims[0] = n;
    writeNpy(to.toStdString(), HostTensor::view(all.type(), dims, all.bytes(), nullptr));
}

} // namespace

class TestKillSweep : public QObject {
    Q_OBJECT
private:
    QTemporaryDir tmp;
    Snapshot reference;
    qint64 runMs = 0;
    QString data, labels;
    QString path(const QString& name) const { return tmp.filePath(name); }

    QStringList sweepArgs(const QString& runDir, const QString& increment = "0.25") const
    {
        return {"sweep",       kModel, "--data", data, "--labels", labels, "--platform", "zedboard", "--mode", "fixed",
                "--design",    kDesign, "--increment", increment, "--iterations", "1", "-b", "16", "--threads", "1",
                "-o",          runDir};
    }

    // A killed sweep's run directory: the manifest (when written) and the iterations summary.csv
    // lists are complete and as in the uninterrupted run; then --resume completes it to exactly
    // that run's directory.
    void checkKilledThenResume(const QString& dir, const KillRun& killed, const QString& what)
    {
        const Snapshot now = snapshot(dir);
        if (now.contains("manifest.json"))
            QVERIFY2(now["manifest.json"] == reference["manifest.json"], qPrintable(what));
        if (now.contains("summary.csv")) {
            QVERIFY2(reference["summary.csv"].startsWith(now["summary.csv"]), qPrintable(what));
            const sweep::RunDirectory run = sweep::readRunDirectory(dir.toStdString()); // readers load it
            for (const RunIteration& it : run.log.iterations)
                for (auto f = reference.begin(); f != reference.end(); ++f)
                    if (f.key().startsWith(QStringLiteral("iteration_%1/").arg(it.index)))
                        QVERIFY2(now.value(f.key()) == f.value(), qPrintable(what + ": " + f.key() + " differs"));
        }
        if (!now.contains("manifest.json")) {
            // Killed before the sweep was recorded: a new start (not --resume) goes on.
            QCOMPARE(fixtures::runCliKilledAt(sweepArgs(dir), 0).exitCode, 0);
        } else {
            const KillRun resumed = fixtures::runCliKilledAt({"sweep", "--resume", dir}, 0);
            QVERIFY2(resumed.exitCode == 0, qPrintable(what + ": " + resumed.err + killed.err));
        }
        QVERIFY2(snapshot(dir) == reference, qPrintable(what + ": after the resume: " + fixtures::difference(snapshot(dir), reference)));
    }

private slots:
    void initTestCase()
    {
        QVERIFY(tmp.isValid());
        data = path("calib64.npy");
        labels = path("labels64.npy");
        writeFirst(fixtures::kExampleDir + "digits_calib.npy", data, 64);
        writeFirst(fixtures::kExampleDir + "digits_calib_labels.npy", labels, 64);
        QElapsedTimer timer;
        timer.start();
        const KillRun r = fixtures::runCliKilledAt(sweepArgs(path("reference")), 0);
        runMs = timer.elapsed();
        QVERIFY2(r.exitCode == 0, r.err.constData());
        reference = snapshot(path("reference"));
        QVERIFY(reference.contains("iteration_1/profile.json"));
        QVERIFY(!reference.contains(q(sweep::kRunDirectoryLockFile))); // released and removed
    }

    void killedAtEveryCommitPointResumesIdentically()
    {
        int step = 1;
        for (;; ++step) {
            QVERIFY2(step < 100, "the run never completes");
            const QString dir = path(QStringLiteral("step%1").arg(step));
            const KillRun r = fixtures::runCliKilledAt(sweepArgs(dir), step);
            if (r.completed) {
                QVERIFY2(r.exitCode == 0, r.err.constData());
                QVERIFY(snapshot(dir) == reference);
                break;
            }
            checkKilledThenResume(dir, r, QStringLiteral("killed at commit point %1").arg(step));
            if (QTest::currentTestFailed())
                return;
        }
        // The manifest, and per iteration the thresholds, sparsity log, profile, design and the
        // summary row.
        QVERIFY2(step > 11, qPrintable(QStringLiteral("only %1 commit points").arg(step - 1)));
    }

    void killedAtRandomResumesIdentically()
    {
        int n = 0;
        for (int delay : fixtures::killDelays(runMs, 2, 11)) {
            const QString dir = path(QStringLiteral("random%1").arg(++n));
            const KillRun r = fixtures::runCliKilledAfter(sweepArgs(dir), delay);
            if (!r.completed && QFileInfo::exists(dir))
                checkKilledThenResume(dir, r, QStringLiteral("killed after %1 ms").arg(delay));
        }
    }

    // The second writer is refused with the holder's pid, host, start and command line. The
    // first is stopped (SIGSTOP) while it holds the lock, so that the two surely overlap.
    void secondWriterIsRefused()
    {
        const QString dir = path("locked");
        QProcess* first = fixtures::startCli(sweepArgs(dir));
        QVERIFY(first->waitForStarted());
        const QString lock = dir + "/" + q(sweep::kRunDirectoryLockFile);
        QByteArray holder;
        for (int i = 0; i < 6000 && !holder.contains("command: "); ++i) {
            QThread::msleep(5);
            QFile f(lock);
            if (f.open(QIODevice::ReadOnly))
                holder = f.readAll();
        }
        ::kill(static_cast<pid_t>(first->processId()), SIGSTOP);
        const bool held = QFileInfo::exists(lock);
        const KillRun second = fixtures::runCliKilledAt(sweepArgs(dir, "0.5"), 0);
        const KillRun resume = fixtures::runCliKilledAt({"sweep", "--resume", dir}, 0);
        ::kill(static_cast<pid_t>(first->processId()), SIGCONT);
        const qint64 pid = first->processId();
        const KillRun done = fixtures::finish(first);
        QVERIFY2(done.exitCode == 0, done.err.constData());
        if (!held)
            QSKIP("the first sweep finished before it could be stopped");
        for (const KillRun& refused : {second, resume}) {
            QCOMPARE(refused.exitCode, 1);
            const QByteArray expected = dir.toUtf8() + ": is being written by pid " + QByteArray::number(pid) + " on host ";
            QVERIFY2(refused.err.contains(expected), refused.err.constData());
            QVERIFY2(refused.err.contains("started as: ") && refused.err.contains(" sweep "), refused.err.constData());
        }
        QVERIFY2(snapshot(dir) == reference, qPrintable(fixtures::difference(snapshot(dir), reference)));
    }

    // Started at the same moment with different settings: one runs, the other is refused (by
    // the lock, or by the manifest of the one that got there first), never a mix.
    void simultaneousSweepsNeverMix()
    {
        const QString dir = path("simultaneous");
        QProcess* a = fixtures::startCli(sweepArgs(dir));
        QProcess* b = fixtures::startCli(sweepArgs(dir, "0.5"));
        const KillRun ra = fixtures::finish(a), rb = fixtures::finish(b);
        QVERIFY2((ra.exitCode == 0) != (rb.exitCode == 0), qPrintable(ra.err + "\n" + rb.err));
        const KillRun& refused = ra.exitCode == 0 ? rb : ra;
        QVERIFY2(refused.err.contains("is being written by pid") || refused.err.contains("holds another sweep"),
                 refused.err.constData());
        if (ra.exitCode == 0)
            QVERIFY2(snapshot(dir) == reference, qPrintable(fixtures::difference(snapshot(dir), reference)));
        const KillRun resumed = fixtures::runCliKilledAt({"sweep", "--resume", dir}, 0);
        QVERIFY2(resumed.exitCode == 0, resumed.err.constData());
    }

    // The README's way: relative model, data and labels. Resumed from another folder (with a
    // relative --resume path), and the run directory's manifest keeps both spellings.
    void relativePathsResumeFromAnotherFolder()
    {
        const QString work = path("relative/work");
        QDir().mkpath(work);
        QVERIFY(QFile::copy(kModel, work + "/digits_cnn.onnx"));
        QVERIFY(QFile::copy(data, work + "/digits_calib.npy"));
        QVERIFY(QFile::copy(labels, work + "/digits_calib_labels.npy"));
        QVERIFY(QFile::copy(kDesign, work + "/design.json"));
        const QStringList args = {"sweep", "digits_cnn.onnx", "--data", "digits_calib.npy", "--labels", "digits_calib_labels.npy",
                                  "--platform", "zedboard", "--mode", "fixed", "--design", "design.json", "--increment", "0.25",
                                  "--iterations", "0", "-b", "16", "--threads", "1", "-o", "run"};
        const KillRun first = fixtures::runCliKilledAt(args, 0, {}, work);
        QVERIFY2(first.exitCode == 0, first.err.constData());
        const KillRun resumed =
            fixtures::runCliKilledAt({"sweep", "--resume", "work/run", "--iterations", "1"}, 0, {}, path("relative"));
        QVERIFY2(resumed.exitCode == 0, resumed.err.constData());
        QVERIFY2(resumed.out.contains("iteration 1:"), resumed.out.constData());
        // The same again from the run directory itself, and with the inputs given again relative
        // to yet another folder.
        QVERIFY2(fixtures::runCliKilledAt({"sweep", "--resume", ".", "--iterations", "2"}, 0, {}, work + "/run").exitCode == 0,
                 "resume from inside the run directory");
        const KillRun again = fixtures::runCliKilledAt(
            {"sweep", "--resume", "work/run", "--data", "work/digits_calib.npy", "--labels", "work/digits_calib_labels.npy"}, 0, {},
            path("relative"));
        QVERIFY2(again.exitCode == 0, again.err.constData());
        QCOMPARE(sweep::readRunDirectory((work + "/run").toStdString()).log.iterations.size(), std::size_t(3));
        const QJsonObject manifest = [&] {
            QFile f(work + "/run/manifest.json");
            return f.open(QIODevice::ReadOnly) ? QJsonDocument::fromJson(f.readAll()).object() : QJsonObject();
        }();
        const QJsonObject given = manifest.value("invocation").toObject().value("as_given").toObject();
        QCOMPARE(given.value("labels").toString(), QStringLiteral("digits_calib_labels.npy"));
        QCOMPARE(given.value("working_directory").toString(), QFileInfo(work).canonicalFilePath());
        QCOMPARE(manifest.value("invocation").toObject().value("labels").toString(),
                 QFileInfo(work + "/digits_calib_labels.npy").absoluteFilePath());
    }

    // A damaged summary.csv is named as the culprit (it used to be the model).
    void damagedSummaryIsNamed()
    {
        const QString dir = path("damaged");
        fixtures::copyFolder(path("reference"), dir);
        QFile f(dir + "/summary.csv");
        QVERIFY(f.open(QIODevice::ReadOnly));
        QByteArray text = f.readAll();
        f.close();
        text.replace("/features/features.3/Relu", "/features/features.9/Relu");
        QVERIFY(f.open(QIODevice::WriteOnly | QIODevice::Truncate));
        f.write(text);
        f.close();
        const KillRun r = fixtures::runCliKilledAt({"sweep", "--resume", dir, "--iterations", "2"}, 0);
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(r.err.contains((dir + "/summary.csv: iteration 0").toUtf8()), r.err.constData());
        QVERIFY2(r.err.contains("'/features/features.9/Relu'"), r.err.constData());
    }
};

QTEST_GUILESS_MAIN(TestKillSweep)
#include "tst_kill_sweep.moc"
