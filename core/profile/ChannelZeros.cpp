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

} // namespace

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
