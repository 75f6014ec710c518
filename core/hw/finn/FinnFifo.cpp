// The rate-mismatch FIFO rule and StreamingFIFO's resource estimates (streamingfifo.py,
// rtl/streamingfifo_rtl.py).
#include "hw/finn/FinnFifo.h"

#include "hw/finn/FinnFormulas.h"

#include <algorithm>
#include <cmath>
#include <numeric>

namespace foldwise::finn {

FifoEstimate estimateFifo(const FinnNode& producer, int64_t producerCycles, int64_t consumerCycles, int p, int c,
                          int port, double imbalance, int64_t cap)
{
    FifoEstimate f;
    f.producer = p;
    f.consumer = c;
    f.consumerPort = port;
    f.words = outputWords(producer);
    f.width = outputStreamWidth(producer);
    int64_t runAhead = 0;
    if (producerCycles < consumerCycles && consumerCycles > 0)
        runAhead = formulas::ceilDiv(f.words * (consumerCycles - producerCycles), consumerCycles);
    // The words a join's earlier input must hold while the other path fills, at most a frame.
    if (imbalance > 0)
        runAhead = std::max(runAhead, static_cast<int64_t>(std::ceil(imbalance * static_cast<double>(f.words) - 1e-9)));
    runAhead = std::min(runAhead, f.words);
    const auto optimizeDepth = [](int64_t d) { return d <= 2 ? 2 : d <= 32 ? 32 : d; };
    if (runAhead <= 2)
        return f; // optimize_depth gives 2, and InsertFIFO builds no FIFO of depth <= 2
    int64_t depth = optimizeDepth(runAhead);
    if (cap > 0)
        depth = std::min(depth, optimizeDepth(cap)); // CapConvolutionFIFODepths
    if (depth <= 2)
        return f;
    f.requestedDepth = depth;
    f.vivado = depth > kMaxQsrlDepth;
    if (f.vivado) {
        // get_adjusted_depth: Vivado FIFOs round their depth up to a power of two.
        int64_t pow2 = 1;
        while (pow2 < depth)
            pow2 *= 2;
        depth = pow2;
    }
    f.depth = depth;
    // A Vivado FIFO here is in block RAM (ram_style "block"), a Q_srl one in LUTs.
    GivenFifo placed;
    placed.depth = depth;
    placed.width = f.width;
    placed.vivado = f.vivado;
    placed.ramStyle = RamStyle::Block;
    f.estimate = givenFifoEstimate(placed);
    return f;
}

namespace {

// The fraction of a frame node n must take in before its first output (see FinnFifo.h).
double ownFill(const std::vector<FinnNode>& nodes, const FinnNode& n)
{
    const auto pixelsOf = [](const std::array<int64_t, 2>& d) { return static_cast<double>(std::max<int64_t>(1, d[0] * d[1])); };
    const int p = n.producer();
    const FinnNode* before = p >= 0 ? &nodes[static_cast<std::size_t>(p)] : nullptr;
    switch (n.op) {
    case FinnOp::ConvolutionInputGenerator: {
        // The padded rows and columns come from the FMPadding ahead without any input.
        std::array<int64_t, 4> pad{0, 0, 0, 0};
        std::array<int64_t, 2> dims = n.ifmDim;
        if (before && before->op == FinnOp::FmPadding) {
            pad = before->padding;
            dims = before->ifmDim;
        }
        const double rows = static_cast<double>(std::max<int64_t>(0, (n.kernel[0] - 1) * n.dilation[0] - pad[0]));
        const double cols = static_cast<double>(std::max<int64_t>(1, (n.kernel[1] - 1) * n.dilation[1] + 1 - pad[1]));
        return std::min(1.0, (rows * static_cast<double>(dims[1]) + cols) / pixelsOf(dims));
    }
    case FinnOp::StreamingMaxPool:
        return std::min(1.0, (static_cast<double>((n.kernel[0] - 1) * n.ifmDim[1] + n.kernel[1])) / pixelsOf(n.ifmDim));
    case FinnOp::GlobalAccPool:
    case FinnOp::LabelSelect:
        return 1.0;
    case FinnOp::Mvau:
    case FinnOp::Vvau:
        if (before && before->op == FinnOp::ConvolutionInputGenerator)
            return 0.0;
        return 1.0 / static_cast<double>(std::max<int64_t>(1, n.numInputVectors));
    case FinnOp::Thresholding:
        return 1.0 / static_cast<double>(std::max<int64_t>(1, n.numInputVectors));
    default:
        return 0.0;
    }
}

} // namespace

std::vector<double> pathFill(const std::vector<FinnNode>& nodes)
{
    std::vector<double> fill(nodes.size(), 0.0);
    for (std::size_t i = 0; i < nodes.size(); ++i) {
        double in = 0;
        for (const StreamSource& s : nodes[i].inputs)
            if (s.node >= 0)
                in = std::max(in, fill[static_cast<std::size_t>(s.node)]);
        fill[i] = in + ownFill(nodes, nodes[i]);
    }
    return fill;
}

NodeEstimate givenFifoEstimate(const GivenFifo& fifo)
{
    NodeEstimate e;
    int64_t depth = std::max<int64_t>(fifo.depth, 1);
    if (fifo.vivado) {
        int64_t pow2 = 1;
        while (pow2 < depth)
            pow2 *= 2;
        depth = pow2;
    }
    const auto w = fifo.width;
    // lut_estimation: 2 * ceil(log2 depth) address LUTs (Python's math.log(depth, 2)), plus
    // LUTRAM for Q_srl FIFOs (and distributed Vivado ones); bram_estimation: the FINN-R table.
    e.lut = 2 * std::ceil(std::log(static_cast<double>(depth)) / std::log(2.0));
    if (!fifo.vivado || fifo.ramStyle == RamStyle::Distributed)
        e.lut += static_cast<double>(formulas::ceilDiv(depth, 32) * formulas::ceilDiv(w, 2));
    if (fifo.vivado && fifo.ramStyle == RamStyle::Block) {
        e.bram18 = formulas::finnRBram18(static_cast<double>(depth), w);
        if (e.bram18 > 0)
            e.bramEfficiency = static_cast<double>(w * depth) / (e.bram18 * 36 * 512);
    }
    if (fifo.vivado && fifo.ramStyle == RamStyle::Ultra)
        e.uram = static_cast<double>(formulas::ceilDiv(depth, 4096) * formulas::ceilDiv(w, 72));
    return e;
}

DwcEstimate estimateDwc(int64_t inWidth, int64_t outWidth, int p, int c)
{
    DwcEstimate d;
    d.producer = p;
    d.consumer = c;
    if (inWidth <= 0 || outWidth <= 0 || inWidth == outWidth)
        return d;
    d.inWidth = inWidth;
    d.outWidth = outWidth;
    // lut_estimation: L = lcm(in, out); |ceil(log2(in / L))| counter bits where in != L and
    // |ceil(log2(L / out))| where L != out; plus L and out bits of shift registers.
    const int64_t l = std::lcm(inWidth, outWidth);
    double counters = 0, registers = 0;
    if (inWidth != l) {
        counters += std::fabs(std::ceil(std::log2(static_cast<double>(inWidth) / static_cast<double>(l))));
        registers += static_cast<double>(l);
    }
    if (l != outWidth) {
        counters += std::fabs(std::ceil(std::log2(static_cast<double>(l) / static_cast<double>(outWidth))));
        registers += static_cast<double>(outWidth);
    }
    d.estimate.lut = counters + registers;
    return d;
}

} // namespace foldwise::finn
