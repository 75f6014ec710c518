#include "tasks/ModelPassTasks.h"

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
    return {
        {QStringLiteral("fold-bn"), FoldBatchNormTask::tr("&Fold BatchNorm…"),
         FoldBatchNormTask::tr("Fold BatchNormalization into the Conv/Gemm before it"), QStringLiteral("folded"),
         [](PassSettings s) -> std::unique_ptr<PassTask> { return std::make_unique<FoldBatchNormTask>(std::move(s)); }},
        {QStringLiteral("fuse"), FuseReluTask::tr("F&use Conv + ReLU…"),
         FuseReluTask::tr("Fuse Conv/Gemm + ReLU into one dataflow stage (hls4ml's merged ReLU)"), QStringLiteral("fused"),
         [](PassSettings s) -> std::unique_ptr<PassTask> { return std::make_unique<FuseReluTask>(std::move(s)); }},
    };
}

} // namespace foldwise::gui
