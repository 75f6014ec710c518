#include "hw/fpgaconvnet/CompatibleModel.h"

#include "hw/fpgaconvnet/CompatibleLayers.h"
#include "hw/fpgaconvnet/CompatiblePartition.h"
#include "model/ModelError.h"

#include "io/JsonReading.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cmath>
#include <initializer_list>
#include <limits>
#include <map>
#include <set>
#include <unordered_map>
#include <utility>

// Partition and network level of the compatible evaluation (REFERENCE_NOTES.md section 5 and
// 7.1): the config reader (fpgaconvnet.parser.prototxt), the partition graph as networkx builds
// it, squeeze insertion, interval, pipeline depth along dag_longest_path, cycles, latency.

namespace foldwise::fpgaconvnet {
namespace {

using nlohmann::json;
using compat::CompatError;
using compat::Kind;
using compat::LayerParams;
using compat::LayerResult;

// A config problem; `what()` names where. Turned into a ModelError with the file name.
struct ConfigError : std::runtime_error {
    using std::runtime_error::runtime_error;
};

// ---------------------------------------------------------------------------------------------
// Typed JSON access with the location in every message

const json& member(const json& obj, const char* key, const std::string& where)
{
    if (!obj.is_object())
        throw ConfigError(where + ": expected an object");
    auto it = obj.find(key);
    if (it == obj.end())
        throw ConfigError(where + ": missing key \"" + key + "\"");
    return *it;
}

const json* optionalMember(const json& obj, const char* key)
{
    if (!obj.is_object())
        return nullptr;
    auto it = obj.find(key);
    return it == obj.end() ? nullptr : &*it;
}

// Integers as proto int fields hold them; integral floats (1.0) are accepted, as the protobuf
// JSON parser does. The bound keeps every product the models form far from int64 overflow in
// realistic configs; beyond it the checked multiplications report the overflow.
int64_t asInt(const json& v, const std::string& what)
{
    constexpr int64_t kLimit = int64_t{1} << 40;
    int64_t x = 0;
    if (v.is_number_unsigned()) {
        if (v.get<uint64_t>() > static_cast<uint64_t>(kLimit))
            throw ConfigError(what + ": value out of range");
        x = static_cast<int64_t>(v.get<uint64_t>());
    } else if (v.is_number_integer()) {
        x = v.get<int64_t>();
    } else if (v.is_number_float()) {
        double f = v.get<double>();
        if (!std::isfinite(f) || f != std::trunc(f) || std::fabs(f) > static_cast<double>(kLimit))
            throw ConfigError(what + ": expected an integer");
        x = static_cast<int64_t>(f);
    } else {
        throw ConfigError(what + ": expected an integer");
    }
    if (x > kLimit || x < -kLimit)
        throw ConfigError(what + ": value out of range");
    return x;
}

int64_t intKey(const json& obj, const char* key, const std::string& where)
{
    return asInt(member(obj, key, where), where + ": \"" + key + "\"");
}

double doubleValue(const json& v, const std::string& what)
{
    if (!v.is_number())
        throw ConfigError(what + ": expected a number");
    double f = v.get<double>();
    if (!std::isfinite(f))
        throw ConfigError(what + ": expected a finite number");
    return f;
}

bool asBool(const json& v, const std::string& what)
{
    if (v.is_boolean())
        return v.get<bool>();
    if (v.is_number())
        return asInt(v, what) != 0; // has_bias is an int field (0/1)
    throw ConfigError(what + ": expected a boolean");
}

// Flags the reference always writes but that only select variants: absent means the default.
bool optionalBool(const json& obj, const char* key, bool fallback, const std::string& where)
{
    const json* v = optionalMember(obj, key);
    return v ? asBool(*v, where + ": \"" + key + "\"") : fallback;
}

const std::string& stringKey(const json& obj, const char* key, const std::string& where)
{
    const json& v = member(obj, key, where);
    if (!v.is_string())
        throw ConfigError(where + ": \"" + key + "\" must be a string");
    return v.get_ref<const std::string&>();
}

const json& arrayKey(const json& obj, const char* key, const std::string& where)
{
    const json& v = member(obj, key, where);
    if (!v.is_array())
        throw ConfigError(where + ": \"" + key + "\" must be an array");
    return v;
}

// data_t / input_t / ... {"width": w, "binary_point": b}: only the width matters here.
int64_t widthKey(const json& params, const char* key, const std::string& where)
{
    const json& t = member(params, key, where);
    return intKey(t, "width", where + ": \"" + key + "\"");
}

// ---------------------------------------------------------------------------------------------
// Layers

using compat::ConfigLayer;
using compat::PartitionSpec;

Kind kindOf(const std::string& type, const std::string& opType, const std::string& where)
{
    if (type == "CONVOLUTION") {
        if (opType == "dense")
            return Kind::Convolution;
        if (opType == "sparse")
            return Kind::ConvolutionSparse;
        if (opType == "pointwise_sparse")
            return Kind::ConvolutionPointwiseSparse;
        throw ConfigError(where + ": unknown convolution op_type \"" + shortText(opType) +
                          "\" (expected dense, sparse or pointwise_sparse)");
    }
    if (type == "INNER_PRODUCT")
        return Kind::InnerProduct;
    if (type == "POOLING")
        return Kind::Pooling;
    if (type == "RELU")
        return Kind::ReLU;
    if (type == "THRESHOLDEDRELU")
        return Kind::ThresholdedReLU;
    if (type == "SQUEEZE")
        return Kind::Squeeze;
    if (type == "AVERAGE_POOLING")
        return Kind::GlobalPooling;
    if (type == "ELTWISE")
        return Kind::EltWise;
    if (type == "CONCAT")
        return Kind::Concat;
    if (type == "SPLIT")
        return Kind::Split;
    // fpgaConvNet's reader has no converter for BATCH_NORM (nor its ONNX parser); it is read
    // here as its BatchNormLayer class would be built.
    if (type == "BATCH_NORM")
        return Kind::BatchNorm;
    if (type == "HARD_SWISH")
        return Kind::HardSwish;
    if (type == "SIGMOID")
        return Kind::Sigmoid;
    if (type == "HARD_SIGMOID")
        return Kind::HardSigmoid;
    if (type == "RESIZE")
        return Kind::ReSize;
    if (type == "CHOP")
        return Kind::Chop;
    throw ConfigError(where + ": layer type \"" + shortText(type) + "\" is not supported by the compatible evaluation");
}

const char* reportType(Kind k)
{
    switch (k) {
    case Kind::Convolution:
    case Kind::ConvolutionSparse:
    case Kind::ConvolutionPointwiseSparse:
        return "LAYER_TYPE.Convolution";
    case Kind::InnerProduct:
        return "LAYER_TYPE.InnerProduct";
    case Kind::Pooling:
        return "LAYER_TYPE.Pooling";
    case Kind::ReLU:
        return "LAYER_TYPE.ReLU";
    case Kind::ThresholdedReLU:
        return "LAYER_TYPE.ThresholdedReLU";
    case Kind::Squeeze:
        return "LAYER_TYPE.Squeeze";
    case Kind::GlobalPooling:
        return "LAYER_TYPE.GlobalPooling";
    case Kind::EltWise:
        return "LAYER_TYPE.EltWise";
    case Kind::Concat:
        return "LAYER_TYPE.Concat";
    case Kind::Split:
        return "LAYER_TYPE.Split";
    case Kind::BatchNorm:
        return "LAYER_TYPE.BatchNorm";
    case Kind::HardSwish:
        return "LAYER_TYPE.HardSwish";
    case Kind::Sigmoid:
        return "LAYER_TYPE.Sigmoid";
    case Kind::HardSigmoid:
        return "LAYER_TYPE.HardSigmoid";
    case Kind::ReSize:
        return "LAYER_TYPE.ReSize";
    case Kind::Chop:
        return "LAYER_TYPE.Chop";
    }
    return "LAYER_TYPE.Unknown";
}

// Reads the keys the reference's prototxt parser reads for this layer type.
ConfigLayer readLayer(const json& layer, const std::string& partWhere)
{
    if (!layer.is_object())
        throw ConfigError(partWhere + ": every entry of \"layers\" must be an object");
    ConfigLayer out;
    LayerParams& p = out.params;
    p.name = stringKey(layer, "name", partWhere + ", layer");
    const std::string where = partWhere + ", layer \"" + shortText(p.name) + "\"";
    const std::string& type = stringKey(layer, "type", where);
    if (const json* op = optionalMember(layer, "op_type")) {
        if (!op->is_string())
            throw ConfigError(where + ": \"op_type\" must be a string");
        p.opType = op->get<std::string>();
    }
    p.kind = kindOf(type, p.opType, where);

    for (const json& s : arrayKey(layer, "streams_in", where)) {
        const std::string& node = stringKey(s, "node", where + ": streams_in");
        if (node != p.name)
            out.inputs.push_back(node);
        const json* bd = optionalMember(s, "buffer_depth");
        p.bufferDepth.push_back(bd ? asInt(*bd, where + ": streams_in buffer_depth") : 2);
    }

    const json& q = member(layer, "parameters", where);
    const std::string pw = where + ", parameters";
    p.rowsIn = intKey(q, "rows_in", pw);
    p.colsIn = intKey(q, "cols_in", pw);
    if (p.kind == Kind::Concat) {
        for (const json& c : arrayKey(q, "channels_in_array", pw))
            p.channelsInArray.push_back(asInt(c, pw + ": \"channels_in_array\""));
        p.channelsIn = p.channelsInArray.empty() ? 0 : p.channelsInArray[0];
    } else {
        p.channelsIn = intKey(q, "channels_in", pw);
    }
    if (const json* si = optionalMember(q, "stream_inputs")) {
        if (!si->is_array())
            throw ConfigError(pw + ": \"stream_inputs\" must be an array");
        for (const json& b : *si)
            p.streamInputs.push_back(asBool(b, pw + ": \"stream_inputs\""));
    }

    // Integer keys, and fixed-point types' widths, read in this order into these fields.
    using Field = std::pair<const char*, int64_t LayerParams::*>;
    auto readInts = [&](std::initializer_list<Field> fields) {
        for (const auto& [key, field] : fields)
            p.*field = intKey(q, key, pw);
    };
    auto readWidths = [&](std::initializer_list<Field> fields) {
        for (const auto& [key, field] : fields)
            p.*field = widthKey(q, key, pw);
    };
    auto readWindow = [&](bool kernel) {
        if (kernel)
            readInts({{"kernel_rows", &LayerParams::kernelRows}, {"kernel_cols", &LayerParams::kernelCols}});
        readInts({{"stride_rows", &LayerParams::strideRows},
                  {"stride_cols", &LayerParams::strideCols},
                  {"pad_top", &LayerParams::padTop},
                  {"pad_right", &LayerParams::padRight},
                  {"pad_bottom", &LayerParams::padBottom},
                  {"pad_left", &LayerParams::padLeft}});
    };
    auto readArithmetic = [&]() {
        // The parser takes filters from channels_out.
        readInts({{"channels_out", &LayerParams::channelsOut},
                  {"coarse_in", &LayerParams::coarseIn},
                  {"coarse_out", &LayerParams::coarseOut}});
        p.filters = p.channelsOut;
        readWidths({{"input_t", &LayerParams::inputWidth},
                    {"output_t", &LayerParams::outputWidth},
                    {"weight_t", &LayerParams::weightWidth},
                    {"acc_t", &LayerParams::accWidth}});
        p.dataWidth = p.inputWidth; // a convolution's data_t is its input_t
        p.hasBias = asBool(member(q, "has_bias", pw), pw + ": \"has_bias\"");
        p.blockFloatingPoint = optionalBool(q, "block_floating_point", false, pw);
        p.useUram = optionalBool(q, "use_uram", false, pw);
        if (const json* sw = optionalMember(q, "stream_weights"))
            p.streamWeights = asInt(*sw, pw + ": \"stream_weights\"");
    };

    switch (p.kind) {
    case Kind::Convolution:
    case Kind::ConvolutionSparse:
    case Kind::ConvolutionPointwiseSparse:
        readArithmetic();
        readWindow(p.kind != Kind::ConvolutionPointwiseSparse);
        p.groups = intKey(q, "groups", pw);
        p.coarseGroup = intKey(q, "coarse_group", pw);
        p.fine = p.kind == Kind::ConvolutionPointwiseSparse ? 1 : intKey(q, "fine", pw);
        if (p.kind != Kind::Convolution) {
            for (const json& v : arrayKey(q, "sparsity", pw))
                p.sparsity.push_back(doubleValue(v, pw + ": \"sparsity\""));
            if (p.kind == Kind::ConvolutionSparse)
                p.skipAllZeroWindow = optionalBool(q, "skip_all_zero_window", true, pw);
            else
                p.clusters = intKey(q, "clusters", pw);
        }
        break;
    case Kind::InnerProduct:
        readArithmetic();
        break;
    case Kind::Pooling:
        readWindow(true);
        p.coarseIn = p.coarseOut = intKey(q, "coarse", pw);
        p.dataWidth = widthKey(q, "data_t", pw);
        break;
    case Kind::ReLU:
    case Kind::ThresholdedReLU:
    case Kind::Split:
    case Kind::Sigmoid:
    case Kind::HardSigmoid:
    case Kind::BatchNorm:
        p.coarseIn = p.coarseOut = intKey(q, "coarse", pw);
        p.dataWidth = widthKey(q, "data_t", pw);
        if (p.kind == Kind::Split)
            p.portsOut = intKey(q, "ports_out", pw);
        break;
    case Kind::HardSwish: // the reader builds it from input_t and output_t
        p.coarseIn = p.coarseOut = intKey(q, "coarse", pw);
        p.dataWidth = p.inputWidth = widthKey(q, "input_t", pw);
        p.outputWidth = widthKey(q, "output_t", pw);
        break;
    case Kind::ReSize:
        p.coarseIn = p.coarseOut = intKey(q, "coarse", pw);
        p.dataWidth = widthKey(q, "data_t", pw);
        for (const json& v : arrayKey(q, "scale", pw))
            p.scales.push_back(doubleValue(v, pw + ": \"scale\""));
        break;
    case Kind::Chop:
        p.coarseIn = intKey(q, "coarse", pw);
        p.dataWidth = widthKey(q, "data_t", pw);
        p.portsOut = intKey(q, "ports_out", pw);
        for (const json& v : arrayKey(q, "split", pw))
            p.split.push_back(asInt(v, pw + ": \"split\""));
        if (p.portsOut < 1 || p.portsOut > 1024 || static_cast<int64_t>(p.split.size()) != p.portsOut)
            throw ConfigError(pw + ": \"split\" must hold one entry per output port (ports_out)");
        p.coarseOut = compat::chopCoarseOut(p.channelsIn, p.split[0], p.coarseIn);
        break;
    case Kind::Squeeze:
        p.coarseIn = intKey(q, "coarse_in", pw);
        p.coarseOut = intKey(q, "coarse_out", pw);
        p.dataWidth = widthKey(q, "data_t", pw);
        break;
    case Kind::GlobalPooling:
        p.coarseIn = p.coarseOut = intKey(q, "coarse", pw);
        p.dataWidth = widthKey(q, "data_t", pw);
        p.accWidth = widthKey(q, "acc_t", pw);
        break;
    case Kind::EltWise:
    case Kind::Concat:
        p.coarseIn = p.coarseOut = intKey(q, "coarse", pw);
        p.dataWidth = widthKey(q, "data_t", pw);
        p.portsIn = intKey(q, "ports_in", pw);
        if (p.kind == Kind::EltWise)
            p.accWidth = widthKey(q, "acc_t", pw);
        if (p.portsIn < 1 || p.portsIn > 1024)
            throw ConfigError(pw + ": \"ports_in\" must be between 1 and 1024");
        break;
    }
    return out;
}

// ---------------------------------------------------------------------------------------------
// The partition graph, with networkx.DiGraph's ordering: nodes in insertion order (a node named
// first by an edge is inserted then), successors and predecessors in edge insertion order.

struct Graph {
    std::vector<ConfigLayer> nodes;
    std::vector<bool> defined;
    std::unordered_map<std::string, std::size_t> index;
    std::vector<std::vector<std::size_t>> succ, pred;

    std::size_t ensure(const std::string& name)
    {
        auto it = index.find(name);
        if (it != index.end())
            return it->second;
        index.emplace(name, nodes.size());
        nodes.emplace_back();
        nodes.back().params.name = name;
        defined.push_back(false);
        succ.emplace_back();
        pred.emplace_back();
        return nodes.size() - 1;
    }
    void addEdge(std::size_t a, std::size_t b)
    {
        if (std::find(succ[a].begin(), succ[a].end(), b) != succ[a].end())
            return;
        succ[a].push_back(b);
        pred[b].push_back(a);
    }
    void removeEdge(std::size_t a, std::size_t b)
    {
        succ[a].erase(std::find(succ[a].begin(), succ[a].end(), b));
        pred[b].erase(std::find(pred[b].begin(), pred[b].end(), a));
    }
};

// networkx.topological_sort (via topological_generations); throws on a cycle.
std::vector<std::size_t> topologicalOrder(const Graph& g, const std::string& where)
{
    const std::size_t n = g.nodes.size();
    std::vector<std::size_t> indegree(n);
    for (std::size_t v = 0; v < n; ++v)
        indegree[v] = g.pred[v].size();
    std::vector<std::size_t> order, generation;
    for (std::size_t v = 0; v < n; ++v)
        if (indegree[v] == 0)
            generation.push_back(v);
    while (!generation.empty()) {
        std::vector<std::size_t> next;
        for (std::size_t v : generation) {
            order.push_back(v);
            for (std::size_t c : g.succ[v])
                if (--indegree[c] == 0)
                    next.push_back(c);
        }
        generation = std::move(next);
    }
    if (order.size() != n)
        throw ConfigError(where + ": the layers' streams_in form a cycle");
    return order;
}

// networkx.dag_longest_path with unit edge weights: first maximum in predecessor order, the end
// node is the first maximum in topological order.
std::vector<std::size_t> dagLongestPath(const Graph& g, const std::vector<std::size_t>& topo)
{
    const std::size_t n = g.nodes.size();
    std::vector<std::pair<int64_t, std::size_t>> dist(n);
    for (std::size_t v : topo) {
        std::pair<int64_t, std::size_t> best{0, v};
        bool any = false;
        for (std::size_t u : g.pred[v]) {
            int64_t len = dist[u].first + 1;
            if (!any || len > best.first)
                best = {len, u};
            any = true;
        }
        dist[v] = best.first >= 0 ? best : std::pair<int64_t, std::size_t>{0, v};
    }
    std::size_t v = topo.front();
    for (std::size_t t : topo)
        if (dist[t].first > dist[v].first)
            v = t;
    std::vector<std::size_t> path;
    std::size_t u = n;
    while (u != v) {
        path.push_back(v);
        u = v;
        v = dist[v].second;
    }
    std::reverse(path.begin(), path.end());
    return path;
}

// Partition.add_squeeze for internal edges: a squeeze wherever producer and consumer disagree on
// the stream count (a config from fpgaConvNet already lists them; hand-written ones may not).
void insertMissingSqueezes(Graph& g, const std::vector<LayerResult>& results, std::vector<LayerResult>& extra,
                           const std::string& where)
{
    const std::size_t original = g.nodes.size();
    for (std::size_t a = 0; a < original; ++a) {
        const std::vector<std::size_t> nexts = g.succ[a];
        for (std::size_t b : nexts) {
            if (b >= original)
                continue;
            const LayerResult& ra = results[a];
            const int64_t out = ra.streamsOut, in = compat::layerStreamsIn(g.nodes[b].params);
            if (out == in)
                continue;
            const std::string name = g.nodes[a].params.name + "_squeeze_" + g.nodes[b].params.name;
            if (g.index.count(name))
                throw ConfigError(where + ": layer \"" + name + "\" exists but does not connect " +
                                  g.nodes[a].params.name + " to " + g.nodes[b].params.name);
            std::size_t s = g.ensure(name);
            g.defined[s] = true;
            ConfigLayer& sq = g.nodes[s];
            sq.inserted = true;
            sq.params.kind = Kind::Squeeze;
            sq.params.rowsIn = ra.outRows;
            sq.params.colsIn = ra.outCols;
            sq.params.channelsIn = ra.outChannels;
            sq.params.coarseIn = out;
            sq.params.coarseOut = in;
            sq.params.dataWidth = ra.outWidth;
            g.removeEdge(a, b);
            g.addEdge(a, s);
            g.addEdge(s, b);
            try {
                extra.push_back(compat::evaluateLayer(sq.params));
            } catch (const CompatError& e) {
                throw ConfigError(where + ", inserted squeeze \"" + name + "\": " + e.what());
            }
        }
    }
}

ResourceUsage toUsage(const LayerResult& r)
{
    ResourceUsage u;
    u.lut = r.lut;
    u.ff = r.ff;
    u.dsp = r.dsp;
    u.bram18 = r.bram;
    u.uram = r.uram;
    return u;
}

PartitionSpec readPartition(const json& part, std::size_t position)
{
    std::string where = "partition " + std::to_string(position);
    if (!part.is_object())
        throw ConfigError(where + ": expected an object");
    PartitionSpec spec;
    spec.index = static_cast<int64_t>(position);
    if (const json* id = optionalMember(part, "id"))
        spec.index = asInt(*id, where + ": \"id\"");
    spec.batch = intKey(part, "batch_size", where);
    spec.weightsReloading = intKey(part, "weights_reloading_factor", where);
    if (spec.batch < 1 || spec.weightsReloading < 1)
        throw ConfigError(where + ": batch_size and weights_reloading_factor must be at least 1");
    if (optionalMember(part, "weights_reloading_layer"))
        spec.weightsReloadingLayer = stringKey(part, "weights_reloading_layer", where);
    const json& layers = arrayKey(part, "layers", where);
    if (layers.empty())
        throw ConfigError(where + ": \"layers\" is empty");
    for (const json& layer : layers)
        spec.layers.push_back(readLayer(layer, where));
    return spec;
}

} // namespace

namespace compat {

CompatiblePartition evaluatePartition(PartitionSpec spec, const Platform& platform, const CompatibleOptions& options,
                                      std::vector<LayerResult> given)
{
    const std::string where = "partition " + std::to_string(spec.index);
    CompatiblePartition out;
    out.index = spec.index;
    out.batch = spec.batch;
    out.weightsReloading = spec.weightsReloading;
    const std::string wrLayer = spec.weightsReloadingLayer;

    Graph g;
    for (ConfigLayer& cl : spec.layers) {
        std::size_t v = g.ensure(cl.params.name);
        if (g.defined[v])
            throw ConfigError(where + ": layer \"" + cl.params.name + "\" appears twice");
        g.defined[v] = true;
        std::vector<std::string> inputs = cl.inputs;
        g.nodes[v] = std::move(cl);
        for (const std::string& in : inputs)
            g.addEdge(g.ensure(in), v);
    }
    for (std::size_t v = 0; v < g.nodes.size(); ++v)
        if (!g.defined[v])
            throw ConfigError(where + ": streams_in names \"" + g.nodes[v].params.name +
                              "\", which is not a layer of this partition");
    if (!given.empty() && given.size() != g.nodes.size())
        throw std::logic_error("evaluatePartition: one result per layer expected");

    std::vector<LayerResult> results = std::move(given);
    if (results.empty())
        for (const ConfigLayer& cl : g.nodes) {
            try {
                results.push_back(compat::evaluateLayer(cl.params));
            } catch (const CompatError& e) {
                throw ConfigError(where + ", layer \"" + cl.params.name + "\": " + e.what());
            }
        }
    std::vector<LayerResult> extra;
    insertMissingSqueezes(g, results, extra, where);
    results.insert(results.end(), extra.begin(), extra.end());

    // Interval (Partition.get_interval), squeezes included. The rate matrix has, for every edge
    // and every partition input and output, the producer's workload_out/(streams_out*|rate_out|)
    // and the consumer's workload_in/(streams_in*|rate_in|), always of port 0; every node has an
    // edge or a partition port on each side, so its maximum is this per-node maximum.
    double interval = 0;
    for (const LayerResult& r : results) {
        if (options.interval == PartitionInterval::MaxLayerLatency) {
            interval = std::max(interval, r.latency);
        } else {
            const double inSide = r.workloadIn / (static_cast<double>(r.streamsIn) * std::fabs(r.rateIn));
            const double outSide = r.workloadOut / (static_cast<double>(r.streamsOut) * std::fabs(r.rateOut));
            for (double v : {inSide, outSide})
                if (!std::isnan(v)) // np.nan_to_num
                    interval = std::max(interval, std::min(v, std::numeric_limits<double>::max()));
        }
    }
    out.interval = interval;

    // Pipeline depth along the longest path (metrics.get_pipeline_depth).
    const std::vector<std::size_t> topo = topologicalOrder(g, where);
    const std::vector<std::size_t> path = dagLongestPath(g, topo);
    double depth = 0, prod = 1;
    for (std::size_t v : path) {
        const LayerResult& r = results[v];
        prod *= r.sizeIn / r.sizeOut;
        depth += r.pipelineDepth / r.rateIn + (interval / r.sizeIn) * prod;
    }
    out.pipelineDepth = depth;

    // Weights reloading: size_wr is the WR layer's (already divided) weights size.
    if (wrLayer != "None") {
        auto it = g.index.find(wrLayer);
        if (it == g.index.end())
            throw ConfigError(where + ": weights_reloading_layer \"" + shortText(wrLayer) + "\" is not a layer of this partition");
        if (compat::hasWeights(g.nodes[it->second].params.kind))
            out.sizeWr = results[it->second].weightsSize;
        else
            throw ConfigError(where + ": weights_reloading_layer \"" + wrLayer +
                              "\" is neither a convolution nor an inner product");
        out.weightsReloadingLayer = wrLayer;
    }

    // Partition.get_cycle, slow_down 1 (config.json does not record it).
    const double wr = static_cast<double>(out.weightsReloading);
    out.cycles = std::trunc((std::ceil(interval * 1.0) * static_cast<double>(out.batch) + depth) * wr +
                            (wr - 1) * out.sizeWr);
    out.latencySeconds = out.cycles / (platform.frequencyMhz * 1000000);

    for (std::size_t v = 0; v < g.nodes.size(); ++v) {
        const LayerResult& r = results[v];
        CompatibleLayer l;
        l.name = g.nodes[v].params.name;
        l.type = reportType(g.nodes[v].params.kind);
        l.interval = l.latency = r.latency;
        l.pipelineDepth = r.pipelineDepth;
        l.rateIn = r.rateIn;
        l.rateOut = r.rateOut;
        l.operations = r.operations;
        l.resources = toUsage(r);
        l.hasUramKey = r.hasUram;
        l.inserted = g.nodes[v].inserted;
        out.resources += l.resources;
        out.operations += r.operations;
        out.layers.push_back(std::move(l));
    }

    // Off-chip traffic: partition inputs and outputs move workload x bits per interval.
    const double perInterval = platform.frequencyMhz / (std::max(interval, 1e-300) * 1000);
    for (std::size_t v = 0; v < g.nodes.size(); ++v) {
        const LayerParams& p = g.nodes[v].params;
        const LayerResult& r = results[v];
        const bool arithmetic = compat::hasWeights(p.kind);
        // Ports without a stream inside the partition are read from or written to memory (a
        // partition may cut a residual block: its Add then reads the skip input off-chip).
        const std::size_t portsIn = compat::hasInputPorts(p.kind) ? static_cast<std::size_t>(p.portsIn) : 1;
        const std::size_t portsOut = compat::hasOutputPorts(p.kind) ? static_cast<std::size_t>(p.portsOut) : 1;
        const double offChipIn = static_cast<double>(portsIn - std::min(portsIn, g.pred[v].size()));
        const double offChipOut = static_cast<double>(portsOut - std::min(portsOut, g.succ[v].size()));
        out.bandwidthGbps += offChipIn * r.workloadIn * static_cast<double>(arithmetic ? p.inputWidth : p.dataWidth) * perInterval;
        out.bandwidthGbps += offChipOut * r.workloadOut * static_cast<double>(r.outWidth) * perInterval;
        // Weights streamed from off-chip memory while the layer runs (get_bandwidth_weight).
        out.bandwidthGbps += r.streamBitsPerCycle * r.latency * perInterval;
    }
    return out;
}

CompatibleReport networkReport(std::vector<CompatiblePartition> partitions, const Platform& platform)
{
    CompatibleReport report;
    report.platform = platform;
    report.delaySeconds = platform.reconfigurationTimeS;
    report.partitions = std::move(partitions);
    // Network.get_latency, sequential schedule (multi_fpga off): the batch is the first
    // partition's (prototxt_to_fpgaconvnet sets net.batch_size from it).
    report.batch = report.partitions.empty() ? 1 : report.partitions.front().batch;
    for (const CompatiblePartition& p : report.partitions) {
        report.cycles += p.cycles;
        report.totalOperations += p.operations * static_cast<double>(p.batch);
    }
    const double interLatency =
        report.partitions.size() > 1 ? static_cast<double>(report.partitions.size()) * report.delaySeconds : 0;
    report.latencySeconds = report.cycles / (platform.frequencyMhz * 1000000) + interLatency;
    report.throughputFps = static_cast<double>(report.batch) / report.latencySeconds;
    return report;
}

void assignMultiportBufferDepths(std::vector<ConfigLayer>& layers, const std::vector<LayerResult>& results)
{
    if (std::none_of(layers.begin(), layers.end(),
                     [](const ConfigLayer& l) { return compat::hasInputPorts(l.params.kind); }))
        return;
    std::unordered_map<std::string, std::size_t> index;
    for (std::size_t i = 0; i < layers.size(); ++i)
        index.emplace(layers[i].params.name, i);
    const std::size_t n = layers.size();
    std::vector<std::vector<std::size_t>> pred(n);
    for (std::size_t v = 0; v < n; ++v)
        for (const std::string& in : layers[v].inputs)
            if (const auto it = index.find(in); it != index.end())
                pred[v].push_back(it->second);
    // Layers are in topological order (config order is); ancestors-or-self and
    // descendants-or-self as bit sets of 64-bit words (DenseNet partitions hold hundreds).
    const std::size_t words = (n + 63) / 64;
    using Bits = std::vector<uint64_t>;
    const auto bit = [](const Bits& b, std::size_t i) { return ((b[i / 64] >> (i % 64)) & 1U) != 0; };
    std::vector<Bits> ancestors(n, Bits(words, 0)), descendants(n, Bits(words, 0));
    for (std::size_t v = 0; v < n; ++v) {
        ancestors[v][v / 64] |= uint64_t{1} << (v % 64);
        for (std::size_t u : pred[v])
            for (std::size_t w = 0; w < words; ++w)
                ancestors[v][w] |= ancestors[u][w];
    }
    for (std::size_t v = 0; v < n; ++v)
        for (std::size_t w = 0; w < words; ++w)
            for (uint64_t b = ancestors[v][w]; b != 0; b &= b - 1)
                descendants[w * 64 + static_cast<std::size_t>(__builtin_ctzll(b))][v / 64] |= uint64_t{1} << (v % 64);
    for (std::size_t m = 0; m < n; ++m) {
        LayerParams& mp = layers[m].params;
        if (!hasInputPorts(mp.kind))
            continue;
        mp.bufferDepth.assign(pred[m].size(), 2);
        // The oldest of the lowest common ancestors of every pair of inputs: a common ancestor
        // none of whose descendants (but itself) is common.
        std::size_t split = n;
        Bits common(words);
        for (std::size_t i = 0; i < pred[m].size(); ++i)
            for (std::size_t j = i + 1; j < pred[m].size(); ++j) {
                const std::size_t a = pred[m][i], b = pred[m][j];
                for (std::size_t w = 0; w < words; ++w)
                    common[w] = ancestors[a][w] & ancestors[b][w];
                for (std::size_t w = 0; w < words && w * 64 < split; ++w)
                    for (uint64_t rest = common[w]; rest != 0; rest &= rest - 1) {
                        const std::size_t c = w * 64 + static_cast<std::size_t>(__builtin_ctzll(rest));
                        if (c >= split)
                            break;
                        bool lowest = true;
                        for (std::size_t x = 0; x < words && lowest; ++x) {
                            uint64_t below = descendants[c][x] & common[x];
                            if (x == c / 64)
                                below &= ~(uint64_t{1} << (c % 64));
                            lowest = below == 0;
                        }
                        if (lowest) {
                            split = c;
                            break;
                        }
                    }
            }
        if (split == n || !hasOutputPorts(layers[split].params.kind))
            continue; // no split (or chop): fpgaConvNet leaves the depths at 2
        // The deepest path split -> m through each input (update_multiport_buffer_depth walks
        // every simple path with networkx; a DenseNet block has exponentially many). A path's
        // depth sums, layer by layer from the split, pd + (latency / size_in) * P with P the
        // product of size_in / size_out so far, so a path continues best from a prefix with both
        // the larger depth and the larger P: per layer, the prefixes no other one beats on both
        // give the same maximum as walking every path, with the same float operations.
        struct Prefix {
            double product, depth;
        };
        const auto extend = [&](const Prefix& from, std::size_t k) {
            const LayerResult& r = results[k];
            const double product = from.product * (r.sizeIn / r.sizeOut);
            return Prefix{product, from.depth + (r.pipelineDepth + (r.latency / r.sizeIn) * product)};
        };
        const auto prune = [](std::vector<Prefix>& v) {
            std::sort(v.begin(), v.end(), [](const Prefix& a, const Prefix& b) {
                return a.product != b.product ? a.product > b.product : a.depth > b.depth;
            });
            std::vector<Prefix> kept;
            for (const Prefix& x : v)
                if (kept.empty() || x.depth > kept.back().depth)
                    kept.push_back(x);
            v = std::move(kept);
        };
        std::vector<std::vector<Prefix>> prefixes(n);
        prefixes[split] = {extend(Prefix{1, 0}, split)};
        for (std::size_t v = split + 1; v < m; ++v) {
            if (!bit(ancestors[m], v) || !bit(ancestors[v], split))
                continue;
            for (std::size_t u : pred[v])
                for (const Prefix& x : prefixes[u])
                    prefixes[v].push_back(extend(x, v));
            prune(prefixes[v]);
        }
        std::vector<double> longest(pred[m].size(), 0);
        for (std::size_t i = 0; i < pred[m].size(); ++i)
            for (const Prefix& x : prefixes[pred[m][i]])
                longest[i] = std::max(longest[i], extend(x, m).depth);
        const double deepest = *std::max_element(longest.begin(), longest.end());
        // A concat also waits for its inputs in turn: int(sum_i channels_in(i) / rate_in(i)), with
        // rate_in(i) = (channels_i / coarse) / sum_j (channels_j / coarse).
        double extra = 0;
        if (mp.kind == Kind::Concat && mp.coarseIn > 0) {
            double perStream = 0;
            for (int64_t ch : mp.channelsInArray)
                perStream += static_cast<double>(ch / mp.coarseIn);
            for (int64_t ch : mp.channelsInArray)
                if (ch / mp.coarseIn > 0)
                    extra += static_cast<double>(ch) / (static_cast<double>(ch / mp.coarseIn) / perStream);
        }
        for (std::size_t i = 0; i < pred[m].size(); ++i)
            mp.bufferDepth[i] = static_cast<int64_t>(std::ceil(deepest - longest[i])) + static_cast<int64_t>(extra) + 64;
    }
}

} // namespace compat

namespace {

// Integral values print as integers, as Python's ints do in report.json.
json number(double v)
{
    if (std::isfinite(v) && v == std::trunc(v) && std::fabs(v) < 9007199254740992.0)
        return json(static_cast<int64_t>(v));
    return json(v);
}

json resourcesJson(const ResourceUsage& r, bool withUram)
{
    json j = json::object();
    j["LUT"] = number(r.lut);
    j["FF"] = number(r.ff);
    j["BRAM"] = number(r.bram18);
    j["DSP"] = number(r.dsp);
    if (withUram)
        j["URAM"] = number(r.uram);
    return j;
}

json percentJson(const ResourceUsage& r, const ResourceUsage& platform, bool withUram)
{
    json j = json::object();
    auto put = [&](const char* key, double used, double avail) {
        if (avail > 0)
            j[key] = used / avail * 100;
    };
    put("LUT", r.lut, platform.lut);
    put("FF", r.ff, platform.ff);
    put("BRAM", r.bram18, platform.bram18);
    put("DSP", r.dsp, platform.dsp);
    if (withUram)
        put("URAM", r.uram, platform.uram);
    return j;
}

} // namespace

CompatibleReport evaluateCompatible(const nlohmann::json& config, const Platform& platform,
                                    const std::string& fileForErrors, const CompatibleOptions& options)
{
    try {
        if (!(platform.frequencyMhz > 0) || !std::isfinite(platform.frequencyMhz))
            throw ConfigError("platform board_frequency must be positive");
        if (!config.is_object())
            throw ConfigError("expected a JSON object with a \"partition\" list");
        const json& parts = arrayKey(config, "partition", "config");
        if (parts.empty())
            throw ConfigError("config: \"partition\" is empty");
        std::vector<CompatiblePartition> partitions;
        for (std::size_t i = 0; i < parts.size(); ++i)
            partitions.push_back(compat::evaluatePartition(readPartition(parts[i], i), platform, options));
        CompatibleReport report = compat::networkReport(std::move(partitions), platform);
        return report;
    } catch (const ConfigError& e) {
        throw ModelError(fileForErrors, e.what());
    } catch (const CompatError& e) {
        throw ModelError(fileForErrors, e.what());
    } catch (const nlohmann::json::exception& e) {
        throw ModelError(fileForErrors, std::string("unexpected JSON content: ") + e.what());
    }
}

nlohmann::json compatibleReportJson(const CompatibleReport& report)
{
    const bool uram = report.platform.resources.uram > 0;
    json j = json::object();
    j["platform"] = {{"part", report.platform.part},
                     {"board", report.platform.board},
                     {"resources",
                      {{"DSP", number(report.platform.resources.dsp)},
                       {"BRAM", number(report.platform.resources.bram18)},
                       {"FF", number(report.platform.resources.ff)},
                       {"LUT", number(report.platform.resources.lut)},
                       {"URAM", number(report.platform.resources.uram)}}},
                     {"board_freq", number(report.platform.frequencyMhz)},
                     {"mem_bw", number(report.platform.memoryBandwidthGbps)},
                     {"reconf_time", number(report.platform.reconfigurationTimeS)},
                     {"port_width", report.platform.portWidth}};
    j["total_operations (OPs)"] = report.totalOperations;
    j["total_operations (MACs)"] = report.totalOperations / 2;

    ResourceUsage sum;
    json partitions = json::object();
    for (std::size_t i = 0; i < report.partitions.size(); ++i) {
        const CompatiblePartition& p = report.partitions[i];
        sum += p.resources;
        json layers = json::object();
        for (const CompatibleLayer& l : p.layers) {
            json lj = {{"type", l.type}, {"interval", number(l.interval)}, {"cycle", number(l.latency)}};
            lj["resource_usage"] = resourcesJson(l.resources, l.hasUramKey && uram);
            lj["resource_usage_percentage"] = percentJson(l.resources, report.platform.resources, l.hasUramKey && uram);
            lj["pipeline_depth"] = number(l.pipelineDepth);
            layers[l.name] = std::move(lj);
        }
        json pj = {{"partition_index", static_cast<int64_t>(i)},
                   {"batch_size", p.batch},
                   {"num_layers", static_cast<int64_t>(p.layers.size())},
                   {"latency", p.latencySeconds},
                   {"cycles", number(p.cycles)},
                   {"slowdown", 1.0},
                   {"weights_reloading_factor", p.weightsReloading},
                   {"interval", number(p.interval)},
                   {"pipeline_depth", p.pipelineDepth}};
        pj["weights_reloading_layer"] = p.weightsReloadingLayer.empty() ? json(nullptr) : json(p.weightsReloadingLayer);
        pj["resource_usage"] = resourcesJson(p.resources, uram);
        pj["resource_usage_percentage"] = percentJson(p.resources, report.platform.resources, uram);
        pj["layers"] = std::move(layers);
        partitions[std::to_string(i)] = std::move(pj);
    }
    const double n = static_cast<double>(report.partitions.size());
    ResourceUsage avg;
    if (n > 0) {
        avg.lut = sum.lut / n;
        avg.ff = sum.ff / n;
        avg.bram18 = sum.bram18 / n;
        avg.dsp = sum.dsp / n;
        avg.uram = sum.uram / n;
    }
    json avgJson = {{"LUT", avg.lut}, {"FF", avg.ff}, {"BRAM", avg.bram18}, {"DSP", avg.dsp}};
    if (uram)
        avgJson["URAM"] = avg.uram;
    j["network"] = {
        {"multi_fpga", false},
        {"performance",
         {{"latency (s)", report.latencySeconds},
          {"throughput (FPS)", report.throughputFps},
          {"performance (OP/s)", report.totalOperations / report.latencySeconds},
          {"performance (MAC/s)", report.totalOperations / 2 / report.latencySeconds},
          {"cycles", number(report.cycles)},
          {"delays between partitions (s)", report.delaySeconds}}},
        {"num_partitions", static_cast<int64_t>(report.partitions.size())},
        {"avg_resource_usage", avgJson},
        {"avg_resource_usage_percentage", percentJson(avg, report.platform.resources, uram)},
        {"sum_resource_usage", resourcesJson(sum, uram)}};
    j["partitions"] = std::move(partitions);
    return j;
}

} // namespace foldwise::fpgaconvnet
