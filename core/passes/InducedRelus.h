#pragma once

// Induced ReLUs (domain reference section 6), the pass: ReLU layers take their sign decisions
// from an earlier "inducer" layer instead of computing their own, which saves their ReLUs (the
// costly part of private inference). From a mapping (InducedReluMapping.h) and calibration data:
//
//  1. the DReLU bits of every mapped layer's input over the calibration items are cached
//     (DreluCache.h, N*units bits per layer);
//  2. each inducer's prototype units are chosen by farthest-point sampling with Hamming distance
//     over those bit vectors, and each unit of an induced layer is assigned to the prototype
//     nearest to its own bits (HammingPrototypes.h); a prototype unit of an inducer that induces
//     itself keeps its own decision;
//  3. the model is rewritten in standard ONNX (InducedReluGraph.h): each induced ReLU becomes
//     x * mask, the mask being the prototypes' DReLU gathered by the choosing map;
//  4. accuracy (top-1/top-5 with labels) and fidelity (top-1 agreement with the original) are
//     measured on the same calibration data before and after.
//
// The choosing maps (InducedReluChoice.h) go to the user's training code for fine-tuning
// (ChoosingMaps.h writes them; core/passes/README.md describes the hand-off).

#include "data/CalibrationReader.h"
#include "passes/InducedReluChoice.h"
#include "passes/InducedReluMapping.h"
#include "passes/PassResult.h"

#include <cstddef>
#include <cstdint>
#include <vector>

namespace foldwise::passes {

struct InduceOptions {
    std::vector<int64_t> prototypes; // one count per inducer, in mapping order
    // Seed of the first prototype: inducer i (mapping order) starts from
    // firstPrototype(seed + i); the rest of the run is deterministic.
    uint64_t seed = 0;
    bool measureAccuracy = true;     // before and after, on the calibration data
    std::size_t accuracyBatch = 32;
};

struct InducedReluResult {
    PassResult pass;                   // the induced model and the report
    std::vector<InducerChoice> choices; // prototypes and choosing maps, per inducer in mapping order
};

// Runs the pass. `context` reports progress over all phases (items cached, prototypes chosen,
// units assigned, items measured) and cancels between them or their chunks (PassCancelled;
// nothing is written by the pass itself). Throws ModelError(mapping file, ...) for a mapping
// the model does not fit (planInducedRelus), and ModelError for data the model cannot run on.
//
// Report: {"pass": "induce", "model", "mapping", "seed", "calibration": {"source", "items",
// "skipped"}, "inducers": [{"inducer", "shape", "units", "prototypes", "induces_itself",
// "induced": [{"layer", "shape", "units", "mean_mismatch", "exact_units"}]}], "layers": [{"layer",
// "role", "units", "relus_before", "relus_after"}] (every ReLU), "relus": {"before", "after",
// "removed", "kept_fraction"}, "accuracy": {"items", "labelled", "before": {"top1", "top5"},
// "after": {"top1", "top5", "fidelity"}}, "timing_s", "changes", "nodes_before", "nodes_after",
// "notes"}. "mean_mismatch" is the fraction of (unit, item) decisions over the calibration data
// where an induced unit's own sign differs from its prototype's.
InducedReluResult induceRelus(const Model& model, const InducedReluMapping& mapping, CalibrationReader& reader,
                              const InduceOptions& options, const PassContext& context = {});

} // namespace foldwise::passes
