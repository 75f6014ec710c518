#pragma once

#include "tasks/Task.h"

namespace foldwise::gui {

struct EvaluateSettings {
    QString model;
    QString design;       // Foldwise design.json or fpgaConvNet config.json
    QString platform;     // empty: the design's own
    QString profile;      // optional: evaluate the fixed hardware with this sparsity
    QString outputFolder; // the re-evaluated design.json, config.json, report.json, layers.csv
};

// Re-evaluates a saved fpgaConvNet-style design (fixed folding) for the model, optionally on
// another platform or with another profile, and writes the evaluated design.
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
