#pragma once

#include "hw/fpgaconvnet/Design.h"

#include <QString>

namespace foldwise {
class Model;
}

namespace foldwise::gui {

// Writes an fpgaConvNet-style design's files into `folder` (created when missing), each one
// atomically: design.json (Foldwise's, core/hw/DESIGN_FORMAT.md), fpgaConvNet's config.json and
// report.json, and the per-layer table layers.csv. Throws ModelError.
void writeDesignOutputs(const QString& folder, const fpgaconvnet::Evaluator& evaluator, const Model& model);

// A one-line summary of a design's figures for task logs.
QString designSummary(const fpgaconvnet::Evaluator& evaluator);

} // namespace foldwise::gui
