#include "tasks/OperationTask.h"

#include "tasks/EngineInputs.h"

#include "ops/EvaluateOperation.h"
#include "ops/InduceOperation.h"
#include "ops/OperationRegistry.h"
#include "ops/OptimiseOperation.h"
#include "ops/PassOperations.h"
#include "ops/ProfileOperation.h"
#include "ops/PruneOperation.h"
#include "ops/SweepOperation.h"

#include <QDir>
#include <QFileInfo>

#include <optional>

namespace foldwise::gui {
namespace {

QString fileName(const std::string& path)
{
    return QFileInfo(QString::fromStdString(path)).fileName();
}

// The project keeps what it can show; tables and folders of extras stay files on disk.
std::optional<ArtifactKind> artifactKind(ops::OutputKind kind)
{
    switch (kind) {
    case ops::OutputKind::Model:
        return ArtifactKind::Model;
    case ops::OutputKind::Profile:
        return ArtifactKind::Profile;
    case ops::OutputKind::Design:
        return ArtifactKind::Design;
    case ops::OutputKind::FoldingConfig:
        return ArtifactKind::FoldingConfig;
    case ops::OutputKind::RunDirectory:
        return ArtifactKind::RunLog;
    case ops::OutputKind::Report:
    case ops::OutputKind::Table:
    case ops::OutputKind::Folder:
        break;
    }
    return std::nullopt;
}

// The engine reports as one context; on the task's worker thread these become the task's
// thread-safe log and progress.
class TaskContext : public ops::OperationContext {
public:
    TaskContext(std::atomic<bool>& cancel, std::function<void(const QString&)> log, std::function<void(double)> progress)
        : OperationContext(cancel), log_(std::move(log)), progress_(std::move(progress))
    {
    }
    void result(const std::string& text) override
    {
        for (const QString& line : QString::fromStdString(text).split(QLatin1Char('\n'), Qt::SkipEmptyParts))
            log_(line);
    }
    void note(const std::string& line) override { log_(OperationTask::tr("Note: %1").arg(QString::fromStdString(line))); }
    void warning(const std::string& line) override
    {
        log_(OperationTask::tr("Warning: %1").arg(QString::fromStdString(line)));
    }
    void progress(std::size_t done, std::size_t total, const char*) override
    {
        if (total > 0)
            progress_(static_cast<double>(done) / static_cast<double>(total));
    }

private:
    std::function<void(const QString&)> log_;
    std::function<void(double)> progress_;
};

} // namespace

QString describeOperation(const ops::Operation& operation, const ops::OperationParameters& parameters)
{
    const std::string id = operation.id();
    if (id == "profile") {
        const auto& p = static_cast<const ops::ProfileParameters&>(parameters);
        //: Task description: %1 is the model file, %2 the calibration data
        return OperationTask::tr("Profile %1 on %2").arg(fileName(p.model), fileName(p.data));
    }
    if (id == "optimise") {
        const auto& p = static_cast<const ops::OptimiseParameters&>(parameters);
        //: Task description: %1 is the model file, %2 the platform
        return OperationTask::tr("Optimise %1 for %2").arg(fileName(p.model), fileName(p.platform));
    }
    if (id == "evaluate") {
        const auto& p = static_cast<const ops::EvaluateParameters&>(parameters);
        //: Task description: %1 is the design file, %2 the model file
        return OperationTask::tr("Evaluate %1 for %2").arg(fileName(p.design), fileName(p.model));
    }
    if (id == "sweep") {
        const auto& p = static_cast<const ops::SweepParameters&>(parameters);
        //: Task description: %1 is the model file, %2 the policy, %3 the mode
        return OperationTask::tr("Sweep %1 (%2, %3)")
            .arg(fileName(p.model), QString::fromStdString(enumName(p.policy)), QString::fromStdString(enumName(p.mode)));
    }
    if (id == "fold-bn") {
        //: Task description: %1 is the model file
        return OperationTask::tr("Fold BatchNorm in %1").arg(fileName(static_cast<const ops::PassParameters&>(parameters).model));
    }
    if (id == "fuse") {
        //: Task description: %1 is the model file
        return OperationTask::tr("Fuse Conv/Gemm + ReLU in %1")
            .arg(fileName(static_cast<const ops::PassParameters&>(parameters).model));
    }
    if (id == "prune") {
        //: Task description: %1 is the model file
        return OperationTask::tr("Prune channels of %1").arg(fileName(static_cast<const ops::PruneParameters&>(parameters).model));
    }
    if (id == "induce") {
        //: Task description: %1 is the model file
        return OperationTask::tr("Induce ReLUs in %1").arg(fileName(static_cast<const ops::InduceParameters&>(parameters).model));
    }
    return QString::fromStdString(operation.title());
}

OperationTask::OperationTask(const ops::Operation& operation, std::unique_ptr<ops::OperationParameters> parameters,
                             QObject* parent)
    : Task(describeOperation(operation, *parameters), parent)
    , operation_(operation)
    , parameters_(std::move(parameters))
{
    ops::makePathsAbsolute(operation_.parameterSpecs(), *parameters_);
}

nlohmann::json OperationTask::request() const
{
    return ops::operationRequestJson(operation_, *parameters_);
}

void OperationTask::run()
{
    TaskContext context(
        cancelState(), [this](const QString& line) { logMessage(line); }, [this](double fraction) { setProgress(fraction); });
    const ops::OperationResult result = operation_.run(*parameters_, context);
    if (result.interrupted || isCancelRequested())
        throw TaskCancelled();
    if (!result.summary.empty())
        logMessage(QString::fromStdString(result.summary));
    QStringList written;
    for (const ops::OutputFile& output : result.outputs) {
        const QString path = QString::fromStdString(output.path.string());
        if (const std::optional<ArtifactKind> kind = artifactKind(output.kind)) {
            addOutput(*kind, path);
            written.append(QDir::toNativeSeparators(path));
        }
    }
    //: %1 is what the task wrote (one or more files)
    setResultMessage(written.isEmpty() ? QString::fromStdString(result.summary)
                                       : tr("%1: written %2").arg(description(), written.join(QStringLiteral(", "))));
}

} // namespace foldwise::gui
