#include "model/ReluMatch.h"

#include "io/CsvText.h"

#include <charconv>
#include <cmath>
#include <limits>
#include <optional>

namespace foldwise::passes {
namespace {

// A Clip bound from opset 11 on: an optional scalar input that must be constant to be judged.
// std::nullopt: absent; NaN: present but not a constant scalar.
std::optional<double> clipInput(const Model& model, const Node& node, std::size_t slot)
{
    if (node.inputs.size() <= slot || node.inputs[slot] == kNoId)
        return std::nullopt;
    const ConstantData* c = model.graph().constantData(node.inputs[slot]);
    if (!c || c->elementCount() != 1)
        return std::numeric_limits<double>::quiet_NaN();
    return c->toDoubles().front();
}

// Bounds and alphas are float32 in the model: print the shortest text that reads back as that
// float ("0.3", not the double 0.30000001192092896).
std::string number(double v)
{
    if (std::isnan(v))
        return "a run-time value";
    const float f = static_cast<float>(v);
    if (static_cast<double>(f) != v)
        return shortestNumber(v);
    char text[32];
    const auto end = std::to_chars(text, text + sizeof text, f).ptr;
    return std::string(text, end);
}

} // namespace

ReluCheck checkRelu(const Model& model, const Node& node)
{
    const std::string& op = node.opType;
    if (!node.domain.empty())
        return {false, node.domain + ":" + op + " is not a standard ReLU"};
    if (op == "Relu")
        return {true, {}};
    if (op == "ThresholdedRelu") {
        const float alpha = node.floatAttr("alpha", 1.0f);
        if (alpha == 0.0f)
            return {true, {}};
        return {false, "ThresholdedRelu with alpha " + number(alpha) + " is not a ReLU"};
    }
    if (op == "Clip") {
        std::optional<double> lo, hi;
        if (model.opsetVersion("") >= 11) {
            lo = clipInput(model, node, 1);
            hi = clipInput(model, node, 2);
        } else {
            if (node.attribute("min"))
                lo = node.floatAttr("min", 0.0f);
            if (node.attribute("max"))
                hi = node.floatAttr("max", 0.0f);
        }
        if (hi && !(std::isinf(*hi) && *hi > 0))
            return {false, "Clip with max " + number(*hi) + " is not a ReLU"};
        if (!lo || *lo != 0.0)
            return {false, "Clip with min " + (lo ? number(*lo) : std::string("unset")) + " is not a ReLU"};
        return {true, {}};
    }
    return {false, op + " is not a ReLU"};
}

} // namespace foldwise::passes
