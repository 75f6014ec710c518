#include "layers/LayerKind.h"

#include "model/qonnx/QonnxOps.h"

#include <array>
#include <span>
#include <string>

namespace foldwise {
namespace {

bool oneOf(const std::string& op, std::span<const std::string_view> names)
{
    for (std::string_view n : names)
        if (op == n)
            return true;
    return false;
}

constexpr std::array<std::string_view, 4> kConvolutions{"Conv", "ConvTranspose", "QLinearConv", "ConvInteger"};
constexpr std::array<std::string_view, 9> kPooling{"MaxPool", "AveragePool", "GlobalAveragePool", "GlobalMaxPool",
                                                    "LpPool", "GlobalLpPool", "MaxRoiPool", "RoiAlign", "MaxUnpool"};
constexpr std::array<std::string_view, 18> kActivations{
    "Relu", "ThresholdedRelu", "LeakyRelu", "PRelu", "Clip", "Sigmoid", "HardSigmoid", "HardSwish", "Tanh",
    "Elu", "Selu", "Celu", "Softplus", "Softsign", "Gelu", "Mish", "Shrink", "QuickGelu"};
constexpr std::array<std::string_view, 33> kElementWise{
    "Add", "Sub", "Mul", "Div", "Pow", "Max", "Min", "Sum", "Mean", "Sqrt", "Exp", "Log", "Abs", "Neg",
    "Reciprocal", "Floor", "Ceil", "Round", "Erf", "Not", "And", "Or", "Xor", "Equal", "Less", "Greater",
    "LessOrEqual", "GreaterOrEqual", "Where", "Sign", "Mod", "BitShift", "IsNaN"};
constexpr std::array<std::string_view, 3> kConcatSplit{"Concat", "Split", "SplitToSequence"};
constexpr std::array<std::string_view, 11> kReshapeLike{"Reshape", "Flatten", "Squeeze", "Unsqueeze", "Transpose",
                                                        "Identity", "DepthToSpace", "SpaceToDepth", "Dropout",
                                                        "Expand", "Cast"};
constexpr std::array<std::string_view, 7> kNormalisation{"BatchNormalization", "InstanceNormalization",
                                                         "LayerNormalization", "LRN", "GroupNormalization",
                                                         "LpNormalization", "MeanVarianceNormalization"};
constexpr std::array<std::string_view, 2> kMatMuls{"MatMul", "MatMulInteger"};

// The kinds an op type alone decides, tried in this order after convolutions and matrix products.
struct OpGroup {
    std::span<const std::string_view> ops;
    LayerKind kind;
};
constexpr std::array kKindsByOpType{
    OpGroup{kPooling, LayerKind::Pooling},           OpGroup{kActivations, LayerKind::Activation},
    OpGroup{kElementWise, LayerKind::ElementWise},   OpGroup{kConcatSplit, LayerKind::ConcatSplit},
    OpGroup{kReshapeLike, LayerKind::ReshapeLike},   OpGroup{kNormalisation, LayerKind::Normalisation}};

} // namespace

std::string_view layerKindName(LayerKind kind)
{
    switch (kind) {
    case LayerKind::Convolution: return "convolution";
    case LayerKind::FullyConnected: return "fully_connected";
    case LayerKind::MatMul: return "matmul";
    case LayerKind::Pooling: return "pooling";
    case LayerKind::Activation: return "activation";
    case LayerKind::ElementWise: return "elementwise";
    case LayerKind::ConcatSplit: return "concat_split";
    case LayerKind::ReshapeLike: return "reshape";
    case LayerKind::Normalisation: return "normalisation";
    case LayerKind::Constant: return "constant";
    case LayerKind::Other: return "other";
    case LayerKind::Quantizer: return "quantizer";
    case LayerKind::Custom: return "custom";
    }
    return "other";
}

LayerKind classifyNode(const Graph& graph, const Node& node, bool opsetKnown)
{
    switch (qonnx::opOf(node)) {
    case qonnx::Op::ChannelsLastConv: return LayerKind::Convolution;
    case qonnx::Op::ChannelsLastMaxPool: return LayerKind::Pooling;
    case qonnx::Op::None: break;
    default: return LayerKind::Quantizer;
    }
    if (!opsetKnown)
        return LayerKind::Custom;
    const std::string& op = node.opType;
    if (oneOf(op, kConvolutions))
        return LayerKind::Convolution;
    if (op == "Gemm" || op == "QGemm")
        return LayerKind::FullyConnected;
    if (oneOf(op, kMatMuls) || op == "QLinearMatMul") {
        const std::size_t b = op == "QLinearMatMul" ? 3 : 1;
        const bool constantOperand = (!node.inputs.empty() && graph.isConstant(node.inputs[0]))
            || (node.inputs.size() > b && graph.isConstant(node.inputs[b]));
        return constantOperand ? LayerKind::FullyConnected : LayerKind::MatMul;
    }
    for (const auto& [ops, kind] : kKindsByOpType)
        if (oneOf(op, ops))
            return kind;
    if (op == "Constant" || op == "ConstantOfShape")
        return LayerKind::Constant;
    return LayerKind::Other;
}

bool isRelu6(const Graph& graph, const Node& node)
{
    if (node.opType != "Clip")
        return false;
    double lo = node.floatAttr("min", std::numeric_limits<float>::lowest());
    double hi = node.floatAttr("max", std::numeric_limits<float>::max());
    auto constantScalar = [&](std::size_t index, double& value) {
        if (node.inputs.size() <= index || node.inputs[index] == kNoId)
            return;
        if (const ConstantData* c = graph.constantData(node.inputs[index])) {
            const std::vector<double> v = c->toDoubles();
            if (v.size() == 1)
                value = v[0];
        }
    };
    constantScalar(1, lo);
    constantScalar(2, hi);
    return lo == 0.0 && hi == 6.0;
}

} // namespace foldwise
