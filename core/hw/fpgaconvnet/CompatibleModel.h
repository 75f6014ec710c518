#pragma once

#include "hw/Platform.h"
#include "hw/Resources.h"

#include <cstdint>
#include <nlohmann/json_fwd.hpp>
#include <string>
#include <vector>

namespace foldwise::fpgaconvnet {

// The fpgaConvNet "compatible" evaluation: reads an fpgaConvNet config.json (as
// fpgaconvnet-optimiser writes it: {"partition": [...]}) and recomputes, with the reference's own
// formulas and float quirks (chisel backend, linear-regression resources; see
// REFERENCE_NOTES.md), what fpgaConvNet's report.json says about it: every layer's interval and
// resources, each partition's interval, pipeline depth and cycles (with weights reloading and
// batch), and the network's cycles, latency and throughput. Independent of Foldwise's own model
// (Design/LayerModel), so the two can be compared.

struct CompatibleLayer {
    std::string name, type; // type as report.json spells it: "LAYER_TYPE.Convolution", ...
    double interval = 0;    // hw.latency(): cycles per feature map (report "interval"/"cycle")
    double latency = 0;     // same value; report.json prints it twice too
    double pipelineDepth = 0;
    double rateIn = 1;      // balanced module-chain rates (pipeline depth, rate-matrix interval)
    double rateOut = 1;
    double operations = 0;  // get_operations()
    ResourceUsage resources;
    bool hasUramKey = false; // Conv/IP: report lists URAM for them when the platform has URAM
    bool inserted = false;   // a squeeze added here because the config lacked it
};

struct CompatiblePartition {
    int64_t index = 0;
    std::vector<CompatibleLayer> layers; // config order, inserted squeezes last
    double interval = 0;      // see PartitionInterval; squeezes included
    double pipelineDepth = 0; // along networkx.dag_longest_path
    double cycles = 0;        // int((ceil(interval)*batch + depth)*wr + (wr-1)*size_wr)
    double latencySeconds = 0;
    double operations = 0;
    int64_t batch = 1, weightsReloading = 1;
    std::string weightsReloadingLayer; // "" when "None"
    double sizeWr = 0;
    ResourceUsage resources; // plain sum of the layers (the fixtures ran with bram_to_lut off)
    // Off-chip traffic at this interval (Gbps, REFERENCE_NOTES 5.6): the partition's input and
    // output feature maps (weights are never streamed in the designs Foldwise writes).
    double bandwidthGbps = 0;
};

struct CompatibleReport {
    std::vector<CompatiblePartition> partitions;
    double cycles = 0;          // sum of partition cycles (sequential schedule)
    double latencySeconds = 0;  // cycles/f + n_partitions*reconfiguration_time (n > 1)
    double throughputFps = 0;   // batch of the first partition / latency
    double delaySeconds = 0;    // the platform's reconfiguration time
    double totalOperations = 0; // sum of partition operations * batch
    int64_t batch = 1;
    Platform platform;
};

// How fpgaconvnet-model computes a partition's interval (Partition.get_interval). It changed in
// commit 8314d61 "Sparse fix" (2024-05-12); the reports fpgaConvNet published before (the
// tutorial fixtures among them) use the rate matrix, which can differ from the slowest layer's
// latency: an inner product's shift-scale latency quirk is absent from it, and a layer's balanced
// output rate can make it larger.
enum class PartitionInterval {
    RateMatrix,      // max over nodes of workload/(streams*|balanced rate|), in and out (pre-8314d61)
    MaxLayerLatency, // max over nodes of latency() (8314d61 and later)
};

struct CompatibleOptions {
    PartitionInterval interval = PartitionInterval::RateMatrix;
};

// Throws ModelError(fileForErrors, reason naming the partition/layer and key) for configs the
// reference could not load either (missing keys, wrong types, infeasible coarse factors, unknown
// layer types or nodes, cycles in a partition graph).
CompatibleReport evaluateCompatible(const nlohmann::json& config, const Platform& platform,
                                    const std::string& fileForErrors, const CompatibleOptions& options = {});

// report.json with fpgaConvNet's key names (solvers/report.py) where they exist: "platform",
// "total_operations (OPs)", "network" {"performance" {...}, "num_partitions",
// "avg_resource_usage", "sum_resource_usage"}, "partitions" {"0": {..., "layers" {...}}};
// partitions also carry "interval" and "pipeline_depth", which fpgaConvNet's report lacks.
nlohmann::json compatibleReportJson(const CompatibleReport& report);

} // namespace foldwise::fpgaconvnet
