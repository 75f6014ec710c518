// Multi-file outputs under kill -9: `profile -o` (JSON + side-car) and `optimise -o` (a folder of
// design files) are run once to leave an "old" complete output, then re-run with other settings
// and killed at every commit point in turn (FOLDWISE_CRASH_AT_STEP = 1, 2, ... until the run
// completes) and at a few random moments. After each kill the output must be exactly the old
// complete set or the new one (byte for byte against uninterrupted reference runs, and loadable
// by the readers), never a mix; and the next complete run must leave nothing of the killed one.
#include "ExampleProject.h"
#include "KillTesting.h"
#include "OnnxFixtures.h"

#include "profile/ProfileFile.h"

#include <QtTest>

using namespace foldwise;
using fixtures::KillRun;
using fixtures::snapshot;

namespace {

QString q(const std::string& s) { return QString::fromStdString(s); }

using Snapshot = QMap<QString, QByteArray>;

// Leftovers of killed writers beside the output folder: everything but the listed names.
QStringList othersIn(const QString& dir, const QStringList& expected)
{
    QStringList out;
    for (const QString& name : QDir(dir).entryList(QDir::AllEntries | QDir::Hidden | QDir::System | QDir::NoDotAndDotDot))
        if (!expected.contains(name))
            out << name;
    return out;
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

private slots:
    void initTestCase() { QVERIFY(tmp.isValid()); }

    // profile -o X.json with a side-car: the pair is replaced as one.
    void profileIsReplacedWhole()
    {
        const QStringList common = {"profile", q(fixtures::kDigitsModel), "--data", q(fixtures::kExampleDir + "digits_calib.npy"),
                                    "--inline-limit", "0", "--threads", "1"};
        const QStringList oldArgs = common + QStringList{"--limit", "32"};
        const QStringList newArgs = common + QStringList{"--limit", "64"};
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

        const auto checkKilled = [&](const KillRun& r, const QString& what) {
            const Snapshot pair = profilePair(out);
            QVERIFY2(pair == oldPair || pair == newPair, qPrintable(what + ": a mix of old and new: " + r.err));
            QVERIFY2(readProfile(out.toStdString()).provenance.items > 0, qPrintable(what)); // readers load it
            // The next complete run (back to the old settings, for the next kill) leaves exactly
            // its pair: no other or unnamed side-car, no temporary of the killed writer.
            QCOMPARE(fixtures::runCliKilledAt(oldArgs + QStringList{"-o", out}, 0).exitCode, 0);
            QVERIFY2(snapshot(path("profile/out")) == oldFiles,
                     qPrintable(what + ": " + fixtures::difference(snapshot(path("profile/out")), oldFiles)));
        };

        QCOMPARE(fixtures::runCliKilledAt(oldArgs + QStringList{"-o", out}, 0).exitCode, 0);
        int step = 1;
        for (;; ++step) {
            const KillRun r = fixtures::runCliKilledAt(newArgs + QStringList{"-o", out}, step);
            if (r.completed) {
                QCOMPARE(r.exitCode, 0);
                break;
            }
            checkKilled(r, QStringLiteral("killed at commit point %1").arg(step));
        }
        QVERIFY2(step >= 4, "expected commit points for the side-car, the JSON and the old side-car's removal");
        QVERIFY(snapshot(path("profile/out")) == newFiles);
        QCOMPARE(fixtures::runCliKilledAt(oldArgs + QStringList{"-o", out}, 0).exitCode, 0);
        QVERIFY(snapshot(path("profile/out")) == oldFiles);
        for (int delay : fixtures::killDelays(runMs, 3, 16))
            checkKilled(fixtures::runCliKilledAfter(newArgs + QStringList{"-o", out}, delay),
                        QStringLiteral("killed after %1 ms").arg(delay));
    }

    // optimise -o DIR over an existing folder: the folder is the old set or the new one, and a
    // file of the user's in it survives.
    void optimiseFolderIsReplacedWhole_data()
    {
        QTest::addColumn<bool>("exchange");
        QTest::newRow("renameat2 exchange") << true;
        QTest::newRow("no exchange (fallback)") << false;
    }
    void optimiseFolderIsReplacedWhole()
    {
        QFETCH(bool, exchange);
        const QString base = path(exchange ? "optimise" : "optimise_fallback");
        const QStringList environment = exchange ? QStringList() : QStringList{"FOLDWISE_TEST_NO_RENAME_EXCHANGE=1"};
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
        oldFiles["notes.txt"] = newFiles["notes.txt"] = "the user's own file";

        const QString out = base + "/out";
        const auto resetToOld = [&] {
            QCOMPARE(fixtures::runCliKilledAt(oldArgs + QStringList{"-o", out}, 0, environment).exitCode, 0);
            QVERIFY2(snapshot(out) == oldFiles, qPrintable(fixtures::difference(snapshot(out), oldFiles)));
        };
        const auto checkKilled = [&](const KillRun& r, const QString& what) {
            const Snapshot now = snapshot(out);
            if (!exchange && !QFileInfo::exists(out)) {
                // Killed between the fallback's two renames: the complete new folder waits
                // beside it, and the next run moves it in (checked below).
                QVERIFY2(othersIn(base, {"ref_old", "ref_new"}).size() == 2, qPrintable(what));
            } else {
                QVERIFY2(now == oldFiles || now == newFiles,
                         qPrintable(what + ": neither the old nor the new set: " + fixtures::difference(now, oldFiles) + "\n"
                                    + r.err));
            }
            // The next complete run (back to the old settings, for the next kill): its set, and
            // nothing of the killed one beside it.
            resetToOld();
            QVERIFY2(othersIn(base, {"ref_old", "ref_new", "out"}).isEmpty(),
                     qPrintable(what + ": left " + othersIn(base, {"ref_old", "ref_new", "out"}).join(' ')));
        };

        QDir().mkpath(out);
        fixtures::saveBytes("the user's own file", (out + "/notes.txt").toStdString());
        resetToOld();
        int step = 1;
        for (;; ++step) {
            const KillRun r = fixtures::runCliKilledAt(newArgs + QStringList{"-o", out}, step, environment);
            if (r.completed) {
                QCOMPARE(r.exitCode, 0);
                break;
            }
            checkKilled(r, QStringLiteral("killed at commit point %1").arg(step));
        }
        QVERIFY2(step >= 7, "expected a commit point per file, the switch and the old folder's removal");
        QVERIFY(snapshot(out) == newFiles);
        if (!exchange)
            return; // the random kills below add nothing for the fallback
        resetToOld();
        for (int delay : fixtures::killDelays(runMs, 3, 7))
            checkKilled(fixtures::runCliKilledAfter(newArgs + QStringList{"-o", out}, delay, environment),
                        QStringLiteral("killed after %1 ms").arg(delay));
    }

    // A folder that is the working directory is not swapped (a shell in it would be left in a
    // deleted folder): its files are replaced one by one, and still completed after a kill.
    void optimiseIntoTheWorkingFolder()
    {
        const QString work = path("optimise_here");
        QDir().mkpath(work);
        const QStringList args = {"optimise", q(fixtures::kDigitsModel), "--platform", "zedboard", "--optimiser", "greedy", "-o", "."};
        for (int step = 1;; ++step) {
            const KillRun r = fixtures::runCliKilledAt(args, step, {}, work);
            if (r.completed) {
                QCOMPARE(r.exitCode, 0);
                break;
            }
        }
        QCOMPARE(fixtures::runCliKilledAt(args, 0, {}, work).exitCode, 0);
        QCOMPARE(QDir(work).entryList(QDir::AllEntries | QDir::Hidden | QDir::NoDotAndDotDot),
                 (QStringList{"config.json", "design.json", "layers.csv", "layers.json", "report.json"}));
    }

    // Writers' errors name the file and the problem in words, never the library's raw
    // "filesystem error: ...".
    void writeErrorsNameTheFile()
    {
        fixtures::saveBytes("a file", path("in_the_way").toStdString());
        const fixtures::KillRun run = fixtures::runCliKilledAt(
            {"run", q(fixtures::kDigitsModel), "--input", "input=" + q(fixtures::kExampleDir + "digits_calib.npy"),
             "--output-dir", path("in_the_way/out")},
            0);
        QCOMPARE(run.exitCode, 1);
        QVERIFY2(run.err.startsWith("foldwise-cli: error: " + path("in_the_way/out").toUtf8() + ": cannot create the folder"),
                 run.err.constData());
        QVERIFY2(!run.err.contains("filesystem error"), run.err.constData());
        const fixtures::KillRun optimise = fixtures::runCliKilledAt(
            {"optimise", q(fixtures::kDigitsModel), "--platform", "zedboard", "--optimiser", "greedy", "-o", path("in_the_way")}, 0);
        QCOMPARE(optimise.exitCode, 1);
        QVERIFY2(optimise.err.contains(path("in_the_way").toUtf8() + ": is not a folder"), optimise.err.constData());
    }
};

QTEST_GUILESS_MAIN(TestKillOutputs)
#include "tst_kill_outputs.moc"
