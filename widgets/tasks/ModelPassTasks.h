#pragma once

// The model passes as tasks, one small class each (see PassTask.h).

#include "tasks/PassTask.h"

#include <functional>
#include <memory>

class QWidget;

namespace foldwise::gui {

class PassDialog;
struct TaskDialogContext;

// BatchNormalization folded into the Conv/Gemm before it (passes/BatchNormFolding.h).
class FoldBatchNormTask : public PassTask {
    Q_OBJECT

public:
    explicit FoldBatchNormTask(PassSettings settings, QObject* parent = nullptr);

protected:
    passes::PassResult runPass(const Model& model, const passes::PassContext& context) override;
    QString nothingToDo() const override;
};

// Conv/Gemm + ReLU fused into one dataflow stage (passes/ReluFusion.h).
class FuseReluTask : public PassTask {
    Q_OBJECT

public:
    explicit FuseReluTask(PassSettings settings, QObject* parent = nullptr);

protected:
    passes::PassResult runPass(const Model& model, const passes::PassContext& context) override;
    QString nothingToDo() const override;
};

// The passes the GUI offers, for the Tasks menu: adding a pass is one PassTask subclass, its
// dialog when it has options (a PassDialog subclass), and one entry in availablePasses().
struct PassKind {
    QString id;          // "fold-bn", as the CLI command
    QString title;       // menu text, translated
    QString statusTip;   // translated
    // The pass's dialog (title without the menu's '&' and ellipsis); it creates the task.
    std::function<std::unique_ptr<PassDialog>(const QString& title, const TaskDialogContext& context, QWidget* parent)>
        dialog;
};
QList<PassKind> availablePasses();

} // namespace foldwise::gui
