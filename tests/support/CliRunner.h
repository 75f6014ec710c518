#pragma once

// Runs foldwise-cli as a user would: a separate process, with its exit code and both streams.

#include <QtTest>

namespace fixtures {

struct CliRun {
    int exitCode = -1; // -1 when the process crashed or did not finish
    QByteArray out;
    QByteArray err;
};

// Any program (foldwise-cli, node for the reference checks, Slurm's tools) in `environment`;
// `workingDirectory`: where the process runs (empty: the test's own).
inline CliRun runProgram(const QString& program, const QStringList& args, const QProcessEnvironment& environment,
                         int timeoutMs = 120000, const QString& workingDirectory = {})
{
    QProcess p;
    p.setProcessEnvironment(environment);
    if (!workingDirectory.isEmpty())
        p.setWorkingDirectory(workingDirectory);
    p.start(program, args);
    if (!p.waitForFinished(timeoutMs)) {
        p.kill();
        p.waitForFinished();
        return {};
    }
    return {p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1, p.readAllStandardOutput(),
            p.readAllStandardError()};
}

// The same in the test's own environment.
inline CliRun runProgram(const QString& program, const QStringList& args, int timeoutMs = 120000,
                         const QString& workingDirectory = {})
{
    return runProgram(program, args, QProcessEnvironment::systemEnvironment(), timeoutMs, workingDirectory);
}

inline CliRun runCli(const QStringList& args, int timeoutMs = 120000, const QString& workingDirectory = {})
{
    return runProgram(FOLDWISE_CLI, args, timeoutMs, workingDirectory);
}

// A refusal as users should see it: a clean non-zero exit (not a crash, -1) whose error output
// contains `expected`.
inline bool refusedWith(const CliRun& r, const QString& expected)
{
    return r.exitCode > 0 && QString(r.err).contains(expected);
}

} // namespace fixtures
