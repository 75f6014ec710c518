#include "tasks/ModelPassTasks.h"

#include "dialogs/InduceDialog.h"
#include "dialogs/PassDialog.h"
#include "dialogs/PruneDialog.h"
#include "tasks/InduceTask.h"
#include "tasks/PruneTask.h"

#include "passes/BatchNormFolding.h"
#include "passes/ReluFusion.h"

#include <QFileInfo>

namespace foldwise::gui {

FoldBatchNormTask::FoldBatchNormTask(PassSettings settings, QObject* parent)
    //: Task description: %1 is the model file
    : PassTask(tr("Fold BatchNorm in %1").arg(QFileInfo(settings.model).fileName()), std::move(settings), parent)
{
}

passes::PassResult FoldBatchNormTask::runPass(const Model& model, const passes::PassContext& context)
{
    return passes::foldBatchNorms(model, context);
}

QString FoldBatchNormTask::nothingToDo() const
{
    return tr("nothing to fold: no BatchNormalization directly after a Conv, Gemm or MatMul can be folded");
}

FuseReluTask::FuseReluTask(PassSettings settings, QObject* parent)
    //: Task description: %1 is the model file
    : PassTask(tr("Fuse Conv/Gemm + ReLU in %1").arg(QFileInfo(settings.model).fileName()), std::move(settings), parent)
{
}

passes::PassResult FuseReluTask::runPass(const Model& model, const passes::PassContext& context)
{
    return passes::fuseReluActivations(model, context);
}

QString FuseReluTask::nothingToDo() const
{
    return tr("nothing to fuse: no ReLU reads a Conv or Gemm (or its BatchNormalization) as that layer's only reader");
}

QList<PassKind> availablePasses()
{
    // A pass without options of its own: the plain dialog, output <model>_<suffix>.onnx.
    const auto plain = [](QString suffix, PassDialog::TaskFactory create) {
        return [suffix, create](const QString& title, const TaskDialogContext& context, QWidget* parent) {
            return std::make_unique<PassDialog>(title, suffix, context, parent, create);
        };
    };
    return {
        {QStringLiteral("fold-bn"), FoldBatchNormTask::tr("&Fold BatchNorm…"),
         FoldBatchNormTask::tr("Fold BatchNormalization into the Conv/Gemm before it"),
         plain(QStringLiteral("folded"),
               [](PassSettings s) -> std::unique_ptr<PassTask> { return std::make_unique<FoldBatchNormTask>(std::move(s)); })},
        {QStringLiteral("fuse"), FuseReluTask::tr("F&use Conv + ReLU…"),
         FuseReluTask::tr("Fuse Conv/Gemm + ReLU into one dataflow stage (hls4ml's merged ReLU)"),
         plain(QStringLiteral("fused"),
               [](PassSettings s) -> std::unique_ptr<PassTask> { return std::make_unique<FuseReluTask>(std::move(s)); })},
        {QStringLiteral("prune"), PruneTask::tr("Prune Cha&nnels…"),
         PruneTask::tr("Structured channel pruning: remove whole channels, shrink the weights, compare the hardware"),
         [](const QString& title, const TaskDialogContext& context, QWidget* parent) -> std::unique_ptr<PassDialog> {
             return std::make_unique<PruneDialog>(title, context, parent);
         }},
        {QStringLiteral("induce"), InduceTask::tr("&Induce ReLUs…"),
         InduceTask::tr("Induced ReLUs: later layers share an earlier ReLU's sign decisions"),
         [](const QString& title, const TaskDialogContext& context, QWidget* parent) -> std::unique_ptr<PassDialog> {
             return std::make_unique<InduceDialog>(title, context, parent);
         }},
    };
}

} // namespace foldwise::gui
