#pragma once

#include "dialogs/TaskDialog.h"
#include "ops/EvaluateOperation.h"

class QCheckBox;

namespace foldwise::gui {

class ArtifactCombo;
class CostModelCombo;
class PlatformCombo;

// Tasks > Evaluate: a saved design (the project's newest by default) re-evaluated with its fixed
// folding, optionally on another platform, with another profile or on another cost model, and
// optionally compared on Foldwise's model and fpgaConvNet's (fidelity).
class EvaluateDialog : public TaskDialog {
    Q_OBJECT

public:
    explicit EvaluateDialog(const TaskDialogContext& context, QWidget* parent = nullptr);
    ops::EvaluateParameters parameters() const;

protected:
    QString problem() const override;

private:
    ArtifactCombo* design_;
    PlatformCombo* platform_;
    ArtifactCombo* profile_;
    CostModelCombo* costModel_;
    QCheckBox* fidelity_;
};

} // namespace foldwise::gui
