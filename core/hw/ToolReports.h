#pragma once

// Designs as the tools themselves report them, read back for comparison and browsing: an
// fpgaConvNet report.json (per partition, per layer: type, interval, resource_usage; the
// platform; network performance) and FINN's estimate reports (estimate_layer_cycles.json,
// estimate_layer_resources.json, estimate_network_performance.json in one folder). A report has
// cycles and resources but no folding: it is shown, not re-evaluated.

#include "hw/DesignReport.h"
#include "hw/Resources.h"

#include <filesystem>
#include <optional>
#include <string>

namespace foldwise {

struct ToolReport {
    std::string tool;                     // "fpgaconvnet" or "finn"
    std::filesystem::path file;           // report.json, or the FINN report folder
    NetworkEstimate estimate;             // layers in the report's order; onnxNode left empty
    std::optional<ResourceUsage> budget;  // the platform's resources, when the report names them
    std::string platform;                 // part or board, when named
};

// Whether `file` is an fpgaConvNet report.json: a JSON object with "partitions" and "network".
bool isFpgaConvNetReport(const std::filesystem::path& file);
// Whether `path` is one of FINN's estimate report files or a folder holding
// estimate_layer_cycles.json.
bool isFinnEstimateReport(const std::filesystem::path& path);

// Marks the slowest layer as the bottleneck and, when no interval is set, takes its cycles as the
// interval (for estimates whose layers were read or reordered).
void markBottleneck(NetworkEstimate& estimate);

// Read errors are ModelErrors naming the file and the key that is missing or wrong.
ToolReport readFpgaConvNetReport(const std::filesystem::path& file);
// `path`: the folder or any of its three files. estimate_layer_cycles.json is required; the
// resources and network performance files are used when present.
ToolReport readFinnEstimateReports(const std::filesystem::path& path);

} // namespace foldwise
