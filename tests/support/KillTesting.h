#pragma once

// Killing foldwise-cli on purpose: at its Nth commit point (FOLDWISE_CRASH_AT_STEP, see
// core/data/CommitPoint.h) or after a random delay (SIGKILL from the test), and comparing what
// it leaves with the complete outputs of uninterrupted runs.

#include <QtTest>

#include <csignal>
#include <random>

namespace fixtures {

struct KillRun {
    bool completed = false; // exited normally (whatever its code)
    int exitCode = -1;
    qint64 pid = 0;
    QByteArray out;
    QByteArray err;
};

// `environment`: extra "NAME=VALUE" entries.
inline QProcess* startCli(const QStringList& args, const QStringList& environment = {}, const QString& workingDirectory = {})
{
    auto* p = new QProcess;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.remove(QStringLiteral("FOLDWISE_CRASH_AT_STEP"));
    for (const QString& e : environment)
        env.insert(e.section(QLatin1Char('='), 0, 0), e.section(QLatin1Char('='), 1));
    p->setProcessEnvironment(env);
    if (!workingDirectory.isEmpty())
        p->setWorkingDirectory(workingDirectory);
    p->start(FOLDWISE_CLI, args);
    if (p->waitForStarted())
        p->setProperty("pid", p->processId()); // gone once it has finished
    return p;
}

inline KillRun finish(QProcess* p, int timeoutMs = 300000)
{
    KillRun r;
    r.pid = p->property("pid").toLongLong();
    if (!p->waitForFinished(timeoutMs)) {
        p->kill();
        p->waitForFinished();
    } else {
        r.completed = p->exitStatus() == QProcess::NormalExit;
        r.exitCode = r.completed ? p->exitCode() : -1;
    }
    r.out = p->readAllStandardOutput();
    r.err = p->readAllStandardError();
    delete p;
    return r;
}

// Runs foldwise-cli killed at its `step`th commit point (0: not killed).
inline KillRun runCliKilledAt(const QStringList& args, int step, const QStringList& environment = {},
                              const QString& workingDirectory = {})
{
    QStringList env = environment;
    if (step > 0)
        env << QStringLiteral("FOLDWISE_CRASH_AT_STEP=%1").arg(step);
    return finish(startCli(args, env, workingDirectory));
}

// Runs foldwise-cli and kills it with SIGKILL after `delayMs` (when it still runs).
inline KillRun runCliKilledAfter(const QStringList& args, int delayMs, const QStringList& environment = {})
{
    QProcess* p = startCli(args, environment);
    if (!p->waitForStarted())
        return finish(p);
    if (!p->waitForFinished(delayMs))
        p->kill(); // SIGKILL on POSIX
    return finish(p);
}

// Random delays within an uninterrupted run's duration, the same every test run.
inline std::vector<int> killDelays(qint64 runMs, int count, unsigned seed)
{
    std::mt19937 rng(seed);
    std::uniform_int_distribution<qint64> d(0, std::max<qint64>(runMs, 1));
    std::vector<int> out;
    for (int i = 0; i < count; ++i)
        out.push_back(static_cast<int>(d(rng)));
    return out;
}

// Every file below `dir`, hidden ones included: relative path -> bytes ("<dir>" for folders,
// so that empty folders count too).
// A folder's files by relative name, with their bytes.
using Snapshot = QMap<QString, QByteArray>;

inline QString q(const std::string& s) { return QString::fromStdString(s); }

inline QMap<QString, QByteArray> snapshot(const QString& dir)
{
    QMap<QString, QByteArray> files;
    QDirIterator it(dir, QDir::AllEntries | QDir::Hidden | QDir::System | QDir::NoDotAndDotDot, QDirIterator::Subdirectories);
    const QDir base(dir);
    while (it.hasNext()) {
        const QString path = it.next();
        const QFileInfo info = it.fileInfo();
        if (info.isDir() && !info.isSymLink()) {
            files[base.relativeFilePath(path)] = "<dir>";
            continue;
        }
        QFile f(path);
        files[base.relativeFilePath(path)] = f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray("<unreadable>");
    }
    return files;
}

// The names that differ between two snapshots, for failure messages.
inline QString difference(const QMap<QString, QByteArray>& a, const QMap<QString, QByteArray>& b)
{
    QStringList out;
    for (auto it = a.begin(); it != a.end(); ++it)
        if (!b.contains(it.key()))
            out << QStringLiteral("-") + it.key();
        else if (b.value(it.key()) != it.value())
            out << QStringLiteral("~") + it.key();
    for (auto it = b.begin(); it != b.end(); ++it)
        if (!a.contains(it.key()))
            out << QStringLiteral("+") + it.key();
    return out.join(QLatin1Char(' '));
}

// Copies a folder's files (recursively).
inline void copyFolder(const QString& from, const QString& to)
{
    QDir().mkpath(to);
    const QMap<QString, QByteArray> files = snapshot(from);
    for (auto it = files.begin(); it != files.end(); ++it) {
        const QString target = QDir(to).filePath(it.key());
        if (it.value() == "<dir>") {
            QDir().mkpath(target);
            continue;
        }
        QDir().mkpath(QFileInfo(target).absolutePath());
        QFile f(target);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write(it.value());
    }
}

} // namespace fixtures
