#pragma once

#include "hw/fpgaconvnet/HardwareLayer.h"

#include <cstdint>
#include <vector>

namespace foldwise::fpgaconvnet {

// Zero skipping in fpgaConvNet's sparse convolution (domain reference, "Sparse convolution"):
// a window with j zeros costs ceil((K - j) / fine) cycles (an all-zero window 0 when skipped,
// else 1). The input channels are dealt to S = coarse_in * coarse_group streams: ordered by their
// expected rate, reshaped to (C/S, S) in snake order, the stream histogram is the mean over the
// rows, and the slowest stream's expected cycles per window, max_s E_s, sets the layer's pace.
double maxStreamCost(const HardwareLayer& layer, int64_t streams, int64_t fine, bool skipAllZeroWindow);

// Expected cycles per window of each channel (sum_j cycles[j] * h[c][j]).
std::vector<double> channelCosts(const HardwareLayer& layer, int64_t fine, bool skipAllZeroWindow);

} // namespace foldwise::fpgaconvnet
