#include "passes/ChannelSelection.h"

#include "passes/ConstantTensors.h"

#include <algorithm>
#include <cmath>
#include <stdexcept>

namespace foldwise::passes {
namespace {

// L1 norm of each output channel's weights: rows of a Conv's weight, columns of op(B).
LayerScores filterNorms(const Model& model, const Node& n, int64_t channels)
{
    LayerScores s;
    s.source = "filter_l1";
    const FloatConstant w = *floatConstant(model, n.inputs[1]);
    const auto outputs = static_cast<std::size_t>(channels);
    s.channel.assign(outputs, 0.0);
    const std::size_t size = w.values.size();
    // Gemm with transB and Conv store an output channel per row; Gemm/MatMul otherwise per column.
    const bool rows = n.opType == "Conv" || (n.opType == "Gemm" && n.intAttr("transB", 0) != 0);
    for (std::size_t i = 0; i < size; ++i) {
        const std::size_t c = rows ? i / (size / outputs) : i % outputs;
        s.channel[c] += std::fabs(static_cast<double>(w.values[i]));
    }
    const double fanIn = static_cast<double>(size / outputs);
    for (double v : s.channel)
        s.comparable.push_back(v / fanIn);
    return s;
}

} // namespace

std::vector<LayerScores> scoreChannels(const Model& model, const ChannelFlow& flow)
{
    std::vector<LayerScores> all;
    for (const PrunableLayer& l : flow.layers) {
        if (l.batchNorm != kNoId) {
            const FloatConstant gamma = *floatConstant(model, model.graph().node(l.batchNorm).inputs[1]);
            LayerScores s;
            s.source = "batchnorm_gamma";
            for (float v : gamma.values)
                s.channel.push_back(std::fabs(static_cast<double>(v)));
            s.comparable = s.channel;
            all.push_back(std::move(s));
        } else {
            all.push_back(filterNorms(model, model.graph().node(l.node), l.channels));
        }
    }
    return all;
}

ChannelSelector::ChannelSelector(const ChannelFlow& flow, std::vector<LayerScores> scores, PruneCriterion criterion,
                                 std::vector<int64_t> simd)
    : flow_(flow), scores_(std::move(scores))
{
    const std::size_t layers = flow.layers.size();
    eligible_.assign(layers, true);
    units_.resize(layers);
    for (std::size_t l = 0; l < layers; ++l) {
        const PrunableLayer& layer = flow.layers[l];
        if (criterion == PruneCriterion::Safe && (layer.trunk || layer.stem))
            eligible_[l] = false;
        const int64_t s = simd.empty() ? 1 : simd[l];
        if (s < 1 || layer.channels % s != 0)
            throw std::invalid_argument("--simd-list: layer '" + layer.name + "' has " + std::to_string(layer.channels)
                                        + " channels, not a multiple of its SIMD " + std::to_string(s));
        for (int64_t first = 0; first < layer.channels; first += s) {
            double squares = 0;
            for (int64_t c = first; c < first + s; ++c)
                squares += scores_[l].comparable[static_cast<std::size_t>(c)] * scores_[l].comparable[static_cast<std::size_t>(c)];
            units_[l].push_back({l, first, s, std::sqrt(squares / static_cast<double>(s))});
        }
    }
    std::vector<PruneUnit> candidates;
    for (std::size_t l = 0; l < layers; ++l) {
        if (!eligible_[l])
            continue;
        std::vector<PruneUnit> own = units_[l];
        std::stable_sort(own.begin(), own.end(), [](const PruneUnit& a, const PruneUnit& b) { return a.score < b.score; });
        own.pop_back(); // the best unit stays
        candidates.insert(candidates.end(), own.begin(), own.end());
    }
    std::stable_sort(candidates.begin(), candidates.end(), [](const PruneUnit& a, const PruneUnit& b) {
        return a.score != b.score ? a.score < b.score : a.layer != b.layer ? a.layer < b.layer : a.first < b.first;
    });
    globalOrder_ = std::move(candidates);
}

int64_t ChannelSelector::eligibleChannels() const
{
    int64_t n = 0;
    for (std::size_t l = 0; l < eligible_.size(); ++l)
        n += eligible_[l] ? flow_.layers[l].channels : 0;
    return n;
}

std::vector<ChannelMask> ChannelSelector::full() const
{
    std::vector<ChannelMask> masks;
    for (const PrunableLayer& l : flow_.layers)
        masks.emplace_back(static_cast<std::size_t>(l.channels), 1);
    return masks;
}

std::vector<ChannelMask> ChannelSelector::globalSelection(std::size_t steps) const
{
    std::vector<ChannelMask> masks = full();
    for (std::size_t i = 0; i < steps && i < globalOrder_.size(); ++i) {
        const PruneUnit& u = globalOrder_[i];
        std::fill_n(masks[u.layer].begin() + u.first, u.size, 0);
    }
    return masks;
}

std::size_t ChannelSelector::stepsForRate(double rate) const
{
    const auto wanted = static_cast<int64_t>(std::llround(rate * static_cast<double>(eligibleChannels())));
    int64_t pruned = 0;
    std::size_t steps = 0;
    while (steps < globalOrder_.size() && pruned < wanted)
        pruned += globalOrder_[steps++].size;
    return steps;
}

double ChannelSelector::threshold(std::size_t steps) const
{
    return steps == 0 || globalOrder_.empty() ? 0.0 : globalOrder_[std::min(steps, globalOrder_.size()) - 1].score;
}

std::vector<ChannelMask> ChannelSelector::localSelection(double rate) const
{
    std::vector<ChannelMask> masks = full();
    for (std::size_t l = 0; l < units_.size(); ++l) {
        if (!eligible_[l])
            continue;
        std::vector<PruneUnit> own = units_[l];
        std::stable_sort(own.begin(), own.end(), [](const PruneUnit& a, const PruneUnit& b) { return a.score < b.score; });
        const auto units = static_cast<int64_t>(own.size());
        const int64_t prune = std::min<int64_t>(std::llround(rate * static_cast<double>(units)), units - 1);
        for (int64_t i = 0; i < prune; ++i)
            std::fill_n(masks[l].begin() + own[static_cast<std::size_t>(i)].first, own[static_cast<std::size_t>(i)].size, 0);
    }
    return masks;
}

} // namespace foldwise::passes
