#pragma once

#include "tasks/Task.h"

#include <cstdint>

namespace foldwise::gui {

struct OptimiseSettings {
    QString model;
    QString platform;              // bundled name or TOML file
    QString profile;               // optional: sparse convolutions from this profile
    bool annealing = true;         // false: fpgaConvNet's greedy optimiser
    int64_t batch = 1;
    int64_t moves = 0;             // annealing: stop after this many moves; 0: when cold
    uint64_t seed = 0;
    QString outputFolder;          // design.json, config.json, report.json, layers.csv
    // "native": Foldwise's model (zero skipping); "compatible": fpgaConvNet's own, so that every
    // figure is what fpgaConvNet computes for the design's config.json (foldwise-cli optimise
    // --compatible; fpgaconvnet::CostModel).
    QString costModel = QStringLiteral("native");
    // The least speed-up a sparse convolution's next `fine` step must give to be kept (--gain).
    double sparseFineGain = 1.2;
};

// Searches an fpgaConvNet-style folding for a platform (core/hw/fpgaconvnet/Optimisers.h) and
// writes the design. A cancelled search writes nothing (the engine would hand back its best
// design so far; a half-finished search is not what the user asked for).
class OptimiseTask : public Task {
    Q_OBJECT

public:
    explicit OptimiseTask(OptimiseSettings settings, QObject* parent = nullptr);
    const OptimiseSettings& settings() const { return settings_; }

protected:
    void run() override;

private:
    const OptimiseSettings settings_;
};

} // namespace foldwise::gui
