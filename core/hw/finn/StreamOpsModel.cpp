// The streaming ops around the compute units: Thresholding (thresholding.py and its hls/rtl
// subclasses), StreamingMaxPool (streamingmaxpool.py), FMPadding (fmpadding.py) and DownSampler
// (downsampler.py). FINN gives StreamingMaxPool, FMPadding and DownSampler no resource
// estimates (HWCustomOp's defaults, 0), and neither does this model.
#include "hw/finn/FinnFormulas.h"

#include <algorithm>
#include <cmath>
#include <utility>

namespace foldwise::finn::formulas {
namespace {

// Thresholding get_exp_cycles: prod(folded output shape[:-1]) = vectors * NumChannels / PE.
int64_t thresholdingCycles(const FinnNode& n)
{
    return n.numInputVectors * (n.channels / n.folding.pe);
}

} // namespace

NodeEstimate thresholdingHls(const FinnNode& n)
{
    NodeEstimate e;
    e.cycles = thresholdingCycles(n);
    const int64_t p = n.folding.pe;
    const int64_t a = n.inputType.bits;
    const int64_t tmem = n.channels / p;
    // lut_estimation: A-bit comparators per PE plus LUTRAM for the thresholds.
    e.lut = static_cast<double>(a * p);
    if (n.folding.ramStyle == RamStyle::Distributed && tmem > 1)
        e.lut += static_cast<double>(p * a * ceilDiv(tmem, 64));
    if (n.folding.ramStyle == RamStyle::Block && tmem > 1)
        e.bram18 = static_cast<double>(ceilDiv(a * p, 16) * ceilDiv(tmem, 1024));
    return e;
}

NodeEstimate thresholdingRtl(const FinnNode& n, const EstimateOptions& options)
{
    NodeEstimate e;
    e.cycles = thresholdingCycles(n);
    const int64_t p = n.folding.pe;
    const int64_t cf = n.channels / p;
    const int64_t triggerBram = n.folding.depthTriggerBram;
    const int64_t triggerUram = n.folding.depthTriggerUram;
    // get_pe_mem_geometries (non-uniform thresholds): one memory per output bit, thresholds of
    // the weight type, cf * 2^x deep; get_memory_estimate picks the least-waste primitive
    // for each, restricted by the depth triggers when one is set.
    double bram = 0;
    for (int x = 0; x < n.outputType.bits; ++x) {
        const int64_t depth = cf * (int64_t{1} << x);
        bool uram = true;
        bool block = true;
        bool lutram = true;
        if (triggerBram != 0 || triggerUram != 0) {
            if (depth >= triggerBram && depth < triggerUram) {
                uram = lutram = false;
            } else if (depth >= triggerUram) {
                block = lutram = false;
            }
        }
        const MemoryChoice m = leastWasteMemory(n.weightType.bits, depth, uram, block, lutram);
        const double count = static_cast<double>(p * m.count);
        if (m.family == "LUTRAM")
            e.lut += count;
        else if (m.family == "URAM")
            e.uram += count;
        else
            bram += count;
    }
    if (options.countThresholdBram)
        e.bram18 = bram;
    return e;
}

NodeEstimate streamingMaxPool(const FinnNode& n, const EstimateOptions& options)
{
    NodeEstimate e;
    // get_1d_attrs_normalized: a (D, 1) image is treated as (1, D).
    auto ifm = n.ifmDim;
    auto k = n.kernel;
    if (ifm[1] == 1) {
        std::swap(ifm[0], ifm[1]);
        std::swap(k[0], k[1]);
    }
    if (ifm[0] == 1 && k[0] == 1) {
        // 1-D: ofm * NumChannels/PE * (k + 1), ofm by compute_pool_output_dim (ceil_mode 0).
        const int64_t ofm = (ifm[1] - k[1]) / k[1] + 1;
        e.cycles = ofm * (n.channels / n.folding.pe) * (k[1] + 1);
        return e;
    }
    const double dim = static_cast<double>(ifm[1]);
    const double kw = static_cast<double>(k[1]);
    if (options.maxPoolCycles == MaxPoolCycles::Finn)
        e.cycles = static_cast<int64_t>(static_cast<double>(ifm[1] * ifm[1]) * (1 + 1 / (kw * kw)));
    else
        e.cycles = static_cast<int64_t>(dim * (dim + dim / kw));
    return e;
}

NodeEstimate fmPadding(const FinnNode& n)
{
    NodeEstimate e;
    // (NumChannels / SIMD) * padded H * padded W.
    e.cycles = n.channels / n.folding.simd * n.ofmDim[0] * n.ofmDim[1];
    return e;
}

NodeEstimate downSampler(const FinnNode& n)
{
    NodeEstimate e;
    // NumChannels / SIMD * ImgDim^2 (ImgDim for 1-D), the input image being read in full.
    const bool oneD = n.ifmDim[0] == 1 || n.ifmDim[1] == 1;
    const int64_t dim = std::max(n.ifmDim[0], n.ifmDim[1]);
    e.cycles = n.channels / n.folding.simd * (oneD ? dim : dim * dim);
    return e;
}

NodeEstimate labelSelect(const FinnNode& n)
{
    NodeEstimate e;
    // labelselect.py get_exp_cycles: Labels / PE; FINN gives it no resource estimates.
    e.cycles = n.channels / n.folding.pe;
    return e;
}

} // namespace foldwise::finn::formulas
