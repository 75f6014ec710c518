#pragma once

#include "dialogs/TaskDialog.h"
#include "ops/OptimiseOperation.h"

class QComboBox;
class QSpinBox;

namespace foldwise::gui {

class ArtifactCombo;
class CostModelCombo;
class FineGainSpinBox;
class PlatformCombo;

// Tasks > Optimise: fpgaConvNet-style folding search on a platform, with the project's newest
// profile for sparse convolutions by default, on Foldwise's cost model or fpgaConvNet's.
class OptimiseDialog : public TaskDialog {
    Q_OBJECT

public:
    explicit OptimiseDialog(const TaskDialogContext& context, QWidget* parent = nullptr);
    ops::OptimiseParameters parameters() const;

protected:
    QString problem() const override;
    void rememberChoices() const override;

private:
    PlatformCombo* platform_;
    ArtifactCombo* profile_;
    QComboBox* optimiser_;
    CostModelCombo* costModel_;
    FineGainSpinBox* gain_;
    QSpinBox* batch_;
    QSpinBox* moves_;
    QSpinBox* seed_;
};

} // namespace foldwise::gui
