#pragma once

#include "dialogs/FormDialog.h"

class QComboBox;
class QSpinBox;

namespace foldwise::gui {

// Edit > Preferences: the language (applied at the next start), the number of tasks running at
// once and the autosave interval. OK stores them (Preferences.h).
class PreferencesDialog : public FormDialog {
    Q_OBJECT

public:
    explicit PreferencesDialog(QWidget* parent = nullptr);

    void accept() override;

private:
    QComboBox* language_;
    QSpinBox* tasks_;
    QSpinBox* autosave_;
};

} // namespace foldwise::gui
