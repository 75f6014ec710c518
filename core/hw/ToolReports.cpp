#include "hw/ToolReports.h"

#include "model/ModelError.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cmath>
#include <fstream>
#include <sstream>

namespace foldwise {
namespace {

// Ordered: the reports list layers in graph order, which a sorted map would lose.
using json = nlohmann::ordered_json;

constexpr const char* kLayerCycles = "estimate_layer_cycles.json";
constexpr const char* kLayerResources = "estimate_layer_resources.json";
constexpr const char* kNetworkPerformance = "estimate_network_performance.json";

json readJson(const std::filesystem::path& file)
{
    std::ifstream in(file, std::ios::binary);
    if (!in)
        throw ModelError(file.string(), "cannot open the report");
    std::stringstream text;
    text << in.rdbuf();
    json j = json::parse(text.str(), nullptr, /*allow_exceptions=*/false);
    if (j.is_discarded())
        throw ModelError(file.string(), "not valid JSON");
    if (!j.is_object())
        throw ModelError(file.string(), "the report is not a JSON object");
    return j;
}

// A number at `key` of `object`; `where` names the object in the error ("layer conv1").
double number(const json& object, const char* key, const std::filesystem::path& file, const std::string& where)
{
    const auto it = object.find(key);
    if (it == object.end() || !it->is_number())
        throw ModelError(file.string(), where + ": \"" + key + "\" is missing or not a number");
    const double v = it->get<double>();
    if (!std::isfinite(v) || v < 0)
        throw ModelError(file.string(), where + ": \"" + key + "\" is not a non-negative number");
    return v;
}

double numberOr(const json& object, const char* key, double fallback)
{
    const auto it = object.find(key);
    return it != object.end() && it->is_number() ? it->get<double>() : fallback;
}

// fpgaConvNet's resource keys (DSP, BRAM, LUT, FF, URAM), absent ones 0.
ResourceUsage fpgaConvNetResources(const json& r)
{
    if (!r.is_object())
        return {};
    return {numberOr(r, "DSP", 0), numberOr(r, "BRAM", 0), numberOr(r, "LUT", 0), numberOr(r, "FF", 0),
            numberOr(r, "URAM", 0)};
}

// FINN's (BRAM_18K, LUT, URAM, DSP; no FF estimate).
ResourceUsage finnResources(const json& r)
{
    if (!r.is_object())
        return {};
    return {numberOr(r, "DSP", 0), numberOr(r, "BRAM_18K", 0), numberOr(r, "LUT", 0), 0, numberOr(r, "URAM", 0)};
}

std::filesystem::path finnFolder(const std::filesystem::path& path)
{
    return std::filesystem::is_directory(path) ? path : path.parent_path();
}

} // namespace

// The readers proper; the public functions turn JSON type errors into ModelErrors.
static ToolReport readFpgaConvNetReportJson(const std::filesystem::path& file, const json& j);
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
    std::ifstream in(file, std::ios::binary);
    const json j = json::parse(in, nullptr, /*allow_exceptions=*/false);
    return j.is_object() && j.contains("partitions") && j["partitions"].is_object() && j.contains("network");
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
    try {
        return readFpgaConvNetReportJson(file, readJson(file));
    } catch (const json::exception& e) {
        // A key of the wrong type somewhere the reader takes a default from.
        throw ModelError(file.string(), std::string("unexpected content: ") + e.what());
    }
}

static ToolReport readFpgaConvNetReportJson(const std::filesystem::path& file, const json& j)
{
    ToolReport report;
    report.tool = "fpgaconvnet";
    report.file = file;
    const auto partitions = j.find("partitions");
    if (partitions == j.end() || !partitions->is_object())
        throw ModelError(file.string(), "not an fpgaConvNet report: no \"partitions\" object");
    NetworkEstimate& e = report.estimate;
    // Partitions are keyed "0", "1", ...: in index order, not the object's (alphabetical) one.
    std::vector<std::pair<long, const json*>> ordered;
    for (const auto& [key, partition] : partitions->items()) {
        if (!partition.is_object())
            throw ModelError(file.string(), "partition " + key + " is not an object");
        ordered.emplace_back(static_cast<long>(numberOr(partition, "partition_index", static_cast<double>(ordered.size()))),
                             &partition);
    }
    std::sort(ordered.begin(), ordered.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
    for (const auto& [index, partition] : ordered) {
        const auto layers = partition->find("layers");
        if (layers == partition->end() || !layers->is_object())
            throw ModelError(file.string(), "partition " + std::to_string(index) + ": no \"layers\" object");
        for (const auto& [name, layer] : layers->items()) {
            if (!layer.is_object())
                throw ModelError(file.string(), "layer " + name + " is not an object");
            LayerEstimate l;
            l.name = name;
            std::string type = layer.value("type", std::string());
            if (type.rfind("LAYER_TYPE.", 0) == 0)
                type = type.substr(11);
            l.type = type;
            l.cycles = number(layer, "interval", file, "layer " + name);
            l.cyclesDense = l.cycles;
            l.resources = fpgaConvNetResources(layer.value("resource_usage", json::object()));
            e.layers.push_back(std::move(l));
        }
        e.total += fpgaConvNetResources(partition->value("resource_usage", json::object()));
    }
    e.partitions = static_cast<int>(ordered.size());
    if (const auto platform = j.find("platform"); platform != j.end() && platform->is_object()) {
        if (platform->contains("resources"))
            report.budget = fpgaConvNetResources((*platform)["resources"]);
        e.clockMhz = numberOr(*platform, "board_freq", 0);
        report.platform = platform->value("board", platform->value("part", std::string()));
    }
    if (const auto network = j.find("network"); network != j.end() && network->is_object())
        if (const auto perf = network->find("performance"); perf != network->end() && perf->is_object()) {
            e.latencySeconds = numberOr(*perf, "latency (s)", 0);
            e.throughputFps = numberOr(*perf, "throughput (FPS)", 0);
            e.latencyCycles = numberOr(*perf, "cycles", 0);
        }
    markBottleneck(e);
    return report;
}

ToolReport readFinnEstimateReports(const std::filesystem::path& path)
{
    const std::filesystem::path folder = finnFolder(path);
    try {
        return readFinnEstimateFolder(folder);
    } catch (const json::exception& e) {
        throw ModelError(folder.string(), std::string("unexpected content: ") + e.what());
    }
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
    const json cycles = readJson(cyclesFile);
    for (const auto& [name, value] : cycles.items()) {
        if (!value.is_number())
            throw ModelError(cyclesFile.string(), "node " + name + ": the cycles are not a number");
        LayerEstimate l;
        l.name = name;
        const auto underscore = name.find('_');
        l.type = underscore == std::string::npos ? name : name.substr(0, underscore);
        l.cycles = l.cyclesDense = value.get<double>();
        e.layers.push_back(std::move(l));
    }
    if (std::filesystem::exists(folder / kLayerResources)) {
        const json resources = readJson(folder / kLayerResources);
        for (LayerEstimate& l : e.layers)
            if (const auto it = resources.find(l.name); it != resources.end())
                l.resources = finnResources(*it);
        if (const auto total = resources.find("total"); total != resources.end())
            e.total = finnResources(*total);
    } else {
        for (const LayerEstimate& l : e.layers)
            e.total += l.resources;
    }
    if (std::filesystem::exists(folder / kNetworkPerformance)) {
        const json perf = readJson(folder / kNetworkPerformance);
        e.intervalCycles = numberOr(perf, "max_cycles", 0);
        e.latencyCycles = numberOr(perf, "critical_path_cycles", 0);
        e.throughputFps = numberOr(perf, "estimated_throughput_fps", 0);
        e.latencySeconds = numberOr(perf, "estimated_latency_ns", 0) * 1e-9;
        if (e.intervalCycles > 0 && e.throughputFps > 0)
            e.clockMhz = e.throughputFps * e.intervalCycles / 1e6;
    }
    markBottleneck(e);
    return report;
}

} // namespace foldwise
