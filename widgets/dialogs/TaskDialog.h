#pragma once

#include "dialogs/FormDialog.h"
#include "dialogs/PathEdit.h"
#include "dialogs/TaskDialogContext.h"

class QLabel;

namespace foldwise::gui {

// The frame every task dialog shares: a form, a line naming the model, Run and Cancel. Run checks
// the fields with problem() first and keeps the dialog open with the message when it is not
// empty, so a task only starts from settings it can run with.
class TaskDialog : public FormDialog {
    Q_OBJECT

public:
    TaskDialog(const QString& title, const TaskDialogContext& context, QWidget* parent = nullptr);

    void accept() override;

protected:
    // The model file the task runs on.
    const QString& model() const { return model_; }
    // The form's row for what the task writes (the file or folder), starting at `defaultPath`;
    // each dialog adds it where its form wants it.
    void addOutputRow(const QString& label, PathEdit::Mode mode, const QString& defaultPath,
                      const QString& filter = {});
    QString outputPath() const { return output_->path(); }
    // Empty when the settings can run; otherwise what to fix.
    virtual QString problem() const = 0;
    // Called once Run was accepted: store what the next dialog should default to.
    virtual void rememberChoices() const {}

private:
    QString model_;
    PathEdit* output_ = nullptr;
    QLabel* message_;
};

// Common checks for problem().
QString missingFileProblem(const QString& path, const QString& what);
QString missingOutputProblem(const QString& path, const QString& what);

} // namespace foldwise::gui
