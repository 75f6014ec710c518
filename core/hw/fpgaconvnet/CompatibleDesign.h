#pragma once

#include "hw/fpgaconvnet/CompatiblePartition.h"
#include "hw/fpgaconvnet/Design.h"

#include <functional>
#include <string>
#include <vector>

namespace foldwise::fpgaconvnet {

// fpgaConvNet's view of one partition of a Foldwise design: the layers as its config.json lists
// them (parameters as fpgaConvNet's parser reads them back), with what it adds and changes:
//   - a squeeze "A_squeeze_B" wherever A's output streams differ from B's input streams;
//   - weights reloading baked in: the partition's one reloading layer (found structurally, as
//     Partition.get_wr_layer does) keeps filters / factor, and the layers after it the reduced
//     channels, their coarse factors lowered to fit (fix_coarse);
//   - the multi-input layers' buffer depths (update_multiport_buffer_depth).
// The config.json writer serialises it and the compatible cost model evaluates it, so a design
// optimised on that model and its config.json re-evaluated give the same figures.
struct PartitionView {
    compat::PartitionSpec spec;
    std::vector<int> designLayer;              // per spec layer: index in the design, -1 for a squeeze
    std::vector<std::string> onnxNode;         // per spec layer (a squeeze: its producer's)
    std::vector<std::vector<std::string>> outputs; // per spec layer: consumers in the partition
    std::vector<std::string> inputTensors, outputTensors; // the partition's ONNX tensors
    std::string error; // why fpgaConvNet could not build it (then spec may be incomplete)
};

// The layer whose weights a partition [first, last) reloads (-1: none): from its first output
// layer (by name) back through first predecessors (by name) to a Convolution/InnerProduct;
// none through a Split, Concat or EltWise.
int structuralReloadingLayer(const Design& design, int first, int last);

// Whether a design layer's folding fits fpgaConvNet's view of its partition: only the
// structural reloading layer may reload weights. "" when it does, else the reason.
std::string reloadingProblem(const Design& design, int first, int last);

// The layer's parameters as config.json carries them: input and output channels divided by the
// weights-reloading factor where it applies (the reloading layer: output; the layers after it:
// both), coarse factors lowered to fit them.
compat::LayerParams compatibleParams(const HardwareLayer& layer, const Folding& folding, const DesignSettings& settings,
                                     int64_t inDivisor = 1, int64_t outDivisor = 1);

// Builds the view of partition [first, last) and evaluates it (the per-layer evaluations through
// `layerResult`, which may cache): fills the view's buffer depths, returns the partition's
// figures, and `results` (per spec layer). Throws CompatError / std::runtime_error for designs
// fpgaConvNet could not build.
struct EvaluatedPartition {
    PartitionView view;
    std::vector<compat::LayerResult> results;
    CompatiblePartition figures;
};
EvaluatedPartition evaluateCompatiblePartition(const Design& design, std::size_t partition, int first, int last,
                                               const std::function<compat::LayerResult(int designLayer, const compat::LayerParams&)>& layerResult = {});

// fpgaConvNet's feasibility of a partition using `resources` (squeezes included) and
// `bandwidthGbps` of off-chip traffic: resources within the design's limits of the platform
// (BRAM beyond them held in spare LUTs with bram_to_lut), traffic within the memory bandwidth.
// "" or the first excess.
std::string compatibleExcess(const ResourceUsage& resources, double bandwidthGbps, const Design& design);

} // namespace foldwise::fpgaconvnet
