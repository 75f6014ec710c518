#include "tasks/SweepTask.h"

#include "tasks/EngineInputs.h"

#include "data/ModelCalibration.h"

#include "hw/Platform.h"
#include "io/CsvText.h"
#include "sweep/Sweep.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>
#include <QJsonObject>

namespace foldwise::gui {
namespace {

std::string absolute(const QString& path)
{
    return path.isEmpty() ? std::string() : enginePath(QFileInfo(path).absoluteFilePath()).string();
}

} // namespace

SweepTask::SweepTask(SweepSettings settings, QObject* parent)
    //: Task description: %1 is the model file, %2 the policy, %3 the mode
    : Task(tr("Sweep %1 (%2, %3)").arg(QFileInfo(settings.model).fileName(), settings.policy, settings.mode), parent)
    , settings_(std::move(settings))
{
}

void SweepTask::run()
{
    logMessage(tr("Loading %1").arg(QDir::toNativeSeparators(settings_.model)));
    // By absolute paths, as foldwise-cli sweep opens them: the manifest's description of the
    // data then spells the labels as its invocation does, and a resume (which takes them from
    // there) describes the same sweep.
    const auto model = Model::load(absolute(settings_.model));
    const auto data = openCalibrationSource(calibrationSpec(settings_.data), calibrationOptionsFor(*model, absolute(settings_.labels)));

    sweep::SweepOptions options;
    options.policy = settings_.policy.toStdString();
    options.mode = settings_.mode.toStdString();
    // Only the fixed mode starts from a design (the engine refuses one for the other modes).
    const QString fixedDesign = settings_.mode == QLatin1String("fixed") ? settings_.fixedDesign : QString();
    if (!fixedDesign.isEmpty())
        options.fixedDesign = enginePath(fixedDesign);
    options.sparseFineGain = settings_.sparseFineGain;
    options.step = {settings_.increment, settings_.relative};
    options.iterations = settings_.iterations;
    options.maxAccuracyDrop = settings_.maxDrop;
    options.platform = findPlatform(settings_.platform.toStdString());
    options.cancel = cancelFlag();
    // The same record `foldwise-cli sweep` keeps, so the CLI can resume a GUI sweep and back.
    options.invocation = {{"model", absolute(settings_.model)},
                          {"data", settings_.data.startsWith(QLatin1String("synthetic:")) ? settings_.data.toStdString()
                                                                                           : absolute(settings_.data)},
                          {"labels", absolute(settings_.labels)},
                          {"platform", settings_.platform.toStdString()},
                          {"style", "fpgaconvnet"},
                          {"policy", options.policy},
                          {"mode", options.mode},
                          {"increment", shortestNumber(settings_.increment)},
                          {"relative", settings_.relative ? "1" : "0"},
                          {"batch", "1"},
                          {"objective", "throughput"},
                          {"weight_bits", "16"},
                          {"act_bits", "16"},
                          {"limit", ""},
                          {"design", absolute(fixedDesign)},
                          {"gain", shortestNumber(settings_.sparseFineGain)}};
    options.givenPaths = {{"model", settings_.model.toStdString()},
                          {"data", settings_.data.toStdString()},
                          {"labels", settings_.labels.toStdString()},
                          {"design", fixedDesign.toStdString()},
                          {"working_directory", QDir::currentPath().toStdString()}};

    const double total = settings_.iterations + 1.0;
    if (!fixedDesign.isEmpty())
        logMessage(tr("Fixed hardware from %1").arg(QDir::toNativeSeparators(fixedDesign)));
    logMessage(tr("Run directory %1").arg(QDir::toNativeSeparators(settings_.runDirectory)));
    const RunLog log = sweep::runSweep(*model, data, options, enginePath(settings_.runDirectory),
                                       [this, total](const RunLog& runLog) {
                                           const RunIteration& it = runLog.iterations.back();
                                           setProgress(static_cast<double>(runLog.iterations.size()) / total);
                                           const double accuracy = it.top1.value_or(it.fidelity.value_or(0));
                                           logMessage(tr("Iteration %1: accuracy %2 %, network sparsity %3, %4 FPS")
                                                          .arg(it.index)
                                                          .arg(accuracy, 0, 'f', 2)
                                                          .arg(it.networkSparsity, 0, 'f', 4)
                                                          .arg(it.hardware.throughputFps.value_or(0), 0, 'f', 1));
                                           return !isCancelRequested();
                                       });
    if (isCancelRequested()) {
        logMessage(tr("The run directory keeps the finished iterations; start the sweep on it again to resume."));
        throw TaskCancelled();
    }
    addOutput(ArtifactKind::RunLog, settings_.runDirectory);
    setResultMessage(tr("Sweep of %n iteration(s) written to %1", nullptr, static_cast<int>(log.iterations.size()))
                         .arg(QDir::toNativeSeparators(settings_.runDirectory)));
}

bool readSweepRunDirectory(const QString& folder, SweepSettings& settings, QString& error)
{
    QFile file(QDir(folder).filePath(QStringLiteral("manifest.json")));
    if (!file.open(QIODevice::ReadOnly)) {
        error = SweepTask::tr("%1 holds no sweep (no manifest.json)").arg(QDir::toNativeSeparators(folder));
        return false;
    }
    const QJsonObject manifest = QJsonDocument::fromJson(file.readAll()).object();
    if (manifest.value(QStringLiteral("format")).toString() != QLatin1String("foldwise-sweep")) {
        error = SweepTask::tr("%1 is not a Foldwise sweep manifest").arg(QDir::toNativeSeparators(file.fileName()));
        return false;
    }
    const QJsonObject inv = manifest.value(QStringLiteral("invocation")).toObject();
    const auto text = [&inv](const char* key) { return inv.value(QLatin1String(key)).toString(); };
    if (text("model").isEmpty() || text("data").isEmpty() || text("platform").isEmpty()) {
        error = SweepTask::tr("%1 does not say the sweep's model, data and platform")
                    .arg(QDir::toNativeSeparators(file.fileName()));
        return false;
    }
    settings.model = text("model");
    settings.data = text("data");
    settings.labels = text("labels");
    settings.platform = text("platform");
    settings.policy = text("policy").isEmpty() ? settings.policy : text("policy");
    settings.mode = text("mode").isEmpty() ? settings.mode : text("mode");
    bool ok = false;
    const double increment = text("increment").toDouble(&ok);
    if (ok)
        settings.increment = increment;
    settings.relative = text("relative") == QLatin1String("1");
    settings.fixedDesign = text("design");
    const double gain = text("gain").toDouble(&ok);
    if (ok)
        settings.sparseFineGain = gain;
    if (manifest.value(QStringLiteral("iterations")).isDouble())
        settings.iterations = manifest.value(QStringLiteral("iterations")).toInt();
    settings.runDirectory = QFileInfo(folder).absoluteFilePath();
    return true;
}

} // namespace foldwise::gui
