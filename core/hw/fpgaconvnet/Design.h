#pragma once

#include "hw/DesignReport.h"
#include "hw/Platform.h"
#include "hw/fpgaconvnet/HardwareGraph.h"
#include "hw/fpgaconvnet/LayerModel.h"

#include <map>
#include <string>
#include <utility>
#include <vector>

namespace foldwise::fpgaconvnet {

enum class Objective { Throughput, Latency };

struct DesignSettings : ModelSettings {
    int64_t batch = 1;
    Objective objective = Objective::Throughput;
    ResourceLimits limits; // fraction of each platform resource a partition may use
};

// An fpgaConvNet-style accelerator: a folding per hardware layer and the layers cut into
// sequential partitions (each one a bitstream; the device is reconfigured between them).
struct Design {
    HardwareGraph graph;
    std::vector<Folding> folding;        // one per layer
    std::vector<int> partitionStarts{0}; // first layer of each partition, ascending, starting at 0
    Platform platform;
    DesignSettings settings;
};

// Every layer at folding 1 in one partition.
Design minimalDesign(HardwareGraph graph, Platform platform, DesignSettings settings);

// Evaluates a design and keeps the per-layer figures, so that changing one layer's folding
// costs one layer's evaluation (sparse stream costs are cached per streams x fine).
class Evaluator {
public:
    explicit Evaluator(Design design);

    const Design& design() const { return design_; }
    std::size_t layerCount() const { return design_.graph.layers.size(); }
    std::size_t partitionCount() const { return design_.partitionStarts.size(); }

    void setFolding(std::size_t layer, const Folding& folding);
    // Throws std::invalid_argument unless every start is a valid cut (see validCut).
    void setPartitions(std::vector<int> starts);
    // A partition may start at layer i when the layers before it hand one stream to the layers
    // from i on (only layer i - 1 feeds them, through one edge).
    bool validCut(int layer) const { return layer > 0 && layer < static_cast<int>(cuts_.size()) && cuts_[static_cast<std::size_t>(layer)]; }

    double layerLatency(std::size_t layer) const { return latency_[layer]; }
    double layerDenseLatency(std::size_t layer) const { return denseLatency_[layer]; }
    const ResourceUsage& layerResources(std::size_t layer) const { return resources_[layer]; }
    bool layerSparse(std::size_t layer) const { return sparse_[layer]; }

    std::pair<int, int> partitionRange(std::size_t partition) const; // [first, last)
    ResourceUsage partitionResources(std::size_t partition) const;
    double partitionInterval(std::size_t partition) const;
    double partitionCycles(std::size_t partition) const;

    // Every partition within limits * platform resources; otherwise the first excess.
    bool feasible() const { return infeasibility().empty(); }
    std::string infeasibility() const;

    double latencySeconds() const;
    double throughputFps() const;
    // What the optimisers minimise: latency in seconds, or minus the throughput.
    double cost() const;
    int bottleneck() const; // the slowest layer
    NetworkEstimate estimate() const;

private:
    void evaluateLayer(std::size_t layer);

    Design design_;
    std::vector<double> latency_, denseLatency_, depth_;
    std::vector<ResourceUsage> resources_;
    std::vector<bool> sparse_;
    std::vector<bool> cuts_;
    // Per layer, max_s E_s by (streams, fine).
    std::vector<std::map<std::pair<int64_t, int64_t>, double>> streamCosts_;
};

} // namespace foldwise::fpgaconvnet
