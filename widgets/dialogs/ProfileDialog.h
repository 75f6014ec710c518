#pragma once

#include "dialogs/TaskDialog.h"
#include "ops/ProfileOperation.h"

class QSpinBox;

namespace foldwise::gui {

class CalibrationFields;

// Tasks > Profile: calibration data, an optional item limit and the profile to write
// (default <model>_profile.json beside the model).
class ProfileDialog : public TaskDialog {
    Q_OBJECT

public:
    explicit ProfileDialog(const TaskDialogContext& context, QWidget* parent = nullptr);
    ops::ProfileParameters parameters() const;

protected:
    QString problem() const override;
    void rememberChoices() const override;

private:
    CalibrationFields* calibration_;
    QSpinBox* limit_;
};

} // namespace foldwise::gui
