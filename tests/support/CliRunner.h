#pragma once

// Runs foldwise-cli as a user would: a separate process, with its exit code and both streams.

#include <QtTest>

namespace fixtures {

struct CliRun {
    int exitCode = -1; // -1 when the process crashed or did not finish
    QByteArray out;
    QByteArray err;
};

// `workingDirectory`: where the process runs (empty: the test's own).
inline CliRun runCli(const QStringList& args, int timeoutMs = 120000, const QString& workingDirectory = {})
{
    QProcess p;
    if (!workingDirectory.isEmpty())
        p.setWorkingDirectory(workingDirectory);
    p.start(FOLDWISE_CLI, args);
    if (!p.waitForFinished(timeoutMs)) {
        p.kill();
        p.waitForFinished();
        return {};
    }
    return {p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1, p.readAllStandardOutput(),
            p.readAllStandardError()};
}

} // namespace fixtures
