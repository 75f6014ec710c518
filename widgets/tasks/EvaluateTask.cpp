#include "tasks/EvaluateTask.h"

#include "tasks/DesignOutputs.h"
#include "tasks/EngineInputs.h"

#include "hw/Platform.h"
#include "hw/fpgaconvnet/DesignFile.h"
#include "profile/ProfileFile.h"

#include <QDir>
#include <QFileInfo>

#include <memory>
#include <optional>

namespace foldwise::gui {

EvaluateTask::EvaluateTask(EvaluateSettings settings, QObject* parent)
    //: Task description: %1 is the design file, %2 the model file
    : Task(tr("Evaluate %1 for %2").arg(QFileInfo(settings.design).fileName(), QFileInfo(settings.model).fileName()), parent)
    , settings_(std::move(settings))
{
}

void EvaluateTask::run()
{
    logMessage(tr("Loading %1").arg(QDir::toNativeSeparators(settings_.model)));
    const auto model = Model::load(enginePath(settings_.model));
    setProgress(0.3);
    std::unique_ptr<ActivationProfile> profile;
    if (!settings_.profile.isEmpty()) {
        logMessage(tr("Reading the profile %1").arg(QDir::toNativeSeparators(settings_.profile)));
        profile = std::make_unique<ActivationProfile>(readProfile(enginePath(settings_.profile)));
    }
    std::optional<Platform> platform;
    if (!settings_.platform.isEmpty())
        platform = findPlatform(settings_.platform.toStdString());
    throwIfCancelled();
    setProgress(0.6);
    const fpgaconvnet::Design design =
        fpgaconvnet::readDesign(enginePath(settings_.design), *model, profile.get(), platform);
    const fpgaconvnet::Evaluator evaluator(design);
    logMessage(designSummary(evaluator));
    throwIfCancelled();
    writeDesignOutputs(settings_.outputFolder, evaluator, *model);
    const QString written = QDir(settings_.outputFolder).filePath(QStringLiteral("design.json"));
    addOutput(ArtifactKind::Design, written);
    setResultMessage(tr("Evaluated design written to %1").arg(QDir::toNativeSeparators(written)));
}

} // namespace foldwise::gui
