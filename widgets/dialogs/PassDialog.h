#pragma once

#include "dialogs/TaskDialog.h"
#include "dialogs/TaskDialogContext.h"
#include "tasks/PassTask.h"

class QCheckBox;

namespace foldwise::gui {

class PathEdit;

// Tasks > a model pass: the transformed model to write (default <model>_<suffix>.onnx beside the
// model) and, optionally, the pass's JSON report beside it.
class PassDialog : public TaskDialog {
    Q_OBJECT

public:
    PassDialog(const QString& title, const QString& suffix, const TaskDialogContext& context, QWidget* parent = nullptr);
    PassSettings settings() const;

protected:
    QString problem() const override;

private:
    QString model_;
    PathEdit* output_;
    QCheckBox* report_;
};

} // namespace foldwise::gui
