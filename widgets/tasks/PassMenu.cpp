#include "tasks/PassMenu.h"

#include "dialogs/InduceDialog.h"
#include "dialogs/PassDialog.h"
#include "dialogs/PruneDialog.h"

#include "ops/PassOperations.h"

#include <QCoreApplication>

namespace foldwise::gui {
namespace {

class PassMenuText {
    Q_DECLARE_TR_FUNCTIONS(PassMenu)
};

} // namespace

QList<PassKind> availablePasses()
{
    // A pass without options of its own: the plain dialog, output <model>_<suffix>.onnx.
    const auto plain = [](QString suffix, const ops::Operation& operation) {
        return [suffix, &operation](const QString& title, const TaskDialogContext& context, QWidget* parent) {
            return std::make_unique<PassDialog>(title, suffix, context, parent, &operation);
        };
    };
    return {
        {QStringLiteral("fold-bn"), PassMenuText::tr("&Fold BatchNorm…"),
         PassMenuText::tr("Fold BatchNormalization into the Conv/Gemm before it"),
         plain(QStringLiteral("folded"), ops::foldBatchNormOperation())},
        {QStringLiteral("fuse"), PassMenuText::tr("F&use Conv + ReLU…"),
         PassMenuText::tr("Fuse Conv/Gemm + ReLU into one dataflow stage (hls4ml's merged ReLU)"),
         plain(QStringLiteral("fused"), ops::fuseReluOperation())},
        {QStringLiteral("prune"), PassMenuText::tr("Prune Cha&nnels…"),
         PassMenuText::tr("Structured channel pruning: remove whole channels, shrink the weights, compare the hardware"),
         [](const QString& title, const TaskDialogContext& context, QWidget* parent) -> std::unique_ptr<PassDialog> {
             return std::make_unique<PruneDialog>(title, context, parent);
         }},
        {QStringLiteral("induce"), PassMenuText::tr("&Induce ReLUs…"),
         PassMenuText::tr("Induced ReLUs: later layers share an earlier ReLU's sign decisions"),
         [](const QString& title, const TaskDialogContext& context, QWidget* parent) -> std::unique_ptr<PassDialog> {
             return std::make_unique<InduceDialog>(title, context, parent);
         }},
    };
}

} // namespace foldwise::gui
