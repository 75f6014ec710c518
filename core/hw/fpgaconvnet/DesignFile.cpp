#include "hw/fpgaconvnet/DesignFile.h"

#include "hw/ReportTable.h"
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

const char* opKind(const Evaluator& e, std::size_t i)
{
    const HardwareLayer& l = e.design().graph.layers[i];
    if (!hasSparseHardware(l, e.design().settings))
        return "dense";
    return l.kernelSize() == 1 ? "pointwise_sparse" : "sparse";
}

nlohmann::json fixedPoint(int width)
{
    return {{"width", width}, {"binary_point", width / 2}};
}

nlohmann::json resourcesJson(const ResourceUsage& r)
{
    return {{"DSP", r.dsp}, {"BRAM", r.bram18}, {"LUT", r.lut}, {"FF", r.ff}, {"URAM", r.uram}};
}

// config.json's layer type enum (fpgaConvNet's protobuf names).
const char* configTypeName(LayerType t)
{
    switch (t) {
    case LayerType::Convolution: return "CONVOLUTION";
    case LayerType::InnerProduct: return "INNER_PRODUCT";
    case LayerType::Pooling: return "POOLING";
    case LayerType::ReLU: return "RELU";
    case LayerType::ThresholdedReLU: return "THRESHOLDEDRELU";
    case LayerType::EltWise: return "ELTWISE";
    case LayerType::Concat: return "CONCAT";
    case LayerType::Split: return "SPLIT";
    case LayerType::GlobalPooling: return "AVERAGE_POOLING";
    case LayerType::Squeeze: return "SQUEEZE";
    }
    return "";
}

// config.json's op_type: convolutions dense/sparse/pointwise_sparse, the others their operation
// (absent, "", where fpgaConvNet writes none).
std::string configOpType(const Evaluator& e, std::size_t i)
{
    const HardwareLayer& l = e.design().graph.layers[i];
    switch (l.type) {
    case LayerType::Convolution: return opKind(e, i);
    case LayerType::ReLU: return "ReLU";
    case LayerType::Pooling: return l.pooling;
    case LayerType::GlobalPooling: return "avg";
    case LayerType::EltWise: return l.eltwise;
    default: return "";
    }
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
              {"limits",
               {{"dsp", d.settings.limits.dsp}, {"bram", d.settings.limits.bram18}, {"lut", d.settings.limits.lut},
                {"ff", d.settings.limits.ff}, {"uram", d.settings.limits.uram}}}}},
            {"partitions", d.partitionStarts},
            {"layers", layers},
            {"estimate", networkEstimateJson(e.estimate())}};
}

nlohmann::json configJson(const Evaluator& e)
{
    const Design& d = e.design();
    nlohmann::json partitions = nlohmann::json::array();
    for (std::size_t p = 0; p < e.partitionCount(); ++p) {
        const auto [first, last] = e.partitionRange(p);
        nlohmann::json layers = nlohmann::json::array();
        for (int i = first; i < last; ++i) {
            const auto index = static_cast<std::size_t>(i);
            const HardwareLayer& l = d.graph.layers[index];
            const Folding& f = d.folding[index];
            nlohmann::json parameters = {{"batch_size", d.settings.batch},
                                         {"rows_in", l.rowsIn},
                                         {"cols_in", l.colsIn},
                                         {"channels_in", l.channelsIn},
                                         {"rows_out", l.rowsOut},
                                         {"cols_out", l.colsOut},
                                         {"channels_out", l.channelsOut},
                                         {"data_t", fixedPoint(layerBits(l, d.settings).data)}};
            if (l.type == LayerType::Convolution || l.type == LayerType::InnerProduct) {
                parameters["weights_reloading"] = f.weightsReloading;
                parameters["coarse_in"] = f.coarseIn;
                parameters["coarse_out"] = f.coarseOut;
                parameters["filters"] = l.filters;
                parameters["has_bias"] = l.hasBias ? 1 : 0;
                parameters["weight_t"] = fixedPoint(layerBits(l, d.settings).weight);
                parameters["acc_t"] = fixedPoint(layerBits(l, d.settings).accumulator);
            } else {
                parameters["coarse"] = f.coarseIn;
            }
            if (l.type == LayerType::Convolution || l.type == LayerType::Pooling) {
                parameters["kernel_rows"] = l.kernelH;
                parameters["kernel_cols"] = l.kernelW;
                parameters["kernel_size"] = {l.kernelH, l.kernelW};
                parameters["stride_rows"] = l.strideH;
                parameters["stride_cols"] = l.strideW;
                parameters["stride"] = {l.strideH, l.strideW};
                parameters["pad_top"] = l.padTop;
                parameters["pad_left"] = l.padLeft;
                parameters["pad_bottom"] = l.padBottom;
                parameters["pad_right"] = l.padRight;
            }
            if (l.type == LayerType::Convolution) {
                parameters["coarse_group"] = f.coarseGroup;
                parameters["fine"] = f.fine;
                parameters["groups"] = l.groups;
                if (hasSparseHardware(l, d.settings)) {
                    parameters["sparsity"] = l.windowHistogram;
                    parameters["skip_all_zero_window"] = d.settings.skipAllZeroWindow;
                }
            }
            if (l.type == LayerType::ThresholdedReLU)
                parameters["threshold"] = l.threshold;
            if (l.type == LayerType::Pooling || l.type == LayerType::GlobalPooling)
                parameters["pool_type"] = l.pooling;
            if (l.type == LayerType::EltWise) {
                parameters["op_type"] = l.eltwise;
                parameters["ports_in"] = l.ports;
            }
            if (l.type == LayerType::Split)
                parameters["ports_out"] = l.ports;
            if (l.type == LayerType::Concat) {
                parameters["ports_in"] = l.ports;
                parameters["channels_in_array"] = l.inputChannels;
            }
            // Streams name their neighbours as fpgaConvNet does: "in"/"out" at the partition's edges.
            nlohmann::json in = nlohmann::json::array(), out = nlohmann::json::array();
            for (int from : l.inputs) {
                const bool inside = from >= first && from < last;
                in.push_back({{"name", inside ? d.graph.layers[static_cast<std::size_t>(from)].name + "_" + l.name : "in"},
                              {"coarse", streamsIn(l, f)},
                              {"node", inside ? d.graph.layers[static_cast<std::size_t>(from)].name : l.name}});
            }
            if (l.inputs.empty())
                in.push_back({{"name", "in"}, {"coarse", streamsIn(l, f)}, {"node", l.name}});
            bool anyOut = false;
            for (int to : l.outputs) {
                if (to < first || to >= last)
                    continue;
                anyOut = true;
                out.push_back({{"name", l.name + "_" + d.graph.layers[static_cast<std::size_t>(to)].name},
                               {"coarse", streamsOut(l, f)},
                               {"node", d.graph.layers[static_cast<std::size_t>(to)].name}});
            }
            if (!anyOut)
                out.push_back({{"name", "out"}, {"coarse", streamsOut(l, f)}, {"node", l.name}});
            parameters["coarse_in"] = f.coarseIn;
            parameters["coarse_out"] = f.coarseOut;
            nlohmann::json layer = {{"name", l.name},
                                    {"onnx_node", l.onnxNode},
                                    {"type", configTypeName(l.type)},
                                    {"streams_in", in},
                                    {"streams_out", out},
                                    {"parameters", parameters}};
            if (const std::string op = configOpType(e, index); !op.empty())
                layer["op_type"] = op;
            layers.push_back(std::move(layer));
        }
        // fpgaConvNet reloads the weights of one layer per partition: the one with the largest factor.
        int64_t reloads = 1;
        std::string reloadingLayer = "None";
        for (int i = first; i < last; ++i)
            if (d.folding[static_cast<std::size_t>(i)].weightsReloading > reloads) {
                reloads = d.folding[static_cast<std::size_t>(i)].weightsReloading;
                reloadingLayer = d.graph.layers[static_cast<std::size_t>(i)].name;
            }
        partitions.push_back({{"id", p},
                              {"ports", 1},
                              {"batch_size", d.settings.batch},
                              {"input_nodes", {d.graph.layers[static_cast<std::size_t>(first)].onnxNode}},
                              {"output_nodes", {d.graph.layers[static_cast<std::size_t>(last - 1)].onnxNode}},
                              {"weights_reloading_factor", reloads},
                              {"weights_reloading_layer", reloadingLayer},
                              {"layers", layers},
                              {"gen_last_width", 16}});
    }
    return {{"name", d.graph.modelName}, {"partition", partitions}};
}

nlohmann::json reportJson(const Evaluator& e)
{
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
        std::vector<std::string> partitionFirst;
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
            for (const nlohmann::json& p : j[partitionsKey]) {
                bool first = true;
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
                    const std::string kind = l.contains("op_type") && l["op_type"].is_string() ? l["op_type"].get<std::string>() : "dense";
                    if (l.contains("type") && l["type"].is_string() && upper(l["type"].get<std::string>()) == "CONVOLUTION")
                        sparseHardware[layerName] = kind == "sparse" || kind == "pointwise_sparse" ? 1 : 0;
                    foldings.push_back({layerName,
                                        {getInt(params, "coarse_in", coarse), getInt(params, "coarse_out", coarse),
                                         getInt(params, "coarse_group", 1), getInt(params, "fine", 1),
                                         getInt(params, "weights_reloading",
                                                layerName == reloadingLayer ? partitionReloads : 1)}});
                    if (first)
                        partitionFirst.push_back(layerName);
                    first = false;
                }
            }
        }
        if (adjustSettings)
            adjustSettings(settings);
        validate(settings);
        HardwareGraph graph = buildHardwareGraph(model, profile);
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
                continue; // fpgaConvNet layers Foldwise does not build (e.g. its squeeze layers)
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
            d.partitionStarts.clear();
            for (const std::string& first : partitionFirst) {
                const int index = d.graph.indexOf(first);
                if (index >= 0)
                    d.partitionStarts.push_back(index);
            }
            if (d.partitionStarts.empty() || d.partitionStarts.front() != 0)
                d.partitionStarts.insert(d.partitionStarts.begin(), 0);
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
