#include "profile/VectorClones.h"
#include "profile/WindowHistogram.h"

#include <algorithm>
#include <stdexcept>
#include <vector>

namespace foldwise {
namespace {

// Above this many count values, per-window increments beat one comparison pass per value.
constexpr int64_t kMaxComparedBins = 17;
// 16-bit counters per (zero count, channel) are flushed before they can overflow.
constexpr int64_t kFlushEvery = 65535;

int64_t reach(int64_t out, int64_t stride, int64_t kernel, int64_t dilation)
{
    return (out - 1) * stride + dilation * (kernel - 1) + 1;
}

struct Scratch {
    std::vector<uint8_t> mask;     // reachH x reachW x C: 1 = zero or padding
    std::vector<uint8_t> zeros;    // outW x C: zeros per window of one output row
    std::vector<uint16_t> tallies; // bins x C: windows per (zero count, channel) since the last flush
};

// One padded row of the zero mask: reachW pixels of C bytes.
FOLDWISE_VECTOR_CLONES
void maskRow(const float* __restrict image, const PlaneWindows& g, int64_t channels, int64_t r, int64_t reachW,
             uint8_t* __restrict out)
{
    const int64_t inRow = r - g.padTop;
    if (inRow < 0 || inRow >= g.height) {
        std::fill(out, out + reachW * channels, uint8_t(1));
        return;
    }
    const int64_t left = std::min(g.padLeft, reachW);
    const int64_t right = std::min(reachW, g.padLeft + g.width);
    std::fill(out, out + left * channels, uint8_t(1));
    if (right > left) {
        const float* __restrict src = image + (inRow * g.width + (left - g.padLeft)) * channels;
        const int64_t n = (right - left) * channels;
        uint8_t* __restrict dst = out + left * channels;
        for (int64_t i = 0; i < n; ++i)
            dst[i] = src[i] == 0.0f ? 1 : 0;
    }
    std::fill(out + std::max(left, right) * channels, out + reachW * channels, uint8_t(1));
}

// zeros[ow][c] += mask[row][ow * stride + offset][c] for one kernel tap.
FOLDWISE_VECTOR_CLONES
void addTap(const uint8_t* __restrict row, int64_t outW, int64_t stride, int64_t offset, int64_t channels,
            uint8_t* __restrict zeros)
{
    if (stride == 1) {
        const uint8_t* __restrict src = row + offset * channels;
        for (int64_t i = 0; i < outW * channels; ++i)
            zeros[i] += src[i];
        return;
    }
    for (int64_t ow = 0; ow < outW; ++ow) {
        const uint8_t* __restrict src = row + (ow * stride + offset) * channels;
        uint8_t* __restrict dst = zeros + ow * channels;
        for (int64_t c = 0; c < channels; ++c)
            dst[c] += src[c];
    }
}

// tallies[j][c] += (zeros[ow][c] == j) over `windows` windows, for j = 1..bins-1 (j = 0 is
// what remains).
FOLDWISE_VECTOR_CLONES
void tally(const uint8_t* __restrict zeros, int64_t windows, int64_t channels, int64_t bins,
           uint16_t* __restrict tallies)
{
    for (int64_t w = 0; w < windows; ++w) {
        const uint8_t* __restrict z = zeros + w * channels;
        for (int64_t j = 1; j < bins; ++j) {
            uint16_t* __restrict t = tallies + j * channels;
            const auto value = static_cast<uint8_t>(j);
            for (int64_t c = 0; c < channels; ++c)
                t[c] += z[c] == value ? 1 : 0;
        }
    }
}

void flush(uint16_t* tallies, int64_t windows, int64_t channels, int64_t bins, int64_t* counts)
{
    for (int64_t c = 0; c < channels; ++c) {
        int64_t withZeros = 0;
        for (int64_t j = 1; j < bins; ++j) {
            const uint16_t t = tallies[j * channels + c];
            counts[c * bins + j] += t;
            withZeros += t;
        }
        counts[c * bins] += windows - withZeros;
    }
    std::fill(tallies, tallies + bins * channels, uint16_t(0));
}

void image(const float* data, int64_t channels, const PlaneWindows& g, Scratch& s, int64_t* counts)
{
    const int64_t bins = g.kernelSize() + 1;
    const int64_t reachH = reach(g.outH, g.strideH, g.kernelH, g.dilationH);
    const int64_t reachW = reach(g.outW, g.strideW, g.kernelW, g.dilationW);
    const int64_t rowBytes = reachW * channels;
    s.mask.resize(static_cast<std::size_t>(reachH * rowBytes));
    for (int64_t r = 0; r < reachH; ++r)
        maskRow(data, g, channels, r, reachW, s.mask.data() + r * rowBytes);
    s.zeros.resize(static_cast<std::size_t>(g.outW * channels));
    const bool compare = bins <= kMaxComparedBins;
    if (compare)
        s.tallies.assign(static_cast<std::size_t>(bins * channels), 0);
    int64_t pending = 0; // windows tallied since the last flush
    for (int64_t oh = 0; oh < g.outH; ++oh) {
        std::fill(s.zeros.begin(), s.zeros.end(), uint8_t(0));
        for (int64_t ky = 0; ky < g.kernelH; ++ky) {
            const uint8_t* row = s.mask.data() + (oh * g.strideH + ky * g.dilationH) * rowBytes;
            for (int64_t kx = 0; kx < g.kernelW; ++kx)
                addTap(row, g.outW, g.strideW, kx * g.dilationW, channels, s.zeros.data());
        }
        if (!compare) {
            for (int64_t ow = 0; ow < g.outW; ++ow)
                for (int64_t c = 0; c < channels; ++c)
                    ++counts[c * bins + s.zeros[static_cast<std::size_t>(ow * channels + c)]];
            continue;
        }
        for (int64_t begin = 0; begin < g.outW; begin += kFlushEvery) {
            const int64_t windows = std::min(kFlushEvery, g.outW - begin);
            if (pending + windows > kFlushEvery) {
                flush(s.tallies.data(), pending, channels, bins, counts);
                pending = 0;
            }
            tally(s.zeros.data() + begin * channels, windows, channels, bins, s.tallies.data());
            pending += windows;
        }
    }
    if (compare && pending > 0)
        flush(s.tallies.data(), pending, channels, bins, counts);
}

} // namespace

void accumulateWindowZerosChannelsLast(const float* data, int64_t batch, int64_t channels, const PlaneWindows& g,
                                       std::span<int64_t> counts)
{
    const int64_t bins = g.kernelSize() + 1;
    if (static_cast<int64_t>(counts.size()) != channels * bins)
        throw std::invalid_argument("accumulateWindowZerosChannelsLast: counts must hold channels x (K + 1) entries");
    const int64_t imageSize = g.height * g.width * channels;
    if (bins > 256) {
        // Window zero counts no longer fit a byte: transpose and take the planar path.
        std::vector<float> planar(static_cast<std::size_t>(batch * imageSize));
        for (int64_t n = 0; n < batch; ++n)
            for (int64_t p = 0; p < g.height * g.width; ++p)
                for (int64_t c = 0; c < channels; ++c)
                    planar[static_cast<std::size_t>(n * imageSize + c * g.height * g.width + p)]
                        = data[n * imageSize + p * channels + c];
        accumulateWindowZeros(planar.data(), batch, channels, g, counts);
        return;
    }
#pragma omp parallel if (batch > 1)
    {
        thread_local Scratch scratch;
        std::vector<int64_t> local(counts.size(), 0);
#pragma omp for schedule(dynamic, 1)
        for (int64_t n = 0; n < batch; ++n)
            image(data + n * imageSize, channels, g, scratch, local.data());
#pragma omp critical(foldwise_window_zeros_channels_last)
        for (std::size_t i = 0; i < counts.size(); ++i)
            counts[i] += local[i];
    }
}

} // namespace foldwise
