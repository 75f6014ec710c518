#include "tasks/InduceTask.h"

#include "tasks/EngineInputs.h"

#include "data/CalibrationReader.h"
#include "data/ModelCalibration.h"
#include "data/OpenCalibrationSource.h"
#include "passes/InducedReluMapping.h"
#include "passes/InducedRelus.h"

#include <QDir>
#include <QFileInfo>

namespace foldwise::gui {

InduceTask::InduceTask(PassSettings settings, InduceSettings induce, QObject* parent)
    //: Task description: %1 is the model file
    : PassTask(tr("Induce ReLUs in %1").arg(QFileInfo(settings.model).fileName()), std::move(settings), parent)
    , induce_(std::move(induce))
{
}

passes::PassResult InduceTask::runPass(const Model& model, const passes::PassContext& context)
{
    const passes::InducedReluMapping mapping = passes::readInducedReluMapping(enginePath(induce_.mapping));
    const auto source =
        openCalibrationSource(calibrationSpec(induce_.data), calibrationOptionsFor(model, enginePath(induce_.labels)));
    CalibrationReader reader(source);
    logMessage(tr("Choosing prototypes on %n item(s)", nullptr, static_cast<int>(reader.size())));
    passes::InduceOptions options;
    options.prototypes = induce_.prototypes;
    options.seed = induce_.seed;
    options.measureAccuracy = induce_.measureAccuracy;
    passes::InducedReluResult result = passes::induceRelus(model, mapping, reader, options, context);
    const nlohmann::json& relus = result.pass.report["relus"];
    logMessage(tr("ReLUs: %L1 -> %L2")
                   .arg(static_cast<qlonglong>(relus["before"].get<int64_t>()))
                   .arg(static_cast<qlonglong>(relus["after"].get<int64_t>())));
    choices_ = std::move(result.choices);
    return std::move(result.pass);
}

QString InduceTask::nothingToDo() const
{
    return tr("nothing to induce: the mapping rewrites no ReLU");
}

void InduceTask::writeOtherOutputs(passes::PassResult& result)
{
    if (induce_.choosingDir.isEmpty())
        return;
    result.report["choosing_maps"] = passes::writeChoosingMaps(choices_, enginePath(induce_.choosingDir));
    logMessage(tr("Prototypes and choosing maps written to %1").arg(QDir::toNativeSeparators(induce_.choosingDir)));
}

} // namespace foldwise::gui
