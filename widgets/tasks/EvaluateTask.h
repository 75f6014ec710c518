#pragma once

#include "tasks/Task.h"

namespace foldwise::gui {

struct EvaluateSettings {
    QString model;
    QString design;       // Foldwise design.json or fpgaConvNet config.json
    QString platform;     // empty: the design's own
    QString profile;      // optional: evaluate the fixed hardware with this sparsity
    QString outputFolder; // the re-evaluated design.json, config.json, report.json, layers.csv
    // Empty: the design's (design.json records it; a config.json is read as native); "native"
    // or "compatible" (fpgaConvNet's own figures, fpgaconvnet::CostModel).
    QString costModel;
    // Also compare the design on both models, layer by layer: fidelity.csv and fidelity.json
    // (foldwise-cli evaluate --fidelity).
    bool fidelity = false;
};

// Re-evaluates a saved fpgaConvNet-style design (fixed folding) for the model, optionally on
// another platform, with another profile or on another cost model, and writes the evaluated
// design; optionally with the fidelity report of Foldwise's model against fpgaConvNet's.
class EvaluateTask : public Task {
    Q_OBJECT

public:
    explicit EvaluateTask(EvaluateSettings settings, QObject* parent = nullptr);
    const EvaluateSettings& settings() const { return settings_; }

protected:
    void run() override;

private:
    const EvaluateSettings settings_;
};

} // namespace foldwise::gui
