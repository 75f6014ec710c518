#pragma once

// The model passes as tasks, one small class each (see PassTask.h).

#include "tasks/PassTask.h"

#include <functional>
#include <memory>

namespace foldwise::gui {

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

// The passes the GUI offers, for the Tasks menu and the pass dialog: adding a pass is one
// PassTask subclass and one entry in availablePasses().
struct PassKind {
    QString id;          // "fold-bn", as the CLI command
    QString title;       // menu text, translated
    QString statusTip;   // translated
    QString suffix;      // default output: <model>_<suffix>.onnx
    std::function<std::unique_ptr<PassTask>(PassSettings)> create;
};
QList<PassKind> availablePasses();

} // namespace foldwise::gui
