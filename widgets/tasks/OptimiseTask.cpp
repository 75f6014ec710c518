#include "tasks/OptimiseTask.h"

#include "tasks/DesignOutputs.h"
#include "tasks/EngineInputs.h"

#include "hw/Platform.h"
#include "hw/fpgaconvnet/Optimisers.h"
#include "profile/ProfileFile.h"

#include <QDir>
#include <QFileInfo>

#include <cmath>
#include <memory>

namespace foldwise::gui {
namespace {

// Moves the annealing makes when it runs until cold: rounds of the cooling schedule times the
// moves per round (core/hw/fpgaconvnet/Optimisers.cpp spreads maxMoves the same way).
double expectedMoves(const fpgaconvnet::AnnealingOptions& o)
{
    if (o.maxMoves > 0)
        return static_cast<double>(o.maxMoves);
    const double rounds = std::ceil(std::log(o.minTemperature / o.temperature) / std::log(o.cool));
    return std::max(1.0, rounds) * static_cast<double>(o.iterations);
}

} // namespace

OptimiseTask::OptimiseTask(OptimiseSettings settings, QObject* parent)
    //: Task description: %1 is the model file, %2 the platform
    : Task(tr("Optimise %1 for %2").arg(QFileInfo(settings.model).fileName(), QFileInfo(settings.platform).fileName()), parent)
    , settings_(std::move(settings))
{
}

void OptimiseTask::run()
{
    logMessage(tr("Loading %1").arg(QDir::toNativeSeparators(settings_.model)));
    const auto model = Model::load(enginePath(settings_.model));
    std::unique_ptr<ActivationProfile> profile;
    if (!settings_.profile.isEmpty()) {
        logMessage(tr("Reading the profile %1").arg(QDir::toNativeSeparators(settings_.profile)));
        profile = std::make_unique<ActivationProfile>(readProfile(enginePath(settings_.profile)));
    }
    const Platform platform = findPlatform(settings_.platform.toStdString());
    fpgaconvnet::DesignSettings designSettings;
    designSettings.batch = settings_.batch;
    const bool compatible = settings_.costModel == QLatin1String("compatible");
    if (compatible)
        designSettings.costModel = fpgaconvnet::CostModel::Compatible;
    fpgaconvnet::Design start =
        fpgaconvnet::minimalDesign(fpgaconvnet::buildHardwareGraph(*model, profile.get()), platform, designSettings);

    fpgaconvnet::Design best;
    if (settings_.annealing) {
        fpgaconvnet::AnnealingOptions options;
        options.seed = settings_.seed;
        options.maxMoves = settings_.moves;
        options.sparseFineGain = settings_.sparseFineGain;
        const double total = expectedMoves(options);
        const QString name = QString::fromStdString(platform.name);
        logMessage(compatible ? tr("Simulated annealing on %1 with fpgaConvNet's cost model").arg(name)
                              : tr("Simulated annealing on %1").arg(name));
        int64_t moves = 0;
        best = fpgaconvnet::optimiseAnnealing(std::move(start), options, [this, total](int64_t done, double) {
            setProgress(static_cast<double>(done) / total);
            return !isCancelRequested();
        }, &moves);
        logMessage(tr("%n move(s)", nullptr, static_cast<int>(moves)));
    } else {
        const QString name = QString::fromStdString(platform.name);
        logMessage(compatible ? tr("Greedy search on %1 with fpgaConvNet's cost model").arg(name)
                              : tr("Greedy search on %1").arg(name));
        fpgaconvnet::GreedyOptions options;
        options.sparseFineGain = settings_.sparseFineGain;
        // The greedy search has no known length; its progress stays at 0 until it is done.
        best = fpgaconvnet::optimiseGreedy(std::move(start), options, [this](int64_t, double) { return !isCancelRequested(); });
    }
    throwIfCancelled();

    const fpgaconvnet::Evaluator evaluator(best);
    logMessage(designSummary(evaluator));
    writeDesignOutputs(settings_.outputFolder, evaluator, *model);
    const QString design = QDir(settings_.outputFolder).filePath(QStringLiteral("design.json"));
    addOutput(ArtifactKind::Design, design);
    addOutput(ArtifactKind::FoldingConfig, QDir(settings_.outputFolder).filePath(QStringLiteral("config.json")));
    setResultMessage(tr("Design written to %1").arg(QDir::toNativeSeparators(design)));
}

} // namespace foldwise::gui
