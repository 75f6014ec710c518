#include "hw/fpgaconvnet/ConfigMatching.h"

#include <algorithm>
#include <set>
#include <stdexcept>

namespace foldwise::fpgaconvnet {
namespace {

// The config's type enum for a model layer (AVERAGE_POOLING is fpgaConvNet's global pooling).
std::string configType(LayerType t)
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
    case LayerType::BatchNorm: return "BATCH_NORM";
    case LayerType::HardSwish: return "HARD_SWISH";
    case LayerType::Sigmoid: return "SIGMOID";
    case LayerType::HardSigmoid: return "HARD_SIGMOID";
    case LayerType::ReSize: return "RESIZE";
    case LayerType::Chop: return "CHOP";
    }
    return "";
}

bool sameStructure(const ConfigLayerRef& c, const HardwareLayer& l)
{
    if (c.type != configType(l.type) || c.rowsIn != l.rowsIn || c.colsIn != l.colsIn)
        return false;
    if (l.type == LayerType::Convolution || l.type == LayerType::Pooling)
        return c.kernelRows == l.kernelH && c.kernelCols == l.kernelW && c.strideRows == l.strideH && c.strideCols == l.strideW;
    return true;
}

std::string list(const std::vector<std::string>& names)
{
    std::string text;
    for (std::size_t i = 0; i < names.size() && i < 8; ++i)
        text += (i ? ", " : "") + ("'" + names[i] + "'");
    if (names.size() > 8)
        text += ", ... (" + std::to_string(names.size()) + " in all)";
    return text;
}

} // namespace

std::map<std::string, int> matchConfigLayers(const std::vector<ConfigLayerRef>& config, const HardwareGraph& graph)
{
    std::vector<const ConfigLayerRef*> layers;
    std::map<std::string, const ConfigLayerRef*> byName;
    for (const ConfigLayerRef& c : config) {
        byName[c.name] = &c;
        if (c.type != "SQUEEZE")
            layers.push_back(&c);
    }
    std::map<std::string, int> match;
    bool byNames = true;
    for (const ConfigLayerRef* c : layers)
        byNames = byNames && graph.indexOf(c->name) >= 0;
    std::vector<std::string> unmatched;
    std::vector<bool> used(graph.layers.size(), false);
    if (byNames) {
        for (const ConfigLayerRef* c : layers) {
            const int i = graph.indexOf(c->name);
            const HardwareLayer& l = graph.layers[static_cast<std::size_t>(i)];
            // A name is no match when the layer under it is of another kind, or taken twice.
            if (used[static_cast<std::size_t>(i)])
                throw std::invalid_argument("the config lists layer '" + c->name + "' twice");
            if (!c->type.empty() && c->type != configType(l.type))
                throw std::invalid_argument("the config's layer '" + c->name + "' is a " + c->type + " layer, but the model's is a "
                                            + configType(l.type) + " layer");
            match[c->name] = i;
            used[static_cast<std::size_t>(i)] = true;
        }
    } else {
        // In order: the first unused model layer of the same structure.
        for (const ConfigLayerRef* c : layers) {
            int found = -1;
            for (std::size_t i = 0; i < graph.layers.size() && found < 0; ++i)
                if (!used[i] && sameStructure(*c, graph.layers[i]))
                    found = static_cast<int>(i);
            if (found < 0) {
                unmatched.push_back(c->name);
                continue;
            }
            used[static_cast<std::size_t>(found)] = true;
            match[c->name] = found;
        }
        // The streams must agree: each config edge (through squeezes) is an edge of the model.
        const auto producer = [&](std::string name) {
            for (int guard = 0; guard < 64; ++guard) {
                const auto it = byName.find(name);
                if (it == byName.end() || it->second->type != "SQUEEZE" || it->second->inputs.empty())
                    return name;
                name = it->second->inputs.front();
            }
            return name;
        };
        for (const ConfigLayerRef* c : layers) {
            const auto to = match.find(c->name);
            if (to == match.end())
                continue;
            for (const std::string& in : c->inputs) {
                const auto from = match.find(producer(in));
                if (from == match.end())
                    continue;
                const std::vector<int>& inputs = graph.layers[static_cast<std::size_t>(to->second)].inputs;
                if (std::find(inputs.begin(), inputs.end(), from->second) == inputs.end())
                    throw std::invalid_argument("the config's layer names are not the model's, and its structure does not match "
                                                "either: its stream " + producer(in) + " -> " + c->name + " is no edge of the model ('"
                                                + graph.layers[static_cast<std::size_t>(from->second)].name + "' does not feed '"
                                                + graph.layers[static_cast<std::size_t>(to->second)].name + "')");
            }
        }
    }
    std::vector<std::string> missing;
    for (std::size_t i = 0; i < graph.layers.size(); ++i)
        if (!used[i])
            missing.push_back(graph.layers[i].name);
    if (!unmatched.empty() || !missing.empty()) {
        std::string why = byNames ? "the config's layers are the model's by name, but "
                                  : "the config's layer names are not the model's, and matching by structure failed: ";
        if (!unmatched.empty())
            why += std::to_string(unmatched.size()) + " config layer(s) match no layer of the model (" + list(unmatched) + ")";
        if (!unmatched.empty() && !missing.empty())
            why += "; ";
        if (!missing.empty())
            why += std::to_string(missing.size()) + " model layer(s) have no layer in the config (" + list(missing) + ")";
        throw std::invalid_argument(why);
    }
    return match;
}

} // namespace foldwise::fpgaconvnet
