#pragma once

#include "analysis/DesignAnalysis.h"
#include "layers/ModelSummary.h"
#include "profile/ActivationProfile.h"

#include <memory>
#include <optional>
#include <vector>

namespace foldwise::gui {

// What the analysis knows about one layer of the model (a row of ModelSummary::layers).
struct LayerAnalysisRow {
    // Convolutions: mean window sparsity of the input (the sparsity log's Avg Sparsity);
    // activations: the zero fraction of the output.
    std::optional<double> sparsity;
    // Convolutions: the fraction of all-zero windows (Avg Window Sparsity).
    std::optional<double> windowSparsity;
    const ConvWindowZeros* conv = nullptr;  // the layer's window histogram
    const TensorZeros* inputZeros = nullptr; // a convolution's input tensor zeros, per channel
    int hardwareLayer = -1;                 // index into DesignAnalysis::estimate.layers
};

// The profile and the design joined to the model's layers by node name, for the table, the
// graph colours and the plots. Keeps what it points into alive.
class LayerAnalysis {
public:
    LayerAnalysis(std::shared_ptr<const ModelSummary> summary, std::shared_ptr<const ActivationProfile> profile,
                  std::shared_ptr<const DesignAnalysis> design);

    const ModelSummary* summary() const { return summary_.get(); }
    const ActivationProfile* profile() const { return profile_.get(); }
    const DesignAnalysis* design() const { return design_.get(); }
    const std::shared_ptr<const ActivationProfile>& profilePtr() const { return profile_; }
    const std::shared_ptr<const DesignAnalysis>& designPtr() const { return design_; }

    int layerCount() const { return static_cast<int>(rows_.size()); }
    const LayerAnalysisRow& row(int layerIndex) const { return rows_[static_cast<std::size_t>(layerIndex)]; }
    // The hardware layer's estimate of a model layer, or null.
    const LayerEstimate* estimate(int layerIndex) const;

    // Model layer of each profiled convolution (profile order), -1 when not in the model.
    const std::vector<int>& profiledLayers() const { return profiledLayers_; }
    // Model layer of each hardware layer (estimate order), -1 for inserted layers.
    const std::vector<int>& hardwareLayers() const { return hardwareLayers_; }
    // The model layer of the bottleneck, or -1.
    int bottleneckLayer() const { return bottleneckLayer_; }
    // A hardware layer's share of the interval (its cycles / the slowest layer's).
    double intervalShare(int hardwareLayer) const;

private:
    std::shared_ptr<const ModelSummary> summary_;
    std::shared_ptr<const ActivationProfile> profile_;
    std::shared_ptr<const DesignAnalysis> design_;
    std::vector<LayerAnalysisRow> rows_;
    std::vector<int> profiledLayers_;
    std::vector<int> hardwareLayers_;
    int bottleneckLayer_ = -1;
};

} // namespace foldwise::gui
