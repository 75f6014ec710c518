#include "layers/LayerFigures.h"

#include "model/SpatialAttributes.h"
#include "model/qonnx/QonnxOps.h"

#include <onnx/defs/schema.h>

namespace foldwise {
namespace {

std::optional<int64_t> multiply(std::optional<int64_t> a, std::optional<int64_t> b)
{
    int64_t r = 0;
    if (!a || !b || __builtin_mul_overflow(*a, *b, &r))
        return std::nullopt;
    return r;
}

const Shape* knownShape(const Graph& g, std::size_t index, const Node& n)
{
    if (n.inputs.size() <= index || n.inputs[index] == kNoId)
        return nullptr;
    const Tensor& t = g.tensor(n.inputs[index]);
    return t.hasShape ? &t.shape : nullptr;
}

std::optional<int64_t> dimAt(const Shape* s, long index)
{
    if (!s)
        return std::nullopt;
    const long rank = static_cast<long>(s->rank());
    if (index < 0)
        index += rank;
    if (index < 0 || index >= rank || !(*s)[static_cast<std::size_t>(index)].isKnown())
        return std::nullopt;
    return (*s)[static_cast<std::size_t>(index)].value;
}

int64_t constantElements(const Graph& g, const Node& n, std::size_t index)
{
    if (n.inputs.size() <= index || n.inputs[index] == kNoId)
        return 0;
    const ConstantData* c = g.constantData(n.inputs[index]);
    if (c)
        return c->elementCount();
    // Sparse initializers have no ConstantData but are constants all the same.
    const Tensor& t = g.tensor(n.inputs[index]);
    return t.role == TensorRole::Initializer ? t.shape.elementCount().value_or(0) : 0;
}

bool isConstantInput(const Graph& g, const Node& n, std::size_t index)
{
    return n.inputs.size() > index && n.inputs[index] != kNoId
        && (g.isConstant(n.inputs[index]) || g.tensor(n.inputs[index]).role == TensorRole::Initializer);
}

// Product of the kernel's spatial dims: from kernel_shape or from the weight's dims [2:].
std::vector<int64_t> convKernel(const Node& n, const Shape* weight)
{
    std::vector<int64_t> k = n.intsAttr("kernel_shape");
    if (k.empty() && weight && weight->rank() > 2 && weight->isStatic()) {
        const auto v = weight->values();
        k.assign(v.begin() + 2, v.end());
    }
    return k;
}

void fillConvolution(const Graph& g, const Node& n, LayerFigures& f)
{
    const bool qlinear = n.opType == "QLinearConv";
    const std::size_t w = qlinear ? 3 : 1;
    const std::size_t b = qlinear ? 8 : 2;
    const Shape* weight = knownShape(g, w, n);
    f.weights = constantElements(g, n, w);
    f.biases = n.opType == "ConvInteger" ? 0 : constantElements(g, n, b);
    f.kernel = convKernel(n, weight);
    f.groups = n.intAttr("group", 1);
    const std::size_t spatial = f.kernel.size();
    f.strides = spatialIntsAttr(n, "strides", spatial, 1);
    f.dilations = spatialIntsAttr(n, "dilations", spatial, 1);
    f.pads = spatialIntsAttr(n, "pads", spatial * 2, 0);

    std::optional<int64_t> kernelElements;
    if (!f.kernel.empty())
        kernelElements = checkedProduct(f.kernel);
    const std::optional<int64_t> out = g.elementCount(n.outputs.empty() ? kNoId : n.outputs[0]);
    if (n.opType == "ConvTranspose") {
        // Every input element meets C_out/g x K weights.
        const std::optional<int64_t> in = g.elementCount(n.inputs.empty() ? kNoId : n.inputs[0]);
        f.macs = multiply(multiply(in, dimAt(weight, 1)), kernelElements);
    } else {
            // Channels-last weights are OHWI: the input channels per group are the last dim.
        f.macs = multiply(multiply(out, dimAt(weight, f.channelsLast ? -1 : 1)), kernelElements);
    }
    if (f.groups > 1 && f.channelsIn && *f.channelsIn == f.groups)
        f.variant = "depthwise";
    else if (f.groups > 1)
        f.variant = "grouped";
}

void fillGemm(const Graph& g, const Node& n, LayerFigures& f)
{
    const bool transA = n.intAttr("transA", 0) != 0;
    const bool transB = n.intAttr("transB", 0) != 0;
    std::optional<int64_t> inner = dimAt(knownShape(g, 0, n), transA ? 0 : 1);
    if (!inner)
        inner = dimAt(knownShape(g, 1, n), transB ? 1 : 0);
    f.macs = multiply(g.elementCount(n.outputs.empty() ? kNoId : n.outputs[0]), inner);
    for (std::size_t i : {0u, 1u})
        if (isConstantInput(g, n, i))
            f.weights += constantElements(g, n, i);
    f.biases = constantElements(g, n, 2);
}

void fillMatMul(const Graph& g, const Node& n, LayerFigures& f)
{
    const bool qlinear = n.opType == "QLinearMatMul";
    const std::size_t b = qlinear ? 3 : 1;
    const Shape* a = knownShape(g, 0, n);
    std::optional<int64_t> inner = dimAt(a, -1);
    if (!inner)
        inner = dimAt(knownShape(g, b, n), knownShape(g, b, n) && knownShape(g, b, n)->rank() == 1 ? 0 : -2);
    f.macs = multiply(g.elementCount(n.outputs.empty() ? kNoId : n.outputs[0]), inner);
    for (std::size_t i : {std::size_t{0}, b})
        if (isConstantInput(g, n, i))
            f.weights += constantElements(g, n, i);
}

// Constant operands that are parameters (not shape/axis/index operands) for the other ops.
void fillOtherParams(const Graph& g, const Node& n, LayerFigures& f)
{
    const std::string& op = n.opType;
    if (op == "BatchNormalization") {
        f.weights = constantElements(g, n, 1) + constantElements(g, n, 3) + constantElements(g, n, 4);
        f.biases = constantElements(g, n, 2);
    } else if (op == "InstanceNormalization" || op == "LayerNormalization" || op == "GroupNormalization") {
        f.weights = constantElements(g, n, 1);
        f.biases = constantElements(g, n, 2);
    } else if (op == "PRelu") {
        f.weights = constantElements(g, n, 1);
    } else if (f.kind == LayerKind::ElementWise) {
        for (std::size_t i = 0; i < n.inputs.size(); ++i)
            if (isConstantInput(g, n, i) && isFloatingPoint(g.tensor(n.inputs[i]).type))
                f.weights += constantElements(g, n, i);
    }
}

void fillPooling(const Node& n, LayerFigures& f)
{
    f.kernel = n.intsAttr("kernel_shape");
    f.strides = spatialIntsAttr(n, "strides", f.kernel.size(), 1);
    f.pads = spatialIntsAttr(n, "pads", f.kernel.size() * 2, 0);
    f.dilations = n.intsAttr("dilations");
}

// FINN's hardware layers in a folded graph: an MVAU does MW x MH MACs per input vector, a VVAU
// Channels x k_h x k_w per output pixel; their weights are input 1.
void fillFinnLayer(const Graph& g, const Node& n, LayerFigures& f)
{
    const std::string& op = n.opType;
    const auto starts = [&op](const char* prefix) { return op.rfind(prefix, 0) == 0; };
    std::optional<int64_t> macs;
    if (starts("MVAU") || starts("MatrixVectorActivation") || starts("StreamingFCLayer")) {
        int64_t vectors = 1;
        for (int64_t v : n.intsAttr("numInputVectors"))
            vectors *= v;
        macs = multiply(multiply(n.intAttr("MW", 0), n.intAttr("MH", 0)), vectors);
    } else if (starts("VVAU") || starts("VectorVectorActivation") || starts("Vector_Vector_Activate")) {
        const std::vector<int64_t> k = n.intsAttr("Kernel"), dim = n.intsAttr("Dim");
        if (k.size() == 2 && dim.size() == 2)
            macs = multiply(multiply(n.intAttr("Channels", 0), k[0] * k[1]), dim[0] * dim[1]);
    }
    if (!macs)
        return;
    f.macs = macs;
    f.weights = constantElements(g, n, 1);
}

// The operand holding a MAC layer's weights (kNoId when the layer has none).
TensorId weightOperand(const Graph& g, const Node& n, const LayerFigures& f)
{
    if (qonnx::isFinnDataflowDomain(n.domain)) // an MVAU/VVAU's weights
        return f.macs && *f.macs > 0 && n.inputs.size() > 1 ? n.inputs[1] : kNoId;
    if (f.kind == LayerKind::Convolution)
        return n.opType == "QLinearConv" ? (n.inputs.size() > 3 ? n.inputs[3] : kNoId)
                                         : (n.inputs.size() > 1 ? n.inputs[1] : kNoId);
    if (f.kind != LayerKind::FullyConnected && f.kind != LayerKind::MatMul)
        return kNoId;
    const std::size_t b = n.opType == "QLinearMatMul" ? 3 : 1;
    if (n.inputs.size() <= b)
        return kNoId;
    // The constant operand (usually B); for a product of two activations, the second.
    if (!isConstantInput(g, n, b) && isConstantInput(g, n, 0))
        return n.inputs[0];
    return n.inputs[b];
}

void fillQuantisation(const Model& model, const Node& n, TensorId firstActivation, LayerFigures& f)
{
    f.inputFormat = model.numberFormat(firstActivation);
    if (!n.outputs.empty())
        f.outputFormat = model.numberFormat(n.outputs[0]);
    const TensorId weight = weightOperand(model.graph(), n, f);
    if (weight == kNoId)
        return;
    f.weightFormat = model.numberFormat(weight);
    f.bops = multiply(multiply(f.macs, formatBits(f.weightFormat)), formatBits(f.inputFormat));
    f.weightMemoryBits = multiply(f.weights, formatBits(f.weightFormat));
}

} // namespace

int formatBits(const std::optional<qonnx::NumberFormat>& format)
{
    return format ? format->bits : 32;
}

LayerFigures computeLayerFigures(const Model& model, NodeId id)
{
    const Graph& g = model.graph();
    const Node& n = g.node(id);
    LayerFigures f;
    f.node = id;
    f.name = n.name;
    f.opType = n.opType;
    f.domain = n.domain;
    const int64_t opset = model.opsetVersion(n.domain);
    f.standardOp = onnx::OpSchemaRegistry::Schema(n.opType, static_cast<int>(opset ? opset : INT32_MAX),
                                                  n.domain.empty() ? onnx::ONNX_DOMAIN : n.domain)
        != nullptr;
    const qonnx::Op qop = qonnx::opOf(n);
    f.qonnxOp = qop != qonnx::Op::None;
    f.channelsLast = qonnx::isChannelsLast(qop);
    f.kind = classifyNode(g, n, f.standardOp);
    if (isRelu6(g, n))
        f.variant = "ReLU6";

    // Activation shapes and sizes: inputs that are not constants, all outputs.
    std::optional<int64_t> inElements = 0;
    TensorId firstActivation = kNoId;
    for (TensorId t : n.inputs) {
        if (t == kNoId || g.isConstant(t) || g.tensor(t).role == TensorRole::Initializer)
            continue;
        if (firstActivation == kNoId && g.tensor(t).hasShape) {
            f.inputShape = g.tensor(t).shape;
            f.inputShapeKnown = true;
        }
        if (firstActivation == kNoId)
            firstActivation = t;
        const std::optional<int64_t> count = g.elementCount(t);
        inElements = inElements && count ? std::optional<int64_t>(*inElements + *count) : std::nullopt;
    }
    f.inputActivations = inElements;
    std::optional<int64_t> outElements = 0;
    for (std::size_t i = 0; i < n.outputs.size(); ++i) {
        const TensorId t = n.outputs[i];
        if (t == kNoId)
            continue;
        if (i == 0 && g.tensor(t).hasShape) {
            f.outputShape = g.tensor(t).shape;
            f.outputShapeKnown = true;
        }
        const std::optional<int64_t> count = g.elementCount(t);
        outElements = outElements && count ? std::optional<int64_t>(*outElements + *count) : std::nullopt;
    }
    f.outputActivations = outElements;
    const long channelAxis = f.channelsLast ? -1 : 1;
    if (f.inputShapeKnown)
        f.channelsIn = dimAt(&f.inputShape, channelAxis);
    if (f.outputShapeKnown)
        f.channelsOut = dimAt(&f.outputShape, channelAxis);

    if (f.kind == LayerKind::Convolution)
        fillConvolution(g, n, f);
    else if (n.opType == "Gemm" || n.opType == "QGemm")
        fillGemm(g, n, f);
    else if (f.kind == LayerKind::FullyConnected || f.kind == LayerKind::MatMul)
        fillMatMul(g, n, f);
    else if (f.kind == LayerKind::Pooling)
        fillPooling(n, f);
    // A folded node (a quantised weight's reshapes, a bit-width computation) is part of its
    // layer's weights, counted there.
    if (f.kind != LayerKind::Convolution && f.kind != LayerKind::FullyConnected && f.kind != LayerKind::MatMul
        && !model.isFolded(id))
        fillOtherParams(g, n, f);
    if (qonnx::isFinnDataflowDomain(n.domain))
        fillFinnLayer(g, n, f);
    fillQuantisation(model, n, firstActivation, f);
    return f;
}

} // namespace foldwise
