#include "hw/fpgaconvnet/Optimisers.h"

#include "hw/fpgaconvnet/CompatibleDesign.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <future>
#include <limits>
#include <numeric>
#include <optional>
#include <random>
#include <span>
#include <stdexcept>

namespace foldwise::fpgaconvnet {
namespace {

// The next larger value after `current` in `options` (sorted), or current.
int64_t nextUp(const std::vector<int64_t>& options, int64_t current)
{
    const auto it = std::upper_bound(options.begin(), options.end(), current);
    return it == options.end() ? current : *it;
}

int64_t nextDown(const std::vector<int64_t>& options, int64_t current)
{
    const auto it = std::lower_bound(options.begin(), options.end(), current);
    return it == options.begin() ? current : *(it - 1);
}

// Keeps weights reloading a factor of F / (groups * coarse_out) after coarse_out changed.
Folding withValidReloading(const HardwareLayer& l, Folding f)
{
    if (l.type == LayerType::Convolution)
        f.weightsReloading = std::gcd(f.weightsReloading, l.filters / (l.groups * f.coarseOut));
    else if (l.type == LayerType::InnerProduct)
        f.weightsReloading = std::gcd(f.weightsReloading, l.filters / f.coarseOut);
    return f;
}

double weight(const ResourceUsage& r, const ResourceUsage& available)
{
    // The resource the step costs most of, as a fraction of the device.
    const auto frac = [](double used, double total) { return total > 0 ? used / total : 0.0; };
    return std::max({frac(r.dsp, available.dsp), frac(r.bram18, available.bram18), frac(r.lut, available.lut),
                     frac(r.ff, available.ff)});
}

ResourceUsage minus(const ResourceUsage& a, const ResourceUsage& b)
{
    return {a.dsp - b.dsp, a.bram18 - b.bram18, a.lut - b.lut, a.ff - b.ff, a.uram - b.uram};
}

// Partitions as long as fit at folding 1, each with its one structural reloading layer (as
// fpgaConvNet reloads) reloading as little as needed.
Design partitionByCuts(const Evaluator& e)
{
    Design d = e.design();
    const int n = static_cast<int>(d.graph.layers.size());
    std::vector<int> ends; // valid partition ends, ascending
    for (int i = 1; i < n; ++i)
        if (e.validCut(i))
            ends.push_back(i);
    ends.push_back(n);
    // The smallest reloading of [first, last)'s structural layer that fits; -1 if none does.
    const auto fitting = [&](int first, int last, std::string& why) -> int64_t {
        const int wr = structuralReloadingLayer(d, first, last);
        std::vector<int64_t> factors{1};
        if (wr >= 0)
            factors = foldingOptions(d.graph.layers[static_cast<std::size_t>(wr)], d.settings).weightsReloading;
        for (int64_t f : factors) {
            if (wr >= 0)
                d.folding[static_cast<std::size_t>(wr)].weightsReloading = f;
            try {
                const EvaluatedPartition p = evaluateCompatiblePartition(d, 0, first, last);
                // Foldwise's own model runs the partition at its own interval, and the traffic
                // (weights streamed from off-chip memory above all) scales with the rate, as the
                // Evaluator scales it: a range fpgaConvNet's slow folding-1 interval streams
                // easily may be far over the bandwidth at Foldwise's.
                double bandwidth = p.figures.bandwidthGbps;
                if (d.settings.costModel == CostModel::Native) {
                    double interval = 0;
                    for (int i = first; i < last; ++i)
                        interval = std::max(interval, e.layerLatency(static_cast<std::size_t>(i)));
                    if (interval > 0)
                        bandwidth *= p.figures.interval / interval;
                }
                why = compatibleExcess(p.figures.resources, bandwidth, d);
            } catch (const std::exception& ex) {
                why = ex.what();
            }
            if (why.empty())
                return f;
        }
        if (wr >= 0)
            d.folding[static_cast<std::size_t>(wr)].weightsReloading = 1;
        return -1;
    };
    std::vector<int> starts{0};
    std::size_t next = 0;
    while (starts.back() < n) {
        const int first = starts.back();
        int chosenEnd = -1;
        std::string why;
        for (std::size_t k = next; k < ends.size(); ++k) {
            std::string problem;
            if (fitting(first, ends[k], problem) < 0) {
                if (chosenEnd < 0)
                    why = problem;
                break;
            }
            chosenEnd = ends[k];
            next = k + 1;
        }
        if (chosenEnd < 0)
            throw std::runtime_error("layers from '" + d.graph.layers[static_cast<std::size_t>(first)].name
                                     + "' to the next valid partition end do not fit the device even at folding 1 with "
                                       "their weights reloaded (" + why + ")");
        // Trials of longer partitions set reloading on their own structural layers; only the
        // chosen partition's may keep one (fpgaConvNet reloads nothing else).
        for (int i = first; i < n; ++i)
            d.folding[static_cast<std::size_t>(i)].weightsReloading = 1;
        std::string ignored;
        fitting(first, chosenEnd, ignored); // leaves the chosen reloading in d
        if (chosenEnd < n)
            starts.push_back(chosenEnd);
        else
            break;
    }
    d.partitionStarts = starts;
    Evaluator check(d);
    return check.design();
}

} // namespace

Design partitionToFit(Design design)
{
    Evaluator e(std::move(design));
    for (std::size_t i = 0; i < e.layerCount(); ++i)
        e.setFolding(i, Folding{});
    if (e.feasible())
        return e.design();
    return partitionByCuts(e);
}

namespace {

// The best single step up of one layer's folding (one parameter to its next value, or one
// weight reload fewer), by time saved per resource added; `current` when none helps. The
// partition's slowest layer may take a step that speeds it up without slowing the partition
// (layers tied for slowest are raised one by one); any other layer only one that cuts the
// partition's cycles (its pipeline depth, at small batches).
Folding bestStep(Evaluator& e, std::size_t p, std::size_t layer, bool slowest, const GreedyOptions& options, bool reloadingSteps)
{
    const ResourceUsage& available = e.design().platform.resources;
    const ModelSettings& settings = e.design().settings;
    const HardwareLayer& l = e.design().graph.layers[layer];
    const Folding current = e.design().folding[layer];
    const FoldingOptions opts = foldingOptions(l, settings, current.coarseOut);
    const double before = e.layerLatency(layer);
    const ResourceUsage usedBefore = e.layerResources(layer);
    std::vector<Folding> steps;
    const auto add = [&](Folding f) {
        f = withValidReloading(l, f);
        if (f != current && isFeasible(l, f, settings))
            steps.push_back(f);
    };
    if (l.type == LayerType::Convolution || l.type == LayerType::InnerProduct) {
        Folding f = current;
        f.coarseIn = nextUp(opts.coarseIn, current.coarseIn);
        add(f);
        f = current;
        f.coarseOut = nextUp(opts.coarseOut, current.coarseOut);
        add(f);
        f = current;
        f.coarseGroup = nextUp(opts.coarseGroup, current.coarseGroup);
        add(f);
        f = current;
        f.fine = nextUp(opts.fine, current.fine);
        add(f);
        f = current; // fewer weight reloads
        f.weightsReloading = nextDown(opts.weightsReloading, current.weightsReloading);
        add(f);
        // More parallelism paid for with more weight reloads: the reloading layer's memory
        // shrinks, which frees the BRAM (or the bandwidth of streamed weights) the step needs.
        if (reloadingSteps && e.reloadingAllowed(layer))
            for (const auto& [field, values] : {std::pair{&Folding::coarseIn, &opts.coarseIn},
                                                std::pair{&Folding::coarseOut, &opts.coarseOut},
                                                std::pair{&Folding::fine, &opts.fine}}) {
                f = current;
                f.*field = nextUp(*values, current.*field);
                f.weightsReloading = nextUp(foldingOptions(l, settings, f.coarseOut).weightsReloading, current.weightsReloading);
                add(f);
            }
    } else if (l.type != LayerType::Squeeze) {
        const int64_t c = nextUp(opts.coarseIn, current.coarseIn);
        add({c, c, 1, 1});
    }
    Folding best = current;
    double bestScore = -1;
    const double cyclesBefore = e.partitionCycles(p);
    for (const Folding& f : steps) {
        e.setFolding(layer, f);
        const double after = e.layerLatency(layer);
        const double cyclesAfter = e.partitionCycles(p);
        const bool fineStep = f.fine != current.fine;
        const double gain = after > 0 ? before / after : std::numeric_limits<double>::infinity();
        const bool faster = cyclesAfter < cyclesBefore || (slowest && after < before && cyclesAfter <= cyclesBefore);
        if (faster && e.feasible() && !(fineStep && e.layerSparse(layer) && gain <= options.sparseFineGain)) {
            const double cost = weight(minus(e.layerResources(layer), usedBefore), available);
            const double score = std::max(before - after, cyclesBefore - cyclesAfter) / std::max(cost, 1e-9);
            if (score > bestScore) {
                bestScore = score;
                best = f;
            }
        }
    }
    e.setFolding(layer, current);
    return best;
}


// Raises partition p's foldings step by step (bestStep) until no single step speeds it up.
// Returns false when `progress` asked to stop.
bool greedyPartition(Evaluator& e, std::size_t p, const GreedyOptions& options, bool reloadingSteps, int64_t& moves,
                     const OptimiserProgress& progress)
{
    for (;;) {
        const auto [first, last] = e.partitionRange(p);
        // Slowest first; when it cannot get faster, the next layer whose step still cuts the
        // partition's cycles.
        std::vector<std::size_t> order;
        for (int i = first; i < last; ++i)
            order.push_back(static_cast<std::size_t>(i));
        std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) { return e.layerLatency(a) > e.layerLatency(b); });
        bool moved = false;
        // The 16 slowest: a faster layer rarely shortens the partition.
        for (std::size_t k = 0; k < std::min<std::size_t>(order.size(), 16) && !moved; ++k) {
            const Folding step = bestStep(e, p, order[k], k == 0, options, reloadingSteps);
            if (step != e.design().folding[order[k]]) {
                e.setFolding(order[k], step);
                moved = true;
            }
        }
        if (!moved)
            return true;
        ++moves;
        if (progress && moves % 64 == 0 && !progress(moves, e.cost()))
            return false;
    }
}

// Lowers partition p's foldings, one parameter of its most resource-hungry layer at a time,
// until it fits; false when it cannot.
bool shrinkToFit(Evaluator& e, std::size_t p)
{
    const ResourceUsage& available = e.design().platform.resources;
    for (int guard = 0; guard < 100000 && !e.feasible(); ++guard) {
        const auto [first, last] = e.partitionRange(p);
        std::size_t hungriest = e.layerCount();
        double most = 0;
        for (int i = first; i < last; ++i) {
            const Folding& f = e.design().folding[static_cast<std::size_t>(i)];
            if (f.coarseIn * f.coarseOut * f.coarseGroup * f.fine == 1)
                continue;
            const double share = weight(e.layerResources(static_cast<std::size_t>(i)), available);
            if (share > most) {
                most = share;
                hungriest = static_cast<std::size_t>(i);
            }
        }
        if (hungriest == e.layerCount())
            return false;
        const HardwareLayer& l = e.design().graph.layers[hungriest];
        Folding f = e.design().folding[hungriest];
        const FoldingOptions opts = foldingOptions(l, e.design().settings, f.coarseOut);
        // Its largest parameter one value down.
        int64_t* largest = &f.coarseIn;
        const std::vector<int64_t>* values = &opts.coarseIn;
        if (f.coarseOut > *largest) {
            largest = &f.coarseOut;
            values = &opts.coarseOut;
        }
        if (f.fine > *largest) {
            largest = &f.fine;
            values = &opts.fine;
        }
        if (f.coarseGroup > *largest) {
            largest = &f.coarseGroup;
            values = &opts.coarseGroup;
        }
        *largest = nextDown(*values, *largest);
        if (l.type != LayerType::Convolution && l.type != LayerType::InnerProduct)
            f.coarseOut = f.coarseIn;
        f = withValidReloading(l, f);
        if (!isFeasible(l, f, e.design().settings))
            f = Folding{1, 1, 1, 1, f.weightsReloading};
        e.setFolding(hungriest, f);
    }
    return e.feasible();
}

// Only each partition's structural layer may reload its weights (as fpgaConvNet): any other
// layer that does after a change of partitions stops.
void dropStrayReloading(Evaluator& e)
{
    for (std::size_t i = 0; i < e.layerCount(); ++i)
        if (e.design().folding[i].weightsReloading > 1 && !e.reloadingAllowed(i)) {
            Folding f = e.design().folding[i];
            f.weightsReloading = 1;
            e.setFolding(i, withValidReloading(e.design().graph.layers[i], f));
        }
}

// `starts` with the layers of `partitions` brought to fit: their foldings kept and lowered
// until they fit, else reset to folding 1 (weights reloaded as little as fits); nothing when
// neither fits.
std::optional<Evaluator> repartitionTrial(const Evaluator& e, std::vector<int> starts, const std::vector<std::size_t>& partitions)
{
    Design d = e.design();
    d.partitionStarts = std::move(starts);
    Evaluator kept(d);
    dropStrayReloading(kept);
    bool fits = true;
    for (std::size_t p : partitions)
        fits = fits && shrinkToFit(kept, p);
    if (fits && kept.feasible())
        return kept;
    Evaluator trial(d);
    for (std::size_t p : partitions) {
        const auto [first, last] = trial.partitionRange(p);
        for (int i = first; i < last; ++i)
            trial.setFolding(static_cast<std::size_t>(i), Folding{});
        // The structural reloading layer reloads as little as lets the partition fit.
        const int wr = structuralReloadingLayer(trial.design(), first, last);
        if (wr >= 0 && !trial.feasible())
            for (int64_t f : foldingOptions(trial.design().graph.layers[static_cast<std::size_t>(wr)], trial.design().settings).weightsReloading) {
                trial.setFolding(static_cast<std::size_t>(wr), {1, 1, 1, 1, f});
                if (trial.feasible())
                    break;
            }
    }
    if (!trial.feasible())
        return std::nullopt;
    return trial;
}


// One greedy search (see optimiseGreedy) with or without the steps that trade weight reloads
// for parallelism. Returns false in `finished` when `progress` asked to stop.
Evaluator greedySearch(Evaluator e, const GreedyOptions& options, bool reloadingSteps, int64_t& moves,
                       const OptimiserProgress& progress, bool& finished)
{
    finished = false;
    for (std::size_t p = 0; p < e.partitionCount(); ++p)
        if (!greedyPartition(e, p, options, reloadingSteps, moves, progress))
            return e;
    if (!options.repartition) {
        finished = true;
        return e;
    }
    // Then the partitions themselves (fpgaConvNet's greedy merges memory-bound partitions after
    // its folding search): merge neighbours (fewer reconfigurations, what small batches need)
    // or split the slowest (more resources per layer, what large batches need), each trial
    // re-optimised from folding 1, kept when the whole design gets faster.
    for (bool improved = true; improved;) {
        improved = false;
        const std::vector<int> starts = e.design().partitionStarts;
        std::vector<std::pair<std::vector<int>, std::vector<std::size_t>>> trials; // cuts, partitions to re-optimise
        for (std::size_t p = 0; p + 1 < starts.size(); ++p) {
            std::vector<int> merged = starts;
            merged.erase(merged.begin() + static_cast<std::ptrdiff_t>(p + 1));
            trials.push_back({merged, {p}});
        }
        std::vector<std::size_t> byCycles(starts.size());
        std::iota(byCycles.begin(), byCycles.end(), std::size_t{0});
        std::sort(byCycles.begin(), byCycles.end(), [&](std::size_t a, std::size_t b) { return e.partitionCycles(a) > e.partitionCycles(b); });
        for (std::size_t p : byCycles) {
            const auto [first, last] = e.partitionRange(p);
            if (last - first < 2)
                continue;
            // Cut where the partition's cycles at this folding split in half.
            double total = 0, sum = 0;
            for (int i = first; i < last; ++i)
                total += e.layerLatency(static_cast<std::size_t>(i));
            int cut = first + 1;
            for (int i = first; i < last - 1; ++i) {
                sum += e.layerLatency(static_cast<std::size_t>(i));
                cut = i + 1;
                if (sum >= total / 2)
                    break;
            }
            std::vector<int> split = starts;
            split.insert(split.begin() + static_cast<std::ptrdiff_t>(p + 1), cut);
            trials.push_back({split, {p, p + 1}});
        }
        // Cuts moved by a few layers either way: work shifted between neighbours.
        for (std::size_t p = 1; p < starts.size(); ++p)
            for (int shift : {-4, -2, -1, 1, 2, 4}) {
                const int cut = starts[p] + shift;
                const int lo = starts[p - 1], hi = p + 1 < starts.size() ? starts[p + 1] : static_cast<int>(e.layerCount());
                if (cut <= lo || cut >= hi)
                    continue;
                std::vector<int> moved = starts;
                moved[p] = cut;
                trials.push_back({moved, {p - 1, p}});
            }
        for (const auto& [cuts, reset] : trials) {
            std::optional<Evaluator> trial = repartitionTrial(e, cuts, reset);
            if (!trial)
                continue;
            bool go = true;
            for (std::size_t p : reset)
                go = go && greedyPartition(*trial, p, options, reloadingSteps, moves, progress);
            if (trial->feasible() && trial->cost() < e.cost()) {
                e = std::move(*trial);
                improved = true;
                break;
            }
            if (!go)
                return e;
        }
    }
    finished = true;
    return e;
}

// The folding parameters an annealing move may change, one picked at random: a convolution has
// all four and its weights reloading, an inner product coarse_in, coarse_out and reloading.
enum class FoldingMove { CoarseIn, CoarseOut, CoarseGroup, Fine, WeightsReloading };
constexpr std::array kConvolutionMoves{FoldingMove::CoarseIn, FoldingMove::CoarseOut, FoldingMove::CoarseGroup,
                                       FoldingMove::Fine, FoldingMove::WeightsReloading};
constexpr std::array kInnerProductMoves{FoldingMove::CoarseIn, FoldingMove::CoarseOut, FoldingMove::WeightsReloading};

} // namespace

Design optimiseGreedy(Design start, const GreedyOptions& options, const OptimiserProgress& progress)
{
    Evaluator e(std::move(start));
    if (!e.feasible())
        e = Evaluator(partitionToFit(e.design()));
    // Two step sets, each reaching optima the other misses: plain steps, and steps that also
    // pay for parallelism with weight reloads. The faster design wins.
    // They run side by side; only this thread reports progress, and a stop asked for there
    // stops both.
    std::atomic<bool> stop{false};
    int64_t plainMoves = 0, reloadingMoves = 0;
    bool plainFinished = false, reloadingFinished = false;
    const OptimiserProgress reporting = [&](int64_t moves, double cost) {
        if (progress && !progress(moves, cost))
            stop.store(true);
        return !stop.load();
    };
    const OptimiserProgress following = [&](int64_t, double) { return !stop.load(); };
    auto other = std::async(std::launch::async, [&] {
        return greedySearch(e, options, true, reloadingMoves, following, reloadingFinished);
    });
    Evaluator plain = greedySearch(e, options, false, plainMoves, reporting, plainFinished);
    Evaluator reloading = other.get();
    if (!plainFinished || !reloadingFinished)
        return plain.design(); // stopped: the plain search's design so far
    return reloading.feasible() && reloading.cost() < plain.cost() ? reloading.design() : plain.design();
}

Design optimiseAnnealing(Design start, const AnnealingOptions& o, const OptimiserProgress& progress, int64_t* movesMade)
{
    GreedyOptions greedy;
    greedy.sparseFineGain = o.sparseFineGain;
    greedy.repartition = o.repartition;
    Evaluator e(optimiseGreedy(std::move(start), greedy, progress));
    std::mt19937_64 rng(o.seed);
    std::uniform_real_distribution<double> unit(0.0, 1.0);
    const ModelSettings& settings = e.design().settings;
    std::vector<FoldingOptions> options;
    std::vector<std::size_t> tunable; // layers with more than one folding
    for (std::size_t i = 0; i < e.layerCount(); ++i) {
        options.push_back(foldingOptions(e.design().graph.layers[i], settings));
        const FoldingOptions& f = options.back();
        if (f.coarseIn.size() + f.coarseOut.size() + f.coarseGroup.size() + f.fine.size() > 4)
            tunable.push_back(i);
    }
    std::vector<int> cuts;
    for (int i = 1; i < static_cast<int>(e.layerCount()); ++i)
        if (e.validCut(i))
            cuts.push_back(i);

    Design best = e.design();
    double bestCost = e.cost();
    double cost = bestCost;
    int64_t moves = 0;
    struct Report {
        int64_t& moves;
        int64_t* out;
        ~Report()
        {
            if (out)
                *out = moves;
        }
    } report{moves, movesMade};
    const auto pick = [&](const std::vector<int64_t>& v) { return v[static_cast<std::size_t>(rng() % v.size())]; };
    int64_t iterations = o.iterations;
    if (o.maxMoves > 0 && o.cool > 0 && o.cool < 1 && o.temperature > o.minTemperature) {
        const double steps = std::ceil(std::log(o.minTemperature / o.temperature) / std::log(o.cool));
        iterations = static_cast<int64_t>(std::ceil(static_cast<double>(o.maxMoves) / std::max(1.0, steps)));
    }
    for (double t = o.temperature; t > o.minTemperature; t *= o.cool) {
        for (int64_t it = 0; it < iterations; ++it) {
            if (o.maxMoves > 0 && moves >= o.maxMoves)
                return best;
            ++moves;
            const bool partitionMove = o.partitions && !cuts.empty() && unit(rng) < 0.05;
            std::vector<int> oldStarts;
            std::vector<Folding> oldFoldings; // compatible: reloading dropped by a partition move
            std::size_t layer = 0;
            Folding oldFolding;
            if (partitionMove) {
                oldStarts = e.design().partitionStarts;
                if (e.compatible())
                    oldFoldings = e.design().folding;
                std::vector<int> starts = oldStarts;
                const int cut = cuts[static_cast<std::size_t>(rng() % cuts.size())];
                const auto found = std::find(starts.begin(), starts.end(), cut);
                if (found != starts.end())
                    starts.erase(found);
                else
                    starts.insert(std::upper_bound(starts.begin(), starts.end(), cut), cut);
                e.setPartitions(starts);
                if (e.compatible())
                    dropStrayReloading(e);
            } else {
                if (tunable.empty())
                    return best;
                layer = tunable[static_cast<std::size_t>(rng() % tunable.size())];
                oldFolding = e.design().folding[layer];
                Folding f = oldFolding;
                const FoldingOptions& opt = options[layer];
                const HardwareLayer& l = e.design().graph.layers[layer];
                if (l.type == LayerType::Convolution || l.type == LayerType::InnerProduct) {
                    const std::span<const FoldingMove> choices = l.type == LayerType::Convolution
                        ? std::span<const FoldingMove>(kConvolutionMoves)
                        : std::span<const FoldingMove>(kInnerProductMoves);
                    switch (choices[static_cast<std::size_t>(rng() % choices.size())]) {
                    case FoldingMove::CoarseIn: f.coarseIn = pick(opt.coarseIn); break;
                    case FoldingMove::CoarseOut: f.coarseOut = pick(opt.coarseOut); break;
                    case FoldingMove::CoarseGroup: f.coarseGroup = pick(opt.coarseGroup); break;
                    case FoldingMove::Fine: f.fine = pick(opt.fine); break;
                    case FoldingMove::WeightsReloading:
                        if (e.reloadingAllowed(layer))
                            f.weightsReloading = pick(foldingOptions(l, settings, f.coarseOut).weightsReloading);
                        break;
                    }
                } else {
                    f.coarseIn = f.coarseOut = pick(opt.coarseIn);
                }
                f = withValidReloading(l, f);
                if (f == oldFolding)
                    continue;
                e.setFolding(layer, f);
            }
            const auto undo = [&] {
                if (partitionMove) {
                    e.setPartitions(oldStarts);
                    for (std::size_t i = 0; i < oldFoldings.size(); ++i)
                        if (e.design().folding[i] != oldFoldings[i])
                            e.setFolding(i, oldFoldings[i]);
                } else {
                    e.setFolding(layer, oldFolding);
                }
            };
            if (!e.feasible()) {
                undo();
                continue;
            }
            const double next = e.cost();
            const double relative = (next - cost) / std::max(std::fabs(cost), 1e-300);
            if (relative <= 0 || std::exp(-relative / (o.k * t)) >= unit(rng)) {
                cost = next;
                if (cost < bestCost) {
                    bestCost = cost;
                    best = e.design();
                }
            } else {
                undo();
            }
            if (progress && moves % 1024 == 0 && !progress(moves, bestCost))
                return best;
        }
    }
    return best;
}

} // namespace foldwise::fpgaconvnet
