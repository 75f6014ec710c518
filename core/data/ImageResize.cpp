#include "data/ImageResize.h"

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <stdexcept>
#include <vector>

namespace foldwise {
namespace {

// The input pixels and weights that make each output pixel along one axis.
struct Taps {
    std::vector<int> first;       // first input pixel of output pixel i
    std::vector<int> count;       // how many input pixels it reads
    std::vector<double> weights;  // `stride` weights per output pixel, normalised to sum 1
    int stride = 0;
};

// PIL's precompute_coeffs (libImaging/Resample.c) for the bilinear filter.
Taps computeTaps(int inSize, int outSize)
{
    const double scale = static_cast<double>(inSize) / outSize;
    const double filterScale = std::max(scale, 1.0);
    const double support = 1.0 * filterScale; // the triangle's support is 1 pixel
    Taps taps;
    taps.stride = static_cast<int>(std::ceil(support)) * 2 + 1;
    taps.first.resize(static_cast<std::size_t>(outSize));
    taps.count.resize(static_cast<std::size_t>(outSize));
    taps.weights.assign(static_cast<std::size_t>(outSize) * static_cast<std::size_t>(taps.stride), 0.0);
    for (int i = 0; i < outSize; ++i) {
        const double centre = (i + 0.5) * scale;
        const int lo = std::max(static_cast<int>(centre - support + 0.5), 0);
        const int hi = std::min(static_cast<int>(centre + support + 0.5), inSize);
        double* w = taps.weights.data() + static_cast<std::size_t>(i) * static_cast<std::size_t>(taps.stride);
        double total = 0.0;
        const int n = std::min(hi - lo, taps.stride);
        for (int k = 0; k < n; ++k) {
            const double distance = std::abs((k + lo - centre + 0.5) / filterScale);
            w[k] = distance < 1.0 ? 1.0 - distance : 0.0;
            total += w[k];
        }
        if (total != 0.0)
            for (int k = 0; k < n; ++k)
                w[k] /= total;
        taps.first[static_cast<std::size_t>(i)] = lo;
        taps.count[static_cast<std::size_t>(i)] = n;
    }
    return taps;
}

std::size_t at(int y, int x, int width, int channels)
{
    return (static_cast<std::size_t>(y) * static_cast<std::size_t>(width) + static_cast<std::size_t>(x))
        * static_cast<std::size_t>(channels);
}

} // namespace

void resizeBilinear(std::span<const float> in, int width, int height, int channels, std::span<float> out,
                    int outWidth, int outHeight)
{
    if (width <= 0 || height <= 0 || outWidth <= 0 || outHeight <= 0 || channels <= 0)
        throw std::invalid_argument("resizeBilinear: sizes must be positive");
    if (in.size() < at(height, 0, width, channels) || out.size() < at(outHeight, 0, outWidth, channels))
        throw std::invalid_argument("resizeBilinear: buffer sizes do not match the dimensions");

    // Horizontal pass: height x outWidth, kept in float as PIL keeps its intermediate image.
    const Taps h = computeTaps(width, outWidth);
    std::vector<float> rows(at(height, 0, outWidth, channels));
    for (int y = 0; y < height; ++y) {
        for (int x = 0; x < outWidth; ++x) {
            const auto ux = static_cast<std::size_t>(x);
            const double* w = h.weights.data() + ux * static_cast<std::size_t>(h.stride);
            for (int c = 0; c < channels; ++c) {
                double sum = 0.0;
                for (int k = 0; k < h.count[ux]; ++k)
                    sum += in[at(y, h.first[ux] + k, width, channels) + static_cast<std::size_t>(c)] * w[k];
                rows[at(y, x, outWidth, channels) + static_cast<std::size_t>(c)] = static_cast<float>(sum);
            }
        }
    }
    // Vertical pass.
    const Taps v = computeTaps(height, outHeight);
    for (int y = 0; y < outHeight; ++y) {
        const auto uy = static_cast<std::size_t>(y);
        const double* w = v.weights.data() + uy * static_cast<std::size_t>(v.stride);
        for (int x = 0; x < outWidth; ++x) {
            for (int c = 0; c < channels; ++c) {
                double sum = 0.0;
                for (int k = 0; k < v.count[uy]; ++k)
                    sum += rows[at(v.first[uy] + k, x, outWidth, channels) + static_cast<std::size_t>(c)] * w[k];
                out[at(y, x, outWidth, channels) + static_cast<std::size_t>(c)] = static_cast<float>(sum);
            }
        }
    }
}

} // namespace foldwise
