#include "tasks/PassTask.h"

#include "tasks/EngineInputs.h"

#include "model/ModelError.h"
#include "passes/ModelFiles.h"

#include <QDir>

namespace foldwise::gui {

PassTask::PassTask(QString description, PassSettings settings, QObject* parent)
    : Task(std::move(description), parent)
    , settings_(std::move(settings))
{
}

void PassTask::run()
{
    logMessage(tr("Loading %1").arg(QDir::toNativeSeparators(settings_.model)));
    const auto model = Model::load(enginePath(settings_.model));
    passes::PassContext context;
    context.cancel = cancelFlag();
    context.progress = [this](std::size_t done, std::size_t total) {
        setProgress(done, total);
        return !isCancelRequested();
    };
    passes::PassResult result = runPass(*model, context);
    for (const std::string& note : result.notes)
        logMessage(tr("Note: %1").arg(QString::fromStdString(note)));
    if (result.changes == 0)
        throw ModelError(enginePath(settings_.model).string(), nothingToDo().toStdString());
    throwIfCancelled();
    writeOtherOutputs(result);
    passes::writeModel(*result.proto, enginePath(settings_.output));
    if (!settings_.report.isEmpty())
        passes::writeReport(result.report, enginePath(settings_.report));
    addOutput(ArtifactKind::Model, settings_.output);
    setResultMessage(tr("%1: %n rewrite(s), model written to %2", nullptr, result.changes)
                         .arg(QString::fromStdString(result.pass), QDir::toNativeSeparators(settings_.output)));
}

} // namespace foldwise::gui
