#include "model/FusedActivations.h"

#include "io/JsonReading.h"
#include "model/ModelError.h"
#include "model/ReluMatch.h"

#include <nlohmann/json.hpp>
#include <onnx/onnx_pb.h>

namespace foldwise::passes {
namespace {

bool isStandard(const Node& n, const char* op) { return n.domain.empty() && n.opType == op; }

// Conv, Gemm, or MatMul with a constant weight (a dense layer).
bool isComputeLayer(const Graph& g, const Node& n)
{
    if (isStandard(n, "Conv") || isStandard(n, "Gemm"))
        return true;
    return isStandard(n, "MatMul") && n.inputs.size() == 2 && n.inputs[1] != kNoId && g.isConstant(n.inputs[1]);
}

// Readers of a tensor: consumer nodes plus one when it is a graph output.
std::size_t readers(const Graph& g, TensorId t)
{
    return g.tensor(t).consumers.size() + (g.tensor(t).isGraphOutput ? 1 : 0);
}

std::string firstInputProducer(const Graph& g, const Node& n, NodeId& producer)
{
    producer = kNoId;
    if (n.inputs.empty() || n.inputs[0] == kNoId)
        return "it has no input";
    producer = g.tensor(n.inputs[0]).producer;
    if (producer == kNoId)
        return "its input '" + g.tensor(n.inputs[0]).name + "' is a graph input or a constant";
    return {};
}

} // namespace

std::string fusionBlocker(const Model& model, NodeId activation, FusedActivation& out)
{
    const Graph& g = model.graph();
    const Node& act = g.node(activation);
    out = {};
    const ReluCheck check = checkRelu(model, act);
    if (!check.relu)
        return check.why;
    NodeId producer = kNoId;
    if (std::string why = firstInputProducer(g, act, producer); !why.empty())
        return why;
    const Node* p = &g.node(producer);
    std::string batchNorm;
    const auto onlyReader = [&](const Node& writer, const std::string& reader) -> std::string {
        const TensorId t = writer.outputs.empty() ? kNoId : writer.outputs[0];
        if (t == kNoId)
            return "'" + writer.name + "' has no output";
        const std::size_t n = readers(g, t);
        if (n != 1)
            return "the output of '" + writer.name + "' (" + writer.opType + ") has " + std::to_string(n)
                + " readers, not only '" + reader + "'" + (g.tensor(t).isGraphOutput ? " (it is a graph output)" : "");
        return {};
    };
    if (isStandard(*p, "BatchNormalization")) {
        batchNorm = p->name;
        if (std::string why = onlyReader(*p, act.name); !why.empty())
            return why;
        NodeId layer = kNoId;
        if (std::string why = firstInputProducer(g, *p, layer); !why.empty())
            return "the BatchNormalization before it: " + why;
        if (!isComputeLayer(g, g.node(layer)))
            return "the BatchNormalization before it follows a " + g.node(layer).opType + ", not a Conv or Gemm";
        if (std::string why = onlyReader(g.node(layer), p->name); !why.empty())
            return why;
        p = &g.node(layer);
    } else {
        if (!isComputeLayer(g, *p))
            return "it follows a " + p->opType + " ('" + p->name + "'), not a Conv, Gemm or BatchNormalization";
        if (std::string why = onlyReader(*p, act.name); !why.empty())
            return why;
    }
    out = {p->name, batchNorm, act.name};
    return {};
}

const FusedActivation* FusedActivations::byActivation(const std::string& name) const
{
    for (const FusedActivation& f : valid)
        if (f.activation == name)
            return &f;
    return nullptr;
}

FusedActivations readFusedActivations(const Model& model)
{
    FusedActivations result;
    std::string text;
    bool found = false;
    for (const auto& p : model.proto().metadata_props())
        if (p.key() == kFusedActivationsKey) {
            text = p.value();
            found = true;
        }
    if (!found)
        return result;
    nlohmann::json j;
    try {
        j = parseJson(text, kFusedActivationsKey);
    } catch (const ModelError&) {
        j = nullptr; // reported as malformed below: a model's metadata is advice, not a file to refuse
    }
    if (!j.is_array()) {
        result.malformed = true;
        result.ignored.push_back(std::string(kFusedActivationsKey) + " is not a JSON array; no fusion honoured");
        return result;
    }
    const Graph& g = model.graph();
    for (const nlohmann::json& e : j) {
        if (!e.is_object() || !e.contains("layer") || !e.contains("activation") || !e["layer"].is_string()
            || !e["activation"].is_string() || (e.contains("batchnorm") && !e["batchnorm"].is_string())) {
            result.malformed = true;
            result.ignored.push_back("an entry of " + std::string(kFusedActivationsKey) + " is not "
                                     "{\"layer\", \"batchnorm\", \"activation\"} strings");
            continue;
        }
        const FusedActivation want{e["layer"].get<std::string>(), e.value("batchnorm", std::string()),
                                   e["activation"].get<std::string>()};
        const std::optional<NodeId> id = g.findNode(want.activation);
        FusedActivation actual;
        std::string why = id ? fusionBlocker(model, *id, actual) : "the model has no node of that name";
        if (why.empty() && !(actual == want))
            why = "the graph now fuses it with '" + actual.layer + "'";
        if (why.empty())
            result.valid.push_back(want);
        else
            result.ignored.push_back("fused activation '" + want.activation + "' ignored: " + why);
    }
    return result;
}

std::string fusedActivationsJson(const std::vector<FusedActivation>& fused)
{
    nlohmann::json j = nlohmann::json::array();
    for (const FusedActivation& f : fused)
        j.push_back({{"layer", f.layer}, {"batchnorm", f.batchNorm}, {"activation", f.activation}});
    return j.dump();
}

void writeFusedActivations(onnx::ModelProto& proto, const std::vector<FusedActivation>& fused)
{
    auto* props = proto.mutable_metadata_props();
    for (int i = props->size() - 1; i >= 0; --i)
        if (props->Get(i).key() == kFusedActivationsKey)
            props->DeleteSubrange(i, 1);
    if (fused.empty())
        return;
    onnx::StringStringEntryProto* entry = proto.add_metadata_props();
    entry->set_key(kFusedActivationsKey);
    entry->set_value(fusedActivationsJson(fused));
}

} // namespace foldwise::passes
