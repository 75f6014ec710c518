#include "profile/WindowHistogram.h"

#include "exec/kernels/WindowGeometry.h"
#include "model/SpatialAttributes.h"
#include "profile/VectorClones.h"

#include <algorithm>
#include <climits>
#include <cstring>
#include <stdexcept>

namespace foldwise {
namespace {

// Padded rows (or columns) the windows reach: the last window's start plus its extent.
int64_t reach(int64_t out, int64_t stride, int64_t kernel, int64_t dilation)
{
    return (out - 1) * stride + dilation * (kernel - 1) + 1;
}

// Histogram rows are filled through several interleaved copies so that consecutive windows
// with the same zero count do not wait on each other's increment (store-to-load forwarding).
constexpr int kCopies = 4;

struct Scratch {
    std::vector<int32_t> integral;  // (reachH + 1) x (reachW + 1)
    std::vector<uint8_t> mask;      // padded zero mask: one row, or reachH x reachW (direct path)
    std::vector<uint8_t> rows;      // box path: horizontal sums over the kw taps
    std::vector<uint8_t> boxes;     // box path: sums over the whole kh x kw window
    std::vector<uint8_t> windows;   // box path: zeros per window, outH x outW
    std::vector<int64_t> planeHist; // kCopies x (K + 1)
};

// Zero mask of padded row `r` (1 = zero or padding) into `out`, reachW entries. Geometry is
// passed by value: stores through a byte pointer may alias anything, and the loop bounds must
// not be re-read from memory for the loops to vectorise.
template <typename T>
void maskRow(const float* plane, int64_t height, int64_t width, int64_t padTop, int64_t padLeft, int64_t r,
             int64_t reachW, T* __restrict out)
{
    const int64_t inRow = r - padTop;
    if (inRow < 0 || inRow >= height) {
        std::fill(out, out + reachW, T(1));
        return;
    }
    const float* __restrict src = plane + inRow * width - padLeft;
    const int64_t left = std::min(padLeft, reachW);
    const int64_t right = std::min(reachW, padLeft + width);
    std::fill(out, out + left, T(1));
    for (int64_t x = left; x < right; ++x)
        out[x] = src[x] == 0.0f ? T(1) : T(0);
    std::fill(out + right, out + reachW, T(1));
}

template <typename T>
void maskRow(const float* plane, const PlaneWindows& g, int64_t r, int64_t reachW, T* out)
{
    maskRow(plane, g.height, g.width, g.padTop, g.padLeft, r, reachW, out);
}

void integralPlane(const float* plane, const PlaneWindows& g, Scratch& s, int64_t* hist, int64_t bins)
{
    const int64_t reachH = reach(g.outH, g.strideH, g.kernelH, 1);
    const int64_t reachW = reach(g.outW, g.strideW, g.kernelW, 1);
    const int64_t stride = reachW + 1;
    s.integral.resize(static_cast<std::size_t>((reachH + 1) * stride));
    s.mask.resize(static_cast<std::size_t>(reachW));
    int32_t* S = s.integral.data();
    std::fill(S, S + stride, 0);
    for (int64_t r = 0; r < reachH; ++r) {
        maskRow(plane, g, r, reachW, s.mask.data());
        const int32_t* above = S + r * stride;
        int32_t* row = S + (r + 1) * stride;
        row[0] = 0;
        int32_t running = 0;
        for (int64_t x = 0; x < reachW; ++x) {
            running += s.mask[static_cast<std::size_t>(x)];
            row[x + 1] = above[x + 1] + running;
        }
    }
    for (int64_t oh = 0; oh < g.outH; ++oh) {
        const int32_t* top = S + oh * g.strideH * stride;
        const int32_t* bottom = top + g.kernelH * stride;
        for (int64_t ow = 0; ow < g.outW; ++ow) {
            const int64_t x0 = ow * g.strideW, x1 = x0 + g.kernelW;
            const int32_t zeros = bottom[x1] - bottom[x0] - top[x1] + top[x0];
            ++hist[(ow % kCopies) * bins + zeros];
        }
    }
}

void directPlane(const float* plane, const PlaneWindows& g, Scratch& s, int64_t* hist, int64_t bins)
{
    const int64_t reachH = reach(g.outH, g.strideH, g.kernelH, g.dilationH);
    const int64_t reachW = reach(g.outW, g.strideW, g.kernelW, g.dilationW);
    s.mask.resize(static_cast<std::size_t>(reachH * reachW));
    uint8_t* M = s.mask.data();
    for (int64_t r = 0; r < reachH; ++r)
        maskRow(plane, g, r, reachW, M + r * reachW);
    for (int64_t oh = 0; oh < g.outH; ++oh)
        for (int64_t ow = 0; ow < g.outW; ++ow) {
            const uint8_t* corner = M + oh * g.strideH * reachW + ow * g.strideW;
            int64_t zeros = 0;
            for (int64_t i = 0; i < g.kernelH; ++i) {
                const uint8_t* tap = corner + i * g.dilationH * reachW;
                for (int64_t j = 0; j < g.kernelW; ++j)
                    zeros += tap[j * g.dilationW];
            }
            ++hist[(ow % kCopies) * bins + zeros];
        }
}

// Zeros per window of one input channel over all items, as separable box sums over a one-byte
// zero mask. The channel's planes, padding included, are laid out one after another in one
// buffer; the horizontal sums (kw taps) and then the vertical sums (kh rows of those) are each
// one long loop over that whole buffer, computing some values nobody reads (across row and
// plane edges) in exchange for loops long enough to vectorise well even when planes are 7x7.
// The windows the convolution visits are then picked out and counted per zero count. Needs
// K <= 255 (a window's count fits a byte); `hist` is the channel's row of K + 1 counts.
FOLDWISE_VECTOR_CLONES
void boxChannel(const float* data, int64_t batch, int64_t channels, int64_t channel, const PlaneWindows& g,
                Scratch& s, int64_t* hist, int64_t bins)
{
    const int64_t height = g.height, width = g.width, padTop = g.padTop, padLeft = g.padLeft;
    const int64_t kernelH = g.kernelH, kernelW = g.kernelW, strideH = g.strideH, strideW = g.strideW;
    const int64_t dilationH = g.dilationH, dilationW = g.dilationW, outH = g.outH, outW = g.outW;
    const int64_t reachH = reach(outH, strideH, kernelH, dilationH);
    const int64_t reachW = reach(outW, strideW, kernelW, dilationW);
    const int64_t padded = reachH * reachW;
    const int64_t total = batch * padded;
    // Reads run past the last plane by at most this much; those bytes are zero and unused.
    const int64_t tailW = dilationW * (kernelW - 1);
    const int64_t tailH = dilationH * (kernelH - 1) * reachW;
    s.mask.resize(static_cast<std::size_t>(total + tailH + tailW));
    s.rows.resize(static_cast<std::size_t>(total + tailH));
    s.windows.resize(static_cast<std::size_t>(batch * outH * outW));
    uint8_t* const mask = s.mask.data();
    std::fill(mask + total, mask + total + tailH + tailW, uint8_t(0));
    // The padded zero mask (as maskRow, written out here so that it is compiled for the same
    // instruction set as the rest of this function).
    const int64_t left = std::min(padLeft, reachW);
    const int64_t right = std::min(reachW, padLeft + width);
    for (int64_t n = 0; n < batch; ++n) {
        const float* plane = data + (n * channels + channel) * height * width;
        for (int64_t r = 0; r < reachH; ++r) {
            uint8_t* __restrict out = mask + n * padded + r * reachW;
            const int64_t inRow = r - padTop;
            if (inRow < 0 || inRow >= height) {
                std::fill(out, out + reachW, uint8_t(1));
                continue;
            }
            const float* __restrict src = plane + inRow * width - padLeft;
            std::fill(out, out + left, uint8_t(1));
            for (int64_t x = left; x < right; ++x)
                out[x] = static_cast<uint8_t>(src[x] == 0.0f);
            std::fill(out + right, out + reachW, uint8_t(1));
        }
    }
    // Horizontal: rows[i] = zeros among the kw taps starting at i.
    uint8_t* __restrict rows = s.rows.data();
    const int64_t horizontal = total + tailH;
    for (int64_t i = 0; i < horizontal; ++i)
        rows[i] = mask[i];
    for (int64_t j = 1; j < kernelW; ++j) {
        const uint8_t* __restrict tap = mask + j * dilationW;
        for (int64_t i = 0; i < horizontal; ++i)
            rows[i] = static_cast<uint8_t>(rows[i] + tap[i]);
    }
    // Vertical: boxes[i] = zeros in the kh x kw window with its corner at i.
    s.boxes.resize(static_cast<std::size_t>(total));
    uint8_t* __restrict boxes = s.boxes.data();
    for (int64_t i = 0; i < total; ++i)
        boxes[i] = rows[i];
    for (int64_t k = 1; k < kernelH; ++k) {
        const uint8_t* __restrict below = rows + k * dilationH * reachW;
        for (int64_t i = 0; i < total; ++i)
            boxes[i] = static_cast<uint8_t>(boxes[i] + below[i]);
    }
    // The windows the convolution visits.
    uint8_t* __restrict windows = s.windows.data();
    for (int64_t n = 0; n < batch; ++n)
        for (int64_t oh = 0; oh < outH; ++oh) {
            const uint8_t* __restrict corner = boxes + n * padded + oh * strideH * reachW;
            uint8_t* __restrict w = windows + (n * outH + oh) * outW;
            if (strideW == 1)
                std::copy(corner, corner + outW, w);
            else
                for (int64_t ow = 0; ow < outW; ++ow)
                    w[ow] = corner[ow * strideW];
        }
    const int64_t count = batch * outH * outW;
    if (bins <= 16) {
        // Few bins: count each with vectorised compares rather than `count` scattered
        // increments: 32 byte-wide lane counters (a GCC vector, in registers) take up to 255
        // chunks of 32 windows before they are emptied into the total.
        using Lanes = uint8_t __attribute__((vector_size(32)));
        constexpr int64_t kLanes = 32;
        const int64_t chunks = count / kLanes;
        for (int64_t j = 0; j < bins; ++j) {
            const auto bin = static_cast<uint8_t>(j);
            const Lanes wanted = Lanes{} + bin;
            int64_t found = 0;
            for (int64_t begin = 0; begin < chunks; begin += 255) {
                const int64_t end = std::min(chunks, begin + 255);
                Lanes lanes{};
                for (int64_t c = begin; c < end; ++c) {
                    Lanes chunk;
                    std::memcpy(&chunk, windows + c * kLanes, sizeof chunk);
                    lanes -= reinterpret_cast<Lanes>(chunk == wanted); // a match is all ones: -1
                }
                for (int64_t l = 0; l < kLanes; ++l)
                    found += lanes[l];
            }
            for (int64_t i = chunks * kLanes; i < count; ++i)
                found += windows[i] == bin;
            hist[j] += found;
        }
    } else {
        int64_t* copies = s.planeHist.data();
        std::fill(copies, copies + kCopies * bins, 0);
        for (int64_t i = 0; i < count; ++i)
            ++copies[(i % kCopies) * bins + windows[i]];
        for (int copy = 0; copy < kCopies; ++copy)
            for (int64_t j = 0; j < bins; ++j)
                hist[j] += copies[copy * bins + j];
    }
}

} // namespace

PlaneWindows resolveConvWindows(const Node& conv, const Graph& graph, const std::vector<int64_t>& inputDims)
{
    if (inputDims.size() < 3)
        throw std::invalid_argument("the input has rank " + std::to_string(inputDims.size()) + ", expected N x C x spatial");
    const std::size_t spatial = inputDims.size() - 2;
    if (spatial > 2)
        throw std::invalid_argument(std::to_string(spatial) + "-D convolutions have no window histogram (1-D and 2-D only)");
    std::vector<int64_t> kernel = conv.intsAttr("kernel_shape");
    if (kernel.empty() && conv.inputs.size() > 1 && conv.inputs[1] != kNoId) {
        const Tensor& w = graph.tensor(conv.inputs[1]);
        if (w.hasShape && w.shape.isStatic() && w.shape.rank() == spatial + 2) {
            const std::vector<int64_t> v = w.shape.values();
            kernel.assign(v.begin() + 2, v.end());
        }
    }
    if (kernel.size() != spatial)
        throw std::invalid_argument("the kernel shape is unknown or does not match the input's spatial rank");
    WindowAttributes a;
    a.kernel = kernel;
    a.strides = spatialIntsAttr(conv, "strides", spatial, 1);
    a.dilations = spatialIntsAttr(conv, "dilations", spatial, 1);
    a.pads = spatialIntsAttr(conv, "pads", 2 * spatial, 0);
    a.autoPad = conv.stringAttr("auto_pad", "NOTSET");
    if (a.strides.size() != spatial || a.dilations.size() != spatial || a.pads.size() != 2 * spatial)
        throw std::invalid_argument("strides, dilations or pads disagree with the kernel's rank");
    for (std::size_t i = 0; i < spatial; ++i)
        if (a.kernel[i] <= 0 || a.strides[i] <= 0 || a.dilations[i] <= 0 || a.pads[i] < 0 || a.pads[spatial + i] < 0)
            throw std::invalid_argument("non-positive kernel, stride or dilation, or negative pad");
    if (a.autoPad != "NOTSET" && a.autoPad != "VALID" && a.autoPad != "SAME_UPPER" && a.autoPad != "SAME_LOWER")
        throw std::invalid_argument("unknown auto_pad '" + a.autoPad + "'");
    const std::vector<int64_t> in(inputDims.begin() + 2, inputDims.end());
    const WindowGeometry geometry = computeWindowGeometry(a, in);

    PlaneWindows g;
    const std::size_t w = spatial - 1; // the width axis; a 1-D conv has no height axis
    g.width = in[w];
    g.kernelW = a.kernel[w];
    g.strideW = a.strides[w];
    g.dilationW = a.dilations[w];
    g.padLeft = geometry.padBegin[w];
    g.padRight = geometry.padEnd[w];
    g.outW = geometry.output[w];
    if (spatial == 2) {
        g.height = in[0];
        g.kernelH = a.kernel[0];
        g.strideH = a.strides[0];
        g.dilationH = a.dilations[0];
        g.padTop = geometry.padBegin[0];
        g.padBottom = geometry.padEnd[0];
        g.outH = geometry.output[0];
    }
    if (g.outH <= 0 || g.outW <= 0)
        throw std::invalid_argument("the convolution has no output windows");
    const int64_t reachH = reach(g.outH, g.strideH, g.kernelH, g.dilationH);
    const int64_t reachW = reach(g.outW, g.strideW, g.kernelW, g.dilationW);
    if ((reachH + 1) > INT_MAX / (reachW + 1))
        throw std::invalid_argument("the padded input plane is too large to profile");
    return g;
}

void accumulateWindowZeros(const float* data, int64_t batch, int64_t channels, const PlaneWindows& g,
                           std::span<int64_t> counts)
{
    const int64_t bins = g.kernelSize() + 1;
    if (static_cast<int64_t>(counts.size()) != channels * bins)
        throw std::invalid_argument("accumulateWindowZeros: counts must hold channels x (K + 1) entries");
    const int64_t planeSize = g.height * g.width;
    // Threads only pay off when there is enough work to share.
    const bool parallel = batch * channels > 1 && batch * channels * (planeSize + g.windowsPerPlane()) > (1 << 15);
    if (bins <= 256) {
        // Channels are independent: each thread fills whole rows of `counts`.
#pragma omp parallel for schedule(dynamic, 1) if (parallel)
        for (int64_t c = 0; c < channels; ++c) {
            thread_local Scratch scratch;
            scratch.planeHist.resize(static_cast<std::size_t>(kCopies * bins));
            boxChannel(data, batch, channels, c, g, scratch, counts.data() + c * bins, bins);
        }
        return;
    }
    // Very large kernels: an integral image per plane (dilation 1) or direct counting.
    const int64_t planes = batch * channels;
    const bool dilated = g.dilationH != 1 || g.dilationW != 1;
#pragma omp parallel if (parallel)
    {
        thread_local Scratch scratch;
        std::vector<int64_t> local(counts.size(), 0);
        scratch.planeHist.resize(static_cast<std::size_t>(kCopies * bins));
        int64_t* hist = scratch.planeHist.data();
#pragma omp for schedule(dynamic, 1)
        for (int64_t p = 0; p < planes; ++p) {
            std::fill(hist, hist + kCopies * bins, 0);
            const float* plane = data + p * planeSize;
            if (dilated)
                directPlane(plane, g, scratch, hist, bins);
            else
                integralPlane(plane, g, scratch, hist, bins);
            int64_t* row = local.data() + (p % channels) * bins;
            for (int copy = 0; copy < kCopies; ++copy)
                for (int64_t j = 0; j < bins; ++j)
                    row[j] += hist[copy * bins + j];
        }
#pragma omp critical(foldwise_window_zeros)
        for (std::size_t i = 0; i < counts.size(); ++i)
            counts[i] += local[i];
    }
}

} // namespace foldwise
