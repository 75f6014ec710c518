#pragma once

#include <cstdint>
#include <span>

namespace foldwise {

// Adds the exact zeros (x == 0, either sign; NaN is not zero) of each channel of a row-major
// float tensor viewed as outer x channels x inner (N x C x H*W for NCHW, N x F x 1 for
// N x F) to channelZeros[c]. One vectorised pass; planes are spread over OpenMP threads when
// the tensor is large, and the sums do not depend on the thread count.
void accumulateChannelZeros(const float* data, int64_t outer, int64_t channels, int64_t inner,
                            std::span<int64_t> channelZeros);

// The same for a channels-last tensor: `pixels` rows of `channels` values (N*H*W x C for
// NHWC). One vectorised pass across the channels of each pixel, single-threaded (the profiler
// runs one item per thread).
void accumulateChannelZerosChannelsLast(const float* data, int64_t pixels, int64_t channels,
                                        std::span<int64_t> channelZeros);

} // namespace foldwise
