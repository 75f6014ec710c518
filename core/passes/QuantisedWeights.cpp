#include "passes/QuantisedWeights.h"

#include "passes/GraphEditor.h"

#include <onnx/onnx_pb.h>

#include <cmath>

namespace foldwise::passes {
namespace {

std::size_t strideAfter(const std::vector<int64_t>& dims, std::size_t axis)
{
    std::size_t s = 1;
    for (std::size_t d = axis + 1; d < dims.size(); ++d)
        s *= static_cast<std::size_t>(dims[d]);
    return s;
}

// Value for output channel c of a parameter that is per tensor or per output channel (dims
// broadcasting against the weight's with only `axis` > 1); nullopt for other layouts.
std::optional<std::vector<float>> perChannel(const FloatConstant& p, const std::vector<int64_t>& weightDims, std::size_t axis)
{
    const auto channels = static_cast<std::size_t>(weightDims[axis]);
    if (p.values.size() == 1)
        return std::vector<float>(channels, p.values[0]);
    if (p.values.size() != channels)
        return std::nullopt;
    // Right-aligned broadcasting: the channel dim must be the parameter's dim at the same place.
    const std::size_t offset = weightDims.size() - p.dims.size();
    if (p.dims.size() > weightDims.size() || axis < offset || p.dims[axis - offset] != weightDims[axis])
        return std::nullopt;
    return p.values;
}

bool oddRounding(qonnx::RoundingMode m)
{
    return m != qonnx::RoundingMode::Ceil && m != qonnx::RoundingMode::Floor;
}

} // namespace

std::optional<FloatConstant> numericConstant(const Model& model, TensorId tensor)
{
    if (tensor == kNoId)
        return std::nullopt;
    const ConstantData* data = model.graph().constantData(tensor);
    if (!data || !data->checkSize().empty())
        return std::nullopt;
    auto values = data->toFloats();
    if (!values)
        return std::nullopt;
    return FloatConstant{data->dims(), std::move(*values)};
}

std::optional<QuantisedWeight> quantisedWeight(const Model& model, const Node& layer, std::size_t slot, std::string& why)
{
    const Graph& g = model.graph();
    if (slot >= layer.inputs.size() || layer.inputs[slot] == kNoId)
        return std::nullopt;
    QuantisedWeight w;
    TensorId t = layer.inputs[slot];
    NodeId producer = g.tensor(t).producer;
    if (producer != kNoId && g.node(producer).domain.empty() && g.node(producer).opType == "Transpose"
        && model.isFolded(producer)) {
        const std::vector<int64_t> perm = g.node(producer).intsAttr("perm");
        if (!perm.empty() && perm != std::vector<int64_t>{1, 0})
            return std::nullopt;
        w.transpose = producer;
        t = g.node(producer).inputs[0];
        producer = g.tensor(t).producer;
    }
    if (producer == kNoId || !model.isFolded(producer))
        return std::nullopt;
    const Node& q = g.node(producer);
    const qonnx::Op op = qonnx::opOf(q);
    if (op != qonnx::Op::Quant && op != qonnx::Op::BipolarQuant)
        return std::nullopt;
    w.quantizer = producer;
    w.params = qonnx::readQuantizerParams(g, q, [&g](TensorId x) { return g.constantData(x); });
    const auto raw = numericConstant(model, q.inputs[0]);
    const auto scale = numericConstant(model, q.inputs[1]);
    const auto zero = op == qonnx::Op::Quant ? numericConstant(model, q.inputs[2]) : std::optional<FloatConstant>(FloatConstant{});
    if (!raw || !scale || !zero || !w.params.problem.empty()) {
        why = "the weight quantizer '" + q.name + "' has operands that are not numeric constants";
        return std::nullopt;
    }
    for (NodeId n : {w.quantizer, w.transpose})
        if (n != kNoId && (g.tensor(g.node(n).outputs[0]).consumers.size() != 1 || g.tensor(g.node(n).outputs[0]).isGraphOutput)) {
            why = "the weight quantizer '" + q.name + "' feeds other nodes too";
            return std::nullopt;
        }
    w.raw = *raw;
    w.scale = *scale;
    w.zeroPoint = *zero;
    if (w.raw.dims.empty()) {
        why = "the weights behind '" + q.name + "' are a scalar";
        return std::nullopt;
    }
    const bool matrixB = (layer.opType == "MatMul") || (layer.opType == "Gemm" && layer.intAttr("transB", 0) == 0);
    w.outputAxis = layer.opType == "Conv" ? 0 : (matrixB != (w.transpose != kNoId) ? 1 : 0);
    return w;
}

std::string scaleQuantisedOutputChannels(const Model& model, GraphEditor& editor, const QuantisedWeight& w,
                                         const std::vector<double>& factor)
{
    const Graph& g = model.graph();
    const Node& q = g.node(w.quantizer);
    const std::vector<int64_t>& dims = w.raw.dims;
    const std::size_t axis = w.outputAxis;
    if (axis >= dims.size() || static_cast<std::size_t>(dims[axis]) != factor.size())
        return "the weights behind '" + q.name + "' do not have " + std::to_string(factor.size()) + " output channels";
    const auto scale = perChannel(w.scale, dims, axis);
    if (!scale)
        return "the scale of '" + q.name + "' is neither per tensor nor per output channel";
    const bool bipolar = w.params.op == qonnx::Op::BipolarQuant || (w.params.quant.bits == 1 && w.params.quant.isSigned);
    bool anyNegative = false;
    for (double f : factor) {
        if (!std::isfinite(f) || f == 0.0)
            return "a channel would be scaled by " + std::to_string(f);
        anyNegative = anyNegative || f < 0;
    }
    const std::size_t inner = strideAfter(dims, axis);
    if (anyNegative) {
        bool zeroPointZero = true;
        for (float z : w.zeroPoint.values)
            zeroPointZero = zeroPointZero && z == 0.0f;
        const bool symmetric = bipolar
            || (zeroPointZero && w.params.quant.isSigned && w.params.quant.narrow && oddRounding(w.params.quant.rounding));
        if (!symmetric)
            return "a negative BatchNormalization scale would need the symmetric range of a narrow, zero-point-free "
                   "quantizer; '" + q.name + "' is not one";
        if (bipolar)
            for (std::size_t i = 0; i < w.raw.values.size(); ++i)
                if (w.raw.values[i] == 0.0f && factor[(i / inner) % factor.size()] < 0)
                    return "a zero weight of '" + q.name + "' would change sign under a negative scale";
    }
    std::vector<float> raw(w.raw.values.size());
    for (std::size_t i = 0; i < raw.size(); ++i)
        raw[i] = static_cast<float>(static_cast<double>(w.raw.values[i]) * factor[(i / inner) % factor.size()]);
    std::vector<int64_t> scaleDims(dims.size(), 1);
    scaleDims[axis] = dims[axis];
    std::vector<float> scaled(factor.size());
    for (std::size_t c = 0; c < factor.size(); ++c)
        scaled[c] = static_cast<float>(static_cast<double>((*scale)[c]) * std::fabs(factor[c]));
    editor.setConstantInput(q.protoIndex, 0, makeFloatTensor(dims, raw), q.name + ".weight_scaled");
    editor.setConstantInput(q.protoIndex, 1, makeFloatTensor(scaleDims, scaled), q.name + ".scale_scaled");
    return {};
}

} // namespace foldwise::passes
