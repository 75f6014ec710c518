#include "passes/InducedReluMapping.h"

#include "io/JsonReading.h"
#include "model/ModelError.h"
#include "model/ReluMatch.h"

#include <nlohmann/json.hpp>
#include <onnx/onnx_pb.h>

#include <algorithm>
#include <cstdint>
#include <fstream>
#include <map>
#include <set>
#include <sstream>

namespace foldwise::passes {
namespace {

const char* kShape = R"(the mapping must be a JSON object {"inducer": ["inducer", "induced", ...], "overrides": {"layer": "identity"}})";

std::string inQuotes(const std::string& s)
{
    return "'" + shortText(s) + "'";
}

std::vector<std::string> names(const nlohmann::ordered_json& list, const std::string& key, const std::string& source)
{
    if (!list.is_array())
        throw ModelError(source, inQuotes(key) + " must map to a list of ReLU node names, not " + jsonTypeName(list));
    std::vector<std::string> out;
    for (const auto& item : list) {
        if (!item.is_string())
            throw ModelError(source, "the list of " + inQuotes(key) + " holds " + jsonTypeName(item) + ", not a node name");
        out.push_back(item.get<std::string>());
    }
    return out;
}

ReluOverride overrideKind(const nlohmann::ordered_json& value, const std::string& layer, const std::string& source)
{
    std::string kind = value.is_string() ? value.get<std::string>() : std::string();
    std::transform(kind.begin(), kind.end(), kind.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    if (kind == "identity")
        return ReluOverride::Identity;
    if (kind == "relu")
        return ReluOverride::Relu;
    throw ModelError(source, "override of " + inQuotes(layer) + " is "
                                 + (value.is_string() ? "\"" + shortText(value.get<std::string>()) + "\"" : jsonTypeName(value))
                                 + "; it must be \"identity\" or \"relu\"");
}

// The model's exact ReLUs, for error messages that say what the valid names are.
std::string reluHint(const Model& model)
{
    std::vector<std::string> relus;
    for (NodeId id : model.graph().topologicalOrder())
        if (checkRelu(model, model.graph().node(id)).relu)
            relus.push_back(model.graph().node(id).name);
    if (relus.empty())
        return " (the model has no ReLU)";
    std::string text = " (its ReLUs: ";
    for (std::size_t i = 0; i < relus.size() && i < 4; ++i)
        text += (i ? ", " : "") + relus[i];
    if (relus.size() > 4)
        text += ", ... " + std::to_string(relus.size()) + " in all";
    return text + ")";
}

class Resolver {
public:
    Resolver(const Model& model, const std::string& source) : model_(model), source_(source) {}

    [[noreturn]] void fail(const std::string& reason) const { throw ModelError(source_, reason); }

    ReluLayer layer(const std::string& name, const std::string& role)
    {
        const Graph& g = model_.graph();
        const std::optional<NodeId> id = g.findNode(name);
        if (!id)
            fail("no node of " + model_.file().string() + " is named " + inQuotes(name) + reluHint(model_));
        const Node& n = g.node(*id);
        const ReluCheck check = checkRelu(model_, n);
        if (!check.relu)
            fail(inQuotes(name) + " cannot be " + role + ": " + check.why);
        const onnx::GraphProto& pg = model_.proto().graph();
        if (n.protoIndex < 0 || n.protoIndex >= pg.node_size() || pg.node(n.protoIndex).op_type() != n.opType)
            fail(inQuotes(name) + " is inside a call of a local function, which this pass cannot rewrite");
        if (n.inputs.empty() || n.inputs[0] == kNoId || n.outputs.empty() || n.outputs[0] == kNoId)
            fail(inQuotes(name) + " has no data input or output");
        const Tensor& in = g.tensor(n.inputs[0]);
        if (in.type != DataType::Float)
            fail(inQuotes(name) + "'s input " + inQuotes(in.name) + " is " + std::string(dataTypeName(in.type)) + ", not float");
        if (!in.hasShape || in.shape.rank() < 2 || !in.shape.isStatic())
            fail(inQuotes(name) + "'s input " + inQuotes(in.name) + " has shape "
                 + (in.hasShape ? in.shape.toString() : std::string("unknown"))
                 + "; a fully known batch x units shape is needed (fix the input shape)");
        ReluLayer l;
        l.name = name;
        l.node = *id;
        l.input = in.name;
        l.output = g.tensor(n.outputs[0]).name;
        const std::vector<int64_t> dims = in.shape.values();
        l.batch = dims[0];
        l.itemDims.assign(dims.begin() + 1, dims.end());
        l.units = 1;
        for (int64_t d : l.itemDims)
            l.units *= d;
        if (l.units <= 0 || l.units > INT32_MAX)
            fail(inQuotes(name) + " has " + std::to_string(l.units) + " units per item; 1 to 2^31-1 are supported");
        claim(name, role);
        return l;
    }

    // Nodes whose outputs reach `value`.
    std::set<NodeId> upstreamOf(const std::string& value) const
    {
        const Graph& g = model_.graph();
        std::set<NodeId> seen;
        std::vector<TensorId> pending{*g.findTensor(value)};
        while (!pending.empty()) {
            const Tensor& t = g.tensor(pending.back());
            pending.pop_back();
            if (t.producer == kNoId || !seen.insert(t.producer).second)
                continue;
            const Node& p = g.node(t.producer);
            for (TensorId in : p.inputs)
                if (in != kNoId)
                    pending.push_back(in);
            for (TensorId in : p.implicitInputs)
                pending.push_back(in);
        }
        return seen;
    }

private:
    void claim(const std::string& name, const std::string& role)
    {
        const auto [it, fresh] = roles_.emplace(name, role);
        if (!fresh)
            fail(inQuotes(name) + " is listed twice (" + it->second + "; " + role + ")");
    }

    const Model& model_;
    const std::string& source_;
    std::map<std::string, std::string> roles_;
};

} // namespace

bool InducerPlan::inducesItself() const
{
    return std::any_of(induced.begin(), induced.end(), [&](const ReluLayer& l) { return l.name == inducer.name; });
}

InducedReluMapping parseInducedReluMapping(const std::string& json, const std::string& source)
{
    const nlohmann::ordered_json doc = parseOrderedJson(json, source);
    if (!doc.is_object())
        throw ModelError(source, kShape);
    InducedReluMapping m;
    m.source = source;
    for (const auto& [key, value] : doc.items()) {
        // "overrides" with an object value is the override table; a ReLU really named
        // "overrides" still works as an inducer (its value is a list).
        if (key == "overrides" && value.is_object()) {
            for (const auto& [layer, kind] : value.items())
                m.overrides.emplace_back(layer, overrideKind(kind, layer, source));
            continue;
        }
        m.inducers.push_back({key, names(value, key, source)});
    }
    if (m.inducers.empty() && m.overrides.empty())
        throw ModelError(source, std::string("the mapping names no layer; ") + kShape);
    return m;
}

InducedReluMapping readInducedReluMapping(const std::filesystem::path& file)
{
    return parseInducedReluMapping(readTextFile(file, "mapping file"), file.string());
}

InducedReluPlan planInducedRelus(const Model& model, const InducedReluMapping& mapping, const std::vector<int64_t>& prototypes)
{
    Resolver r(model, mapping.source);
    if (prototypes.size() != mapping.inducers.size()) {
        std::string listed;
        for (std::size_t i = 0; i < mapping.inducers.size(); ++i)
            listed += (i ? ", " : "") + inQuotes(mapping.inducers[i].inducer);
        r.fail("the mapping has " + std::to_string(mapping.inducers.size()) + " inducer(s)"
               + (listed.empty() ? "" : " (" + listed + ")") + " but " + std::to_string(prototypes.size())
               + " prototype count(s) were given; give one per inducer, in mapping order");
    }
    InducedReluPlan plan;
    // Inducers first, so that an inducer listed among another's induced layers is reported as such.
    for (std::size_t i = 0; i < mapping.inducers.size(); ++i) {
        InducerPlan p;
        p.inducer = r.layer(mapping.inducers[i].inducer, "an inducer");
        p.prototypes = prototypes[i];
        if (p.prototypes < 1 || p.prototypes > p.inducer.units)
            r.fail(std::to_string(p.prototypes) + " prototypes for " + inQuotes(p.inducer.name) + ", which has "
                   + std::to_string(p.inducer.units) + " units; give 1 to " + std::to_string(p.inducer.units));
        if (mapping.inducers[i].induced.empty())
            r.fail(inQuotes(p.inducer.name) + " induces no layer; list at least the inducer itself");
        plan.inducers.push_back(std::move(p));
    }
    for (std::size_t i = 0; i < mapping.inducers.size(); ++i) {
        InducerPlan& p = plan.inducers[i];
        const std::set<NodeId> upstream = r.upstreamOf(p.inducer.input);
        std::set<std::string> listed;
        for (const std::string& name : mapping.inducers[i].induced) {
            if (!listed.insert(name).second)
                r.fail(inQuotes(name) + " is listed twice under inducer " + inQuotes(p.inducer.name));
            if (name == p.inducer.name) {
                p.induced.push_back(p.inducer);
                continue;
            }
            ReluLayer l = r.layer(name, "induced by " + inQuotes(p.inducer.name));
            if (l.batch != p.inducer.batch)
                r.fail(inQuotes(name) + " has batch " + std::to_string(l.batch) + ", its inducer " + inQuotes(p.inducer.name)
                       + " batch " + std::to_string(p.inducer.batch));
            if (upstream.count(l.node))
                r.fail(inQuotes(name) + " lies upstream of its inducer " + inQuotes(p.inducer.name)
                       + " (it feeds the inducer's input), so the inducer's decisions are not known when it runs");
            p.induced.push_back(std::move(l));
        }
    }
    for (const auto& [name, kind] : mapping.overrides)
        plan.overrides.emplace_back(r.layer(name, kind == ReluOverride::Identity ? "set to identity" : "kept as a ReLU"), kind);
    return plan;
}

} // namespace foldwise::passes
