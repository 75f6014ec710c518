#pragma once

#include "passes/PassResult.h"

namespace foldwise::passes {

struct FusionOptions {
    int bits = 16; // hls4ml precision for the stage/FIFO comparison in the report
};

// hls4ml's Conv/Dense + ReLU fusion (domain reference section 4), checked properly: a node that
// computes exactly ReLU (checkRelu: Relu, Clip(min 0, no max), ThresholdedRelu(alpha 0)) whose
// input comes from a Conv, Gemm or MatMul with a constant weight, optionally through a
// BatchNormalization, each intermediate value read by the next node only, is fused with that
// layer. The graph is left as it is, so the output runs in any ONNX runtime and computes
// bit-identical outputs; the fusion is recorded as metadata (FusedActivations.h) that the
// hardware models read: hls4ml's stream estimate and, when asked, the fpgaConvNet-style graph
// merge the ReLU into its layer (one dataflow stage, no FIFO between them). The FINN-style model
// needs no mark: FINN already absorbs a ReLU's MultiThreshold into the MVAU/VVAU it directly
// follows (hw/finn/FinnConversion.h), which is this same fusion. Marks already in the
// model are kept while they still match; stale ones are dropped (and noted).
// Report: {"fused": [{"layer", "op", "batchnorm", "activation", "activation_op"}],
// "skipped": [{"activation", "op", "reason"}], "already_fused", "hardware": {"hls4ml": {"before",
// "after", "removed_stages", "removed_fifos"}, "fpgaconvnet": {"before", "after"}}}.
PassResult fuseReluActivations(const Model& model, const PassContext& context = {}, const FusionOptions& options = {});

} // namespace foldwise::passes
