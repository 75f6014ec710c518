#pragma once

// How a fused Conv/Gemm + ReLU is recorded in a model. ONNX has no Conv-with-ReLU op, and an
// unknown attribute on a standard node makes onnxruntime and ONNX's checker reject the model, so
// the graph stays exactly as it was (the Relu node keeps computing the ReLU in any runtime) and
// the fusion is a model-level metadata_props entry the hardware models read:
//
//   key   "foldwise.fused_activations"
//   value [{"layer": "/0/Conv", "batchnorm": "/1/BatchNormalization", "activation": "/2/Relu"}, ...]
//
// ("batchnorm" is "" when the ReLU reads the layer directly). Names are node names, which the
// fusion pass writes into every node so they survive. An entry is honoured only while the graph
// still has that shape: layer (Conv, Gemm or MatMul with a constant weight) -> [BatchNormalization]
// -> activation that checkRelu accepts, each intermediate read by the next node only. Entries a
// later edit broke (a renamed node, a ReLU turned into a ThresholdedRelu by a threshold sweep) are
// ignored and listed, so a stale mark never merges a stage that is not a plain ReLU.

#include "model/Model.h"

#include <string>
#include <vector>

namespace onnx {
class ModelProto;
}

namespace foldwise::passes {

inline constexpr const char* kFusedActivationsKey = "foldwise.fused_activations";

struct FusedActivation {
    std::string layer;
    std::string batchNorm; // "" when none
    std::string activation;
    bool operator==(const FusedActivation&) const = default;
};

// Why `activation` cannot be fused into its producer ("" when it can); on success `out` holds the
// chain. Used by the fusion pass to find candidates and by readFusedActivations to re-check marks.
std::string fusionBlocker(const Model& model, NodeId activation, FusedActivation& out);

struct FusedActivations {
    std::vector<FusedActivation> valid; // in the metadata's order
    std::vector<std::string> ignored;   // one line per entry that no longer matches the graph
    bool malformed = false;             // the value is not the documented JSON (all ignored)

    // The entry whose activation is `name`, or nullptr.
    const FusedActivation* byActivation(const std::string& name) const;
};

// The fusion marks of `model` checked against its graph (empty when there are none).
FusedActivations readFusedActivations(const Model& model);

// The marks as the metadata value (the JSON above), and writing them into a ModelProto
// (replacing any earlier entry of that key).
std::string fusedActivationsJson(const std::vector<FusedActivation>& fused);
void writeFusedActivations(onnx::ModelProto& proto, const std::vector<FusedActivation>& fused);

} // namespace foldwise::passes
