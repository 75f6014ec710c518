#pragma once

// FINN's folded dataflow graph (a build's intermediate_models/step_*.onnx, after
// convert_to_hw_layers, SpecializeLayers and folding; old builds' op names too) read as a
// design: its hardware layers with the attributes FINN's estimates read, their folding (PE,
// SIMD, ram_style, resType, parallel_window, ...) and, after step_set_fifo_depths, its FIFOs.
// Data-width converters are not read: the design places them where stream widths differ, as
// FINN's InsertDWC did, so a graph's converters come back from its foldings.

#include "hw/finn/FinnDesign.h"
#include "model/Model.h"

namespace foldwise::finn {

// Whether the model holds FINN hardware layers (finn.custom_op.fpgadataflow domains).
bool isFinnDataflowGraph(const Model& model);

// The graph as a network, in FINN's node order, named as in the file (unnamed nodes, as
// SpecializeLayers leaves them, get GiveUniqueNodeNames' <OpType>_<k>), FIFOs in
// network.fifos (each with the layers it sits between, also on branches). Throws ModelError
// naming the node for a layer it cannot read (an op FINN's estimates are not modelled for here,
// a missing attribute, a fan-out without DuplicateStreams).
FinnNetwork readFoldedGraph(const Model& model);

// `design` (Foldwise's conversion of the model the graph came from) with the graph's folding,
// matching nodes by name, and its FIFOs (EstimateOptions::fifos = Given). Throws ModelError
// naming a graph node the design lacks, or a folding it rejects.
FinnDesign withFoldedGraph(const FinnDesign& design, const FinnNetwork& folded, const std::string& file);

} // namespace foldwise::finn
