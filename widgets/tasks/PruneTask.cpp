#include "tasks/PruneTask.h"

#include "tasks/EngineInputs.h"

#include "data/ModelCalibration.h"
#include "io/AtomicFileWriter.h"
#include "model/ModelError.h"
#include "ops/PruningEvaluation.h"
#include "passes/PruningRecipe.h"
#include "passes/StructuredPruning.h"

#include <QDir>
#include <QFileInfo>

#include <stdexcept>

namespace foldwise::gui {

PruneTask::PruneTask(PassSettings settings, PruneSettings prune, QObject* parent)
    //: Task description: %1 is the model file
    : PassTask(tr("Prune channels of %1").arg(QFileInfo(settings.model).fileName()), std::move(settings), parent)
    , prune_(std::move(prune))
{
}

passes::PassResult PruneTask::runPass(const Model& model, const passes::PassContext& context)
{
    passes::PruningOptions options;
    options.rate = prune_.rate;
    options.targetParams = prune_.targetParams;
    options.simd = prune_.simd;
    passes::PassResult result = [&] {
        try {
            options.criterion = passes::parseCriterion(prune_.criterion.toStdString());
            return passes::pruneChannels(model, options, context);
        } catch (const std::invalid_argument& e) {
            // An option the model cannot take, e.g. a SIMD list of the wrong length.
            throw ModelError(enginePath(settings().model).string(), e.what());
        }
    }();
    if (result.changes == 0)
        return result;

    logMessage(tr("Measuring the model before and after"));
    passes::PruningEvaluationOptions evaluation;
    evaluation.platform = prune_.platform.toStdString();
    if (!prune_.data.isEmpty()) {
        evaluation.data = calibrationSpec(prune_.data);
        evaluation.calibration = calibrationOptionsFor(model, enginePath(prune_.labels));
    }
    result.report.update(passes::evaluatePruning(model, *result.model, evaluation, context));
    const nlohmann::json& params = result.report["params"];
    logMessage(tr("Parameters: %L1 -> %L2")
                   .arg(static_cast<qlonglong>(params["before"].get<int64_t>()))
                   .arg(static_cast<qlonglong>(params["after"].get<int64_t>())));
    if (!prune_.recipe.isEmpty())
        recipeText_ = passes::pruningRecipe(model, result.report);
    return result;
}

void PruneTask::writeOtherOutputs(passes::PassResult& result)
{
    (void)result;
    if (prune_.recipe.isEmpty())
        return;
    AtomicFileWriter writer(enginePath(prune_.recipe)); // errors name the file
    writer.write(recipeText_.data(), recipeText_.size());
    writer.commit();
    logMessage(tr("SparseML recipe written to %1").arg(QDir::toNativeSeparators(prune_.recipe)));
}

QString PruneTask::nothingToDo() const
{
    return tr("nothing to prune: no channel falls below the threshold for these settings");
}

} // namespace foldwise::gui
