#include "hw/finn/BudgetedSearch.h"

#include <algorithm>
#include <optional>
#include <tuple>

namespace foldwise::finn {
namespace {

// Resource styles a run applies before folding; see BudgetedSearch.h.
enum class Policy { Configured, BlockRam, Dsp, Lutram, SomeInLutram, SomeInUram, SomeInDsp };

// A policy, and for the per-layer ones how many layers (of the fixed order) move.
struct PolicyChoice {
    Policy policy = Policy::Configured;
    std::size_t count = 0;
};

std::string policyName(const PolicyChoice& c)
{
    switch (c.policy) {
    case Policy::Configured:
        return "as configured";
    case Policy::BlockRam:
        return "memories in BRAM";
    case Policy::Dsp:
        return "multipliers in DSPs";
    case Policy::Lutram:
        return "memories in LUTRAM";
    case Policy::SomeInLutram:
        return "weights of " + std::to_string(c.count) + " layer(s) in LUTRAM, the others in BRAM";
    case Policy::SomeInUram:
        return "weights of " + std::to_string(c.count) + " layer(s) in URAM, the others in BRAM";
    case Policy::SomeInDsp:
        return "multipliers of " + std::to_string(c.count) + " layer(s) in DSPs, the others in LUTs";
    }
    return "";
}

bool isCompute(const FinnNode& n)
{
    return n.op == FinnOp::Mvau || n.op == FinnOp::Vvau;
}

// Compute-layer indices by descending score, ties in network order. Each layer is estimated
// twice, with `restyle` applying the style it has before and after the move to two copies of its
// folding; `score` rates the move from those two estimates (nullopt: the layer does not move).
template <class Restyle, class Score>
std::vector<std::size_t> moveOrder(const FinnNetwork& network, const EstimateOptions& eo, Restyle restyle, Score score)
{
    std::vector<std::pair<double, std::size_t>> scored;
    for (std::size_t i = 0; i < network.nodes.size(); ++i) {
        const FinnNode& n = network.nodes[i];
        if (!isCompute(n))
            continue;
        FinnNode before = n, after = n;
        restyle(before.folding, after.folding);
        if (const std::optional<double> s = score(estimateNode(before, eo), estimateNode(after, eo)))
            scored.push_back({*s, i});
    }
    std::stable_sort(scored.begin(), scored.end(), [](const auto& a, const auto& b) { return a.first > b.first; });
    std::vector<std::size_t> order;
    for (const auto& s : scored)
        order.push_back(s.second);
    return order;
}

// The order in which the per-layer DSP policies move multipliers out of LUTs: most LUTs saved
// per DSP spent first (budget-independent, like the memory order below).
std::vector<std::size_t> multiplierMoveOrder(const FinnNetwork& network, const EstimateOptions& eo)
{
    const auto restyle = [](NodeFolding& lut, NodeFolding& dsp) {
        lut.resType = ResType::Lut;
        dsp.resType = ResType::Dsp;
    };
    return moveOrder(network, eo, restyle, [](const NodeEstimate& l, const NodeEstimate& d) -> std::optional<double> {
        const double saved = l.lut - d.lut;
        if (saved <= 0 || d.dsp <= 0)
            return std::nullopt;
        return saved / d.dsp;
    });
}

// The order in which the per-layer policies move weight memories out of BRAM: most BRAM18
// saved per LUT (or URAM) spent first, measured on the network as given. It depends on the
// network only, never on the budget, so every such policy is a fixed style assignment and
// keeps the search budget-monotone.
std::vector<std::size_t> memoryMoveOrder(const FinnNetwork& network, const EstimateOptions& eo, RamStyle target)
{
    const auto restyle = [target](NodeFolding& block, NodeFolding& moved) {
        block.ramStyle = RamStyle::Auto;
        moved.ramStyle = target;
    };
    return moveOrder(network, eo, restyle, [target](const NodeEstimate& b, const NodeEstimate& m) -> std::optional<double> {
        const double saved = b.bram18 - m.bram18;
        if (saved <= 0)
            return std::nullopt;
        const double spent = target == RamStyle::Ultra ? m.uram - b.uram : m.lut - b.lut;
        return saved / std::max(1.0, spent);
    });
}

void applyPolicy(FinnNetwork& network, const PolicyChoice& choice, const std::vector<std::size_t>& order)
{
    const Policy policy = choice.policy;
    if (policy == Policy::SomeInDsp) {
        for (FinnNode& n : network.nodes)
            if (isCompute(n))
                n.folding.resType = ResType::Lut;
        for (std::size_t k = 0; k < choice.count && k < order.size(); ++k)
            network.nodes[order[k]].folding.resType = ResType::Dsp;
        return;
    }
    if (policy == Policy::SomeInLutram || policy == Policy::SomeInUram) {
        for (FinnNode& n : network.nodes)
            if (isCompute(n)) {
                n.folding.ramStyle = RamStyle::Auto;
                n.folding.resType = ResType::Lut;
            }
        for (std::size_t k = 0; k < choice.count && k < order.size(); ++k)
            network.nodes[order[k]].folding.ramStyle = policy == Policy::SomeInLutram ? RamStyle::Distributed : RamStyle::Ultra;
        return;
    }
    for (FinnNode& n : network.nodes) {
        NodeFolding& f = n.folding;
        const bool compute = isCompute(n);
        // Thresholding_hls and ChannelwiseOp_hls keep their parameters in block or distributed RAM.
        const bool thresholdsHls = (n.op == FinnOp::Thresholding && n.backend == Backend::Hls) || n.op == FinnOp::ChannelwiseOp;
        switch (policy) {
        case Policy::Configured:
            break;
        case Policy::BlockRam:
            if (compute) {
                f.ramStyle = RamStyle::Auto;
                f.resType = ResType::Lut;
            }
            if (n.op == FinnOp::ConvolutionInputGenerator)
                f.ramStyle = RamStyle::Auto;
            if (thresholdsHls)
                f.ramStyle = RamStyle::Block;
            break;
        case Policy::Dsp:
            if (compute)
                f.resType = ResType::Dsp;
            break;
        case Policy::Lutram:
            if (compute)
                f.ramStyle = RamStyle::Distributed;
            if (n.op == FinnOp::ConvolutionInputGenerator || thresholdsHls)
                f.ramStyle = RamStyle::Distributed;
            break;
        case Policy::SomeInLutram:
        case Policy::SomeInUram:
        case Policy::SomeInDsp:
            break;
        }
    }
}

// One rung of a ladder: a folding of the unit's primary node and what the unit then costs.
struct Rung {
    NodeFolding folding;
    int64_t cycles = 0; // the slower of the unit's nodes
    ResourceUsage cost;
    // Bits per cycle in and out of the primary node: wider streams cost data-width converters
    // and wider FIFOs the node's own estimate leaves out (DuplicateStreams, AddStreams and the
    // other ops FINN estimates at zero would otherwise always take their widest folding).
    int64_t width = 0;
};

bool noMore(const ResourceUsage& a, const ResourceUsage& b)
{
    return a.lut <= b.lut && a.bram18 <= b.bram18 && a.uram <= b.uram && a.dsp <= b.dsp;
}

// Fixed preference among same-speed rungs: fewer LUTs, then memories, then DSPs, then the
// smaller parallelism (the candidates' own order).
auto preferenceKey(const Rung& r)
{
    return std::make_tuple(r.cost.lut, r.cost.bram18, r.cost.uram, r.cost.dsp, r.folding.pe, r.folding.simd,
                           r.folding.parallelWindow);
}

class Searcher {
public:
    Searcher(const FinnDesign& start, const BudgetOptions& options, const BudgetSearchProgressFn& progress)
        : start_(start), options_(options), progress_(progress)
    {
    }

    BudgetSearchResult run();

private:
    // One policy's search; run() names the policy of the one it keeps.
    using Run = BudgetSearchResult;

    Run search(const PolicyChoice& policy);
    std::vector<Rung> ladder(const FinnDesign& design, std::size_t primary) const;
    bool fits(const FinnDesign& d) const { return fitsWithin(d.totalResources(), options_.available, options_.limits); }

    const FinnDesign& start_;
    const BudgetOptions& options_;
    const BudgetSearchProgressFn& progress_;
    std::vector<std::size_t> lutramOrder_ = memoryMoveOrder(start_.network(), start_.options(), RamStyle::Distributed);
    std::vector<std::size_t> uramOrder_ = memoryMoveOrder(start_.network(), start_.options(), RamStyle::Ultra);
    std::vector<std::size_t> dspOrder_ = multiplierMoveOrder(start_.network(), start_.options());
};

std::vector<Rung> Searcher::ladder(const FinnDesign& design, std::size_t primary) const
{
    const FinnNode& node = design.node(primary);
    const EstimateOptions& eo = design.options();
    std::vector<Rung> all;
    for (const NodeFolding& f : foldingCandidates(node)) {
        if (!design.checkFolding(primary, f).empty())
            continue;
        FinnNode probe = node;
        probe.folding = f;
        const NodeEstimate e = estimateNode(probe, eo);
        Rung r{f, e.cycles, e.resources(), inputStreamWidth(probe) + outputStreamWidth(probe)};
        if (node.linked >= 0) {
            // The depthwise SWG moves with its VVAU or Pool.
            FinnNode swg = design.node(static_cast<std::size_t>(node.linked));
            swg.folding = followVvau(swg.folding, f);
            const NodeEstimate s = estimateNode(swg, eo);
            r.cycles = std::max(r.cycles, s.cycles);
            r.cost += s.resources();
        }
        all.push_back(r);
    }
    // Drop dominated rungs: another is no slower and needs no more of anything, stream width
    // included (and, when the two are equal, comes first).
    std::vector<Rung> kept;
    for (std::size_t a = 0; a < all.size(); ++a) {
        bool dominated = false;
        for (std::size_t b = 0; b < all.size() && !dominated; ++b) {
            if (a == b || all[b].cycles > all[a].cycles || !noMore(all[b].cost, all[a].cost) || all[b].width > all[a].width)
                continue;
            const bool equal = all[b].cycles == all[a].cycles && all[b].cost == all[a].cost && all[b].width == all[a].width;
            dominated = !equal || b < a;
        }
        if (!dominated)
            kept.push_back(all[a]);
    }
    // One rung per cycle count, slowest first.
    std::sort(kept.begin(), kept.end(), [](const Rung& x, const Rung& y) {
        if (x.cycles != y.cycles)
            return x.cycles > y.cycles;
        return preferenceKey(x) < preferenceKey(y);
    });
    std::vector<Rung> rungs;
    for (const Rung& r : kept)
        if (rungs.empty() || rungs.back().cycles != r.cycles)
            rungs.push_back(r);
    return rungs;
}

Searcher::Run Searcher::search(const PolicyChoice& policy)
{
    Run run;
    FinnNetwork network = start_.network();
    applyPolicy(network, policy,
                policy.policy == Policy::SomeInUram  ? uramOrder_
                : policy.policy == Policy::SomeInDsp ? dspOrder_
                                                     : lutramOrder_);
    // A design with the policy's styles and the network's foldings (valid: styles do not
    // affect validity except Thresholding_hls ram_style, which the policies keep valid).
    FinnDesign design(std::move(network), start_.options());
    const std::size_t n = design.size();

    // Units: every node except a depthwise SWG, which belongs to its VVAU or Pool.
    std::vector<std::size_t> unitOf(n);
    std::vector<std::vector<Rung>> ladders(n);
    for (std::size_t i = 0; i < n; ++i) {
        const FinnNode& node = design.node(i);
        const bool follower = node.op == FinnOp::ConvolutionInputGenerator && node.depthwise && node.linked >= 0;
        unitOf[i] = follower ? static_cast<std::size_t>(node.linked) : i;
    }
    std::vector<NodeFolding> first = design.foldings();
    for (std::size_t i = 0; i < n; ++i) {
        if (unitOf[i] != i)
            continue;
        ladders[i] = ladder(design, i);
        first[i] = ladders[i].front().folding;
        const int partner = design.node(i).linked;
        if (partner >= 0) {
            NodeFolding& swg = first[static_cast<std::size_t>(partner)];
            swg = followVvau(swg, first[i]);
        }
    }
    design.setFoldings(first);
    if (!fits(design)) {
        run.stopReason = "the slowest folding already exceeds the budget: "
            + firstExcess(design.totalResources(), options_.available, options_.limits);
        return run;
    }
    run.feasible = true;

    std::vector<std::size_t> rung(n, 0);
    const auto name = [&](std::size_t i) { return design.node(i).name; };
    for (;;) {
        const int b = design.bottleneck();
        if (progress_
            && !progress_(BudgetSearchProgress{policyName(policy), run.steps, design.maxCycles(),
                                               b >= 0 ? name(static_cast<std::size_t>(b)) : "", design.totalResources()})) {
            run.cancelled = true;
            run.stopReason = "cancelled";
            break;
        }
        if (b < 0)
            break;
        const std::size_t u = unitOf[static_cast<std::size_t>(b)];
        if (rung[u] + 1 >= ladders[u].size()) {
            run.stopReason = "the bottleneck " + name(static_cast<std::size_t>(b)) + " has no faster configuration";
            break;
        }
        const NodeFolding previous = design.node(u).folding;
        design.setFolding(u, ladders[u][rung[u] + 1].folding);
        if (!fits(design)) {
            run.stopReason = "the next configuration of the bottleneck " + name(static_cast<std::size_t>(b))
                + " exceeds the budget: " + firstExcess(design.totalResources(), options_.available, options_.limits);
            design.setFolding(u, previous);
            break;
        }
        ++rung[u];
        ++run.steps;
    }

    if (options_.rollBack && !run.cancelled) {
        // Undo speed-ups the bottleneck makes pointless: the slowest rung that keeps the node
        // at or below the final max cycles and costs no more of anything.
        const int64_t limit = design.maxCycles();
        for (std::size_t u = 0; u < n; ++u) {
            if (unitOf[u] != u)
                continue;
            const Rung& current = ladders[u][rung[u]];
            for (std::size_t r = 0; r < rung[u]; ++r) {
                const Rung& slower = ladders[u][r];
                if (slower.cycles > limit || !noMore(slower.cost, current.cost))
                    continue;
                const NodeFolding previous = design.node(u).folding;
                design.setFolding(u, slower.folding);
                if (fits(design)) {
                    rung[u] = r;
                    break;
                }
                design.setFolding(u, previous);
            }
        }
    }

    run.foldings = design.foldings();
    run.maxCycles = design.maxCycles();
    run.criticalPathCycles = design.criticalPathCycles();
    run.used = design.totalResources();
    return run;
}

BudgetSearchResult Searcher::run()
{
    BudgetSearchResult result;
    bool haveBest = false;
    std::string firstReason;
    std::vector<PolicyChoice> policies{{Policy::Configured, 0}, {Policy::BlockRam, 0}, {Policy::Dsp, 0}, {Policy::Lutram, 0}};
    // Per-layer memory styles: the first k layers of the fixed order in LUTRAM (URAM when the
    // device has it), the others in BRAM, for every k between none and all.
    for (std::size_t k = 1; k < lutramOrder_.size(); ++k)
        policies.push_back({Policy::SomeInLutram, k});
    if (options_.available.uram > 0)
        for (std::size_t k = 1; k <= uramOrder_.size(); ++k)
            policies.push_back({Policy::SomeInUram, k});
    // Per-layer multipliers: the first k layers of the fixed order in DSPs, the others in LUTs.
    if (options_.available.dsp > 0)
        for (std::size_t k = 1; k < dspOrder_.size(); ++k)
            policies.push_back({Policy::SomeInDsp, k});
    for (const PolicyChoice& policy : policies) {
        Run r = search(policy);
        if (firstReason.empty())
            firstReason = r.stopReason;
        if (r.feasible) {
            // Fastest wins; then the shorter pipeline, then fewer LUTs; earlier policies win
            // exact ties. (Choosing by max cycles first keeps the result budget-monotone.)
            const bool better = !haveBest
                || std::make_tuple(r.maxCycles, r.criticalPathCycles, r.used.lut)
                    < std::make_tuple(result.maxCycles, result.criticalPathCycles, result.used.lut);
            if (better) {
                haveBest = true;
                result = r;
                result.policy = policyName(policy);
            }
        }
        if (r.cancelled) {
            result.cancelled = true;
            break;
        }
    }
    if (!haveBest)
        result.stopReason = firstReason;
    return result;
}

} // namespace

BudgetSearchResult budgetedSearch(const FinnDesign& start, const BudgetOptions& options,
                                  const BudgetSearchProgressFn& progress)
{
    return Searcher(start, options, progress).run();
}

} // namespace foldwise::finn
