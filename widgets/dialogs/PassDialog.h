#pragma once

#include "dialogs/TaskDialog.h"
#include "dialogs/TaskDialogContext.h"
#include "tasks/PassTask.h"

#include <functional>
#include <memory>

class QCheckBox;

namespace foldwise::gui {

class PathEdit;

// Tasks > a model pass: the transformed model to write (default <model>_<suffix>.onnx beside the
// model) and, optionally, the pass's JSON report beside it. A pass with options of its own
// (pruning, induced ReLUs) subclasses this dialog, adds its fields to form() and overrides
// createTask(); a pass without options gives the constructor its task factory.
class PassDialog : public TaskDialog {
    Q_OBJECT

public:
    using TaskFactory = std::function<std::unique_ptr<PassTask>(PassSettings)>;

    PassDialog(const QString& title, const QString& suffix, const TaskDialogContext& context, QWidget* parent = nullptr,
               TaskFactory createTask = {});
    PassSettings settings() const;
    // The task for the dialog's settings, once it was accepted.
    virtual std::unique_ptr<PassTask> createTask() const;

protected:
    QString problem() const override;

    const QString& model() const { return model_; }

private:
    QString model_;
    PathEdit* output_;
    QCheckBox* report_;
    TaskFactory createTask_;
};

} // namespace foldwise::gui
