// fpgaConvNet's config.json as fpgaconvnet-model's Network.save_all_partitions writes it
// (CONFIG_NOTES.md): the partitions of fpgaConvNet's view of the design (CompatibleDesign.h),
// every layer with the parameter keys its layer_info writes, in protobuf field order.

#include "hw/fpgaconvnet/CompatibleDesign.h"
#include "hw/fpgaconvnet/DesignFile.h"

#include <nlohmann/json.hpp>

#include <cmath>
#include <map>
#include <optional>

namespace foldwise::fpgaconvnet {
namespace {

using compat::Kind;
using compat::LayerParams;
using Json = nlohmann::ordered_json;

// Parameters collected by protobuf field number, emitted in that order (MessageToJson's).
class Parameters {
public:
    template <typename T>
    void set(int field, const char* key, T&& value) { fields_[field] = {key, Json(std::forward<T>(value))}; }
    Json json() const
    {
        Json j = Json::object();
        for (const auto& [field, entry] : fields_)
            j[entry.first] = entry.second;
        return j;
    }

private:
    std::map<int, std::pair<std::string, Json>> fields_;
};

Json fixedPoint(int64_t width)
{
    Json j = Json::object();
    j["width"] = width;
    j["binary_point"] = width / 2;
    return j;
}

Json ones(std::size_t n)
{
    return Json(std::vector<double>(std::max<std::size_t>(n, 1), 1.0));
}

const char* typeName(Kind k)
{
    switch (k) {
    case Kind::Convolution:
    case Kind::ConvolutionSparse:
    case Kind::ConvolutionPointwiseSparse: return "CONVOLUTION";
    case Kind::InnerProduct: return "INNER_PRODUCT";
    case Kind::Pooling: return "POOLING";
    case Kind::ReLU: return "RELU";
    case Kind::ThresholdedReLU: return "THRESHOLDEDRELU";
    case Kind::Squeeze: return "SQUEEZE";
    case Kind::GlobalPooling: return "AVERAGE_POOLING";
    case Kind::EltWise: return "ELTWISE";
    case Kind::Concat: return "CONCAT";
    case Kind::Split: return "SPLIT";
    case Kind::BatchNorm: return "BATCH_NORM";
    case Kind::HardSwish: return "HARD_SWISH";
    case Kind::Sigmoid: return "SIGMOID";
    case Kind::HardSigmoid: return "HARD_SIGMOID";
    case Kind::ReSize: return "RESIZE";
    case Kind::Chop: return "CHOP";
    }
    return "";
}

Json layerParameters(const Design& d, const PartitionView& v, const compat::LayerResult& result, std::size_t k,
                     const std::map<std::string, std::size_t>& position)
{
    const LayerParams& p = v.spec.layers[k].params;
    const int layer = v.designLayer[k];
    const HardwareLayer* hw = layer >= 0 ? &d.graph.layers[static_cast<std::size_t>(layer)] : nullptr;
    Parameters q;
    const std::size_t portsIn = compat::hasInputPorts(p.kind) ? static_cast<std::size_t>(p.portsIn) : 1;
    const std::size_t portsOut = compat::hasOutputPorts(p.kind) ? static_cast<std::size_t>(p.portsOut) : 1;
    const bool multiport = compat::hasOutputPorts(p.kind) || compat::hasInputPorts(p.kind);

    // Compression ratios: one input entry per ONNX input of the node (initializers included); a
    // squeeze takes its producer's output ratio in and its consumer's input ratio out.
    std::size_t ratiosIn = hw ? static_cast<std::size_t>(std::max(1, hw->onnxInputCount)) : 1;
    std::size_t ratiosOut = portsOut;
    if (p.kind == Kind::Split)
        ratiosIn = 1;
    if (p.kind == Kind::Squeeze && !v.outputs[k].empty()) {
        const auto consumer = position.find(v.outputs[k].front());
        if (consumer != position.end() && v.designLayer[consumer->second] >= 0)
            ratiosOut = static_cast<std::size_t>(
                std::max(1, d.graph.layers[static_cast<std::size_t>(v.designLayer[consumer->second])].onnxInputCount));
    }

    q.set(2, "batch_size", d.settings.batch);
    if (multiport && p.kind != Kind::EltWise && !compat::hasOutputPorts(p.kind)) {
        q.set(46, "channels_in_array", p.kind == Kind::Concat ? p.channelsInArray : std::vector<int64_t>{p.channelsIn});
    }
    if (multiport) {
        q.set(47, "mem_bw_in_array", std::vector<double>(portsIn, 100.0));
        // ChopLayer shares the memory bandwidth out between its ports.
        q.set(52, "mem_bw_out_array", std::vector<double>(portsOut, p.kind == Kind::Chop ? 100.0 / static_cast<double>(portsOut) : 100.0));
        q.set(41, "ports_in", static_cast<int64_t>(portsIn));
        q.set(42, "ports_out", static_cast<int64_t>(portsOut));
    } else {
        q.set(32, "mem_bw_in", 100.0);
        q.set(33, "mem_bw_out", 100.0);
    }
    q.set(3, "rows_in", p.rowsIn);
    q.set(4, "cols_in", p.colsIn);
    if (p.kind != Kind::Concat)
        q.set(6, "channels_in", p.channelsIn);
    q.set(7, "rows_out", p.rowsOut);
    q.set(8, "cols_out", p.colsOut);
    if (p.kind == Kind::Chop) // ChopLayer.layer_info keeps channels_out_array and sets no scalar
        q.set(51, "channels_out_array", p.split);
    else
        q.set(10, "channels_out", p.channelsOut);
    q.set(11, "coarse_in", p.coarseIn);
    q.set(12, "coarse_out", p.coarseOut);
    q.set(75, "stream_inputs", std::vector<bool>(portsIn, false));
    q.set(76, "stream_outputs", std::vector<bool>(portsOut, false));
    q.set(78, "input_compression_ratio", ones(ratiosIn));
    q.set(79, "output_compression_ratio", ones(ratiosOut));

    if (compat::hasWeights(p.kind)) {
        q.set(34, "data_t", Json::object()); // layer_info sets it, then clears it
        q.set(17, "filters", p.filters);
        q.set(35, "weight_t", fixedPoint(p.weightWidth));
        q.set(36, "acc_t", fixedPoint(p.accWidth));
        q.set(37, "input_t", fixedPoint(p.inputWidth));
        q.set(38, "output_t", fixedPoint(p.outputWidth));
        q.set(39, "has_bias", static_cast<int64_t>(p.hasBias ? 1 : 0));
        q.set(58, "use_uram", false);
        q.set(59, "block_floating_point", false);
        // The weight memory's depth held on chip when it is in BRAM, else 0; with streaming, the
        // stream buffer's depth and how often it refills (ConvolutionLayer.layer_info).
        q.set(70, "on_chip_addr_range", static_cast<int64_t>(result.onChipAddrRange));
        q.set(71, "off_chip_buffer_size", static_cast<int64_t>(result.offChipBufferSize));
        q.set(72, "off_chip_interval", static_cast<int64_t>(result.offChipInterval));
        q.set(73, "stream_weights", p.streamWeights);
        q.set(80, "weight_compression_ratio", ones(1));
    } else {
        q.set(34, "data_t", fixedPoint(p.dataWidth));
    }
    if (compat::isConvolution(p.kind)) {
        q.set(14, "coarse_group", p.coarseGroup);
        q.set(15, "groups", p.groups);
        q.set(16, "fine", p.fine);
        if (p.kind != Kind::Convolution)
            q.set(68, "sparsity", p.sparsity);
        if (p.kind == Kind::ConvolutionSparse)
            q.set(74, "skip_all_zero_window", p.skipAllZeroWindow);
        if (p.kind == Kind::ConvolutionPointwiseSparse)
            q.set(77, "clusters", p.clusters);
    }
    if (compat::isConvolution(p.kind) || p.kind == Kind::Pooling) {
        q.set(18, "pad_top", p.padTop);
        q.set(19, "pad_right", p.padRight);
        q.set(21, "pad_bottom", p.padBottom);
        q.set(22, "pad_left", p.padLeft);
        q.set(24, "kernel_rows", p.kernelRows);
        q.set(25, "kernel_cols", p.kernelCols);
        q.set(27, "kernel_size", std::vector<int64_t>{p.kernelRows, p.kernelCols});
        q.set(28, "stride_rows", p.strideRows);
        q.set(29, "stride_cols", p.strideCols);
        q.set(31, "stride", std::vector<int64_t>{p.strideRows, p.strideCols});
    }
    if (!compat::hasWeights(p.kind) && p.kind != Kind::Squeeze)
        q.set(13, "coarse", p.coarseIn);
    if (p.kind == Kind::GlobalPooling || p.kind == Kind::EltWise)
        q.set(36, "acc_t", fixedPoint(p.accWidth));
    if (p.kind == Kind::ThresholdedReLU && hw)
        q.set(67, "threshold", static_cast<double>(hw->threshold));
    // HardswishLayer (and BatchNormLayer) write their input and output types besides data_t.
    if (p.kind == Kind::HardSwish || p.kind == Kind::BatchNorm) {
        q.set(37, "input_t", fixedPoint(p.inputWidth));
        q.set(38, "output_t", fixedPoint(p.outputWidth));
    }
    if (p.kind == Kind::ReSize)
        q.set(60, "scale", p.scales);
    if (p.kind == Kind::Chop)
        q.set(65, "split", p.split);
    return q.json();
}

} // namespace

nlohmann::ordered_json configJson(const Evaluator& e)
{
    Design d = e.design();
    // The view is fpgaConvNet's whatever model the design was optimised on.
    d.settings.costModel = CostModel::Compatible;
    Json partitions = Json::array();
    for (std::size_t p = 0; p < e.partitionCount(); ++p) {
        const auto [first, last] = e.partitionRange(p);
        const EvaluatedPartition evaluated = evaluateCompatiblePartition(d, p, first, last);
        const PartitionView& v = evaluated.view;
        std::map<std::string, std::size_t> position;
        for (std::size_t k = 0; k < v.spec.layers.size(); ++k)
            position[v.spec.layers[k].params.name] = k;
        Json layers = Json::array();
        for (std::size_t k = 0; k < v.spec.layers.size(); ++k) {
            const compat::ConfigLayer& cl = v.spec.layers[k];
            const LayerParams& lp = cl.params;
            const int64_t streamsIn = compat::layerStreamsIn(lp), streamsOut = compat::layerStreamsOut(lp);
            Json in = Json::array(), out = Json::array();
            const auto stream = [](const std::string& name, int64_t coarse, const std::string& node, std::optional<int64_t> depth) {
                Json s = Json::object();
                s["name"] = name;
                s["coarse"] = coarse;
                if (depth)
                    s["buffer_depth"] = *depth;
                s["node"] = node;
                return s;
            };
            if (cl.inputs.empty())
                in.push_back(stream("in", streamsIn, lp.name, 2));
            for (std::size_t j = 0; j < cl.inputs.size(); ++j)
                in.push_back(stream(cl.inputs[j] + "_" + lp.name, streamsIn, cl.inputs[j],
                                    j < lp.bufferDepth.size() ? lp.bufferDepth[j] : 2));
            if (v.outputs[k].empty())
                out.push_back(stream("out", streamsOut, lp.name, std::nullopt));
            for (const std::string& next : v.outputs[k])
                out.push_back(stream(lp.name + "_" + next, streamsOut, next, std::nullopt));
            Json layer = Json::object();
            layer["name"] = lp.name;
            layer["onnx_node"] = v.onnxNode[k];
            layer["type"] = typeName(lp.kind);
            const bool opType = compat::isConvolution(lp.kind) || lp.kind == Kind::ReLU || lp.kind == Kind::Pooling
                || lp.kind == Kind::GlobalPooling || lp.kind == Kind::EltWise || lp.kind == Kind::Sigmoid
                || lp.kind == Kind::HardSigmoid || lp.kind == Kind::HardSwish;
            if (opType)
                layer["op_type"] = lp.opType;
            layer["streams_in"] = std::move(in);
            layer["streams_out"] = std::move(out);
            layer["parameters"] = layerParameters(d, v, evaluated.results[k], k, position);
            if (compat::hasWeights(lp.kind) && v.designLayer[k] >= 0) {
                const HardwareLayer& hw = d.graph.layers[static_cast<std::size_t>(v.designLayer[k])];
                layer["weights_path"] = hw.weightsTensor;
                layer["bias_path"] = hw.biasTensor;
            }
            layers.push_back(std::move(layer));
        }
        Json partition = Json::object();
        partition["id"] = static_cast<int64_t>(p);
        partition["ports"] = 1;
        partition["batch_size"] = d.settings.batch;
        partition["input_nodes"] = v.inputTensors;
        partition["output_nodes"] = v.outputTensors;
        partition["weights_reloading_factor"] = v.spec.weightsReloading;
        partition["weights_reloading_layer"] = v.spec.weightsReloadingLayer;
        partition["layers"] = std::move(layers);
        partition["gen_last_width"] = 16;
        partitions.push_back(std::move(partition));
    }
    Json config = Json::object();
    config["partition"] = std::move(partitions);
    return config;
}

} // namespace foldwise::fpgaconvnet
