#include "hw/fpgaconvnet/DesignFile.h"

#include "hw/ReportTable.h"
#include "hw/fpgaconvnet/CompatibleModel.h"
#include "hw/fpgaconvnet/ConfigMatching.h"
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

int64_t getInt(const nlohmann::json& j, const char* key, int64_t fallback)
{
    const auto it = j.find(key);
    if (it == j.end())
        return fallback;
    if (!it->is_number_integer())
        throw std::invalid_argument(std::string("\"") + key + "\" must be an integer, not " + it->dump());
    return it->get<int64_t>();
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
    std::ifstream in(file, std::ios::binary);
    if (!in)
        throw ModelError(name, "cannot open the design file");
    nlohmann::json j;
    try {
        j = nlohmann::json::parse(in);
    } catch (const nlohmann::json::exception& ex) {
        throw ModelError(name, std::string("not valid JSON: ") + ex.what());
    }
    // fpgaConvNet writes "partition"; Foldwise's design and older configs "partitions".
    const char* partitionsKey = j.is_object() && j.contains("partition") ? "partition" : "partitions";
    if (!j.is_object() || !j.contains(partitionsKey) || !j[partitionsKey].is_array() || j[partitionsKey].empty())
        throw ModelError(name, "neither a Foldwise design nor an fpgaConvNet config.json (no \"partition\" list)");
    const auto text = [&](const char* key) {
        const auto it = j.find(key);
        return it != j.end() && it->is_string() ? it->get<std::string>() : std::string();
    };
    const bool foldwise = text("format") == "foldwise-design";
    if (foldwise && text("style") != "fpgaconvnet")
        throw ModelError(name, "is a design of style '" + text("style") + "', not fpgaconvnet");

    DesignSettings settings;
    Platform chosen;
    if (platform) {
        chosen = *platform;
    } else if (foldwise && j.contains("platform") && j["platform"].is_object()) {
        // The design carries its platform's figures, so it re-evaluates on any machine.
        const nlohmann::json& pj = j["platform"];
        try {
            const nlohmann::json& r = pj.at("resources");
            chosen.name = pj.value("name", "");
            chosen.part = pj.value("part", "");
            chosen.board = pj.value("board", "");
            chosen.resources = {r.at("DSP").get<double>(), r.at("BRAM").get<double>(), r.at("LUT").get<double>(),
                                r.at("FF").get<double>(), r.value("URAM", 0.0)};
            chosen.frequencyMhz = pj.at("board_frequency").get<double>();
            chosen.memoryBandwidthGbps = pj.value("memory_bandwidth", 0.0);
            chosen.reconfigurationTimeS = pj.value("reconfiguration_time", 0.0);
            chosen.portWidth = pj.value("port_width", 64);
            chosen.file = pj.value("file", "");
        } catch (const nlohmann::json::exception& ex) {
            throw ModelError(name, std::string("its \"platform\" is incomplete (give --platform): ") + ex.what());
        }
        if (!(chosen.frequencyMhz > 0))
            throw ModelError(name, "its platform's board_frequency must be positive");
    } else if (foldwise) {
        throw ModelError(name, "the design's \"platform\" is missing or not an object: give one (--platform)");
    } else {
        throw ModelError(name, "an fpgaConvNet config.json names no platform: give one (--platform)");
    }

    try {
        std::vector<std::pair<std::string, Folding>> foldings;
        std::map<std::string, int> sparseHardware; // saved hardware choice by layer
        std::vector<std::vector<std::string>> partitionLayers; // config: each partition's layers
        std::vector<ConfigLayerRef> configLayers;
        if (foldwise) {
            if (j.contains("model") && j["model"].value("sha256", "") != sha256OfFile(model.file()))
                throw ModelError(name, "was made for another model (SHA-256 differs from " + model.file().string() + ")");
            if (j.contains("settings")) {
                const nlohmann::json& s = j["settings"];
                settings.batch = s.value("batch", settings.batch);
                settings.objective = s.value("objective", std::string("throughput")) == "latency" ? Objective::Latency
                                                                                                  : Objective::Throughput;
                settings.bits.data = s.value("data_width", settings.bits.data);
                settings.bits.weight = s.value("weight_width", settings.bits.weight);
                settings.bits.accumulator = s.value("acc_width", settings.bits.accumulator);
                settings.skipAllZeroWindow = s.value("skip_all_zero_window", settings.skipAllZeroWindow);
                settings.sparseThreshold = s.value("sparse_threshold", settings.sparseThreshold);
                const std::string costModel = s.value("cost_model", std::string("native"));
                if (costModel != "native" && costModel != "compatible")
                    throw std::invalid_argument("settings.cost_model must be \"native\" or \"compatible\", not \"" + costModel + "\"");
                settings.costModel = costModel == "compatible" ? CostModel::Compatible : CostModel::Native;
                settings.offChipStreaming = s.value("off_chip_streaming", settings.offChipStreaming);
                settings.bramToLut = s.value("bram_to_lut", settings.bramToLut);
                if (s.contains("limits")) {
                    const nlohmann::json& l = s["limits"];
                    settings.limits = {l.value("dsp", 1.0), l.value("bram", 1.0), l.value("lut", 1.0), l.value("ff", 1.0),
                                       l.value("uram", 1.0)};
                }
            }
            std::map<std::string, bool> listed;
            for (const nlohmann::json& l : j.at("layers")) {
                if (listed[l.at("name").get<std::string>()])
                    throw std::invalid_argument("layer '" + l.at("name").get<std::string>() + "' is listed twice");
                listed[l.at("name").get<std::string>()] = true;
                if (l.contains("sparse") && l["sparse"].is_boolean())
                    sparseHardware[l.at("name").get<std::string>()] = l["sparse"].get<bool>() ? 1 : 0;
                foldings.push_back({l.at("name").get<std::string>(),
                                    {getInt(l, "coarse_in", 1), getInt(l, "coarse_out", 1), getInt(l, "coarse_group", 1),
                                     getInt(l, "fine", 1), getInt(l, "weights_reloading", 1)}});
            }
        } else {
            // fpgaConvNet takes the network's batch from the first partition.
            if (j[partitionsKey][0].is_object())
                settings.batch = getInt(j[partitionsKey][0], "batch_size", settings.batch);
            for (const nlohmann::json& p : j[partitionsKey]) {
                partitionLayers.emplace_back();
                // The partition's weights-reloading factor belongs to its one reloading layer.
                const int64_t partitionReloads = getInt(p, "weights_reloading_factor", 1);
                const std::string reloadingLayer = p.contains("weights_reloading_layer") && p["weights_reloading_layer"].is_string()
                    ? p["weights_reloading_layer"].get<std::string>()
                    : std::string();
                for (const nlohmann::json& l : p.at("layers")) {
                    const nlohmann::json& params = l.at("parameters");
                    if (!params.is_object())
                        throw std::invalid_argument("\"parameters\" of a layer must be an object");
                    const int64_t coarse = getInt(params, "coarse", 1);
                    const std::string layerName = l.at("name").get<std::string>();
                    // A Chop's coarse_out is derived from its coarse (ChopLayer's setter); its
                    // folding is the coarse alone, as for every one-coarse layer.
                    const bool chop = l.contains("type") && l["type"].is_string() && upper(l["type"].get<std::string>()) == "CHOP";
                    const std::string kind = l.contains("op_type") && l["op_type"].is_string() ? l["op_type"].get<std::string>() : "dense";
                    if (l.contains("type") && l["type"].is_string() && upper(l["type"].get<std::string>()) == "CONVOLUTION")
                        sparseHardware[layerName] = kind == "sparse" || kind == "pointwise_sparse" ? 1 : 0;
                    foldings.push_back({layerName,
                                        {chop ? coarse : getInt(params, "coarse_in", coarse), chop ? coarse : getInt(params, "coarse_out", coarse),
                                         getInt(params, "coarse_group", 1), getInt(params, "fine", 1),
                                         getInt(params, "weights_reloading",
                                                layerName == reloadingLayer ? partitionReloads : 1)}});
                    ConfigLayerRef ref;
                    ref.name = layerName;
                    ref.type = l.contains("type") && l["type"].is_string() ? upper(l["type"].get<std::string>()) : "";
                    ref.rowsIn = getInt(params, "rows_in", 0);
                    ref.colsIn = getInt(params, "cols_in", 0);
                    ref.kernelRows = getInt(params, "kernel_rows", 1);
                    ref.kernelCols = getInt(params, "kernel_cols", 1);
                    ref.strideRows = getInt(params, "stride_rows", 1);
                    ref.strideCols = getInt(params, "stride_cols", 1);
                    if (l.contains("streams_in") && l["streams_in"].is_array())
                        for (const nlohmann::json& stream : l["streams_in"])
                            if (stream.is_object() && stream.contains("node") && stream["node"].is_string()
                                && stream["node"].get<std::string>() != layerName)
                                ref.inputs.push_back(stream["node"].get<std::string>());
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
            for (const nlohmann::json& start : j["partitions"]) {
                if (!start.is_number_integer() || start.get<int64_t>() < 0
                    || start.get<int64_t>() >= static_cast<int64_t>(d.graph.layers.size()))
                    throw std::invalid_argument("\"partitions\" must list layer indices, not " + start.dump());
                d.partitionStarts.push_back(static_cast<int>(start.get<int64_t>()));
            }
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
