#pragma once

#include "dialogs/PassDialog.h"
#include "ops/PruneOperation.h"

class QCheckBox;
class QComboBox;
class QDoubleSpinBox;
class QLineEdit;
class QRadioButton;
class QSpinBox;

namespace foldwise::gui {

class CalibrationFields;
class PlatformCombo;

// Tasks > Prune Channels: the criterion, how much (a fraction of the channels or the parameters
// to keep), FINN SIMD alignment, the platform the hardware is compared on and, optionally,
// calibration data for accuracy and fidelity; the pruned model (default <model>_pruned.onnx),
// its report and a SparseML recipe.
class PruneDialog : public PassDialog {
    Q_OBJECT

public:
    PruneDialog(const QString& title, const TaskDialogContext& context, QWidget* parent = nullptr);
    ops::PruneParameters parameters() const;
    std::unique_ptr<OperationTask> createTask() const override;

protected:
    QString problem() const override;
    void rememberChoices() const override;

private:
    QComboBox* criterion_;
    QRadioButton* byRate_;
    QDoubleSpinBox* rate_;
    QRadioButton* byParameters_;
    QSpinBox* parameters_;
    QLineEdit* simd_;
    PlatformCombo* platform_;
    QCheckBox* measureAccuracy_;
    CalibrationFields* calibration_;
    QCheckBox* recipe_;
};

} // namespace foldwise::gui
