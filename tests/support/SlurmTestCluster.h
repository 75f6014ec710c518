#pragma once

// The throw-away single-node Slurm cluster of tests/cluster/slurm-test-cluster.sh, started for
// one test suite and stopped with it. Where Slurm cannot run here (no packages, not root) the
// suite is skipped with the script's reason, except under CI (SkipOutsideCi.h).

#include "CliRunner.h"
#include "SkipOutsideCi.h"

#include <QtTest>

namespace fixtures {

class SlurmTestCluster {
public:
    // Starts the cluster in `folder`; on failure `problem()` says why.
    explicit SlurmTestCluster(const QString& folder) : folder_(folder)
    {
        const CliRun started = runProgram("bash", {script(), "start", folder_}, QProcessEnvironment::systemEnvironment(), 60000);
        if (started.exitCode != 0) {
            problem_ = QString::fromUtf8(started.err.trimmed());
            if (problem_.isEmpty())
                problem_ = QStringLiteral("slurm-test-cluster.sh start exited with %1").arg(started.exitCode);
            return;
        }
        environment_ = QProcessEnvironment::systemEnvironment();
        environment_.insert("SLURM_CONF", folder_ + "/slurm.conf");
        up_ = true;
    }
    ~SlurmTestCluster()
    {
        runProgram("bash", {script(), "stop", folder_}, QProcessEnvironment::systemEnvironment(), 60000);
    }
    SlurmTestCluster(const SlurmTestCluster&) = delete;
    SlurmTestCluster& operator=(const SlurmTestCluster&) = delete;

    bool up() const { return up_; }
    const QString& problem() const { return problem_; }
    // The environment whose SLURM_CONF names this cluster, for foldwise-cli and Slurm's tools.
    const QProcessEnvironment& environment() const { return environment_; }

    CliRun slurm(const QString& tool, const QStringList& args) const { return runProgram(tool, args, environment_, 60000); }

private:
    static QString script() { return QStringLiteral(FOLDWISE_SOURCE_DIR "/tests/cluster/slurm-test-cluster.sh"); }

    QString folder_;
    QString problem_;
    QProcessEnvironment environment_;
    bool up_ = false;
};

// In initTestCase: skips (fails under CI) when the cluster is not up.
#define FOLDWISE_REQUIRE_CLUSTER(cluster)                                                                             \
    do {                                                                                                              \
        if (!(cluster).up())                                                                                          \
            FOLDWISE_SKIP_OUTSIDE_CI(QStringLiteral("no Slurm cluster here: ") + (cluster).problem());                \
    } while (false)

} // namespace fixtures
