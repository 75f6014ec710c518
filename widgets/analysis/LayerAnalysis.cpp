#include "analysis/LayerAnalysis.h"

#include <string>
#include <unordered_map>

namespace foldwise::gui {

LayerAnalysis::LayerAnalysis(std::shared_ptr<const ModelSummary> summary, std::shared_ptr<const ActivationProfile> profile,
                             std::shared_ptr<const DesignAnalysis> design)
    : summary_(std::move(summary)), profile_(std::move(profile)), design_(std::move(design))
{
    if (!summary_)
        return;
    rows_.resize(summary_->layers.size());
    std::unordered_map<std::string, int> byName;
    for (std::size_t i = 0; i < summary_->layers.size(); ++i)
        byName.emplace(summary_->layers[i].name, static_cast<int>(i));
    const auto layerOf = [&byName](const std::string& name) {
        const auto it = byName.find(name);
        return it == byName.end() ? -1 : it->second;
    };

    if (profile_) {
        for (const TensorZeros& t : profile_->tensors) {
            const int layer = layerOf(t.producer);
            if (layer >= 0 && t.elements > 0)
                rows_[static_cast<std::size_t>(layer)].sparsity = zeroFraction(t);
        }
        for (const ConvWindowZeros& c : profile_->convolutions) {
            const int layer = layerOf(c.conv);
            profiledLayers_.push_back(layer);
            if (layer < 0)
                continue;
            LayerAnalysisRow& row = rows_[static_cast<std::size_t>(layer)];
            row.conv = &c;
            row.inputZeros = profile_->findTensor(c.input);
            row.sparsity = meanWindowSparsity(c);
            row.windowSparsity = allZeroWindowFraction(c);
        }
    }
    if (design_) {
        const NetworkEstimate& e = design_->estimate;
        for (std::size_t h = 0; h < e.layers.size(); ++h) {
            const int layer = e.layers[h].onnxNode.empty() ? -1 : layerOf(e.layers[h].onnxNode);
            hardwareLayers_.push_back(layer);
            // Several hardware layers may implement one node (FINN: padding, sliding window and
            // MVAU for a Conv): the row shows the slowest, which is what limits that layer.
            if (layer < 0)
                continue;
            int& shown = rows_[static_cast<std::size_t>(layer)].hardwareLayer;
            if (shown < 0 || e.layers[h].cycles > e.layers[static_cast<std::size_t>(shown)].cycles)
                shown = static_cast<int>(h);
        }
        if (e.bottleneck < hardwareLayers_.size())
            bottleneckLayer_ = hardwareLayers_[e.bottleneck];
    }
}

const LayerEstimate* LayerAnalysis::estimate(int layerIndex) const
{
    if (!design_ || layerIndex < 0 || layerIndex >= layerCount())
        return nullptr;
    const int h = row(layerIndex).hardwareLayer;
    return h < 0 ? nullptr : &design_->estimate.layers[static_cast<std::size_t>(h)];
}

double LayerAnalysis::intervalShare(int hardwareLayer) const
{
    if (!design_ || hardwareLayer < 0 || static_cast<std::size_t>(hardwareLayer) >= design_->estimate.layers.size()
        || design_->estimate.intervalCycles <= 0)
        return 0;
    return design_->estimate.layers[static_cast<std::size_t>(hardwareLayer)].cycles / design_->estimate.intervalCycles;
}

} // namespace foldwise::gui
