#include "tasks/EvaluateTask.h"

#include "tasks/DesignOutputs.h"
#include "tasks/EngineInputs.h"

#include "hw/Platform.h"
#include "hw/fpgaconvnet/DesignFile.h"
#include "hw/fpgaconvnet/Fidelity.h"
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
    // The cost model given replaces the one the design file records ("": keep it).
    const QString costModel = settings_.costModel;
    const auto adjust = [&costModel](fpgaconvnet::DesignSettings& s) {
        if (costModel == QLatin1String("native"))
            s.costModel = fpgaconvnet::CostModel::Native;
        else if (costModel == QLatin1String("compatible"))
            s.costModel = fpgaconvnet::CostModel::Compatible;
    };
    const fpgaconvnet::Design design =
        fpgaconvnet::readDesign(enginePath(settings_.design), *model, profile.get(), platform, adjust);
    const fpgaconvnet::Evaluator evaluator(design);
    if (evaluator.compatible())
        logMessage(tr("Evaluated with fpgaConvNet's cost model"));
    logMessage(designSummary(evaluator));
    throwIfCancelled();
    if (settings_.fidelity) {
        setProgress(0.8);
        logMessage(tr("Comparing Foldwise's model with fpgaConvNet's"));
        const fpgaconvnet::FidelityReport report = fpgaconvnet::fidelityReport(design);
        logMessage(fidelitySummary(report));
        throwIfCancelled();
        writeFidelityOutputs(settings_.outputFolder, report);
    }
    // design.json last: once the project lists it, the folder is complete.
    writeDesignOutputs(settings_.outputFolder, evaluator, *model);
    const QString written = QDir(settings_.outputFolder).filePath(QStringLiteral("design.json"));
    addOutput(ArtifactKind::Design, written);
    setResultMessage(tr("Evaluated design written to %1").arg(QDir::toNativeSeparators(written)));
}

} // namespace foldwise::gui
