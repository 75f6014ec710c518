// A project save killed at every commit point (FOLDWISE_CRASH_AT_STEP) and at random moments
// leaves the old project file or the new one, never a mix, and the next save removes what the
// killed one left. The save runs in a child process: this executable started again with
// --child-save (a kill has to hit a process of its own).
#include "project/ProjectFile.h"

#include <QCoreApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QProcess>
#include <QTemporaryDir>
#include <QtTest>

#include <cstring>
#include <random>

using namespace foldwise::gui;

namespace {

const QString kModel = QStringLiteral(FOLDWISE_SOURCE_DIR "/resources/example/digits_cnn.onnx");

// The projects saved: "old" lists one profile, "new" two and a design.
ProjectContent content(const QString& folder, bool newer)
{
    ProjectContent c;
    c.modelPath = kModel;
    c.artifacts.append({ArtifactKind::Profile, folder + "/profile.json"});
    if (newer) {
        c.artifacts.append({ArtifactKind::Profile, folder + "/profile_2.json"});
        c.artifacts.append({ArtifactKind::Design, folder + "/design/design.json"});
        c.layout[QStringLiteral("state")] = QString(4000, QLatin1Char('x')); // a save of some size
    }
    return c;
}

// The child: saves the old or new project to FILE.
int childSave(const QString& file, bool newer)
{
    QString error;
    if (!writeProjectFile(file, content(QFileInfo(file).absolutePath(), newer), error)) {
        std::fprintf(stderr, "%s\n", qPrintable(error));
        return 1;
    }
    return 0;
}

struct Save {
    bool completed = false; // exited (not killed)
    int exitCode = -1;
    QByteArray err;
    bool succeeded() const { return completed && exitCode == 0; }
};

Save save(const QString& file, bool newer, int crashStep, int killAfterMs = -1)
{
    QProcess p;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.remove(QStringLiteral("FOLDWISE_CRASH_AT_STEP"));
    if (crashStep > 0)
        env.insert(QStringLiteral("FOLDWISE_CRASH_AT_STEP"), QString::number(crashStep));
    p.setProcessEnvironment(env);
    p.start(QCoreApplication::applicationFilePath(),
            {QStringLiteral("--child-save"), file, newer ? QStringLiteral("new") : QStringLiteral("old")});
    if (killAfterMs >= 0 && p.waitForStarted() && !p.waitForFinished(killAfterMs))
        p.kill();
    p.waitForFinished(60000);
    const bool completed = p.exitStatus() == QProcess::NormalExit;
    return {completed, completed ? p.exitCode() : -1, p.readAllStandardError()};
}

QByteArray bytesOf(const QString& file)
{
    QFile f(file);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray("<missing>");
}

} // namespace

class TestKillProjectSave : public QObject {
    Q_OBJECT
private:
    QTemporaryDir tmp;

    void checkOldOrNew(const QString& file, const QString& what)
    {
        const QByteArray now = bytesOf(file);
        const QString folder = tmp.path();
        QVERIFY2(now == projectJson(content(folder, false), file) || now == projectJson(content(folder, true), file),
                 qPrintable(what + ": neither the old project nor the new one"));
        ProjectContent loaded;
        QString error;
        QVERIFY2(readProjectFile(file, loaded, error), qPrintable(what + ": " + error));
        // The next save removes the killed save's temporary file.
        QVERIFY(save(file, false, 0).succeeded());
        QCOMPARE(QDir(folder).entryList(QDir::AllEntries | QDir::Hidden | QDir::NoDotAndDotDot), QStringList{"p.foldwise"});
        QCOMPARE(bytesOf(file), projectJson(content(folder, false), file));
    }

private slots:
    void killedSaveLeavesOldOrNew()
    {
        const QString file = tmp.filePath(QStringLiteral("p.foldwise"));
        QVERIFY(save(file, false, 0).succeeded());
        int step = 1;
        for (;; ++step) {
            QVERIFY2(step < 100, "the run never completes");
            const Save s = save(file, true, step);
            if (s.completed) {
                QVERIFY2(s.exitCode == 0, s.err.constData());
                break;
            }
            checkOldOrNew(file, QStringLiteral("killed at commit point %1").arg(step));
            if (QTest::currentTestFailed())
                return;
        }
        QVERIFY(step >= 2);
        QCOMPARE(bytesOf(file), projectJson(content(tmp.path(), true), file));
        QVERIFY(save(file, false, 0).succeeded());
        QElapsedTimer timer;
        timer.start();
        QVERIFY(save(file, true, 0).succeeded());
        const int runMs = static_cast<int>(timer.elapsed());
        QVERIFY(save(file, false, 0).succeeded());
        std::mt19937 rng(5);
        for (int i = 0; i < 3; ++i) {
            const int delay = std::uniform_int_distribution<int>(0, runMs)(rng);
            save(file, true, 0, delay);
            checkOldOrNew(file, QStringLiteral("killed after %1 ms").arg(delay));
        }
    }
};

int main(int argc, char** argv)
{
    if (argc == 4 && std::strcmp(argv[1], "--child-save") == 0)
        return childSave(QString::fromLocal8Bit(argv[2]), std::strcmp(argv[3], "new") == 0);
    QCoreApplication app(argc, argv);
    TestKillProjectSave test;
    return QTest::qExec(&test, argc, argv);
}

#include "tst_kill_project_save.moc"
