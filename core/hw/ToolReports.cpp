#include "hw/ToolReports.h"

#include "io/JsonReading.h"
#include "model/ModelError.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <limits>
#include <optional>
#include <fstream>
#include <sstream>

namespace foldwise {
namespace {

// Ordered: the reports list layers in graph order, which a sorted map would lose.
using json = nlohmann::ordered_json;

constexpr const char* kLayerCycles = "estimate_layer_cycles.json";
constexpr const char* kLayerResources = "estimate_layer_resources.json";
constexpr const char* kNetworkPerformance = "estimate_network_performance.json";

// A report file's document; its root must be an object.
json readJson(const std::filesystem::path& file)
{
    json j = readOrderedJsonFile(file, "report");
    if (!j.is_object())
        throw ModelError(file.string(), "the report is not a JSON object");
    return j;
}

// A count or figure of a report: a finite, non-negative number; absent or null is `fallback`.
double figure(const OrderedJsonNode& object, const char* key, double fallback)
{
    const auto v = object.find(key);
    return v ? v->nonNegativeNumber() : fallback;
}

// fpgaConvNet's resource keys (DSP, BRAM, LUT, FF, URAM), absent ones 0.
ResourceUsage fpgaConvNetResources(const std::optional<OrderedJsonNode>& r)
{
    if (!r)
        return {};
    return {figure(*r, "DSP", 0), figure(*r, "BRAM", 0), figure(*r, "LUT", 0), figure(*r, "FF", 0), figure(*r, "URAM", 0)};
}

// FINN's (BRAM_18K, LUT, URAM, DSP; no FF estimate).
ResourceUsage finnResources(const OrderedJsonNode& r)
{
    return {figure(r, "DSP", 0), figure(r, "BRAM_18K", 0), figure(r, "LUT", 0), 0, figure(r, "URAM", 0)};
}

std::filesystem::path finnFolder(const std::filesystem::path& path)
{
    return std::filesystem::is_directory(path) ? path : path.parent_path();
}

} // namespace

static ToolReport readFpgaConvNetReportJson(const std::filesystem::path& file, const OrderedJsonNode& j);
static ToolReport readFinnEstimateFolder(const std::filesystem::path& folder);

void markBottleneck(NetworkEstimate& e)
{
    e.bottleneck = 0;
    for (std::size_t i = 1; i < e.layers.size(); ++i)
        if (e.layers[i].cycles > e.layers[e.bottleneck].cycles)
            e.bottleneck = i;
    if (e.intervalCycles == 0 && !e.layers.empty())
        e.intervalCycles = e.layers[e.bottleneck].cycles;
}

bool isFpgaConvNetReport(const std::filesystem::path& file)
{
    std::error_code ec;
    const auto size = std::filesystem::file_size(file, ec);
    if (ec || file.extension() != ".json" || size > (64u << 20))
        return false;
    try {
        const json j = readOrderedJsonFile(file, "report");
        return j.is_object() && j.contains("partitions") && j["partitions"].is_object() && j.contains("network");
    } catch (const ModelError&) {
        return false;
    }
}

bool isFinnEstimateReport(const std::filesystem::path& path)
{
    std::error_code ec;
    if (std::filesystem::is_directory(path, ec))
        return std::filesystem::is_regular_file(path / kLayerCycles, ec);
    const std::string name = path.filename().string();
    return name == kLayerCycles || name == kLayerResources || name == kNetworkPerformance;
}

ToolReport readFpgaConvNetReport(const std::filesystem::path& file)
{
    const json document = readJson(file);
    return readFpgaConvNetReportJson(file, OrderedJsonNode(document, file.string()));
}

static ToolReport readFpgaConvNetReportJson(const std::filesystem::path& file, const OrderedJsonNode& j)
{
    ToolReport report;
    report.tool = "fpgaconvnet";
    report.file = file;
    const auto partitions = j.find("partitions");
    if (!partitions || !partitions->isObject())
        throw ModelError(file.string(), "not an fpgaConvNet report: no \"partitions\" object");
    NetworkEstimate& e = report.estimate;
    // Partitions are keyed "0", "1", ...: in index order, not the object's (alphabetical) one.
    std::vector<std::pair<std::int64_t, OrderedJsonNode>> ordered;
    for (const auto& [key, partition] : partitions->members()) {
        const auto index = partition.find("partition_index");
        ordered.emplace_back(index ? index->integerIn(0, 1 << 20) : static_cast<std::int64_t>(ordered.size()), partition);
    }
    std::stable_sort(ordered.begin(), ordered.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
    for (const auto& [index, partition] : ordered) {
        for (const auto& [name, layer] : partition.at("layers").members()) {
            LayerEstimate l;
            l.name = name;
            std::string type = layer.string("type", "");
            if (type.rfind("LAYER_TYPE.", 0) == 0)
                type = type.substr(11);
            l.type = type;
            l.cycles = layer.at("interval").nonNegativeNumber();
            l.cyclesDense = l.cycles;
            l.resources = fpgaConvNetResources(layer.find("resource_usage"));
            e.layers.push_back(std::move(l));
        }
        e.total += fpgaConvNetResources(partition.find("resource_usage"));
    }
    e.partitions = static_cast<int>(ordered.size());
    if (const auto platform = j.find("platform"); platform && platform->isObject()) {
        report.budget = fpgaConvNetResources(platform->find("resources"));
        e.clockMhz = figure(*platform, "board_freq", 0);
        report.platform = platform->string("board", platform->string("part", ""));
    }
    if (const auto network = j.find("network"); network && network->isObject())
        if (const auto perf = network->find("performance"); perf && perf->isObject()) {
            e.latencySeconds = figure(*perf, "latency (s)", 0);
            e.throughputFps = figure(*perf, "throughput (FPS)", 0);
            e.latencyCycles = figure(*perf, "cycles", 0);
        }
    markBottleneck(e);
    return report;
}

ToolReport readFinnEstimateReports(const std::filesystem::path& path)
{
    const std::filesystem::path folder = finnFolder(path);
    return readFinnEstimateFolder(folder);
}

static ToolReport readFinnEstimateFolder(const std::filesystem::path& folder)
{
    ToolReport report;
    report.tool = "finn";
    report.file = folder;
    NetworkEstimate& e = report.estimate;
    const std::filesystem::path cyclesFile = folder / kLayerCycles;
    if (!std::filesystem::exists(cyclesFile))
        throw ModelError(cyclesFile.string(), "missing: FINN's estimate reports start from the layer cycles");
    const json cyclesDocument = readJson(cyclesFile);
    for (const auto& [name, value] : OrderedJsonNode(cyclesDocument, cyclesFile.string()).members()) {
        LayerEstimate l;
        l.name = name;
        const auto underscore = name.find('_');
        l.type = underscore == std::string::npos ? name : name.substr(0, underscore);
        l.cycles = l.cyclesDense = value.nonNegativeNumber();
        e.layers.push_back(std::move(l));
    }
    if (std::filesystem::exists(folder / kLayerResources)) {
        const json resourcesDocument = readJson(folder / kLayerResources);
        const OrderedJsonNode resources(resourcesDocument, (folder / kLayerResources).string());
        for (LayerEstimate& l : e.layers)
            if (const auto r = resources.find(l.name))
                l.resources = finnResources(*r);
        if (const auto total = resources.find("total"))
            e.total = finnResources(*total);
    } else {
        for (const LayerEstimate& l : e.layers)
            e.total += l.resources;
    }
    if (std::filesystem::exists(folder / kNetworkPerformance)) {
        const json perfDocument = readJson(folder / kNetworkPerformance);
        const OrderedJsonNode perf(perfDocument, (folder / kNetworkPerformance).string());
        e.intervalCycles = figure(perf, "max_cycles", 0);
        e.latencyCycles = figure(perf, "critical_path_cycles", 0);
        e.throughputFps = figure(perf, "estimated_throughput_fps", 0);
        e.latencySeconds = figure(perf, "estimated_latency_ns", 0) * 1e-9;
        if (e.intervalCycles > 0 && e.throughputFps > 0)
            e.clockMhz = e.throughputFps * e.intervalCycles / 1e6;
    }
    markBottleneck(e);
    return report;
}

} // namespace foldwise
