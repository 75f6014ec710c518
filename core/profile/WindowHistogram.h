#pragma once

#include "model/Graph.h"

#include <cstdint>
#include <span>
#include <string>
#include <vector>

namespace foldwise {

// The K-windows a convolution visits on one input channel plane, with its padding made
// explicit. A 1-D convolution is a 2-D one with height 1 and kernel height 1.
struct PlaneWindows {
    int64_t height = 1, width = 1; // the input plane
    int64_t kernelH = 1, kernelW = 1;
    int64_t strideH = 1, strideW = 1;
    int64_t dilationH = 1, dilationW = 1;
    int64_t padTop = 0, padLeft = 0; // explicit pads before the input
    int64_t padBottom = 0, padRight = 0; // and after it (windows may stop short of them)
    int64_t outH = 1, outW = 1;      // windows per column and per row

    int64_t kernelSize() const { return kernelH * kernelW; }
    int64_t windowsPerPlane() const { return outH * outW; }
};

// Conv geometry as ONNX defines it (kernel_shape or the weight's dims, strides, dilations,
// pads, auto_pad), resolved for `inputDims` (N, C, spatial...) with the executor's own rules
// (exec/kernels/WindowGeometry.h). Throws std::invalid_argument with a reason for what it
// cannot describe (3-D convolutions, unknown kernel, inconsistent attributes).
PlaneWindows resolveConvWindows(const Node& conv, const Graph& graph, const std::vector<int64_t>& inputDims);

// Adds, for every channel c of the row-major N x C x H x W float tensor `data`, how many of the
// windows the convolution visits hold exactly j zeros: counts[c * (K + 1) + j] for j = 0..K.
// Padding counts as zero. Only exact zeros count (-0.0 is zero; NaN is not).
//
// Kernels with K <= 255 (every CNN kernel in practice) use separable box sums over a one-byte
// zero mask of each channel's padded planes, a handful of long vectorised loops per channel
// (measured on resnet18: 1.3 ms per image on one core, against 4.4 ms for per-plane integral
// images). Larger kernels use an integral image of each plane's zero mask (dilation 1: four
// lookups per window whatever K) or count each window's taps directly (dilation > 1).
// Channels (or planes) are spread over OpenMP threads; scratch memory is per thread and reused
// across calls, and the result does not depend on the thread count (integer sums).
void accumulateWindowZeros(const float* data, int64_t batch, int64_t channels, const PlaneWindows& g,
                           std::span<int64_t> counts);

// The same for a channels-last (N x H x W x C) tensor, without transposing it: every loop runs
// across the channels of a pixel. Each image's padded zero mask is built once (one byte per
// value), a window's zeros are the sum of its K mask pixels, and the counts per zero count are
// gathered with one vector comparison per count value (K <= 16) or per-window increments
// (larger K). Kernels with K > 255 are handed to accumulateWindowZeros on a row-major copy.
// Single-threaded per image; images are spread over OpenMP threads.
void accumulateWindowZerosChannelsLast(const float* data, int64_t batch, int64_t channels, const PlaneWindows& g,
                                       std::span<int64_t> counts);

} // namespace foldwise
