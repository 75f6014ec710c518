#pragma once

#include "hw/fpgaconvnet/Design.h"

#include <QString>

namespace foldwise {
class Model;
}

namespace foldwise::fpgaconvnet {
struct FidelityReport;
}

namespace foldwise::gui {

// Writes an fpgaConvNet-style design's files into `folder` (created when missing), replacing the
// old set as a whole (data/DirectoryTransaction.h): design.json (Foldwise's, core/hw/DESIGN_FORMAT.md), fpgaConvNet's config.json and
// report.json, and the per-layer table layers.csv. Throws ModelError.
void writeDesignOutputs(const QString& folder, const fpgaconvnet::Evaluator& evaluator, const Model& model);

// A one-line summary of a design's figures for task logs.
QString designSummary(const fpgaconvnet::Evaluator& evaluator);

// Writes the comparison of Foldwise's model with fpgaConvNet's into `folder` (created when
// missing), as foldwise-cli evaluate --fidelity does: fidelity.csv and fidelity.json, as one.
// Throws ModelError.
void writeFidelityOutputs(const QString& folder, const fpgaconvnet::FidelityReport& report);

// The network's figures of a fidelity report in one line: the throughput on both models, what
// fpgaConvNet's squeezes add and, when fpgaConvNet would not build the design, why.
QString fidelitySummary(const fpgaconvnet::FidelityReport& report);

} // namespace foldwise::gui
