#include "hw/fpgaconvnet/DesignFile.h"

#include "hw/ReportTable.h"
#include "hw/fpgaconvnet/CompatibleModel.h"
#include "hw/fpgaconvnet/ConfigMatching.h"
#include "io/JsonReading.h"
#include "model/Model.h"
#include "model/ModelError.h"
#include "profile/Sha256.h"

#include <nlohmann/json.hpp>

#include <fstream>
#include <map>
#include <sstream>

namespace foldwise::fpgaconvnet {
namespace {

constexpr int kDesignVersion = 1;

nlohmann::json resourcesJson(const ResourceUsage& r)
{
    return {{"DSP", r.dsp}, {"BRAM", r.bram18}, {"LUT", r.lut}, {"FF", r.ff}, {"URAM", r.uram}};
}

std::string objectiveName(Objective o)
{
    return o == Objective::Latency ? "latency" : "throughput";
}

std::string upper(std::string s)
{
    for (char& c : s)
        c = static_cast<char>(c >= 'a' && c <= 'z' ? c - 'a' + 'A' : c);
    return s;
}

void validate(const DesignSettings& s)
{
    if (s.batch < 1)
        throw std::invalid_argument("the batch size must be at least 1");
    for (int bits : {s.bits.data, s.bits.weight, s.bits.accumulator})
        if (bits < 1 || bits > 64)
            throw std::invalid_argument("bit widths must be 1 to 64");
    for (double f : {s.limits.dsp, s.limits.bram18, s.limits.lut, s.limits.ff, s.limits.uram})
        if (!(f >= 0 && f <= 1))
            throw std::invalid_argument("resource limits must be fractions in [0, 1]");
    if (!(s.sparseThreshold >= 0 && s.sparseThreshold <= 1))
        throw std::invalid_argument("sparse_threshold must be in [0, 1]");
}

} // namespace

nlohmann::json designJson(const Evaluator& e, const std::string& modelFile, const std::string& modelSha256)
{
    const Design& d = e.design();
    nlohmann::json layers = nlohmann::json::array();
    for (std::size_t i = 0; i < e.layerCount(); ++i) {
        const Folding& f = d.folding[i];
        layers.push_back({{"name", d.graph.layers[i].name},
                          {"type", layerTypeName(d.graph.layers[i].type)},
                          {"coarse_in", f.coarseIn},
                          {"coarse_out", f.coarseOut},
                          {"coarse_group", f.coarseGroup},
                          {"fine", f.fine},
                          {"weights_reloading", f.weightsReloading},
                          {"sparse", hasSparseHardware(d.graph.layers[i], d.settings)}});
    }
    return {{"format", "foldwise-design"},
            {"version", kDesignVersion},
            {"style", "fpgaconvnet"},
            {"model", {{"file", modelFile}, {"sha256", modelSha256}}},
            {"platform",
             {{"name", d.platform.name},
              {"part", d.platform.part},
              {"board", d.platform.board},
              {"file", d.platform.file.string()},
              {"board_frequency", d.platform.frequencyMhz},
              {"memory_bandwidth", d.platform.memoryBandwidthGbps},
              {"reconfiguration_time", d.platform.reconfigurationTimeS},
              {"port_width", d.platform.portWidth},
              {"resources", resourcesJson(d.platform.resources)}}},
            {"settings",
             {{"batch", d.settings.batch},
              {"objective", objectiveName(d.settings.objective)},
              {"data_width", d.settings.bits.data},
              {"weight_width", d.settings.bits.weight},
              {"acc_width", d.settings.bits.accumulator},
              {"skip_all_zero_window", d.settings.skipAllZeroWindow},
              {"sparse_threshold", d.settings.sparseThreshold},
              {"cost_model", d.settings.costModel == CostModel::Compatible ? "compatible" : "native"},
              {"off_chip_streaming", d.settings.offChipStreaming},
              {"bram_to_lut", d.settings.bramToLut},
              {"limits",
               {{"dsp", d.settings.limits.dsp}, {"bram", d.settings.limits.bram18}, {"lut", d.settings.limits.lut},
                {"ff", d.settings.limits.ff}, {"uram", d.settings.limits.uram}}}}},
            {"partitions", d.partitionStarts},
            {"layers", layers},
            {"notes", d.graph.notes},
            {"estimate", networkEstimateJson(e.estimate())}};
}

nlohmann::json reportJson(const Evaluator& e)
{
    if (e.compatible())
        return compatibleReportJson(e.compatibleReport());
    const Design& d = e.design();
    const NetworkEstimate est = e.estimate();
    const double hz = d.platform.frequencyMhz * 1e6;
    nlohmann::json partitions = nlohmann::json::object();
    ResourceUsage sum;
    for (std::size_t p = 0; p < e.partitionCount(); ++p) {
        const auto [first, last] = e.partitionRange(p);
        nlohmann::json layers = nlohmann::json::object();
        int64_t reloads = 1;
        std::string reloadingLayer;
        for (int i = first; i < last; ++i) {
            const auto index = static_cast<std::size_t>(i);
            const HardwareLayer& l = d.graph.layers[index];
            layers[l.name] = {{"type", std::string("LAYER_TYPE.") + layerTypeName(l.type)},
                              {"interval", e.layerLatency(index)},
                              {"cycle", e.layerLatency(index)},
                              {"resource_usage", resourcesJson(e.layerResources(index))}};
            if (d.folding[index].weightsReloading > reloads) {
                reloads = d.folding[index].weightsReloading;
                reloadingLayer = l.name;
            }
        }
        const ResourceUsage r = e.partitionResources(p);
        sum += r;
        partitions[std::to_string(p)] = {{"partition_index", p},
                                         {"batch_size", d.settings.batch},
                                         {"num_layers", last - first},
                                         {"latency", e.partitionCycles(p) / hz},
                                         {"cycles", e.partitionCycles(p)},
                                         {"weights_reloading_factor", reloads},
                                         {"weights_reloading_layer", reloadingLayer.empty() ? nlohmann::json() : nlohmann::json(reloadingLayer)},
                                         {"resource_usage", resourcesJson(r)},
                                         {"layers", layers}};
    }
    const double n = static_cast<double>(e.partitionCount());
    const ResourceUsage avg{sum.dsp / n, sum.bram18 / n, sum.lut / n, sum.ff / n, sum.uram / n};
    return {{"name", d.graph.modelName},
            {"platform",
             {{"part", d.platform.part},
              {"board", d.platform.board},
              {"resources", resourcesJson(d.platform.resources)},
              {"board_freq", d.platform.frequencyMhz},
              {"mem_bw", d.platform.memoryBandwidthGbps},
              {"reconf_time", d.platform.reconfigurationTimeS},
              {"port_width", d.platform.portWidth}}},
            {"network",
             {{"multi_fpga", false},
              {"performance",
               {{"latency (s)", est.latencySeconds},
                {"throughput (FPS)", est.throughputFps},
                {"cycles", est.latencyCycles},
                {"delays between partitions (s)", e.partitionCount() > 1 ? n * d.platform.reconfigurationTimeS : 0.0}}},
              {"num_partitions", e.partitionCount()},
              {"avg_resource_usage", resourcesJson(avg)},
              {"sum_resource_usage", resourcesJson(sum)}}},
            {"partitions", partitions}};
}

void writeJsonFile(const std::filesystem::path& file, const nlohmann::json& json)
{
    writeTextFile(file, json.dump(2) + "\n");
}

void writeConfigJsonFile(const std::filesystem::path& file, const nlohmann::ordered_json& config)
{
    // As protobuf's MessageToJson and fpgaConvNet write it: indent 2, ASCII, no final newline.
    writeTextFile(file, config.dump(2, ' ', true));
}

Design readDesign(const std::filesystem::path& file, const Model& model, const ActivationProfile* profile,
                  const std::optional<Platform>& platform, const std::function<void(DesignSettings&)>& adjustSettings)
{
    const std::string name = file.string();
    const nlohmann::json document = readJsonFile(file, "design file");
    const JsonNode j(document, name);
    // fpgaConvNet writes "partition"; Foldwise's design and older configs "partitions".
    const char* partitionsKey = j.has("partition") ? "partition" : "partitions";
    if (!j.isObject() || !j.has(partitionsKey) || !j.at(partitionsKey).isArray() || j.at(partitionsKey).size() == 0)
        throw ModelError(name, "neither a Foldwise design nor an fpgaConvNet config.json (no \"partition\" list)");
    const bool foldwise = j.has("format") && j.at("format").isString() && j.at("format").string() == "foldwise-design";
    if (foldwise) {
        const std::string style = j.string("style", "");
        if (style != "fpgaconvnet")
            throw ModelError(name, "is a design of style '" + style + "', not fpgaconvnet");
        const std::int64_t version = j.at("version").integer();
        if (version < 1 || version > kDesignVersion)
            j.at("version").fail("is " + std::to_string(version) + ": this Foldwise reads design versions 1 to "
                                  + std::to_string(kDesignVersion));
    }

    DesignSettings settings;
    Platform chosen;
    if (platform) {
        chosen = *platform;
    } else if (foldwise && j.find("platform")) {
        // The design carries its platform's figures, so it re-evaluates on any machine. They are
        // held to the platform file's ranges (Platform.h).
        const JsonNode pj = j.at("platform");
        const JsonNode r = pj.at("resources");
        chosen.name = pj.string("name", "");
        chosen.part = pj.string("part", "");
        chosen.board = pj.string("board", "");
        chosen.resources = {r.at("DSP").nonNegativeNumber(), r.at("BRAM").nonNegativeNumber(), r.at("LUT").nonNegativeNumber(),
                            r.at("FF").nonNegativeNumber(), r.find("URAM") ? r.at("URAM").nonNegativeNumber() : 0.0};
        chosen.frequencyMhz = pj.at("board_frequency").numberIn(1e-6, 1e6);
        chosen.memoryBandwidthGbps = pj.find("memory_bandwidth") ? pj.at("memory_bandwidth").nonNegativeNumber() : 0.0;
        chosen.reconfigurationTimeS = pj.find("reconfiguration_time") ? pj.at("reconfiguration_time").nonNegativeNumber() : 0.0;
        chosen.portWidth = pj.find("port_width") ? static_cast<int>(pj.at("port_width").integerIn(1, 1 << 20)) : 64;
        chosen.file = pj.string("file", "");
    } else if (foldwise) {
        throw ModelError(name, "the design's \"platform\" is missing: give one (--platform)");
    } else {
        throw ModelError(name, "an fpgaConvNet config.json names no platform: give one (--platform)");
    }

    try {
        std::vector<std::pair<std::string, Folding>> foldings;
        std::map<std::string, int> sparseHardware; // saved hardware choice by layer
        std::vector<std::vector<std::string>> partitionLayers; // config: each partition's layers
        std::vector<ConfigLayerRef> configLayers;
        // Foldings and geometry are small positive integers; a bound keeps products in range.
        constexpr std::int64_t kLargestFactor = 1 << 20;
        const auto factor = [&](const JsonNode& object, const char* key, std::int64_t fallback) {
            const auto v = object.find(key);
            return v ? v->integerIn(1, kLargestFactor) : fallback;
        };
        const auto size = [&](const JsonNode& object, const char* key, std::int64_t fallback) {
            const auto v = object.find(key);
            return v ? v->integerIn(0, kLargestFactor) : fallback;
        };
        const auto typeOf = [](const JsonNode& l) {
            const auto t = l.find("type");
            return t && t->isString() ? upper(t->string()) : std::string();
        };
        if (foldwise) {
            if (const auto m = j.find("model"); m && m->string("sha256", "") != sha256OfFile(model.file()))
                throw ModelError(name, "was made for another model (SHA-256 differs from " + model.file().string() + ")");
            if (const auto s = j.find("settings")) {
                settings.batch = static_cast<int>(s->find("batch") ? s->at("batch").integerIn(1, 1 << 24) : settings.batch);
                const std::string objective = s->string("objective", "throughput");
                if (objective != "throughput" && objective != "latency")
                    s->at("objective").fail("must be \"throughput\" or \"latency\"");
                settings.objective = objective == "latency" ? Objective::Latency : Objective::Throughput;
                const auto bits = [&](const char* key, int fallback) {
                    return static_cast<int>(s->find(key) ? s->at(key).integerIn(1, 64) : fallback);
                };
                settings.bits.data = bits("data_width", settings.bits.data);
                settings.bits.weight = bits("weight_width", settings.bits.weight);
                settings.bits.accumulator = bits("acc_width", settings.bits.accumulator);
                settings.skipAllZeroWindow = s->boolean("skip_all_zero_window", settings.skipAllZeroWindow);
                if (s->find("sparse_threshold"))
                    settings.sparseThreshold = s->at("sparse_threshold").numberIn(0, 1);
                const std::string costModel = s->string("cost_model", "native");
                if (costModel != "native" && costModel != "compatible")
                    s->at("cost_model").fail("must be \"native\" or \"compatible\"");
                settings.costModel = costModel == "compatible" ? CostModel::Compatible : CostModel::Native;
                settings.offChipStreaming = s->boolean("off_chip_streaming", settings.offChipStreaming);
                settings.bramToLut = s->boolean("bram_to_lut", settings.bramToLut);
                if (const auto l = s->find("limits")) {
                    const auto fraction = [&](const char* key) { return l->find(key) ? l->at(key).numberIn(0, 1) : 1.0; };
                    settings.limits = {fraction("dsp"), fraction("bram"), fraction("lut"), fraction("ff"), fraction("uram")};
                }
            }
            std::map<std::string, bool> listed;
            for (const JsonNode& l : j.at("layers").elements()) {
                const std::string layerName = l.at("name").string();
                if (listed[layerName])
                    l.at("name").fail("lists layer '" + layerName + "' a second time");
                listed[layerName] = true;
                if (const auto sparse = l.find("sparse"))
                    sparseHardware[layerName] = sparse->boolean() ? 1 : 0;
                foldings.push_back({layerName,
                                    {factor(l, "coarse_in", 1), factor(l, "coarse_out", 1), factor(l, "coarse_group", 1),
                                     factor(l, "fine", 1), factor(l, "weights_reloading", 1)}});
            }
        } else {
            const std::vector<JsonNode> partitions = j.at(partitionsKey).elements();
            // fpgaConvNet takes the network's batch from the first partition.
            if (partitions[0].isObject())
                settings.batch = static_cast<int>(partitions[0].find("batch_size") ? partitions[0].at("batch_size").integerIn(1, 1 << 24)
                                                                                   : settings.batch);
            for (const JsonNode& p : partitions) {
                partitionLayers.emplace_back();
                // The partition's weights-reloading factor belongs to its one reloading layer.
                const std::int64_t partitionReloads = factor(p, "weights_reloading_factor", 1);
                const auto reloading = p.find("weights_reloading_layer");
                const std::string reloadingLayer = reloading && reloading->isString() ? reloading->string() : std::string();
                for (const JsonNode& l : p.at("layers").elements()) {
                    const JsonNode params = l.at("parameters");
                    const std::int64_t coarse = factor(params, "coarse", 1);
                    const std::string layerName = l.at("name").string();
                    const std::string type = typeOf(l);
                    // A Chop's coarse_out is derived from its coarse (ChopLayer's setter); its
                    // folding is the coarse alone, as for every one-coarse layer.
                    const bool chop = type == "CHOP";
                    const auto opType = l.find("op_type");
                    const std::string kind = opType && opType->isString() ? opType->string() : "dense";
                    if (type == "CONVOLUTION")
                        sparseHardware[layerName] = kind == "sparse" || kind == "pointwise_sparse" ? 1 : 0;
                    foldings.push_back({layerName,
                                        {chop ? coarse : factor(params, "coarse_in", coarse), chop ? coarse : factor(params, "coarse_out", coarse),
                                         factor(params, "coarse_group", 1), factor(params, "fine", 1),
                                         factor(params, "weights_reloading", layerName == reloadingLayer ? partitionReloads : 1)}});
                    ConfigLayerRef ref;
                    ref.name = layerName;
                    ref.type = type;
                    ref.rowsIn = size(params, "rows_in", 0);
                    ref.colsIn = size(params, "cols_in", 0);
                    ref.kernelRows = size(params, "kernel_rows", 1);
                    ref.kernelCols = size(params, "kernel_cols", 1);
                    ref.strideRows = size(params, "stride_rows", 1);
                    ref.strideCols = size(params, "stride_cols", 1);
                    if (const auto streams = l.find("streams_in"); streams && streams->isArray())
                        for (const JsonNode& stream : streams->elements())
                            if (const auto node = stream.isObject() ? stream.find("node") : std::nullopt;
                                node && node->isString() && node->string() != layerName)
                                ref.inputs.push_back(node->string());
                    if (ref.type != "SQUEEZE")
                        partitionLayers.back().push_back(layerName);
                    configLayers.push_back(std::move(ref));
                }
            }
        }
        if (adjustSettings)
            adjustSettings(settings);
        validate(settings);
        HardwareGraph graph = buildHardwareGraph(model, profile);
        if (!foldwise) {
            // fpgaConvNet's names are its own (Conv_0, ...) unless the model is its optimised
            // ONNX: match by name, else by structure, and key everything by the model's names.
            std::map<std::string, int> match;
            try {
                match = matchConfigLayers(configLayers, graph);
            } catch (const std::invalid_argument& ex) {
                throw ModelError(name, std::string(ex.what()) + " (model " + model.file().string() + ")");
            }
            const auto rename = [&](const std::string& configName) { return graph.layers[static_cast<std::size_t>(match.at(configName))].name; };
            for (auto& [layerName, folding] : foldings)
                if (match.count(layerName))
                    layerName = rename(layerName);
            std::map<std::string, int> renamed;
            for (const auto& [layerName, sparse] : sparseHardware)
                if (match.count(layerName))
                    renamed[rename(layerName)] = sparse;
            sparseHardware = std::move(renamed);
            for (std::vector<std::string>& layers : partitionLayers)
                for (std::string& layerName : layers)
                    layerName = rename(layerName);
        }
        for (HardwareLayer& l : graph.layers)
            if (const auto it = sparseHardware.find(l.name); it != sparseHardware.end())
                l.sparseHardware = it->second;
        Design d = minimalDesign(std::move(graph), chosen, settings);
        std::map<std::string, bool> seen;
        for (const auto& [layerName, folding] : foldings) {
            const int index = d.graph.indexOf(layerName);
            if (index < 0) {
                if (foldwise)
                    throw ModelError(name, "layer '" + layerName + "' is not a layer of " + model.file().string());
                continue; // fpgaConvNet's squeezes: Foldwise inserts them where streams differ
            }
            d.folding[static_cast<std::size_t>(index)] = folding;
            seen[layerName] = true;
        }
        if (foldwise) {
            for (const HardwareLayer& l : d.graph.layers)
                if (!seen.count(l.name))
                    throw std::invalid_argument("layer '" + l.name + "' of the model has no folding in the design");
            d.partitionStarts.clear();
            for (const JsonNode& start : j.at("partitions").elements())
                d.partitionStarts.push_back(static_cast<int>(start.integerIn(0, static_cast<std::int64_t>(d.graph.layers.size()) - 1)));
        } else {
            // Each partition is a contiguous run of the model's layers, in the config's order.
            d.partitionStarts.clear();
            int end = 0;
            for (std::size_t p = 0; p < partitionLayers.size(); ++p) {
                if (partitionLayers[p].empty())
                    continue;
                int lo = static_cast<int>(d.graph.layers.size()), hi = -1;
                for (const std::string& layerName : partitionLayers[p]) {
                    lo = std::min(lo, d.graph.indexOf(layerName));
                    hi = std::max(hi, d.graph.indexOf(layerName));
                }
                if (lo != end || hi - lo + 1 != static_cast<int>(partitionLayers[p].size()))
                    throw std::invalid_argument("partition " + std::to_string(p) + " is not the run of layers after the previous "
                                                "partition's in the model's order (from '" + d.graph.layers[static_cast<std::size_t>(lo)].name
                                                + "'): Foldwise's partitions are contiguous in topological order");
                d.partitionStarts.push_back(lo);
                end = hi + 1;
            }
        }
        Evaluator check(d); // validates foldings and cuts
        return check.design();
    } catch (const ModelError&) {
        throw;
    } catch (const std::exception& e) { // nlohmann type errors and missing keys included
        throw ModelError(name, e.what());
    }
}

} // namespace foldwise::fpgaconvnet
