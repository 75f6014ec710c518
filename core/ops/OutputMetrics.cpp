#include "ops/OutputMetrics.h"

#include "io/JsonReading.h"
#include "sweep/RunLog.h"

#include <optional>

namespace foldwise::ops {
namespace fs = std::filesystem;

namespace {

void add(Metrics& metrics, const std::string& name, std::optional<double> value)
{
    if (value)
        metrics.emplace_back(name, *value);
}

std::optional<double> number(const JsonNode& node, std::string_view key)
{
    const std::optional<JsonNode> value = node.find(key);
    return value ? std::optional<double>(value->number()) : std::nullopt;
}

// fpgaConvNet's report.json (as fpgaConvNet and Foldwise write it): network performance and
// resources summed over the partitions.
void designReport(Metrics& metrics, const fs::path& report)
{
    const nlohmann::json document = readJsonFile(report, "design report");
    const JsonNode network = JsonNode(document, report.string()).at("network");
    const JsonNode performance = network.at("performance");
    add(metrics, "throughput_fps", number(performance, "throughput (FPS)"));
    add(metrics, "latency_s", number(performance, "latency (s)"));
    add(metrics, "latency_cycles", number(performance, "cycles"));
    add(metrics, "partitions", number(network, "num_partitions"));
    if (const std::optional<JsonNode> resources = network.find("sum_resource_usage"))
        for (const char* resource : {"DSP", "BRAM", "LUT", "FF"})
            add(metrics, resource, number(*resources, resource));
}

// FINN's estimate reports beside folding_config.json.
void finnEstimates(Metrics& metrics, const fs::path& folder)
{
    const fs::path performanceFile = folder / "estimate_network_performance.json";
    if (fs::exists(performanceFile)) {
        const nlohmann::json document = readJsonFile(performanceFile, "FINN performance estimate");
        const JsonNode performance(document, performanceFile.string());
        add(metrics, "throughput_fps", number(performance, "estimated_throughput_fps"));
        if (const std::optional<double> ns = number(performance, "estimated_latency_ns"))
            add(metrics, "latency_s", *ns / 1e9);
        add(metrics, "latency_cycles", number(performance, "critical_path_cycles"));
        add(metrics, "interval_cycles", number(performance, "max_cycles"));
    }
    const fs::path resourcesFile = folder / "estimate_layer_resources.json";
    if (fs::exists(resourcesFile)) {
        const nlohmann::json document = readJsonFile(resourcesFile, "FINN resource estimate");
        if (const std::optional<JsonNode> total = JsonNode(document, resourcesFile.string()).find("total")) {
            add(metrics, "DSP", number(*total, "DSP"));
            add(metrics, "BRAM", number(*total, "BRAM_18K"));
            add(metrics, "LUT", number(*total, "LUT"));
        }
    }
}

// A sweep: where it started (iteration 0) and where it stopped (its last iteration).
void sweepSummary(Metrics& metrics, const fs::path& runDirectory)
{
    const RunLog log = readSummaryCsv(runDirectory / "summary.csv");
    if (log.iterations.empty())
        return;
    const RunIteration& first = log.iterations.front();
    const RunIteration& last = log.iterations.back();
    metrics.emplace_back("iterations", static_cast<double>(log.iterations.size()));
    add(metrics, "base_accuracy", first.accuracy());
    add(metrics, "base_throughput_fps", first.hardware.throughputFps);
    metrics.emplace_back("final_threshold", last.meanThreshold());
    add(metrics, "final_accuracy", last.accuracy());
    metrics.emplace_back("final_sparsity", last.networkSparsity);
    add(metrics, "final_throughput_fps", last.hardware.throughputFps);
    add(metrics, "final_DSP", last.hardware.dsp);
    if (first.hardware.throughputFps && last.hardware.throughputFps && *first.hardware.throughputFps > 0)
        metrics.emplace_back("speedup", *last.hardware.throughputFps / *first.hardware.throughputFps);
    if (first.accuracy() && last.accuracy())
        metrics.emplace_back("accuracy_drop", *first.accuracy() - *last.accuracy());
}

} // namespace

Metrics outputMetrics(const OperationResult& result)
{
    Metrics metrics;
    for (const OutputFile& output : result.outputs) {
        if (output.kind == OutputKind::Report && output.path.filename() == "report.json")
            designReport(metrics, output.path);
        else if (output.kind == OutputKind::FoldingConfig && output.path.filename() == "folding_config.json")
            finnEstimates(metrics, output.path.parent_path());
        else if (output.kind == OutputKind::RunDirectory)
            sweepSummary(metrics, output.path);
    }
    return metrics;
}

} // namespace foldwise::ops
