#pragma once

#include "hw/Divisors.h"
#include "hw/Resources.h"
#include "hw/fpgaconvnet/HardwareLayer.h"

#include <cstdint>
#include <string>
#include <vector>

namespace foldwise::fpgaconvnet {

// A layer's parallelism. Convolutions use all four; inner products coarse_in and coarse_out;
// every other layer one `coarse` (held in coarseIn == coarseOut).
struct Folding {
    int64_t coarseIn = 1;
    int64_t coarseOut = 1;
    int64_t coarseGroup = 1;
    int64_t fine = 1;
    // Convolutions and inner products: the weights are held on chip in this many chunks of
    // filters, reloaded from off-chip memory while the partition runs once per chunk (a factor
    // of F / (groups * coarse_out)). 1: all weights on chip.
    int64_t weightsReloading = 1;
    bool operator==(const Folding&) const = default;
};

struct BitWidths {
    int data = 16;    // activations
    int weight = 16;
    int accumulator = 32;
};

struct ModelSettings;
// The widths a layer is built with: its own (from a quantised model) where it has them, else
// the settings'; with its own widths the accumulator is 2 x the wider of the two (as the CLI
// sets it for --weight-bits/--act-bits).
BitWidths layerBits(const HardwareLayer& layer, const ModelSettings& settings);

struct ModelSettings {
    BitWidths bits;
    // An all-zero window costs 0 cycles (else 1).
    bool skipAllZeroWindow = true;
    // A convolution with a histogram is modelled sparse when its mean window sparsity reaches
    // this (fpgaConvNet's parser: 0.1); below it, dense.
    double sparseThreshold = 0.1;
};

// Whether the layer's hardware skips zeros (a fixed design's choice, else its histogram's mean
// window sparsity against settings.sparseThreshold).
bool hasSparseHardware(const HardwareLayer& layer, const ModelSettings& settings);
// Whether its latency is modelled with zero skipping: sparse hardware with a histogram.
bool isSparse(const HardwareLayer& layer, const ModelSettings& settings);

// The values each folding parameter may take (domain reference, "Folding parameters and
// feasibility"): factors of the dimension it divides; fine of a sparse convolution any of 1..K.
struct FoldingOptions {
    std::vector<int64_t> coarseIn, coarseOut, coarseGroup, fine;
    std::vector<int64_t> weightsReloading; // for the layer's current coarse_out
};
FoldingOptions foldingOptions(const HardwareLayer& layer, const ModelSettings& settings, int64_t coarseOut = 1);
bool isFeasible(const HardwareLayer& layer, const Folding& folding, const ModelSettings& settings);
// A human-readable folding ("coarse_in=4 coarse_out=8 coarse_group=1 fine=9", "coarse=4").
std::string describeFolding(const HardwareLayer& layer, const Folding& folding);

int64_t streamsIn(const HardwareLayer& layer, const Folding& folding);
int64_t streamsOut(const HardwareLayer& layer, const Folding& folding);

// Cycles per item, dense (no zero skipping).
double denseLatency(const HardwareLayer& layer, const Folding& folding);
// Cycles per item as modelled: sparse convolutions from their histogram (maxStreamCost is
// max_s E_s from SparseWindows, computed by the caller so it can be cached), else dense.
double sparseLatency(const HardwareLayer& layer, const Folding& folding, double maxStreamCost);

// Cycles from a layer's first input to its first output (line buffers filling), for the
// pipeline depth.
double pipelineDepth(const HardwareLayer& layer, const Folding& folding);

// DSP and BRAM from the reference's models; LUT and FF from the analytic estimate documented
// in LayerModel.cpp.
ResourceUsage layerResources(const HardwareLayer& layer, const Folding& folding, const ModelSettings& settings);

// Bits of weights one reload brings on chip (0 for layers without weights).
double weightBitsPerReload(const HardwareLayer& layer, const Folding& folding, const ModelSettings& settings);

// Helpers of the resource models, exposed for tests.
int64_t dspPerMultiplier(int aBits, int bBits);                   // ceil(a/18)*ceil(b/27)
int64_t bram18(int64_t depth, int64_t width, bool fifo = false); // one memory of depth x width bits

using foldwise::divisors;

} // namespace foldwise::fpgaconvnet
