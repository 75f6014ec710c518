#pragma once

#include "passes/PassResult.h"

namespace foldwise::passes {

// Folds every BatchNormalization (inference mode) into the Conv, Gemm or MatMul right before it,
// when that layer's output feeds the BatchNormalization only. With s = scale / sqrt(var + eps)
// per output channel c:
//   Conv (any groups, depthwise included: W is M x C/g x k..., channel c is W's row c):
//        W'[c] = W[c] * s[c],   b'[c] = (b[c] - mean[c]) * s[c] + beta[c]   (b = 0 when absent)
//   Gemm Y = alpha * A * op(B) + beta_g * C:   column c of op(B) (row c of B when transB) times s[c];
//        C' = (beta_g * C - mean) * s + beta broadcast to the columns, beta_g becomes 1
//   MatMul with a 2-D input and a constant 2-D weight becomes such a Gemm with C' = beta - mean * s.
// Arithmetic is in double, rounded to float once. Weights another node also reads are copied
// under a new name rather than changed. A BatchNormalization left alone (training mode, extra
// outputs read, statistics not constant, producer not foldable or read elsewhere) is listed in
// the notes with the reason. Report: {"folded": [{"batchnorm", "layer", "op", "bias", ...}],
// "skipped": [{"batchnorm", "reason"}], "nodes_before", "nodes_after"}.
PassResult foldBatchNorms(const Model& model, const PassContext& context = {});

} // namespace foldwise::passes
