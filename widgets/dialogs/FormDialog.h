#pragma once

#include <QDialog>

class QDialogButtonBox;
class QFormLayout;
class QVBoxLayout;

namespace foldwise::gui {

// A dialog of one form with OK and Cancel below it, which accept() and reject() it: the frame
// of the preferences and of every task dialog.
class FormDialog : public QDialog {
    Q_OBJECT

public:
    explicit FormDialog(const QString& title, QWidget* parent = nullptr);

protected:
    QFormLayout* form() const { return form_; }
    QDialogButtonBox* buttons() const { return buttons_; }
    // A widget above the form (e.g. what the dialog works on) or between it and the buttons
    // (e.g. a message).
    void addAboveForm(QWidget* widget);
    void addBelowForm(QWidget* widget);

private:
    QVBoxLayout* layout_;
    QFormLayout* form_;
    QDialogButtonBox* buttons_;
};

} // namespace foldwise::gui
