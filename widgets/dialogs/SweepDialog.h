#pragma once

#include "dialogs/TaskDialog.h"
#include "ops/SweepOperation.h"

class QCheckBox;
class QComboBox;
class QDoubleSpinBox;
class QLabel;
class QPushButton;
class QSpinBox;

namespace foldwise::gui {

class ArtifactCombo;
class CalibrationFields;
class FineGainSpinBox;
class PathEdit;
class PlatformCombo;

// Tasks > Sweep: a ReLU-threshold sweep into a run directory. A run directory that already holds
// a sweep is continued (the engine resumes after its last complete iteration); "Use Its Settings"
// fills the fields from its manifest so that the sweep matches. The fixed mode may start from a
// saved design instead of optimising once.
class SweepDialog : public TaskDialog {
    Q_OBJECT

public:
    explicit SweepDialog(const TaskDialogContext& context, QWidget* parent = nullptr);
    // Chooses `folder` as the run directory and loads its settings; false (with `error`) when it
    // holds no readable sweep.
    bool loadRunDirectory(const QString& folder, QString& error);
    ops::SweepParameters parameters() const;

protected:
    QString problem() const override;
    void rememberChoices() const override;

private:
    void runDirectoryChanged();
    // The starting design applies to the fixed mode only, the gain whenever something is optimised.
    void updateEnabled();

    CalibrationFields* calibration_;
    PlatformCombo* platform_;
    QComboBox* policy_;
    QComboBox* mode_;
    ArtifactCombo* fixedDesign_;
    FineGainSpinBox* gain_;
    QDoubleSpinBox* increment_;
    QCheckBox* relative_;
    QSpinBox* iterations_;
    QDoubleSpinBox* maxDrop_;
    PathEdit* runDirectory_;
    QLabel* resumeNote_;
    QPushButton* useSettings_;
};

} // namespace foldwise::gui
