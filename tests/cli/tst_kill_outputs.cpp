// Multi-file outputs under kill -9: `profile -o` (JSON + side-car) and `optimise -o` /
// `evaluate -o` (a folder of design files) are run once to leave an "old" complete output, then
// re-run with other settings and killed at every commit point in turn (FOLDWISE_CRASH_AT_STEP =
// 1, 2, ... until the run completes) and at a few random moments. After each kill the output must
// be exactly the old complete set or the new one (byte for byte against uninterrupted reference
// runs, and loadable by the readers), never a mix; and the next run must remove what the killed
// one left. (Runs are few and on the bundled example: each costs about a second under ASan.)
#include "ExampleProject.h"
#include "KillTesting.h"
#include "OnnxFixtures.h"

#include "profile/ProfileFile.h"

#include <QtTest>

using namespace foldwise;
using namespace fixtures; // the kill-testing vocabulary: KillRun, Snapshot, snapshot, q

namespace {


// The entries of `dir` other than the listed names: what killed writers left beside a target.
QStringList othersIn(const QString& dir, const QStringList& expected)
{
    QStringList out;
    for (const QString& name : QDir(dir).entryList(QDir::AllEntries | QDir::Hidden | QDir::System | QDir::NoDotAndDotDot))
        if (!expected.contains(name))
            out << name;
    return out;
}

// Whether every leftover names `pid` as its owner (`.<name>.txn-<pid>-<n>`, `.<name>.old-<pid>-<n>`,
// `.<name>.tmp-<pid>-<n>`): the leftovers of earlier killed runs are gone.
bool onlyLeftoversOf(const QStringList& leftovers, qint64 pid)
{
    for (const QString& name : leftovers)
        if (!name.contains(QStringLiteral("-%1-").arg(pid)))
            return false;
    return true;
}

} // namespace

class TestKillOutputs : public QObject {
    Q_OBJECT
private:
    QTemporaryDir tmp;
    QString path(const QString& name) const { return tmp.filePath(name); }

    // The profile pair as a reader sees it: the JSON and the side-car it names.
    static Snapshot profilePair(const QString& json)
    {
        Snapshot s;
        QFile f(json);
        if (!f.open(QIODevice::ReadOnly))
            return s;
        s[QStringLiteral("json")] = f.readAll();
        const QJsonObject side = QJsonDocument::fromJson(s[QStringLiteral("json")]).object().value("data_file").toObject();
        if (!side.isEmpty()) {
            QFile b(QFileInfo(json).dir().filePath(side.value("name").toString()));
            s[QStringLiteral("side-car ") + side.value("name").toString()] = b.open(QIODevice::ReadOnly) ? b.readAll() : "<missing>";
        }
        return s;
    }

    // Kills `newArgs + -o out` at every commit point in turn, then at random moments, starting
    // from the old set each time the previous kill left the new one. After each kill the folder
    // `out` must be the old or the new set (or, in the no-exchange fallback, missing for the
    // instant between its two renames, with the complete new set waiting beside it), and the
    // killed runs before the last must have left nothing. `steps`: the number of commit points.
    void killFolderWriter(const QStringList& oldArgs, const QStringList& newArgs, const QString& base,
                          const QStringList& environment, const Snapshot& oldFiles, const Snapshot& newFiles, qint64 runMs,
                          int randomKills, int& steps)
    {
        const QString out = base + "/out";
        const QStringList mine = {"ref_old", "ref_new", "out"};
        const auto resetToOld = [&](const QString& what) {
            const KillRun r = fixtures::runCliKilledAt(oldArgs + QStringList{"-o", out}, 0, environment);
            QVERIFY2(r.exitCode == 0, r.err.constData());
            // The complete run removed everything killed runs left.
            QVERIFY2(snapshot(out) == oldFiles, qPrintable(what + ": " + fixtures::difference(snapshot(out), oldFiles)));
            QVERIFY2(othersIn(base, mine).isEmpty(), qPrintable(what + ": left " + othersIn(base, mine).join(' ')));
        };
        // `atCommitPoint`: killed after the run's start removed what earlier runs left (a random
        // kill may come before).
        const auto check = [&](const KillRun& r, const QString& what, bool atCommitPoint) {
            const Snapshot now = snapshot(out);
            const QStringList leftovers = othersIn(base, mine);
            if (!QFileInfo::exists(out) && !environment.isEmpty()) {
                QVERIFY2(leftovers.size() == 2, qPrintable(what + ": " + leftovers.join(' ')));
            } else {
                QVERIFY2(now == oldFiles || now == newFiles,
                         qPrintable(what + ": neither the old nor the new set: " + fixtures::difference(now, oldFiles) + "\n"
                                    + r.err));
            }
            if (atCommitPoint)
                QVERIFY2(onlyLeftoversOf(leftovers, r.pid), qPrintable(what + ": earlier runs' leftovers " + leftovers.join(' ')));
            if (now == newFiles)
                resetToOld(what);
        };

        resetToOld(QStringLiteral("start"));
        int step = 1;
        for (;; ++step) {
            QVERIFY2(step < 100, "the run never completes");
            const KillRun r = fixtures::runCliKilledAt(newArgs + QStringList{"-o", out}, step, environment);
            if (r.completed) {
                if (r.exitCode != 0)
                    qWarning("%s", r.err.constData());
                QCOMPARE_NE(r.exitCode, -1);
                break;
            }
            check(r, QStringLiteral("killed at commit point %1").arg(step), true);
            if (QTest::currentTestFailed())
                return;
        }
        steps = step - 1;
        QVERIFY2(snapshot(out) == newFiles, qPrintable(fixtures::difference(snapshot(out), newFiles)));
        QVERIFY2(othersIn(base, mine).isEmpty(), qPrintable(othersIn(base, mine).join(' ')));
        resetToOld(QStringLiteral("after the loop"));
        for (int delay : fixtures::killDelays(runMs, randomKills, 7))
            check(fixtures::runCliKilledAfter(newArgs + QStringList{"-o", out}, delay, environment),
                  QStringLiteral("killed after %1 ms").arg(delay), false);
        resetToOld(QStringLiteral("after the random kills"));
    }

private slots:
    void initTestCase() { QVERIFY(tmp.isValid()); }

    // profile -o X.json with a side-car: the pair is replaced as one.
    void profileIsReplacedWhole()
    {
        const QStringList common = {"profile", q(fixtures::kDigitsModel), "--data", q(fixtures::kExampleDir + "digits_calib.npy"),
                                    "--inline-limit", "0", "--threads", "1"};
        const QStringList oldArgs = common + QStringList{"--limit", "16"};
        const QStringList newArgs = common + QStringList{"--limit", "32"};
        QDir().mkpath(path("profile/ref_old"));
        QDir().mkpath(path("profile/ref_new"));
        QDir().mkpath(path("profile/out"));
        QCOMPARE(fixtures::runCliKilledAt(oldArgs + QStringList{"-o", path("profile/ref_old/p.json")}, 0).exitCode, 0);
        QElapsedTimer timer;
        timer.start();
        QCOMPARE(fixtures::runCliKilledAt(newArgs + QStringList{"-o", path("profile/ref_new/p.json")}, 0).exitCode, 0);
        const qint64 runMs = timer.elapsed();
        const Snapshot oldFiles = snapshot(path("profile/ref_old")), newFiles = snapshot(path("profile/ref_new"));
        QCOMPARE(oldFiles.size(), 2); // p.json and its side-car
        QVERIFY(oldFiles != newFiles);
        const Snapshot oldPair = profilePair(path("profile/ref_old/p.json")), newPair = profilePair(path("profile/ref_new/p.json"));
        const QString out = path("profile/out/p.json");
        const auto resetToOld = [&](const QString& what) {
            QCOMPARE(fixtures::runCliKilledAt(oldArgs + QStringList{"-o", out}, 0).exitCode, 0);
            // No other or unnamed side-car, no temporary of a killed writer.
            QVERIFY2(snapshot(path("profile/out")) == oldFiles,
                     qPrintable(what + ": " + fixtures::difference(snapshot(path("profile/out")), oldFiles)));
        };
        const auto check = [&](const KillRun& r, const QString& what) {
            const Snapshot pair = profilePair(out);
            QVERIFY2(pair == oldPair || pair == newPair, qPrintable(what + ": a mix of old and new: " + r.err));
            QVERIFY2(readProfile(out.toStdString()).provenance.items > 0, qPrintable(what)); // readers load it
            resetToOld(what);
        };

        resetToOld(QStringLiteral("start"));
        int step = 1;
        for (;; ++step) {
            QVERIFY2(step < 100, "the run never completes");
            const KillRun r = fixtures::runCliKilledAt(newArgs + QStringList{"-o", out}, step);
            if (r.completed) {
                QCOMPARE(r.exitCode, 0);
                break;
            }
            check(r, QStringLiteral("killed at commit point %1").arg(step));
            if (QTest::currentTestFailed())
                return;
        }
        QVERIFY2(step == 4, "expected commit points for the side-car, the JSON and the old side-car's removal");
        QVERIFY(snapshot(path("profile/out")) == newFiles);
        resetToOld(QStringLiteral("after the loop"));
        for (int delay : fixtures::killDelays(runMs, 2, 16))
            check(fixtures::runCliKilledAfter(newArgs + QStringList{"-o", out}, delay), QStringLiteral("killed after %1 ms").arg(delay));
    }

    // optimise -o DIR over an existing folder: the folder is the old set or the new one, and a
    // file of the user's in it survives.
    void optimiseFolderIsReplacedWhole()
    {
        const QString base = path("optimise");
        const QStringList common = {"optimise", q(fixtures::kDigitsModel), "--platform", "zedboard", "--optimiser", "greedy"};
        const QStringList oldArgs = common + QStringList{"-b", "1"};
        const QStringList newArgs = common + QStringList{"-b", "16"};
        QCOMPARE(fixtures::runCliKilledAt(oldArgs + QStringList{"-o", base + "/ref_old"}, 0).exitCode, 0);
        QElapsedTimer timer;
        timer.start();
        QCOMPARE(fixtures::runCliKilledAt(newArgs + QStringList{"-o", base + "/ref_new"}, 0).exitCode, 0);
        const qint64 runMs = timer.elapsed();
        Snapshot oldFiles = snapshot(base + "/ref_old"), newFiles = snapshot(base + "/ref_new");
        QCOMPARE(oldFiles.size(), 5);
        QVERIFY(oldFiles.value("design.json") != newFiles.value("design.json"));
        QVERIFY(oldFiles.value("config.json") != newFiles.value("config.json"));
        oldFiles["notes.txt"] = newFiles["notes.txt"] = "the user's own file";
        QDir().mkpath(base + "/out");
        fixtures::saveBytes("the user's own file", (base + "/out/notes.txt").toStdString());
        int steps = 0;
        killFolderWriter(oldArgs, newArgs, base, {}, oldFiles, newFiles, runMs, 1, steps);
        if (QTest::currentTestFailed())
            return;
        // One per file, the exchange and the old folder's removal.
        QVERIFY2(steps == 7, qPrintable(QString::number(steps)));
    }

    // The same where the filesystem cannot exchange two folders (forced): old aside, new in;
    // a run killed between the two is completed by the next. On evaluate -o, the same
    // transaction as optimise's and a quicker run.
    void evaluateFolderWithoutExchange()
    {
        const QString base = path("evaluate");
        const QString designs = path("designs");
        QCOMPARE(fixtures::runCliKilledAt({"optimise", q(fixtures::kDigitsModel), "--platform", "zedboard", "--optimiser", "greedy",
                                           "-b", "1", "-o", designs + "/old"},
                                          0)
                     .exitCode,
                 0);
        QCOMPARE(fixtures::runCliKilledAt({"optimise", q(fixtures::kDigitsModel), "--platform", "zedboard", "--optimiser", "greedy",
                                           "-b", "16", "-o", designs + "/new"},
                                          0)
                     .exitCode,
                 0);
        const QStringList common = {"evaluate", q(fixtures::kDigitsModel), "--platform", "zedboard", "--design"};
        const QStringList oldArgs = common + QStringList{designs + "/old/design.json"};
        const QStringList newArgs = common + QStringList{designs + "/new/design.json"};
        const QStringList environment = {"FOLDWISE_TEST_NO_RENAME_EXCHANGE=1"};
        QCOMPARE(fixtures::runCliKilledAt(oldArgs + QStringList{"-o", base + "/ref_old"}, 0, environment).exitCode, 0);
        QElapsedTimer timer;
        timer.start();
        QCOMPARE(fixtures::runCliKilledAt(newArgs + QStringList{"-o", base + "/ref_new"}, 0, environment).exitCode, 0);
        const qint64 runMs = timer.elapsed();
        const Snapshot oldFiles = snapshot(base + "/ref_old"), newFiles = snapshot(base + "/ref_new");
        QVERIFY(oldFiles.value("design.json") != newFiles.value("design.json"));
        int steps = 0;
        killFolderWriter(oldArgs, newArgs, base, environment, oldFiles, newFiles, runMs, 1, steps);
        if (QTest::currentTestFailed())
            return;
        QVERIFY2(steps == 9, qPrintable(QString::number(steps))); // the exchange tried, then two renames
        // The working folder is not swapped (a shell in it would be left in a deleted folder):
        // its files are replaced one by one.
        QCOMPARE(fixtures::runCliKilledAt(newArgs + QStringList{"-o", "."}, 0, {}, base + "/out").exitCode, 0);
        QVERIFY2(snapshot(base + "/out") == newFiles, qPrintable(fixtures::difference(snapshot(base + "/out"), newFiles)));
    }

    // Writers' errors name the file and the problem in words, never the library's raw
    // "filesystem error: ...".
    void writeErrorsNameTheFile()
    {
        fixtures::saveBytes("a file", path("in_the_way").toStdString());
        const KillRun run = fixtures::runCliKilledAt(
            {"run", q(fixtures::kDigitsModel), "--input", "input=" + q(fixtures::kExampleDir + "digits_calib.npy"),
             "--output-dir", path("in_the_way/out")},
            0);
        QCOMPARE(run.exitCode, 1);
        QVERIFY2(run.err.startsWith("foldwise-cli: error: " + path("in_the_way/out").toUtf8() + ": cannot create the folder"),
                 run.err.constData());
        QVERIFY2(!run.err.contains("filesystem error"), run.err.constData());
        const KillRun evaluate = fixtures::runCliKilledAt(
            {"evaluate", q(fixtures::kDigitsModel), "--platform", "zedboard", "--design", path("designs/old/design.json"), "-o",
             path("in_the_way")},
            0);
        QCOMPARE(evaluate.exitCode, 1);
        QVERIFY2(evaluate.err.contains(path("in_the_way").toUtf8() + ": is not a folder"), evaluate.err.constData());
    }
};

QTEST_GUILESS_MAIN(TestKillOutputs)
#include "tst_kill_outputs.moc"
