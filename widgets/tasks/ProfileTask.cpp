#include "tasks/ProfileTask.h"

#include "tasks/EngineInputs.h"

#include "data/ModelCalibration.h"

#include "data/CalibrationReader.h"
#include "profile/LimitedSource.h"
#include "profile/ProfileFile.h"
#include "profile/Profiler.h"

#include <QDir>
#include <QFileInfo>

namespace foldwise::gui {

ProfileTask::ProfileTask(ProfileSettings settings, QObject* parent)
    //: Task description: %1 is the model file, %2 the calibration data
    : Task(tr("Profile %1 on %2").arg(QFileInfo(settings.model).fileName(), QFileInfo(settings.data).fileName()), parent)
    , settings_(std::move(settings))
{
}

void ProfileTask::run()
{
    logMessage(tr("Loading %1").arg(QDir::toNativeSeparators(settings_.model)));
    const auto model = Model::load(enginePath(settings_.model));
    std::shared_ptr<const CalibrationSource> source =
        openCalibrationSource(calibrationSpec(settings_.data), calibrationOptionsFor(*model, enginePath(settings_.labels)));
    if (settings_.limit > 0)
        source = std::make_shared<LimitedSource>(source, settings_.limit);
    CalibrationReader reader(source);
    logMessage(tr("Profiling %n item(s)", nullptr, static_cast<int>(reader.size())));

    ProfileOptions options;
    options.cancel = cancelFlag();
    const ActivationProfile profile = profileModel(*model, reader, options, [this](std::size_t done, std::size_t total) {
        setProgress(done, total);
        return !isCancelRequested();
    });
    for (const SkippedItem& skipped : reader.skipped())
        logMessage(tr("Skipped item %1 (%2): %3")
                       .arg(skipped.index)
                       .arg(QString::fromStdString(skipped.id), QString::fromStdString(skipped.reason)));
    for (const std::string& note : profile.provenance.notes)
        logMessage(tr("Note: %1").arg(QString::fromStdString(note)));
    throwIfCancelled();

    writeProfile(enginePath(settings_.output), profile);
    addOutput(ArtifactKind::Profile, settings_.output);
    logMessage(tr("Network sparsity %1").arg(networkSparsity(profile), 0, 'f', 4));
    setResultMessage(tr("Profile of %n item(s) written to %1", nullptr, static_cast<int>(profile.provenance.items))
                         .arg(QDir::toNativeSeparators(settings_.output)));
}

} // namespace foldwise::gui
