// The layers FINN uses for branching graphs and what surrounds them (duplicatestreams.py,
// addstreams.py, concat.py, pool.py, globalaccpool.py, channelwise_op.py and
// hls/channelwise_op_hls.py, upsampler.py of Xilinx/finn main; core/hw/finn/BRANCH_NOTES.md).
// FINN gives none of them a resource estimate except ChannelwiseOp (HWCustomOp's defaults, 0),
// and neither does this model.
#include "hw/finn/FinnFormulas.h"

#include <bit>
#include <numeric>

namespace foldwise::finn::formulas {

FinnDataType smallestPossible(int64_t value)
{
    // get_accumulator_dt_cands order: BINARY, UINT2..UINT64, (BIPOLAR, TERNARY skipped), INT2...
    if (value >= 0)
        return FinnDataType::unsignedInt(std::max(1, static_cast<int>(std::bit_width(static_cast<uint64_t>(value)))));
    // INT n holds -2^(n-1) .. : the bit length of -value - 1, plus the sign bit.
    return FinnDataType::signedInt(std::max(2, static_cast<int>(std::bit_width(static_cast<uint64_t>(-value - 1))) + 1));
}

FinnDataType addStreamsOutputType(const FinnDataType& in)
{
    // AddStreams.get_output_datatype: 2 * min for a signed input, 2 * max for an unsigned one.
    return smallestPossible(in.isSigned ? 2 * in.min() : 2 * in.max());
}

FinnDataType globalAccPoolOutputType(const FinnDataType& in, int64_t pixels)
{
    return smallestPossible(in.isSigned ? pixels * in.min() : pixels * in.max());
}

NodeEstimate duplicateStreams(const FinnNode& n)
{
    // get_exp_cycles = prod(folded_output_shape[:-1]) = vectors * NumChannels / PE: one word
    // read and written to every output per cycle.
    NodeEstimate e;
    e.cycles = n.numInputVectors * (n.channels / n.folding.pe);
    return e;
}

NodeEstimate addStreams(const FinnNode& n)
{
    NodeEstimate e;
    e.cycles = n.numInputVectors * (n.channels / n.folding.pe);
    return e;
}

NodeEstimate streamingConcat(const FinnNode& n)
{
    // main: no folding; one whole output vector (all inputs' channels) per cycle, so
    // get_exp_cycles = prod(numInputVectors).
    NodeEstimate e;
    e.cycles = n.numInputVectors;
    return e;
}

NodeEstimate pool(const FinnNode& n)
{
    // (Channels * kh * kw / PE) * OutImgDims[0] * OutImgDims[1] * BatchSize (1).
    NodeEstimate e;
    e.cycles = n.channels * n.kernel[0] * n.kernel[1] / n.folding.pe * n.ofmDim[0] * n.ofmDim[1];
    return e;
}

NodeEstimate globalAccPool(const FinnNode& n)
{
    // prod(folded_input_shape[:-1]) + NumChannels / PE: the sum over H * W, then the output.
    NodeEstimate e;
    const int64_t folds = n.channels / n.folding.pe;
    e.cycles = n.numInputVectors * folds + folds;
    return e;
}

// ChannelwiseOp_hls's get_exp_cycles, lut_estimation and bram_estimation are Thresholding_hls's
// formulas on the input's width (not the parameters').
NodeEstimate channelwiseOp(const FinnNode& n)
{
    return thresholdingHls(n);
}

NodeEstimate upsample(const FinnNode& n)
{
    // main: 2-D: OFMDim^2 * batch (1); 1-D (DimMode 1): OFMDim. One pixel per cycle.
    NodeEstimate e;
    const bool oneD = n.ofmDim[1] == 1;
    e.cycles = oneD ? n.ofmDim[0] : n.ofmDim[0] * n.ofmDim[0];
    return e;
}

} // namespace foldwise::finn::formulas
