// Per-node dispatch: folding constraints (FINN's divisibility asserts and implementation-style
// rules) and the estimate of each op.
#include "hw/finn/FinnNodeModel.h"

#include "hw/finn/FinnFormulas.h"

namespace foldwise::finn {

using formulas::divisors;

bool hasPe(FinnOp op)
{
    return op == FinnOp::Mvau || op == FinnOp::Vvau || op == FinnOp::Thresholding || op == FinnOp::StreamingMaxPool
        || op == FinnOp::LabelSelect || op == FinnOp::DuplicateStreams || op == FinnOp::AddStreams || op == FinnOp::Pool
        || op == FinnOp::GlobalAccPool || op == FinnOp::ChannelwiseOp;
}

bool hasSimd(FinnOp op)
{
    return op == FinnOp::Mvau || op == FinnOp::Vvau || op == FinnOp::ConvolutionInputGenerator
        || op == FinnOp::FmPadding || op == FinnOp::DownSampler;
}

namespace {

// What PE must divide, and FINN's attribute name for it.
std::pair<int64_t, const char*> peBound(const FinnNode& n)
{
    switch (n.op) {
    case FinnOp::Mvau:
        return {n.mh, "MH"};
    case FinnOp::Vvau:
    case FinnOp::Pool:
        return {n.channels, "Channels"};
    case FinnOp::LabelSelect:
        return {n.channels, "Labels"};
    default:
        return {n.channels, "NumChannels"};
    }
}

std::pair<int64_t, const char*> simdBound(const FinnNode& n)
{
    switch (n.op) {
    case FinnOp::Mvau:
        return {n.mw, "MW"};
    case FinnOp::Vvau:
        return {n.kernel[0] * n.kernel[1], "k_h * k_w"};
    case FinnOp::ConvolutionInputGenerator:
        return {n.channels, "IFMChannels"};
    default:
        return {n.channels, "NumChannels"};
    }
}

// StreamingMaxPool.is_1d (either orientation).
bool poolIs1D(const FinnNode& n)
{
    return (n.ifmDim[0] == 1 && n.kernel[0] == 1) || (n.ifmDim[1] == 1 && n.kernel[1] == 1);
}

} // namespace

std::vector<int64_t> allowedPe(const FinnNode& node)
{
    return hasPe(node.op) ? divisors(peBound(node).first) : std::vector<int64_t>{};
}

std::vector<int64_t> allowedSimd(const FinnNode& node)
{
    return hasSimd(node.op) ? divisors(simdBound(node).first) : std::vector<int64_t>{};
}

std::string checkFolding(const FinnNode& n, const NodeFolding& f)
{
    const std::string at = n.name + ": ";
    if (f.pe < 1)
        return at + "PE must be at least 1, not " + std::to_string(f.pe);
    if (f.simd < 1)
        return at + "SIMD must be at least 1, not " + std::to_string(f.simd);
    if (hasPe(n.op)) {
        const auto [bound, what] = peBound(n);
        if (bound % f.pe != 0)
            return at + "PE " + std::to_string(f.pe) + " does not divide " + what + " " + std::to_string(bound);
    } else if (f.pe != 1) {
        return at + n.opType() + " has no PE";
    }
    if (hasSimd(n.op)) {
        const auto [bound, what] = simdBound(n);
        if (bound % f.simd != 0)
            return at + "SIMD " + std::to_string(f.simd) + " does not divide " + what + " " + std::to_string(bound);
    } else if (f.simd != 1) {
        return at + n.opType() + " has no SIMD";
    }
    if (n.op == FinnOp::Vvau && f.simd > 1 && f.pe != n.channels)
        return at + "SIMD " + std::to_string(f.simd) + " > 1 needs PE = Channels " + std::to_string(n.channels)
            + " (FINN's depthwise SWG needs PE fully unfolded first)";
    if (f.parallelWindow) {
        if (n.op != FinnOp::ConvolutionInputGenerator || n.backend != Backend::Rtl)
            return at + "parallel_window is an attribute of ConvolutionInputGenerator_rtl only";
        const bool pointwise = n.kernel[0] == 1 && n.kernel[1] == 1;
        if (!n.depthwise && !pointwise && f.simd != n.channels)
            return at + "parallel_window needs SIMD = IFMChannels " + std::to_string(n.channels);
    }
    if (((n.op == FinnOp::Thresholding && n.backend == Backend::Hls) || n.op == FinnOp::ChannelwiseOp)
        && f.ramStyle != RamStyle::Distributed && f.ramStyle != RamStyle::Block)
        return at + n.opType() + " ram_style must be \"distributed\" or \"block\"";
    if (n.op == FinnOp::Mvau && f.ramStyleThresholds == RamStyle::Ultra)
        return at + "ram_style_thresholds must be \"auto\", \"block\" or \"distributed\"";
    if (f.depthTriggerBram < 0 || f.depthTriggerUram < 0)
        return at + "depth triggers must not be negative";
    return {};
}

std::vector<NodeFolding> foldingCandidates(const FinnNode& node)
{
    std::vector<int64_t> pes = allowedPe(node);
    std::vector<int64_t> simds = allowedSimd(node);
    if (pes.empty())
        pes = {1};
    if (simds.empty())
        simds = {1};
    const bool windowChoice = node.op == FinnOp::ConvolutionInputGenerator && node.backend == Backend::Rtl;
    std::vector<NodeFolding> out;
    for (int64_t pe : pes)
        for (int64_t simd : simds)
            for (bool window : {false, true}) {
                if (window && !windowChoice)
                    continue;
                NodeFolding f = node.folding;
                f.pe = pe;
                f.simd = simd;
                f.parallelWindow = window;
                if (checkFolding(node, f).empty())
                    out.push_back(f);
            }
    return out;
}

NodeEstimate estimateNode(const FinnNode& node, const EstimateOptions& options)
{
    switch (node.op) {
    case FinnOp::Mvau:
        return formulas::mvau(node, options);
    case FinnOp::Vvau:
        return formulas::vvau(node, options);
    case FinnOp::ConvolutionInputGenerator:
        return node.backend == Backend::Hls ? formulas::swgHls(node) : formulas::swgRtl(node);
    case FinnOp::Thresholding:
        return node.backend == Backend::Hls ? formulas::thresholdingHls(node) : formulas::thresholdingRtl(node, options);
    case FinnOp::StreamingMaxPool:
        return formulas::streamingMaxPool(node, options);
    case FinnOp::FmPadding:
        return formulas::fmPadding(node);
    case FinnOp::DownSampler:
        return formulas::downSampler(node);
    case FinnOp::LabelSelect:
        return formulas::labelSelect(node);
    case FinnOp::DuplicateStreams:
        return formulas::duplicateStreams(node);
    case FinnOp::AddStreams:
        return formulas::addStreams(node);
    case FinnOp::StreamingConcat:
        return formulas::streamingConcat(node);
    case FinnOp::Pool:
        return formulas::pool(node);
    case FinnOp::GlobalAccPool:
        return formulas::globalAccPool(node);
    case FinnOp::ChannelwiseOp:
        return formulas::channelwiseOp(node);
    case FinnOp::UpsampleNearestNeighbour:
        return formulas::upsample(node);
    }
    return {};
}

int64_t nodeCycles(const FinnNode& node, const EstimateOptions& options)
{
    return estimateNode(node, options).cycles;
}

int64_t outputWords(const FinnNode& n)
{
    const NodeFolding& f = n.folding;
    const int64_t pixels = n.ofmDim[0] * n.ofmDim[1];
    switch (n.op) {
    case FinnOp::Mvau:
        return n.numInputVectors * (n.mh / f.pe);
    case FinnOp::Vvau:
        return pixels * (n.channels / f.pe);
    case FinnOp::ConvolutionInputGenerator:
        // parallel_window emits a whole window of SIMD channels per word.
        return pixels * (f.parallelWindow ? n.channels / f.simd : n.kernel[0] * n.kernel[1] * n.channels / f.simd);
    case FinnOp::Thresholding:
        return n.numInputVectors * (n.channels / f.pe);
    case FinnOp::StreamingMaxPool:
        return poolIs1D(n) ? pixels * (n.channels / f.pe) : pixels; // 2-D: all channels in one word
    case FinnOp::FmPadding:
    case FinnOp::DownSampler:
        return pixels * (n.channels / f.simd);
    case FinnOp::LabelSelect:
        return n.labelsOut; // one label index per word
    case FinnOp::DuplicateStreams: // per output port
    case FinnOp::AddStreams:
    case FinnOp::ChannelwiseOp:
        return n.numInputVectors * (n.channels / f.pe);
    case FinnOp::Pool:
        return pixels * (n.channels / f.pe);
    case FinnOp::GlobalAccPool:
        return n.channels / f.pe; // one pixel of sums
    case FinnOp::StreamingConcat:
        return n.numInputVectors; // one whole vector per word
    case FinnOp::UpsampleNearestNeighbour:
        return pixels;            // one pixel per word
    }
    return 0;
}

int64_t outputStreamWidth(const FinnNode& n)
{
    const NodeFolding& f = n.folding;
    const int64_t bits = n.outputType.bits;
    switch (n.op) {
    case FinnOp::Mvau:
    case FinnOp::Vvau:
    case FinnOp::Thresholding:
    case FinnOp::DuplicateStreams:
    case FinnOp::AddStreams:
    case FinnOp::ChannelwiseOp:
    case FinnOp::Pool:
    case FinnOp::GlobalAccPool:
        return f.pe * bits;
    case FinnOp::StreamingConcat:
    case FinnOp::UpsampleNearestNeighbour:
        return n.channels * bits; // main: unfolded, a whole vector per word
    case FinnOp::ConvolutionInputGenerator:
        return f.simd * bits * (f.parallelWindow ? n.kernel[0] * n.kernel[1] : 1);
    case FinnOp::StreamingMaxPool:
        return (poolIs1D(n) ? f.pe : n.channels) * bits;
    case FinnOp::FmPadding:
    case FinnOp::DownSampler:
        return f.simd * bits;
    case FinnOp::LabelSelect:
        return bits;
    }
    return 0;
}

int64_t inputStreamWidth(const FinnNode& n, int port)
{
    const NodeFolding& f = n.folding;
    const int64_t bits = n.inputType.bits;
    switch (n.op) {
    case FinnOp::Mvau:
        return f.simd * bits;
    case FinnOp::Vvau:
        return f.simd * f.pe * bits;
    case FinnOp::ConvolutionInputGenerator:
    case FinnOp::FmPadding:
    case FinnOp::DownSampler:
        return f.simd * bits;
    case FinnOp::Thresholding:
    case FinnOp::LabelSelect:
    case FinnOp::DuplicateStreams:
    case FinnOp::AddStreams: // each of in0, in1
    case FinnOp::ChannelwiseOp:
    case FinnOp::Pool:
    case FinnOp::GlobalAccPool:
        return f.pe * bits;
    case FinnOp::StreamingMaxPool:
        return (poolIs1D(n) ? f.pe : n.channels) * bits;
    case FinnOp::StreamingConcat:
        return port >= 0 && static_cast<std::size_t>(port) < n.inputChannels.size()
            ? n.inputChannels[static_cast<std::size_t>(port)] * bits
            : 0;
    case FinnOp::UpsampleNearestNeighbour:
        return n.channels * bits;
    }
    return 0;
}

std::string foldingSummary(const FinnNode& n)
{
    std::string s;
    if (hasPe(n.op))
        s += "PE=" + std::to_string(n.folding.pe);
    if (hasSimd(n.op))
        s += std::string(s.empty() ? "" : " ") + "SIMD=" + std::to_string(n.folding.simd);
    if (n.folding.parallelWindow)
        s += " parallel_window=1";
    return s.empty() ? "-" : s;
}

} // namespace foldwise::finn
