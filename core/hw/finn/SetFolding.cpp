#include "hw/finn/SetFolding.h"

#include "hw/finn/FinnFormulas.h"

#include <algorithm>

namespace foldwise::finn {
namespace {

using formulas::divisors;

class Folder {
public:
    Folder(FinnDesign& design, const SetFoldingOptions& options, const SetFoldingProgressFn& progress,
           SetFoldingResult& result)
        : design_(design), options_(options), progress_(progress), result_(result)
    {
    }

    // One pass over the network; false when cancelled.
    bool run(int pass, int64_t target);

private:
    int64_t cycles(std::size_t i, const NodeFolding& f) const
    {
        FinnNode probe = design_.node(i);
        probe.folding = f;
        return nodeCycles(probe, design_.options());
    }

    // optimize_attribute_val: the smallest divisor of maxValue that brings the node's cycles
    // below the target, else maxValue.
    void optimize(std::size_t i, NodeFolding& f, int64_t NodeFolding::*field, int64_t maxValue, int64_t target) const
    {
        f.*field = 1;
        for (int64_t v : divisors(maxValue)) {
            f.*field = v;
            if (cycles(i, f) < target)
                break;
        }
    }

    void warn(const std::string& text)
    {
        if (std::find(result_.warnings.begin(), result_.warnings.end(), text) == result_.warnings.end())
            result_.warnings.push_back(text);
    }

    FinnDesign& design_;
    const SetFoldingOptions& options_;
    const SetFoldingProgressFn& progress_;
    SetFoldingResult& result_;
};

bool Folder::run(int pass, int64_t target)
{
    const std::size_t count = design_.size();
    for (std::size_t i = 0; i < count; ++i) {
        if (progress_ && !progress_(SetFoldingProgress{pass, i, count}))
            return false;
        const FinnNode& n = design_.node(i);
        NodeFolding f = n.folding;
        switch (n.op) {
        case FinnOp::Mvau: {
            f.pe = 1;
            f.simd = 1;
            // Raise SIMD until the target is met or the weight stream per PE gets wider than
            // mvau_wwidth_max (FINN checks the target first, so a SIMD that meets it stays
            // even when too wide).
            for (int64_t simd : divisors(n.mw)) {
                const int64_t previous = f.simd;
                f.simd = simd;
                if (cycles(i, f) < target)
                    break;
                if (n.weightType.bits * f.simd > options_.mvauWwidthMax) {
                    f.simd = previous;
                    break;
                }
            }
            optimize(i, f, &NodeFolding::pe, n.mh, target);
            break;
        }
        case FinnOp::Thresholding:
        case FinnOp::DuplicateStreams: // pe_ops: PE up to NumChannels
        case FinnOp::AddStreams:
        case FinnOp::GlobalAccPool:
        case FinnOp::ChannelwiseOp:
        case FinnOp::LabelSelect: // its own case in FINN, PE up to Labels (= channels here)
            optimize(i, f, &NodeFolding::pe, n.channels, target);
            break;
        case FinnOp::Pool:
            // depthwise_op_exceptions: PE up to Channels; the depthwise SWG in front takes
            // SIMD = PE (FinnDesign ties it), without parallel_window.
            optimize(i, f, &NodeFolding::pe, n.channels, target);
            break;
        case FinnOp::Vvau: {
            // PE first; SIMD (input window parallelism) only once PE is exhausted. The
            // depthwise SWG follows (FinnDesign ties its SIMD to this PE).
            f.simd = 1;
            optimize(i, f, &NodeFolding::pe, n.channels, target);
            if (f.pe == n.channels && cycles(i, f) > target) {
                const bool rtlSwg = n.linked < 0 || design_.node(static_cast<std::size_t>(n.linked)).backend == Backend::Rtl;
                if (rtlSwg)
                    optimize(i, f, &NodeFolding::simd, n.kernel[0] * n.kernel[1], target);
                else
                    warn(n.name + ": SIMD kept at 1; FINN would raise it although the HLS SWG it needs then "
                         "has no parallel_window");
            }
            break;
        }
        case FinnOp::ConvolutionInputGenerator:
            if (n.depthwise)
                continue; // set together with its VVAU or Pool
            if (n.backend == Backend::Rtl)
                f.parallelWindow = false;
            optimize(i, f, &NodeFolding::simd, n.channels, target);
            if (n.backend == Backend::Rtl && f.simd == n.channels && cycles(i, f) > target)
                f.parallelWindow = true;
            break;
        case FinnOp::DownSampler:
            optimize(i, f, &NodeFolding::simd, n.channels, target);
            break;
        case FinnOp::FmPadding:
            // FINN's simd_ops list has FMPadding_hls only; FMPadding_rtl keeps its folding.
            if (n.backend == Backend::Hls) {
                optimize(i, f, &NodeFolding::simd, n.channels, target);
                break;
            }
            warn("SetFolding doesn't know how to handle op_type " + n.opType());
            continue;
        case FinnOp::StreamingMaxPool:
        case FinnOp::StreamingConcat:          // main: no folding attribute
        case FinnOp::UpsampleNearestNeighbour: // main: no folding attribute
            warn("SetFolding doesn't know how to handle op_type " + n.opType());
            continue;
        }
        design_.setFolding(i, f);
    }
    return true;
}

} // namespace

int64_t targetCyclesPerFrame(double targetFps, double clockNs)
{
    return static_cast<int64_t>((1e9 / clockNs) / targetFps);
}

SetFoldingResult setFolding(FinnDesign& design, const SetFoldingOptions& options, const SetFoldingProgressFn& progress)
{
    SetFoldingResult result;
    Folder folder(design, options, progress, result);
    result.target = options.targetCyclesPerFrame;
    bool finished = folder.run(1, result.target);
    if (finished && options.twoPassRelaxation && design.maxCycles() > options.targetCyclesPerFrame) {
        // The target was missed (a node could not fold further): rebalance around what was
        // achieved, once, without further relaxation.
        const std::vector<NodeFolding> firstPass = design.foldings();
        result.passes = 2;
        result.target = design.maxCycles();
        finished = folder.run(2, result.target);
        if (!finished)
            design.setFoldings(firstPass);
    }
    result.cancelled = !finished;
    result.maxCycles = design.maxCycles();
    const int b = design.bottleneck();
    result.bottleneck = b >= 0 ? design.node(static_cast<std::size_t>(b)).name : "";
    return result;
}

} // namespace foldwise::finn
