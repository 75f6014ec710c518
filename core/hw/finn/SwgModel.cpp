// ConvolutionInputGenerator (sliding window generator): the RTL variant FINN specialises to by
// default (rtl/convolutioninputgenerator_rtl.py) and the 2-D HLS variant
// (hls/convolutioninputgenerator_hls.py, the formula docs/domain-reference.md gives).
#include "hw/finn/FinnFormulas.h"

#include <algorithm>
#include <cmath>
#include <utility>

namespace foldwise::finn::formulas {
namespace {

// Widest RAMB18 aspect ratio that holds `depth` words (the table both SWG variants use).
int64_t ramWidthForDepth(int64_t depth)
{
    if (depth <= 512)
        return 36;
    if (depth <= 1024)
        return 18;
    if (depth <= 2048)
        return 9;
    if (depth <= 4096)
        return 4;
    if (depth <= 8192)
        return 2;
    return 1;
}

bool is1D(const FinnNode& n)
{
    return n.ifmDim[0] == 1 || n.ifmDim[1] == 1;
}

int64_t swgRtlCycles(const FinnNode& n)
{
    const int64_t cf = n.channels / n.folding.simd;
    if (swgRtlParallel(n))
        return n.ifmDim[0] * n.ifmDim[1] * cf + 2; // get_number_input_values() + 2
    auto ifm = n.ifmDim;
    auto ofm = n.ofmDim;
    auto k = n.kernel;
    auto s = n.stride;
    auto d = n.dilation;
    if (is1D(n)) {
        // get_1d_conv_attrs_normalized: a (D, 1) window is treated as (1, D).
        if (ifm[1] == 1) {
            std::swap(ifm[0], ifm[1]);
            std::swap(ofm[0], ofm[1]);
            std::swap(k[0], k[1]);
            std::swap(s[0], s[1]);
            std::swap(d[0], d[1]);
        }
        if (n.depthwise)
            return ofm[1] * k[1] * cf + cf * (k[1] - 1) * (s[1] - 1) - (k[1] - 1) + 2;
        return ofm[1] * k[1] * cf + 2;
    }
    const int64_t bufferMin = ((k[0] - 1) * d[0] * ifm[1] + (k[1] - 1) * d[1] + 1) * cf;
    const int64_t write = ofm[1] * k[1] * k[0] * cf;
    const int64_t read = s[1] * ifm[1] * cf;
    int64_t maxBlock = std::max(write, read);
    if (n.depthwise)
        maxBlock += ofm[1] * (s[1] - 1) * (cf - 1);
    int64_t cycles = bufferMin + ofm[0] * maxBlock;
    if (n.depthwise)
        cycles += (s[0] - 1) * ifm[1] * cf;
    return cycles;
}

// The memory the RTL SWG's line buffer needs, as (depth, count) per style.
std::pair<int64_t, int64_t> swgRtlMemory(const FinnNode& n)
{
    if (!swgRtlParallel(n))
        return {swgRtlBufferDepth(n), 1};
    if (is1D(n))
        return {0, 0}; // no line buffers in the 1-D parallel case
    const int64_t kernelWidth = (n.kernel[1] - 1) * n.dilation[1] + 1;
    return {(n.ifmDim[1] - kernelWidth) + n.ifmDim[1] * (n.dilation[0] - 1), n.kernel[0] - 1};
}

} // namespace

bool swgRtlParallel(const FinnNode& n)
{
    return n.folding.parallelWindow || (n.kernel[0] == 1 && n.kernel[1] == 1);
}

bool swgHlsPossible(const FinnNode& n)
{
    return !is1D(n) && n.kernel[0] == n.kernel[1] && n.ifmDim[0] == n.ifmDim[1] && n.ofmDim[0] == n.ofmDim[1]
        && n.stride[0] == n.stride[1] && n.dilation[0] == 1 && n.dilation[1] == 1;
}

int64_t swgRtlBufferDepth(const FinnNode& n)
{
    const int64_t cf = n.channels / n.folding.simd;
    const int64_t w = n.ifmDim[1];
    const auto& k = n.kernel;
    const auto& d = n.dilation;
    if (swgRtlParallel(n))
        return ((k[0] - 1) * d[0] * w + (k[1] - 1) * d[1]) * cf + 1 + 1;
    const int64_t bufferMin = ((k[0] - 1) * d[0] * w + (k[1] - 1) * d[1] + 1) * cf;
    // Extra room for stride > 1 lets the input be pre-loaded earlier (mmv_in = mmv_out = 1).
    const int64_t taps = k[0] * k[1];
    return bufferMin + std::max<int64_t>(0, ((n.stride[1] - 1) - taps) * cf)
        + std::max<int64_t>(0, ((n.stride[0] - 1) * w - taps) * cf);
}

NodeEstimate swgRtl(const FinnNode& n)
{
    NodeEstimate e;
    e.cycles = swgRtlCycles(n);
    const int64_t width = n.folding.simd * n.inputType.bits;
    const RamStyle style = n.folding.ramStyle;
    const auto [depth, count] = swgRtlMemory(n);
    if (style == RamStyle::Block || style == RamStyle::Auto) {
        // Cascades of up to 16384 words; a deep buffer's last partial cascade may use a wider
        // aspect ratio ("cascade savings").
        const int64_t cascadeDepth = ceilDiv(depth, 16384);
        const int64_t cascadeWidth = ceilDiv(width, ramWidthForDepth(depth));
        int64_t savings = 0;
        if (depth > 16384)
            savings = cascadeWidth - ceilDiv(width, ramWidthForDepth(depth % 16384));
        e.bram18 = static_cast<double>((cascadeDepth * cascadeWidth - savings) * count);
    }
    if (style == RamStyle::Ultra)
        e.uram = static_cast<double>(ceilDiv(depth, 4096) * ceilDiv(width, 72) * count);
    // lut_estimation: 300 plus LUTRAM of the buffer (get_buffer_depth) when distributed.
    e.lut = 300;
    if (style == RamStyle::Distributed)
        e.lut += static_cast<double>(width * ceilDiv(swgRtlBufferDepth(n), 38));
    return e;
}

NodeEstimate swgHls(const FinnNode& n)
{
    NodeEstimate e;
    const int64_t simd = n.folding.simd;
    const int64_t cf = n.channels / simd;
    const int64_t bits = n.inputType.bits;
    // get_exp_cycles (2-D, mmv = 1), after finn-hlslib slidingwindow.h.
    const int64_t write = n.ofmDim[1] * n.kernel[1] * n.kernel[0] * cf;
    const int64_t read = n.stride[1] * n.ifmDim[1] * cf;
    e.cycles = n.ifmDim[1] * n.kernel[0] * n.dilation[0] * cf + n.ofmDim[0] * std::max(write, read);

    // Resources: k + stride line buffers of one image row each (square geometry assumed).
    const int64_t ifmDim = n.ifmDim[0];
    const int64_t k = n.kernel[0];
    const int64_t stride = n.stride[0];
    const int64_t rowWords = ifmDim * n.channels / simd;
    const RamStyle style = n.folding.ramStyle;
    if (style == RamStyle::Block || style == RamStyle::Auto) {
        const int64_t widthMul = ceilDiv(simd * bits, ramWidthForDepth(rowWords));
        const int64_t depthMul = ceilDiv(rowWords, rowWords);
        e.bram18 = static_cast<double>((k + stride) * widthMul * depthMul);
    }
    e.lut = 300;
    if (style == RamStyle::Distributed)
        e.lut += static_cast<double>((k + stride) * (simd * bits * ceilDiv(rowWords, 64)));
    if (style == RamStyle::Ultra)
        e.uram = static_cast<double>((k + stride) * (ceilDiv(simd * bits, 64) * ceilDiv(rowWords, 4096)));
    return e;
}

} // namespace foldwise::finn::formulas
