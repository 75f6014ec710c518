#include "passes/PruningRecipe.h"

#include <iomanip>
#include <sstream>

namespace foldwise::passes {
namespace {

// A YAML double-quoted scalar: ONNX names hold '/', ':' and '.', which plain scalars may not.
std::string quoted(const std::string& s)
{
    std::string out = "\"";
    for (char c : s) {
        if (c == '"' || c == '\\')
            out += '\\';
        out += c;
    }
    return out + "\"";
}

} // namespace

std::string pruningRecipe(const Model& model, const nlohmann::json& report, const RecipeSchedule& schedule)
{
    std::ostringstream y;
    y << std::setprecision(6);
    y << "# Structured channel pruning exported by Foldwise (criterion: " << report.value("criterion", "") << ")\n";
    y << "version: 1.1.0\n\nmodifiers:\n";
    int written = 0;
    for (const nlohmann::json& layer : report.at("layers")) {
        const int64_t before = layer.at("channels_before"), after = layer.at("channels_after");
        if (after == before)
            continue;
        const std::optional<NodeId> id = model.graph().findNode(layer.at("name").get<std::string>());
        if (!id)
            continue;
        const Node& n = model.graph().node(*id);
        const std::string weight = n.inputs.size() > 1 ? model.graph().tensor(n.inputs[1]).name : n.name;
        const double sparsity = static_cast<double>(before - after) / static_cast<double>(before);
        y << "  # " << n.name << ": " << before << " -> " << after << " channels\n";
        y << "  - !StructuredPruningModifier\n";
        y << "    params: [" << quoted(weight) << "]\n";
        y << "    mask_type: filter\n";
        y << "    init_sparsity: 0.0\n";
        y << "    final_sparsity: " << sparsity << "\n";
        y << "    start_epoch: " << std::fixed << std::setprecision(1) << schedule.startEpoch << "\n";
        y << "    end_epoch: " << schedule.endEpoch << "\n";
        y << "    update_frequency: " << schedule.updateFrequency << std::defaultfloat << std::setprecision(6) << "\n";
        ++written;
    }
    if (written == 0)
        y << "  []\n";
    return y.str();
}

} // namespace foldwise::passes
