#include "passes/BatchNormFolding.h"

#include "passes/ConstantTensors.h"
#include "passes/GraphEditor.h"
#include "passes/PassSupport.h"
#include "passes/QuantisedWeights.h"

#include <onnx/onnx_pb.h>

#include <cmath>
#include <optional>

namespace foldwise::passes {
namespace {

// A BatchNormalization's per-channel affine map y = s * x + t, in double.
struct ChannelAffine {
    std::vector<double> scale, shift;
};

std::string statistics(const Model& model, const Node& bn, ChannelAffine& affine)
{
    const char* names[] = {"scale", "bias", "mean", "variance"};
    std::vector<std::vector<float>> v;
    for (std::size_t i = 1; i <= 4; ++i) {
        const std::optional<FloatConstant> c = bn.inputs.size() > i ? floatConstant(model, bn.inputs[i]) : std::nullopt;
        if (!c)
            return std::string("its ") + names[i - 1] + " is not a constant float tensor";
        if (c->dims.size() != 1 || (i > 1 && c->values.size() != v.front().size()))
            return std::string("its ") + names[i - 1] + " is not one value per channel";
        v.push_back(c->values);
    }
    const double eps = bn.floatAttr("epsilon", 1e-5f);
    const std::size_t channels = v[0].size();
    affine.scale.resize(channels);
    affine.shift.resize(channels);
    for (std::size_t c = 0; c < channels; ++c) {
        const double denominator = static_cast<double>(v[3][c]) + eps;
        if (!(denominator > 0))
            return "variance + epsilon of channel " + std::to_string(c) + " is not positive";
        affine.scale[c] = v[0][c] / std::sqrt(denominator);
        affine.shift[c] = v[1][c] - v[2][c] * affine.scale[c];
    }
    return {};
}

std::vector<float> toFloats(const std::vector<double>& v) { return {v.begin(), v.end()}; }

// Why the layer's `channels` outputs (`unit`: "filters", "outputs") cannot take the
// BatchNormalization's channels; empty when the counts agree.
std::string channelCountMismatch(const Node& layer, std::size_t channels, const char* unit, const ChannelAffine& a)
{
    if (channels == a.scale.size())
        return {};
    return "'" + layer.name + "' has " + std::to_string(channels) + " " + unit + ", the BatchNormalization "
        + std::to_string(a.scale.size()) + " channels";
}

class Folder {
public:
    Folder(const Model& model, GraphEditor& editor) : model_(model), g_(model.graph()), editor_(editor) {}

    // Folds `bn` into its producer, or says why not.
    std::string fold(const Node& bn, nlohmann::json& entry);

private:
    // QONNX: weights behind a quantizer are scaled before it (its input and scale), so the layer
    // keeps reading quantised weights; "" when done or when the weights are plain constants
    // (`quantised` false), else why not.
    std::string scaleQuantised(const Node& layer, const ChannelAffine& a, bool& quantised, nlohmann::json& entry);
    // A bias the fold must rewrite may not be quantised itself (it would leave its grid).
    std::string checkBias(const Node& layer, std::size_t slot) const;
    // The layer's optional bias (input 2) into `bias`, left empty when it has none; false when it
    // has one that is not a constant float tensor.
    bool readBias(const Node& layer, std::optional<FloatConstant>& bias) const;
    std::string foldConv(const Node& layer, const ChannelAffine& a, nlohmann::json& entry);
    std::string foldGemm(const Node& layer, const ChannelAffine& a, nlohmann::json& entry);
    std::string foldMatMul(const Node& layer, const ChannelAffine& a, nlohmann::json& entry);

    const Model& model_;
    const Graph& g_;
    GraphEditor& editor_;
};

std::string Folder::fold(const Node& bn, nlohmann::json& entry)
{
    if (bn.intAttr("training_mode", 0) != 0)
        return "it runs in training mode";
    if (model_.opsetVersion("") < 9 && bn.intAttr("spatial", 1) == 0)
        return "spatial = 0 (statistics per element, not per channel)";
    for (std::size_t i = 1; i < bn.outputs.size(); ++i)
        if (bn.outputs[i] != kNoId && (!g_.tensor(bn.outputs[i]).consumers.empty() || g_.tensor(bn.outputs[i]).isGraphOutput))
            return "its running-statistics outputs are read";
    if (bn.inputs.empty() || bn.inputs[0] == kNoId || bn.outputs.empty() || bn.outputs[0] == kNoId)
        return "it has no data input or output";
    const Tensor& x = g_.tensor(bn.inputs[0]);
    if (x.producer == kNoId)
        return "its input '" + x.name + "' is not computed by a layer";
    const Node& layer = g_.node(x.producer);
    if (!isStandardOp(layer, {"Conv", "Gemm", "MatMul"}))
        return "it follows a " + layer.opType + " ('" + layer.name + "'), not a Conv, Gemm or MatMul";
    if (!protoMatches(editor_, layer) || !protoMatches(editor_, bn))
        return "'" + layer.name + "' is stored as a call of a local function; fold before annotating";
    if (x.consumers.size() != 1 || x.isGraphOutput)
        return "the output of '" + layer.name + "' is also read elsewhere, so it must stay as it is";
    if (layer.outputs.empty() || layer.outputs[0] != bn.inputs[0])
        return "it reads a secondary output of '" + layer.name + "'";
    ChannelAffine a;
    if (std::string why = statistics(model_, bn, a); !why.empty())
        return why;
    entry = {{"batchnorm", bn.name}, {"layer", layer.name}, {"op", layer.opType}, {"channels", a.scale.size()}};
    std::string why = layer.opType == "Conv" ? foldConv(layer, a, entry)
        : layer.opType == "Gemm"             ? foldGemm(layer, a, entry)
                                             : foldMatMul(layer, a, entry);
    if (!why.empty())
        return why;
    // The layer now writes the BatchNormalization's output (which may be a graph output).
    editor_.setOutput(layer.protoIndex, 0, g_.tensor(bn.outputs[0]).name);
    editor_.removeNode(bn.protoIndex);
    return {};
}

std::string Folder::scaleQuantised(const Node& layer, const ChannelAffine& a, bool& quantised, nlohmann::json& entry)
{
    std::string why;
    const std::optional<QuantisedWeight> w = quantisedWeight(model_, layer, 1, why);
    quantised = w.has_value() || !why.empty();
    if (!w)
        return why;
    why = scaleQuantisedOutputChannels(model_, editor_, *w, a.scale);
    if (why.empty())
        entry["quantised_weights"] = g_.node(w->quantizer).name;
    return why;
}

std::string Folder::checkBias(const Node& layer, std::size_t slot) const
{
    if (slot < layer.inputs.size() && layer.inputs[slot] != kNoId && model_.isFolded(g_.tensor(layer.inputs[slot]).producer))
        return "the bias of '" + layer.name + "' is quantised; the folded bias would leave its quantizer's grid";
    return {};
}

bool Folder::readBias(const Node& layer, std::optional<FloatConstant>& bias) const
{
    if (layer.inputs.size() <= 2 || layer.inputs[2] == kNoId)
        return true;
    bias = floatConstant(model_, layer.inputs[2]);
    return bias.has_value();
}

std::string Folder::foldConv(const Node& layer, const ChannelAffine& a, nlohmann::json& entry)
{
    if (std::string why = checkBias(layer, 2); !why.empty())
        return why;
    const std::optional<FloatConstant> w = layer.inputs.size() > 1 ? floatConstant(model_, layer.inputs[1]) : std::nullopt;
    if (!w || w->dims.size() < 3)
        return "the weights of '" + layer.name + "' are not a constant float tensor";
    const std::size_t filters = static_cast<std::size_t>(w->dims[0]);
    if (std::string why = channelCountMismatch(layer, filters, "filters", a); !why.empty())
        return why;
    std::optional<FloatConstant> b;
    if (!readBias(layer, b) || (b && b->values.size() != filters))
        return "the bias of '" + layer.name + "' is not a constant float vector of " + std::to_string(filters);
    const std::size_t perFilter = w->values.size() / filters;
    std::vector<double> weights(w->values.size());
    std::vector<double> bias(filters);
    for (std::size_t m = 0; m < filters; ++m) {
        for (std::size_t i = 0; i < perFilter; ++i)
            weights[m * perFilter + i] = w->values[m * perFilter + i] * a.scale[m];
        bias[m] = (b ? b->values[m] : 0.0) * a.scale[m] + a.shift[m];
    }
    bool quantised = false;
    if (std::string why = scaleQuantised(layer, a, quantised, entry); !why.empty())
        return why;
    if (!quantised)
        editor_.setConstantInput(layer.protoIndex, 1, makeFloatTensor(w->dims, toFloats(weights)), layer.name + ".weight_folded");
    editor_.setConstantInput(layer.protoIndex, 2, makeFloatTensor({static_cast<int64_t>(filters)}, toFloats(bias)),
                             layer.name + ".bias_folded");
    entry["bias"] = b ? "updated" : "added";
    entry["groups"] = layer.intAttr("group", 1);
    return {};
}

// Scales column n of op(B) by s[n]: row n of B when transposed, else column n.
std::vector<float> scaleColumns(const FloatConstant& bMatrix, bool transposed, const ChannelAffine& a)
{
    const std::size_t rows = static_cast<std::size_t>(bMatrix.dims[0]), cols = static_cast<std::size_t>(bMatrix.dims[1]);
    std::vector<double> out(bMatrix.values.size());
    for (std::size_t r = 0; r < rows; ++r)
        for (std::size_t c = 0; c < cols; ++c)
            out[r * cols + c] = bMatrix.values[r * cols + c] * a.scale[transposed ? r : c];
    return toFloats(out);
}

std::string Folder::foldGemm(const Node& layer, const ChannelAffine& a, nlohmann::json& entry)
{
    const bool transB = layer.intAttr("transB", 0) != 0;
    const std::optional<FloatConstant> bm = layer.inputs.size() > 1 ? floatConstant(model_, layer.inputs[1]) : std::nullopt;
    if (!bm || bm->dims.size() != 2)
        return "the weights (B) of '" + layer.name + "' are not a constant 2-D float tensor";
    const std::size_t n = static_cast<std::size_t>(transB ? bm->dims[0] : bm->dims[1]);
    if (std::string why = channelCountMismatch(layer, n, "outputs", a); !why.empty())
        return why;
    std::optional<FloatConstant> c;
    if (!readBias(layer, c) || (c && c->dims.size() > 2))
        return "the bias (C) of '" + layer.name + "' is not a constant float tensor of rank <= 2";
    // C broadcasts to (rows, N); keep a row dimension only when C has several rows.
    const std::size_t cRows = c && c->dims.size() == 2 ? static_cast<std::size_t>(c->dims[0]) : 1;
    const std::size_t cCols = !c || c->dims.empty() ? 1 : static_cast<std::size_t>(c->dims.back());
    if (c && cCols != 1 && cCols != n)
        return "the bias (C) of '" + layer.name + "' does not broadcast to its " + std::to_string(n) + " outputs";
    const double betaG = layer.floatAttr("beta", 1.0f);
    std::vector<double> bias(cRows * n);
    for (std::size_t r = 0; r < cRows; ++r)
        for (std::size_t j = 0; j < n; ++j) {
            const double cv = c ? c->values[(r * cCols) + (cCols == 1 ? 0 : j)] : 0.0;
            bias[r * n + j] = betaG * cv * a.scale[j] + a.shift[j];
        }
    const std::vector<int64_t> biasDims = cRows > 1 ? std::vector<int64_t>{static_cast<int64_t>(cRows), static_cast<int64_t>(n)}
                                                    : std::vector<int64_t>{static_cast<int64_t>(n)};
    if (std::string why = checkBias(layer, 2); !why.empty())
        return why;
    bool quantised = false;
    if (std::string why = scaleQuantised(layer, a, quantised, entry); !why.empty())
        return why;
    if (!quantised)
        editor_.setConstantInput(layer.protoIndex, 1, makeFloatTensor(bm->dims, scaleColumns(*bm, transB, a)),
                                 layer.name + ".weight_folded");
    editor_.setConstantInput(layer.protoIndex, 2, makeFloatTensor(biasDims, toFloats(bias)), layer.name + ".bias_folded");
    setFloatAttribute(editor_.node(layer.protoIndex), "beta", 1.0f);
    entry["bias"] = c ? "updated" : "added";
    entry["transB"] = transB;
    return {};
}

std::string Folder::foldMatMul(const Node& layer, const ChannelAffine& a, nlohmann::json& entry)
{
    if (model_.opsetVersion("") < 7)
        return "turning MatMul '" + layer.name + "' into a Gemm needs opset 7 (Gemm with broadcasting)";
    const Tensor& in = g_.tensor(layer.inputs[0]);
    if (!in.hasShape || in.shape.rank() != 2)
        return "MatMul '" + layer.name + "' does not take a 2-D input, so it cannot become a Gemm";
    const std::optional<FloatConstant> bm = layer.inputs.size() > 1 ? floatConstant(model_, layer.inputs[1]) : std::nullopt;
    if (!bm || bm->dims.size() != 2)
        return "the weights of MatMul '" + layer.name + "' are not a constant 2-D float tensor";
    const std::size_t n = static_cast<std::size_t>(bm->dims[1]);
    if (n != a.scale.size())
        return "'" + layer.name + "' has " + std::to_string(n) + " outputs, the BatchNormalization "
            + std::to_string(a.scale.size()) + " channels";
    bool quantised = false;
    if (std::string why = scaleQuantised(layer, a, quantised, entry); !why.empty())
        return why;
    editor_.node(layer.protoIndex).set_op_type("Gemm");
    if (!quantised)
        editor_.setConstantInput(layer.protoIndex, 1, makeFloatTensor(bm->dims, scaleColumns(*bm, false, a)),
                                 layer.name + ".weight_folded");
    editor_.setConstantInput(layer.protoIndex, 2, makeFloatTensor({static_cast<int64_t>(n)}, toFloats(a.shift)),
                             layer.name + ".bias_folded");
    entry["bias"] = "added";
    entry["converted_to"] = "Gemm";
    return {};
}

} // namespace

PassResult foldBatchNorms(const Model& model, const PassContext& context)
{
    PassResult result = startPass("fold-bn", model);
    onnx::ModelProto proto = editableCopy(model);
    GraphEditor editor(proto);
    Folder folder(model, editor);
    const Graph& g = model.graph();
    std::vector<NodeId> candidates;
    for (NodeId id : g.topologicalOrder())
        if (isStandardOp(g.node(id), {"BatchNormalization"}))
            candidates.push_back(id);
    nlohmann::json folded = nlohmann::json::array(), skipped = nlohmann::json::array();
    for (std::size_t i = 0; i < candidates.size(); ++i) {
        context.step(i, candidates.size());
        const Node& bn = g.node(candidates[i]);
        nlohmann::json entry;
        const std::string why = folder.fold(bn, entry);
        if (why.empty()) {
            folded.push_back(entry);
            ++result.changes;
        } else {
            skipped.push_back({{"batchnorm", bn.name}, {"reason", why}});
            result.notes.push_back("BatchNormalization '" + bn.name + "' not folded: " + why);
        }
    }
    context.step(candidates.size(), candidates.size());
    editor.finish();
    result.report["folded"] = folded;
    result.report["skipped"] = skipped;
    finishPass(result, model, std::move(proto), "no BatchNormalization to fold");
    return result;
}

} // namespace foldwise::passes
