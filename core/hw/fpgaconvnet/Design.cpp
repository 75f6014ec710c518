#include "hw/fpgaconvnet/Design.h"

#include "hw/fpgaconvnet/CompatibleDesign.h"
#include "hw/fpgaconvnet/SparseWindows.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <stdexcept>

namespace foldwise::fpgaconvnet {

Design minimalDesign(HardwareGraph graph, Platform platform, DesignSettings settings)
{
    Design d;
    d.folding.assign(graph.layers.size(), Folding{});
    d.graph = std::move(graph);
    d.platform = std::move(platform);
    d.settings = settings;
    return d;
}

Evaluator::Evaluator(Design design) : design_(std::move(design))
{
    const std::size_t n = layerCount();
    if (design_.folding.size() != n)
        throw std::invalid_argument("the design has " + std::to_string(design_.folding.size()) + " foldings for "
                                    + std::to_string(n) + " layers");
    latency_.assign(n, 0);
    denseLatency_.assign(n, 0);
    depth_.assign(n, 0);
    resources_.assign(n, {});
    sparse_.assign(n, false);
    streamCosts_.assign(n, {});
    compatCache_.assign(n, {});
    divisors_.assign(n, {1, 1});
    for (std::size_t i = 0; i < n; ++i)
        if (!isFeasible(design_.graph.layers[i], design_.folding[i], design_.settings))
            throw std::invalid_argument("layer '" + design_.graph.layers[i].name + "': folding "
                                        + describeFolding(design_.graph.layers[i], design_.folding[i]) + " is not feasible");
    setPartitions(design_.partitionStarts);
}

Evaluator::LayerTiming Evaluator::nativeTiming(std::size_t i, const Folding& folding, const compat::LayerParams& params) const
{
    // The layer as its partition runs it: weights reloading shrinks the reloading layer's
    // filters and the channels after it, and fits their coarse factors.
    const HardwareLayer& original = design_.graph.layers[i];
    const bool arithmetic = original.type == LayerType::Convolution || original.type == LayerType::InnerProduct;
    const bool reduced = params.channelsIn != original.channelsIn || (arithmetic && params.filters != original.filters)
        || params.coarseIn != folding.coarseIn || params.coarseOut != folding.coarseOut;
    HardwareLayer adjusted;
    Folding f = folding;
    if (reduced) {
        adjusted = original;
        adjusted.channelsIn = params.channelsIn;
        adjusted.channelsOut = params.channelsOut;
        if (arithmetic)
            adjusted.filters = params.filters;
        f.coarseIn = params.coarseIn;
        f.coarseOut = params.coarseOut;
    }
    const HardwareLayer& l = reduced ? adjusted : original;
    LayerTiming t;
    t.dense = denseLatency(l, f);
    t.sparse = isSparse(l, design_.settings);
    if (t.sparse) {
        const std::pair<int64_t, int64_t> key{f.coarseIn * f.coarseGroup, f.fine};
        auto& cache = streamCosts_[i];
        auto it = cache.find(key);
        if (it == cache.end())
            it = cache.emplace(key, maxStreamCost(l, key.first, key.second, design_.settings.skipAllZeroWindow)).first;
        t.latency = sparseLatency(l, f, it->second);
    } else {
        t.latency = t.dense;
    }
    t.depth = pipelineDepth(l, f);
    return t;
}

LayerTrial Evaluator::tryFolding(std::size_t i, const Folding& folding) const
{
    const HardwareLayer& l = design_.graph.layers[i];
    const compat::LayerParams params = compatibleParams(l, folding, design_.settings, divisors_[i].first, divisors_[i].second);
    const compat::LayerResult r = compat::evaluateLayer(params);
    return {compatible() ? r.latency : nativeTiming(i, folding, params).latency, {r.dsp, r.bram, r.lut, r.ff, r.uram}};
}

void Evaluator::setFolding(std::size_t layer, const Folding& folding)
{
    design_.folding[layer] = folding;
    evaluatePartition(partitionOf(layer));
}

std::size_t Evaluator::partitionOf(std::size_t layer) const
{
    const auto& s = design_.partitionStarts;
    return static_cast<std::size_t>(std::upper_bound(s.begin(), s.end(), static_cast<int>(layer)) - s.begin()) - 1;
}

void Evaluator::evaluatePartition(std::size_t p)
{
    const auto [first, last] = partitionRange(p);
    const auto cached = [this](int layer, const compat::LayerParams& params) {
        auto& cache = compatCache_[static_cast<std::size_t>(layer)];
        const std::array<int64_t, 7> key{params.coarseIn, params.coarseOut, params.coarseGroup, params.fine,
                                         params.channelsIn, params.filters, params.streamWeights};
        auto it = cache.find(key);
        if (it == cache.end())
            it = cache.emplace(key, compat::evaluateLayer(params)).first;
        return it->second;
    };
    PartitionFigures& figures = partitions_[p];
    figures = {};
    try {
        EvaluatedPartition e = evaluateCompatiblePartition(design_, p, first, last, cached);
        double interval = 0, depth = 0;
        for (std::size_t k = 0; k < e.results.size(); ++k) {
            const compat::LayerResult& r = e.results[k];
            const int layer = e.view.designLayer[k];
            if (layer < 0) { // a squeeze fpgaConvNet inserts: both models count it
                interval = std::max(interval, r.latency);
                continue;
            }
            const auto i = static_cast<std::size_t>(layer);
            resources_[i] = {r.dsp, r.bram, r.lut, r.ff, r.uram};
            if (compatible()) {
                latency_[i] = denseLatency_[i] = r.latency;
                sparse_[i] = isSparse(design_.graph.layers[i], design_.settings);
                depth_[i] = r.pipelineDepth;
            } else {
                const LayerTiming t = nativeTiming(i, design_.folding[i], e.view.spec.layers[k].params);
                latency_[i] = t.latency;
                denseLatency_[i] = t.dense;
                sparse_[i] = t.sparse;
                depth_[i] = t.depth;
            }
            // What weights reloading divides this layer's channels by (for tryFolding).
            const compat::LayerParams& seen = e.view.spec.layers[k].params;
            const HardwareLayer& l = design_.graph.layers[i];
            const bool arithmetic = l.type == LayerType::Convolution || l.type == LayerType::InnerProduct;
            divisors_[i] = {std::max<int64_t>(1, l.channelsIn / std::max<int64_t>(1, seen.channelsIn)),
                            std::max<int64_t>(1, (arithmetic ? l.filters : l.channelsOut)
                                                     / std::max<int64_t>(1, arithmetic ? seen.filters : seen.channelsOut))};
            interval = std::max(interval, latency_[i]);
            depth += depth_[i];
        }
        figures.resources = e.figures.resources;
        if (compatible()) {
            figures.interval = e.figures.interval;
            figures.cycles = e.figures.cycles;
            figures.bandwidthGbps = e.figures.bandwidthGbps;
            compatPartitions_[p] = std::move(e.figures);
        } else {
            // The partition runs once per weight chunk, and each further chunk is loaded from
            // off-chip memory at its bandwidth (bits per cycle = Gbit/s / MHz * 1000).
            const int wr = structuralReloadingLayer(design_, first, last);
            const int64_t reloads = e.view.spec.weightsReloading;
            const double reloadBits = wr >= 0 ? weightBitsPerReload(design_.graph.layers[static_cast<std::size_t>(wr)],
                                                                    design_.folding[static_cast<std::size_t>(wr)], design_.settings)
                                              : 0.0;
            const double bitsPerCycle = design_.platform.memoryBandwidthGbps > 0
                ? design_.platform.memoryBandwidthGbps * 1000.0 / design_.platform.frequencyMhz
                : static_cast<double>(design_.platform.portWidth);
            const double reloadCycles = std::ceil(reloadBits / std::max(bitsPerCycle, 1.0));
            figures.interval = interval;
            // Traffic scales with the rate: fpgaConvNet's at its interval, rescaled to ours.
            figures.bandwidthGbps = interval > 0 ? e.figures.bandwidthGbps * e.figures.interval / interval : 0.0;
            figures.cycles = (interval * static_cast<double>(design_.settings.batch) + depth) * static_cast<double>(reloads)
                + static_cast<double>(reloads - 1) * reloadCycles;
        }
    } catch (const std::exception& e) { // a design fpgaConvNet could not build
        figures.cycles = std::numeric_limits<double>::infinity();
        figures.error = e.what();
        if (compatible()) {
            compatPartitions_[p] = {};
            compatPartitions_[p].index = static_cast<int64_t>(p);
            compatPartitions_[p].cycles = figures.cycles;
        }
    }
}

bool Evaluator::reloadingAllowed(std::size_t layer) const
{
    const LayerType t = design_.graph.layers[layer].type;
    if (t != LayerType::Convolution && t != LayerType::InnerProduct)
        return false;
    const auto [first, last] = partitionRange(partitionOf(layer));
    return structuralReloadingLayer(design_, first, last) == static_cast<int>(layer);
}

CompatibleReport Evaluator::compatibleReport() const
{
    if (!compatible())
        throw std::logic_error("compatibleReport: the design is evaluated with the native model");
    return compat::networkReport(compatPartitions_, design_.platform);
}

void Evaluator::setPartitions(std::vector<int> starts)
{
    if (starts.empty() || starts.front() != 0)
        throw std::invalid_argument("partitions must start at layer 0");
    for (std::size_t p = 1; p < starts.size(); ++p)
        if (starts[p] <= starts[p - 1] || !validCut(starts[p]))
            throw std::invalid_argument("a partition cannot start at layer " + std::to_string(starts[p]));
    design_.partitionStarts = std::move(starts);
    partitions_.assign(partitionCount(), {});
    compatPartitions_.assign(compatible() ? partitionCount() : 0, {});
    for (std::size_t p = 0; p < partitionCount(); ++p)
        evaluatePartition(p);
}

std::pair<int, int> Evaluator::partitionRange(std::size_t p) const
{
    const auto& s = design_.partitionStarts;
    return {s[p], p + 1 < s.size() ? s[p + 1] : static_cast<int>(layerCount())};
}

ResourceUsage Evaluator::partitionResources(std::size_t p) const
{
    return partitions_[p].resources;
}

double Evaluator::partitionInterval(std::size_t p) const
{
    return partitions_[p].interval;
}

double Evaluator::partitionCycles(std::size_t p) const
{
    return partitions_[p].cycles;
}

std::string Evaluator::infeasibility() const
{
    for (std::size_t p = 0; p < partitionCount(); ++p) {
        const auto [first, last] = partitionRange(p);
        std::string excess = !partitions_[p].error.empty() ? partitions_[p].error : reloadingProblem(design_, first, last);
        if (excess.empty())
            excess = compatibleExcess(partitions_[p].resources, partitions_[p].bandwidthGbps, design_);
        if (!excess.empty())
            return (partitionCount() > 1 ? "partition " + std::to_string(p) + ": " : std::string()) + excess;
    }
    return {};
}

double Evaluator::latencySeconds() const
{
    double cycles = 0;
    for (std::size_t p = 0; p < partitionCount(); ++p)
        cycles += partitionCycles(p);
    const double seconds = cycles / (design_.platform.frequencyMhz * 1e6);
    const std::size_t n = partitionCount();
    return seconds + (n > 1 ? static_cast<double>(n) * design_.platform.reconfigurationTimeS : 0.0);
}

double Evaluator::throughputFps() const
{
    const double latency = latencySeconds();
    return latency > 0 ? static_cast<double>(design_.settings.batch) / latency : 0.0;
}

double Evaluator::cost() const
{
    return design_.settings.objective == Objective::Latency ? latencySeconds() : -throughputFps();
}

int Evaluator::bottleneck() const
{
    return static_cast<int>(std::max_element(latency_.begin(), latency_.end()) - latency_.begin());
}

NetworkEstimate Evaluator::estimate() const
{
    NetworkEstimate e;
    for (std::size_t i = 0; i < layerCount(); ++i) {
        const HardwareLayer& l = design_.graph.layers[i];
        e.layers.push_back({l.name, l.onnxNode, layerTypeName(l.type), describeFolding(l, design_.folding[i]), denseLatency_[i],
                            latency_[i], sparse_[i], resources_[i]});
    }
    e.bottleneck = static_cast<std::size_t>(bottleneck());
    e.intervalCycles = latency_.empty() ? 0 : latency_[e.bottleneck];
    for (std::size_t p = 0; p < partitionCount(); ++p) {
        e.latencyCycles += partitionCycles(p);
        const ResourceUsage r = partitionResources(p);
        // Partitions share the device one after another: the largest of each resource counts.
        e.total.dsp = std::max(e.total.dsp, r.dsp);
        e.total.bram18 = std::max(e.total.bram18, r.bram18);
        e.total.lut = std::max(e.total.lut, r.lut);
        e.total.ff = std::max(e.total.ff, r.ff);
        e.total.uram = std::max(e.total.uram, r.uram);
    }
    e.clockMhz = design_.platform.frequencyMhz;
    e.batch = design_.settings.batch;
    e.latencySeconds = latencySeconds();
    e.throughputFps = throughputFps();
    e.partitions = static_cast<int>(partitionCount());
    return e;
}

} // namespace foldwise::fpgaconvnet
