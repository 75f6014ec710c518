#pragma once

#include "dialogs/TaskDialog.h"
#include "ops/PassOperations.h"

#include <functional>
#include <memory>

class QCheckBox;

namespace foldwise::gui {

class OperationTask;

// Tasks > a model pass: the transformed model to write (default <model>_<suffix>.onnx beside the
// model) and, optionally, the pass's JSON report beside it. A pass with options of its own
// (pruning, induced ReLUs) subclasses this dialog, adds its fields to form() and overrides
// createTask(); a pass without options gives the constructor its operation (core/ops).
class PassDialog : public TaskDialog {
    Q_OBJECT

public:
    PassDialog(const QString& title, const QString& suffix, const TaskDialogContext& context, QWidget* parent = nullptr,
               const ops::Operation* operation = nullptr);
    // The model, the output and the report: the parameters every pass has.
    ops::PassParameters passParameters() const;
    // The task for the dialog's parameters, once it was accepted.
    virtual std::unique_ptr<OperationTask> createTask() const;

protected:
    QString problem() const override;

private:
    QCheckBox* report_;
    const ops::Operation* operation_;
};

} // namespace foldwise::gui
