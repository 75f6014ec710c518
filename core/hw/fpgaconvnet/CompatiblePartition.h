#pragma once

// Internal to the fpgaConvNet "compatible" evaluation: one partition as fpgaConvNet's parser
// holds it after reading config.json (layers with their parameters and the names of the layers
// feeding them), and its evaluation. Shared by the config.json reader (CompatibleModel.cpp) and
// the compatible cost model of the optimisers (CompatibleDesign.cpp), so that a design
// optimised on it and its config.json re-evaluated give the same figures.

#include "hw/Platform.h"
#include "hw/fpgaconvnet/CompatibleLayers.h"
#include "hw/fpgaconvnet/CompatibleModel.h"

#include <string>
#include <vector>

namespace foldwise::fpgaconvnet::compat {

struct ConfigLayer {
    LayerParams params;
    std::vector<std::string> inputs; // streams_in[].node other than the layer itself
    bool inserted = false;           // a squeeze the evaluation added (the config lacked it)
};

struct PartitionSpec {
    int64_t index = 0;
    int64_t batch = 1;
    int64_t weightsReloading = 1;
    std::string weightsReloadingLayer = "None";
    std::vector<ConfigLayer> layers; // config order
};

// Evaluates a partition as fpgaConvNet does (squeezes added where streams disagree, interval,
// pipeline depth, cycles, resources, off-chip bandwidth). `results`, when not empty, holds
// evaluateLayer(layers[i].params) for each layer (a caller's cache). Throws CompatError or
// std::runtime_error naming the partition and layer.
CompatiblePartition evaluatePartition(PartitionSpec spec, const Platform& platform, const CompatibleOptions& options,
                                      std::vector<LayerResult> results = {});

// The network's cycles, latency and throughput over its partitions (sequential schedule).
CompatibleReport networkReport(std::vector<CompatiblePartition> partitions, const Platform& platform);

// fpgaConvNet's buffer depths of multi-input layers (Partition.update_multiport_buffer_depth):
// per EltWise/Concat input, how much the shorter branches from the split must wait for the
// longest one (+64). `results` holds the layers' evaluations; the multiport layers' own are
// used only as path terms. Fills params.bufferDepth of those layers, one per input in the
// order of `inputs`.
void assignMultiportBufferDepths(std::vector<ConfigLayer>& layers, const std::vector<LayerResult>& results);

} // namespace foldwise::fpgaconvnet::compat
