#pragma once

#include "tasks/Task.h"

#include <optional>

namespace foldwise::gui {

struct SweepSettings {
    QString model;
    QString data;
    QString labels;                 // optional: without them accuracy is fidelity to the plain model
    QString platform;
    QString policy = QStringLiteral("uniform"); // "uniform" | "slowest_node"
    QString mode = QStringLiteral("fixed");     // "fixed" | "reoptimise" | "normalised"
    // Mode "fixed": start from this design (design.json or fpgaConvNet config.json) instead of
    // optimising once; empty: optimise once.
    QString fixedDesign;
    double sparseFineGain = 1.2;    // the greedy optimiser's least speed-up for a sparse fine step
    double increment = 0.005;
    bool relative = false;
    int iterations = 10;            // after iteration 0
    std::optional<double> maxDrop;  // stop once accuracy fell this many points
    QString runDirectory;
};

// A ReLU-threshold sweep (core/sweep/Sweep.h) into a run directory. The engine keeps the
// directory consistent after every iteration, so a cancelled sweep leaves it resumable: starting
// the same sweep on the same directory continues after its last complete iteration.
class SweepTask : public Task {
    Q_OBJECT

public:
    explicit SweepTask(SweepSettings settings, QObject* parent = nullptr);
    const SweepSettings& settings() const { return settings_; }

protected:
    void run() override;

private:
    const SweepSettings settings_;
};

// Whether `folder` holds a sweep (its manifest.json); fills `settings` from the manifest's
// record of how it was started, as `foldwise-cli sweep --resume` does. On failure `error` says
// why.
bool readSweepRunDirectory(const QString& folder, SweepSettings& settings, QString& error);

} // namespace foldwise::gui
