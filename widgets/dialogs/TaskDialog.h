#pragma once

#include <QDialog>

class QDialogButtonBox;
class QFormLayout;
class QLabel;

namespace foldwise::gui {

// The frame every task dialog shares: a form, a line naming the model, Run and Cancel. Run checks
// the fields with problem() first and keeps the dialog open with the message when it is not
// empty, so a task only starts from settings it can run with.
class TaskDialog : public QDialog {
    Q_OBJECT

public:
    TaskDialog(const QString& title, const QString& model, QWidget* parent = nullptr);

    void accept() override;

protected:
    QFormLayout* form() const { return form_; }
    // Empty when the settings can run; otherwise what to fix.
    virtual QString problem() const = 0;
    // Called once Run was accepted: store what the next dialog should default to.
    virtual void rememberChoices() const {}

private:
    QFormLayout* form_;
    QLabel* message_;
    QDialogButtonBox* buttons_;
};

// Common checks for problem().
QString missingFileProblem(const QString& path, const QString& what);
QString missingOutputProblem(const QString& path, const QString& what);

} // namespace foldwise::gui
