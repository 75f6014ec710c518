#pragma once

#include "hw/DesignReport.h"
#include "model/EnumNames.h"
#include "hw/Platform.h"
#include "hw/fpgaconvnet/CompatibleLayers.h"
#include "hw/fpgaconvnet/CompatibleModel.h"
#include "hw/fpgaconvnet/HardwareGraph.h"
#include "hw/fpgaconvnet/LayerModel.h"

#include <array>
#include <map>
#include <string>
#include <utility>
#include <vector>

namespace foldwise::fpgaconvnet {

enum class Objective { Throughput, Latency };

// Which model gives a design's cycles and resources: Foldwise's own (LayerModel: the domain
// reference's formulas with sparse zero skipping), or fpgaConvNet's as its config.json and
// report.json would state them (CompatibleDesign: its module chains, regressions, squeezes,
// weights reloading and bandwidth limit), so that a design optimised on it is what
// fpgaConvNet itself predicts.
enum class CostModel { Native, Compatible };

} // namespace foldwise::fpgaconvnet

template <>
inline constexpr std::array foldwise::enumNames<foldwise::fpgaconvnet::Objective> = {
    std::pair{foldwise::fpgaconvnet::Objective::Throughput, "throughput"},
    std::pair{foldwise::fpgaconvnet::Objective::Latency, "latency"}};
template <>
inline constexpr std::array foldwise::enumNames<foldwise::fpgaconvnet::CostModel> = {
    std::pair{foldwise::fpgaconvnet::CostModel::Native, "native"},
    std::pair{foldwise::fpgaconvnet::CostModel::Compatible, "compatible"}};

namespace foldwise::fpgaconvnet {

struct DesignSettings : ModelSettings {
    int64_t batch = 1;
    Objective objective = Objective::Throughput;
    ResourceLimits limits; // fraction of each platform resource a partition may use
    CostModel costModel = CostModel::Native;
    // Stream convolution and inner-product weights from off-chip memory where a partition's
    // weights exceed its BRAM (fpgaConvNet's off_chip_streaming, on by default there): the
    // bandwidth limit then bounds how much.
    bool offChipStreaming = true;
    // BRAM beyond the limit may be held in spare LUTs, 288 LUTs a block (fpgaConvNet's
    // bram_to_lut, on by default there): a partition fits while the LUT limit covers it.
    // Reported resources stay as the layers need them.
    bool bramToLut = true;
};

struct LayerTrial {
    double cycles = 0;
    ResourceUsage resources;
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
    // A partition may start at any layer but the first: layers are in topological order, so a
    // partition is a contiguous subgraph whose inputs (one or several, e.g. a residual block's
    // skip connection) come from earlier partitions through off-chip memory, as fpgaConvNet's
    // horizontal and vertical partition splits make them.
    bool validCut(int layer) const { return layer > 0 && layer < static_cast<int>(layerCount()); }

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

    bool compatible() const { return design_.settings.costModel == CostModel::Compatible; }
    // Whether the layer may reload its weights: only its partition's structural reloading layer
    // (the last convolution / inner product, as fpgaConvNet's get_wr_layer finds it).
    bool reloadingAllowed(std::size_t layer) const;
    // Compatible model: fpgaConvNet's figures of every partition (squeezes included).
    CompatibleReport compatibleReport() const;
    // One layer with another folding, in its partition as it stands (same weights reloading),
    // without re-evaluating the partition: its cycles and its own resources (no weights
    // streamed, no squeezes). Throws std::runtime_error for foldings fpgaConvNet rejects.
    LayerTrial tryFolding(std::size_t layer, const Folding& folding) const;

private:
    // Both models see a partition as fpgaConvNet builds it (CompatibleDesign.h: squeezes,
    // weights reloading on its structural layer, channels after it reduced) and take each
    // layer's resources from fpgaConvNet's regressions; the native model computes cycles with
    // its own formulas (zero skipping included), the compatible one with fpgaConvNet's.
    void evaluatePartition(std::size_t partition);
    struct LayerTiming {
        double dense = 0, latency = 0, depth = 0;
        bool sparse = false;
    };
    LayerTiming nativeTiming(std::size_t layer, const Folding& folding, const compat::LayerParams& params) const;
    std::size_t partitionOf(std::size_t layer) const;

    struct PartitionFigures {
        double interval = 0, cycles = 0;
        ResourceUsage resources; // squeezes included
        double bandwidthGbps = 0; // feature maps in and out of memory at this interval
        std::string error;       // what fpgaConvNet could not build ("" when it could)
    };

    Design design_;
    std::vector<double> latency_, denseLatency_, depth_;
    std::vector<ResourceUsage> resources_;
    std::vector<bool> sparse_;
    // Per layer, max_s E_s by (streams, fine); filled as asked for.
    mutable std::vector<std::map<std::pair<int64_t, int64_t>, double>> streamCosts_;
    // Per layer, what its partition's weights reloading divides its input and output channels by.
    std::vector<std::pair<int64_t, int64_t>> divisors_;
    std::vector<PartitionFigures> partitions_;
    // Compatible model: fpgaConvNet's figures of each partition.
    std::vector<CompatiblePartition> compatPartitions_;
    // Per layer, fpgaConvNet's evaluation by (coarse_in, coarse_out, coarse_group, fine,
    // channels_in, filters, stream_weights).
    std::vector<std::map<std::array<int64_t, 7>, compat::LayerResult>> compatCache_;
};

} // namespace foldwise::fpgaconvnet
