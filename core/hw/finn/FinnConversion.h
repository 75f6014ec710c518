#pragma once

// Conversion of a float ONNX CNN into FINN's dataflow node list, as FINN's flow would build it
// after streamlining, convert_to_hw_layers, SpecializeLayers and GiveUniqueNodeNames:
//   Conv            -> [FMPadding] + ConvolutionInputGenerator + MVAU   (group = 1)
//                      [FMPadding] + ConvolutionInputGenerator + VVAU   (depthwise)
//                      no SWG for a 1x1, stride-1, unpadded conv; DownSampler for 1x1 stride > 1
//   Gemm / MatMul   -> MVAU
//   BN + Relu       -> thresholds absorbed into the MVAU/VVAU right before them (FINN absorbs a
//                      MultiThreshold that directly consumes the MatMul), else a Thresholding node
//   MaxPool         -> StreamingMaxPool (kernel = stride, no padding), else as AveragePool:
//   AveragePool     -> [FMPadding] + depthwise ConvolutionInputGenerator + Pool (kernel >= stride)
//   fan-out         -> DuplicateStreams (one output per reader)
//   Add of streams  -> AddStreams;  Concat (channels) -> StreamingConcat
//   GlobalAveragePool, ReduceMean over H, W -> GlobalAccPool
//   Clip, Selu      -> thresholds, as Relu;  Resize (nearest) -> UpsampleNearestNeighbour
//   per-channel Mul/Add nothing absorbs before a join or pool -> ChannelwiseOp
//   TopK, ArgMax    -> LabelSelect
//   Flatten, Reshape to 1xK, Identity, Dropout, zero Pad -> nothing (FINN folds them into the layout)
// (FinnBranchConversion.cpp has the branch layers and the ops FINN has no layer for.)
// Nodes come in the ONNX graph's order and are named <OpType>_<index> per specialised op type.
// Initial foldings are FINN's conversion defaults (MVAU PE = SIMD = 1; SWG and FMPadding SIMD =
// channels; VVAU PE = channels; Thresholding and StreamingMaxPool PE = 1).
// Decisions the user should know (a bias no activation absorbs, a BatchNormalization taken as
// folded into weights, an HLS SWG FINN cannot build) are listed in FinnNetwork::notes.

#include "hw/finn/FinnNode.h"
#include "hw/finn/FinnOptions.h"
#include "model/Model.h"

namespace foldwise::finn {

// Throws ModelError(file, "node '<name>' (<op>): FINN has no layer for <what>") for a node FINN
// has no dataflow layer for (ModelError(file, "node ...: <why>") for other problems), and
// std::invalid_argument for bit widths outside 1..16.
FinnNetwork convertToFinn(const Model& model, const ConversionOptions& options = {});

} // namespace foldwise::finn
