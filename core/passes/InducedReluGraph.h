#pragma once

// The induced-ReLU model in standard ONNX ops. For each inducer A with prototype units P:
//
//     flat  = Flatten(x_A, axis=1)                     N x U_A
//     kept  = Gather(flat, P, axis=1)                  N x K   (the K sign bits actually computed)
//     drelu = Cast(GreaterOrEqual(kept, 0), float)     N x K   (opset < 12: 1 - Cast(Less(kept, 0)))
//
// and for each layer B it induces (A itself when listed), its ReLU becomes
//
//     y_B = Mul(x_B, Reshape(Gather(drelu, R_B, axis=1), [-1, dims of B]))
//
// where R_B holds each unit's prototype position. This equals x_B * reshape(DReLU(x_A) @ M_B)
// with the one-hot choosing matrix M_B, without materialising M_B. A ReLU set to identity becomes
// an Identity node. Values keep their names (a rewritten ReLU's output too, so its readers are
// untouched); a rewritten node is renamed "<relu>_induced" / "<relu>_identity", so that no
// non-ReLU node carries a ReLU's name.

#include "model/Model.h"
#include "passes/InducedReluChoice.h"

#include <utility>
#include <vector>

namespace onnx {
class ModelProto;
}

namespace foldwise::passes {

// Rewrites `proto` (editableCopy(model)) and leaves its nodes in topological order; returns the
// number of ReLU nodes replaced.
int writeInducedReluGraph(const Model& model, onnx::ModelProto& proto, const std::vector<InducerChoice>& choices,
                          const std::vector<std::pair<ReluLayer, ReluOverride>>& overrides);

} // namespace foldwise::passes
