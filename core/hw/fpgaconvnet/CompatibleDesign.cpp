#include "hw/fpgaconvnet/CompatibleDesign.h"

#include <algorithm>
#include <cmath>
#include <map>
#include <numeric>
#include <stdexcept>

namespace foldwise::fpgaconvnet {
namespace {

using compat::Kind;
using compat::LayerParams;
using compat::LayerResult;

// The largest factor of n not above v (fpgaConvNet's fix_coarse after weights reloading).
int64_t fitDown(int64_t v, int64_t n)
{
    for (int64_t d = std::max<int64_t>(1, std::min(v, n)); d > 1; --d)
        if (n % d == 0)
            return d;
    return 1;
}

std::vector<std::string> sortedNames(const Design& d, const std::vector<int>& indices, int first, int last)
{
    std::vector<std::string> names;
    for (int i : indices)
        if (i >= first && i < last)
            names.push_back(d.graph.layers[static_cast<std::size_t>(i)].name);
    std::sort(names.begin(), names.end());
    return names;
}

// The ONNX node and tensor a Split stands for: its producer's.
const HardwareLayer& onnxSide(const Design& d, const HardwareLayer& l)
{
    if (l.type == LayerType::Split && !l.inputs.empty() && l.inputs.front() >= 0)
        return d.graph.layers[static_cast<std::size_t>(l.inputs.front())];
    return l;
}

// What a BRAM18 block costs held in LUTs (fpgaConvNet's bram_to_lut).
constexpr double kLutsPerBram = 288;

// BRAM blocks the LUTs a partition leaves spare could hold (bram_to_lut's surplus); 0 when
// bram_to_lut is off.
double spareLutBlocks(double lutUsed, const Design& d)
{
    return d.settings.bramToLut ? std::trunc((d.settings.limits.lut * d.platform.resources.lut - lutUsed) / kLutsPerBram) : 0.0;
}

// fpgaConvNet's allocate_memory with off-chip streaming: while the partition holds more BRAM
// than its limit, stream weight blocks from off-chip memory, each time from the layer whose
// streaming costs the fewest extra bits per feature map for the blocks it frees (streaming
// raises the bandwidth the partition needs; the bandwidth limit then decides feasibility).
template <typename Evaluate>
void streamWeightsToFit(compat::PartitionSpec& spec, std::vector<LayerResult>& results, const Design& d, const Evaluate& evaluate)
{
    double used = 0, lut = 0;
    for (const LayerResult& r : results) {
        used += r.bram;
        lut += r.lut;
    }
    // BRAM that spare LUTs can hold (bram_to_lut) needs no streaming.
    const double limit = d.settings.limits.bram18 * d.platform.resources.bram18 + std::max(0.0, spareLutBlocks(lut, d));
    while (used > limit) {
        std::size_t best = results.size();
        double bestCost = 0, bestSaving = 0;
        LayerResult bestResult;
        for (std::size_t k = 0; k < results.size(); ++k) {
            LayerParams& p = spec.layers[k].params;
            if (!compat::hasWeights(p.kind) || p.useUram || static_cast<double>(p.streamWeights) >= results[k].weightBlocks)
                continue;
            const int64_t before = p.streamWeights;
            p.streamWeights = static_cast<int64_t>(std::min(results[k].weightBlocks, static_cast<double>(before) + std::ceil(used - limit)));
            LayerResult trial;
            bool ok = true;
            try {
                trial = evaluate(k);
            } catch (const std::exception&) {
                ok = false;
            }
            p.streamWeights = before;
            const double saving = ok ? results[k].bram - trial.bram : 0;
            if (saving <= 0)
                continue;
            const double cost = (trial.streamBitsPerCycle * trial.latency - results[k].streamBitsPerCycle * results[k].latency) / saving;
            if (best == results.size() || cost < bestCost) {
                best = k;
                bestCost = cost;
                bestSaving = saving;
                bestResult = trial;
            }
        }
        if (best == results.size())
            return; // nothing left to stream: over its BRAM, the partition is infeasible
        LayerParams& p = spec.layers[best].params;
        p.streamWeights = static_cast<int64_t>(std::min(results[best].weightBlocks, static_cast<double>(p.streamWeights) + std::ceil(used - limit)));
        results[best] = bestResult;
        used -= bestSaving;
    }
}

} // namespace

int structuralReloadingLayer(const Design& d, int first, int last)
{
    // Output layers: no consumer inside the partition; the first by name.
    std::string firstOutput;
    int at = -1;
    const auto inside = [&](int j) { return j >= first && j < last; };
    for (int i = first; i < last; ++i) {
        const HardwareLayer& l = d.graph.layers[static_cast<std::size_t>(i)];
        if (std::any_of(l.outputs.begin(), l.outputs.end(), inside))
            continue;
        if (at < 0 || l.name < firstOutput) {
            firstOutput = l.name;
            at = i;
        }
    }
    while (at >= 0) {
        const HardwareLayer& l = d.graph.layers[static_cast<std::size_t>(at)];
        if (l.type == LayerType::Convolution || l.type == LayerType::InnerProduct)
            return at;
        if (l.type == LayerType::Split || l.type == LayerType::Concat || l.type == LayerType::EltWise)
            return -1;
        // Its first predecessor by name inside the partition.
        int next = -1;
        for (int in : l.inputs)
            if (inside(in) && (next < 0 || d.graph.layers[static_cast<std::size_t>(in)].name < d.graph.layers[static_cast<std::size_t>(next)].name))
                next = in;
        at = next;
    }
    return -1;
}

std::string reloadingProblem(const Design& d, int first, int last)
{
    const int wr = structuralReloadingLayer(d, first, last);
    for (int i = first; i < last; ++i)
        if (i != wr && d.folding[static_cast<std::size_t>(i)].weightsReloading > 1)
            return "layer '" + d.graph.layers[static_cast<std::size_t>(i)].name
                + "' reloads its weights, but fpgaConvNet reloads only its partition's last convolution or inner product ("
                + (wr >= 0 ? "'" + d.graph.layers[static_cast<std::size_t>(wr)].name + "'" : std::string("none here")) + ")";
    return {};
}

LayerParams compatibleParams(const HardwareLayer& l, const Folding& f, const DesignSettings& s, int64_t inDivisor,
                             int64_t outDivisor)
{
    LayerParams p;
    p.name = l.name;
    const BitWidths bits = layerBits(l, s);
    p.dataWidth = p.inputWidth = p.outputWidth = bits.data;
    p.weightWidth = bits.weight;
    p.accWidth = bits.accumulator;
    p.rowsIn = l.rowsIn;
    p.colsIn = l.colsIn;
    p.channelsIn = l.channelsIn / inDivisor;
    p.rowsOut = l.rowsOut;
    p.colsOut = l.colsOut;
    p.channelsOut = l.channelsOut / outDivisor;
    p.kernelRows = l.kernelH;
    p.kernelCols = l.kernelW;
    p.strideRows = l.strideH;
    p.strideCols = l.strideW;
    p.padTop = l.padTop;
    p.padRight = l.padRight;
    p.padBottom = l.padBottom;
    p.padLeft = l.padLeft;
    p.groups = l.groups;
    p.hasBias = l.hasBias;
    p.fine = f.fine;
    p.coarseGroup = f.coarseGroup;
    p.streamInputs.assign(static_cast<std::size_t>(std::max(1, l.type == LayerType::EltWise || l.type == LayerType::Concat ? l.ports : 1)),
                          false);
    switch (l.type) {
    case LayerType::Convolution: {
        p.filters = l.filters / outDivisor;
        p.channelsOut = p.filters;
        p.coarseIn = fitDown(f.coarseIn, p.channelsIn / std::max<int64_t>(1, l.groups));
        p.coarseOut = fitDown(f.coarseOut, p.filters / std::max<int64_t>(1, l.groups));
        if (!hasSparseHardware(l, s)) {
            p.kind = Kind::Convolution;
            p.opType = "dense";
            break;
        }
        // Sparse hardware without a profile: windows hold no zeros (nothing known to skip).
        const std::size_t K = static_cast<std::size_t>(l.kernelSize());
        std::vector<double> hist = l.windowHistogram;
        if (hist.size() != static_cast<std::size_t>(l.channelsIn) * (K + 1)) {
            hist.assign(static_cast<std::size_t>(l.channelsIn) * (K + 1), 0.0);
            for (std::size_t c = 0; c < static_cast<std::size_t>(l.channelsIn); ++c)
                hist[c * (K + 1)] = 1.0;
        }
        p.skipAllZeroWindow = s.skipAllZeroWindow;
        if (K == 1) { // per channel, the mean zero fraction of a window
            p.kind = Kind::ConvolutionPointwiseSparse;
            p.opType = "pointwise_sparse";
            p.fine = 1;
            for (std::size_t c = 0; c < static_cast<std::size_t>(l.channelsIn); ++c)
                p.sparsity.push_back(hist[c * 2 + 1]);
        } else {
            p.kind = Kind::ConvolutionSparse;
            p.opType = "sparse";
            p.sparsity = std::move(hist);
        }
        break;
    }
    case LayerType::InnerProduct:
        p.kind = Kind::InnerProduct;
        p.filters = l.filters / outDivisor;
        p.channelsOut = p.filters;
        p.coarseIn = fitDown(f.coarseIn, p.channelsIn);
        p.coarseOut = fitDown(f.coarseOut, p.filters);
        break;
    case LayerType::Squeeze:
        p.kind = Kind::Squeeze;
        p.coarseIn = f.coarseIn;
        p.coarseOut = f.coarseOut;
        break;
    default: {
        switch (l.type) {
        case LayerType::Pooling: p.kind = Kind::Pooling; p.opType = l.pooling; break;
        case LayerType::ThresholdedReLU: p.kind = Kind::ThresholdedReLU; break;
        case LayerType::EltWise: p.kind = Kind::EltWise; p.opType = l.eltwise; p.portsIn = l.ports; break;
        case LayerType::Concat:
            p.kind = Kind::Concat;
            p.portsIn = l.ports;
            p.channelsInArray = l.inputChannels;
            break;
        case LayerType::Split: p.kind = Kind::Split; p.portsOut = l.ports; break;
        case LayerType::GlobalPooling: p.kind = Kind::GlobalPooling; p.opType = "avg"; break;
        case LayerType::BatchNorm: p.kind = Kind::BatchNorm; break;
        // SiLU too: fpgaConvNet's parser fuses Mul(x, Sigmoid(x)) into its HardSwish layer.
        case LayerType::HardSwish: p.kind = Kind::HardSwish; p.opType = "HardSwish"; break;
        case LayerType::Sigmoid: p.kind = Kind::Sigmoid; p.opType = "Sigmoid"; break;
        case LayerType::HardSigmoid: p.kind = Kind::HardSigmoid; p.opType = "HardSigmoid"; break;
        case LayerType::ReSize:
            p.kind = Kind::ReSize;
            p.scales = {static_cast<double>(l.scaleH), static_cast<double>(l.scaleW), 1.0};
            break;
        case LayerType::Chop:
            p.kind = Kind::Chop;
            p.split = l.outputChannels;
            for (int64_t& c : p.split) // weights reloading before it narrows every range alike
                c /= inDivisor;
            p.portsOut = l.ports;
            p.channelsOut = l.outputChannels.empty() ? p.channelsIn : l.outputChannels.front();
            break;
        default: p.kind = Kind::ReLU; p.opType = "ReLU"; break;
        }
        int64_t dimension = p.channelsIn;
        for (int64_t c : p.channelsInArray)
            dimension = std::gcd(dimension, c);
        for (int64_t c : p.split)
            dimension = std::gcd(dimension, c);
        p.coarseIn = p.coarseOut = fitDown(f.coarseIn, dimension);
        if (p.kind == Kind::Chop)
            p.coarseOut = compat::chopCoarseOut(p.channelsIn, p.split.empty() ? p.channelsIn : p.split.front(), p.coarseIn);
        break;
    }
    }
    return p;
}

EvaluatedPartition evaluateCompatiblePartition(const Design& d, std::size_t partition, int first, int last,
                                               const std::function<LayerResult(int, const LayerParams&)>& layerResult)
{
    EvaluatedPartition out;
    PartitionView& v = out.view;
    compat::PartitionSpec& spec = v.spec;
    spec.index = static_cast<int64_t>(partition);
    spec.batch = d.settings.batch;
    const int wr = structuralReloadingLayer(d, first, last);
    const int64_t factor = wr >= 0 ? d.folding[static_cast<std::size_t>(wr)].weightsReloading : 1;
    spec.weightsReloading = factor;
    spec.weightsReloadingLayer = wr >= 0 ? d.graph.layers[static_cast<std::size_t>(wr)].name : "None";

    // Weights reloading baked in: the reloading layer's filters and the channels after it.
    std::vector<bool> reduced(static_cast<std::size_t>(last - first), false);
    const auto inside = [&](int i) { return i >= first && i < last; };
    for (int i = first; i < last; ++i) {
        const HardwareLayer& l = d.graph.layers[static_cast<std::size_t>(i)];
        int64_t inDiv = 1, outDiv = 1;
        if (factor > 1 && i == wr) {
            outDiv = factor;
            reduced[static_cast<std::size_t>(i - first)] = true;
        } else if (factor > 1 && wr >= 0 && l.channelsIn == d.graph.layers[static_cast<std::size_t>(wr)].filters
                   && std::any_of(l.inputs.begin(), l.inputs.end(),
                                  [&](int in) { return inside(in) && reduced[static_cast<std::size_t>(in - first)]; })) {
            inDiv = outDiv = factor;
            reduced[static_cast<std::size_t>(i - first)] = true;
        }
        compat::ConfigLayer layer;
        layer.params = compatibleParams(l, d.folding[static_cast<std::size_t>(i)], d.settings, inDiv, outDiv);
        layer.inputs = sortedNames(d, l.inputs, first, last);
        spec.layers.push_back(std::move(layer));
        v.designLayer.push_back(i);
        v.onnxNode.push_back(onnxSide(d, l).onnxNode);
        if (std::none_of(l.inputs.begin(), l.inputs.end(), inside))
            v.inputTensors.push_back(l.type == LayerType::Split ? onnxSide(d, l).outputTensor : l.inputTensor);
        if (std::none_of(l.outputs.begin(), l.outputs.end(), inside))
            v.outputTensors.push_back(onnxSide(d, l).outputTensor);
    }

    // Squeezes where a producer's streams differ from its consumer's, placed before the consumer.
    std::map<std::string, std::size_t> position;
    for (std::size_t k = 0; k < spec.layers.size(); ++k)
        position[spec.layers[k].params.name] = k;
    // What a squeeze takes from its producer (kept apart: the layers move below).
    struct Producer {
        std::string name;
        int64_t rows, cols, channels, width, streams;
    };
    std::vector<Producer> producers;
    for (const compat::ConfigLayer& l : spec.layers)
        producers.push_back({l.params.name, l.params.rowsOut, l.params.colsOut, l.params.channelsOut,
                             l.params.outputWidth, compat::layerStreamsOut(l.params)});
    std::vector<compat::ConfigLayer> layers;
    std::vector<int> designLayer;
    std::vector<std::string> onnxNode;
    for (std::size_t k = 0; k < spec.layers.size(); ++k) {
        compat::ConfigLayer& b = spec.layers[k];
        for (std::string& from : b.inputs) {
            const std::size_t ak = position.at(from);
            const Producer& a = producers[ak];
            const int64_t streams = a.streams, wanted = compat::layerStreamsIn(b.params);
            if (streams == wanted)
                continue;
            compat::ConfigLayer sq;
            sq.params.name = a.name + "_squeeze_" + b.params.name;
            sq.params.kind = Kind::Squeeze;
            sq.params.rowsIn = sq.params.rowsOut = a.rows;
            sq.params.colsIn = sq.params.colsOut = a.cols;
            sq.params.channelsIn = sq.params.channelsOut = a.channels;
            sq.params.coarseIn = streams;
            sq.params.coarseOut = wanted;
            sq.params.dataWidth = sq.params.inputWidth = sq.params.outputWidth = a.width;
            sq.params.streamInputs = {false};
            sq.inputs = {a.name};
            from = sq.params.name;
            layers.push_back(std::move(sq));
            designLayer.push_back(-1);
            onnxNode.push_back(v.onnxNode[ak]);
        }
        std::sort(b.inputs.begin(), b.inputs.end());
        layers.push_back(std::move(b));
        designLayer.push_back(v.designLayer[k]);
        onnxNode.push_back(v.onnxNode[k]);
    }
    // Every layer's consumers, squeezes included, by name.
    std::map<std::string, std::vector<std::string>> consumers;
    for (const compat::ConfigLayer& l : layers)
        for (const std::string& in : l.inputs)
            consumers[in].push_back(l.params.name);
    v.outputs.clear();
    for (const compat::ConfigLayer& l : layers) {
        v.outputs.push_back(consumers[l.params.name]);
        std::sort(v.outputs.back().begin(), v.outputs.back().end());
    }
    spec.layers = std::move(layers);
    v.designLayer = std::move(designLayer);
    v.onnxNode = std::move(onnxNode);
    std::sort(v.inputTensors.begin(), v.inputTensors.end());
    std::sort(v.outputTensors.begin(), v.outputTensors.end());

    const std::string where = "partition " + std::to_string(partition);
    const auto evaluate = [&](std::size_t k) {
        const LayerParams& p = spec.layers[k].params;
        try {
            if (v.designLayer[k] >= 0 && layerResult && !compat::hasInputPorts(p.kind))
                return layerResult(v.designLayer[k], p);
            return compat::evaluateLayer(p);
        } catch (const compat::CompatError& e) {
            throw compat::CompatError(where + ", layer \"" + p.name + "\": " + e.what());
        }
    };
    for (std::size_t k = 0; k < spec.layers.size(); ++k)
        out.results.push_back(evaluate(k));
    compat::assignMultiportBufferDepths(spec.layers, out.results);
    for (std::size_t k = 0; k < spec.layers.size(); ++k)
        if (compat::hasInputPorts(spec.layers[k].params.kind))
            out.results[k] = evaluate(k);
    if (d.settings.offChipStreaming)
        streamWeightsToFit(spec, out.results, d, evaluate);
    out.figures = compat::evaluatePartition(spec, d.platform, {}, out.results);
    return out;
}

std::string compatibleExcess(const ResourceUsage& resources, double bandwidthGbps, const Design& d)
{
    // fpgaConvNet's get_partition_resource with bram_to_lut: the BRAM shortage moves to the
    // spare LUTs (and, its quirk, all of the spare LUTs count as used).
    ResourceUsage r = resources;
    const double shortage = std::ceil(r.bram18 - d.settings.limits.bram18 * d.platform.resources.bram18);
    const double surplus = spareLutBlocks(r.lut, d);
    if (shortage > 0 && surplus > 0) {
        r.bram18 -= std::min(shortage, surplus);
        r.lut += surplus * kLutsPerBram;
    }
    std::string excess = firstExcess(r, d.platform.resources, d.settings.limits);
    if (excess.empty() && d.platform.memoryBandwidthGbps > 0 && bandwidthGbps > d.platform.memoryBandwidthGbps)
        excess = "off-chip bandwidth " + std::to_string(bandwidthGbps) + " Gbps > "
            + std::to_string(d.platform.memoryBandwidthGbps) + " Gbps";
    return excess;
}

} // namespace foldwise::fpgaconvnet
