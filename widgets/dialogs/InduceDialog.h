#pragma once

#include "dialogs/PassDialog.h"
#include "ops/InduceOperation.h"

class QCheckBox;
class QLineEdit;
class QSpinBox;

namespace foldwise::gui {

class CalibrationFields;
class PathEdit;

// Tasks > Induce ReLUs: the mapping JSON (which ReLU induces which), the prototype units per
// inducer, the calibration data they are chosen on, the seed, and optionally the prototypes and
// choosing maps for training; the induced model (default <model>_induced.onnx) and its report.
class InduceDialog : public PassDialog {
    Q_OBJECT

public:
    InduceDialog(const QString& title, const TaskDialogContext& context, QWidget* parent = nullptr);
    ops::InduceParameters parameters() const;
    std::unique_ptr<OperationTask> createTask() const override;

protected:
    QString problem() const override;
    void rememberChoices() const override;

private:
    PathEdit* mapping_;
    QLineEdit* prototypes_;
    CalibrationFields* calibration_;
    QSpinBox* seed_;
    QCheckBox* measureAccuracy_;
    QCheckBox* writeChoosing_;
};

} // namespace foldwise::gui
