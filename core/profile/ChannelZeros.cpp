#include "profile/ChannelZeros.h"

#include "profile/VectorClones.h"

#include <algorithm>
#include <stdexcept>
#include <vector>

namespace foldwise {
namespace {

// 32-bit counts in blocks keep the comparison loop in vector registers.
FOLDWISE_VECTOR_CLONES
int64_t zerosIn(const float* p, int64_t n)
{
    int64_t total = 0;
    constexpr int64_t kBlock = int64_t(1) << 30;
    for (int64_t begin = 0; begin < n; begin += kBlock) {
        const int64_t end = std::min(n, begin + kBlock);
        int32_t zeros = 0;
        for (int64_t i = begin; i < end; ++i)
            zeros += p[i] == 0.0f ? 1 : 0;
        total += zeros;
    }
    return total;
}

// Adds the zeros of each channel over `pixels` rows (pixels < 2^31) into 32-bit counters.
FOLDWISE_VECTOR_CLONES
void zerosPerChannel(const float* __restrict data, int64_t pixels, int64_t channels, int32_t* __restrict zeros)
{
    for (int64_t p = 0; p < pixels; ++p) {
        const float* __restrict row = data + p * channels;
        for (int64_t c = 0; c < channels; ++c)
            zeros[c] += row[c] == 0.0f ? 1 : 0;
    }
}

} // namespace

void accumulateChannelZerosChannelsLast(const float* data, int64_t pixels, int64_t channels,
                                        std::span<int64_t> channelZeros)
{
    if (static_cast<int64_t>(channelZeros.size()) != channels)
        throw std::invalid_argument("accumulateChannelZerosChannelsLast: one count per channel is needed");
    std::vector<int32_t> local(static_cast<std::size_t>(channels));
    constexpr int64_t kBlock = int64_t(1) << 30; // keeps the 32-bit counters from overflowing
    for (int64_t begin = 0; begin < pixels; begin += kBlock) {
        std::fill(local.begin(), local.end(), 0);
        zerosPerChannel(data + begin * channels, std::min(kBlock, pixels - begin), channels, local.data());
        for (std::size_t c = 0; c < local.size(); ++c)
            channelZeros[c] += local[c];
    }
}

void accumulateChannelZeros(const float* data, int64_t outer, int64_t channels, int64_t inner,
                            std::span<int64_t> channelZeros)
{
    if (static_cast<int64_t>(channelZeros.size()) != channels)
        throw std::invalid_argument("accumulateChannelZeros: one count per channel is needed");
    if (inner == 1) {
        // N x F activations (after Gemm): rows of channels, no planes to share out.
        for (int64_t n = 0; n < outer; ++n)
            for (int64_t c = 0; c < channels; ++c)
                channelZeros[static_cast<std::size_t>(c)] += data[n * channels + c] == 0.0f ? 1 : 0;
        return;
    }
    const int64_t planes = outer * channels;
    const bool parallel = planes > 1 && planes * inner > (int64_t(1) << 16);
#pragma omp parallel if (parallel)
    {
        std::vector<int64_t> local(channelZeros.size(), 0);
#pragma omp for schedule(static)
        for (int64_t p = 0; p < planes; ++p)
            local[static_cast<std::size_t>(p % channels)] += zerosIn(data + p * inner, inner);
#pragma omp critical(foldwise_channel_zeros)
        for (std::size_t c = 0; c < channelZeros.size(); ++c)
            channelZeros[c] += local[c];
    }
}

} // namespace foldwise
