#include "model/qonnx/QuantizerParams.h"

#include <cmath>
#include <initializer_list>
#include <string_view>
#include <utility>

namespace foldwise::qonnx {
namespace {

// A scalar constant operand; nullopt (with `why` set) when absent, not constant or not scalar.
std::optional<double> scalarOperand(const Graph& g, const Node& n, std::size_t index, const char* what,
                                    const ConstantLookup& constants, std::string& why)
{
    if (index >= n.inputs.size() || n.inputs[index] == kNoId) {
        why = std::string("the ") + what + " (input " + std::to_string(index) + ") is missing";
        return std::nullopt;
    }
    const ConstantData* c = constants(n.inputs[index]);
    if (!c) {
        why = std::string("the ") + what + " (input " + std::to_string(index) + " '" + g.tensor(n.inputs[index]).name
            + "') is not a constant";
        return std::nullopt;
    }
    const std::vector<double> v = c->toDoubles();
    if (v.size() != 1) {
        why = std::string("the ") + what + " (input " + std::to_string(index) + ") must be a scalar, not "
            + std::to_string(v.size()) + " values";
        return std::nullopt;
    }
    return v[0];
}

// Attributes present with another type than the QONNX op defines: a problem, never the default
// (a "signed" stored as a string silently read as signed would quantise to the wrong grid).
// Flags must be 0 or 1, scales finite.
bool checkAttributes(const Node& n, std::initializer_list<std::pair<const char*, AttributeType>> expected, std::string& why)
{
    for (const auto& [name, type] : expected) {
        const Attribute* a = n.attribute(name);
        if (!a)
            continue;
        if (a->type != type) {
            why = std::string("attribute '") + name + "' has type " + std::string(attributeTypeName(a->type)) + ", not "
                + std::string(attributeTypeName(type));
            return false;
        }
        const bool flag = std::string_view(name) == "signed" || std::string_view(name) == "narrow";
        if (flag && a->i != 0 && a->i != 1) {
            why = std::string("attribute '") + name + "' must be 0 or 1, not " + std::to_string(a->i);
            return false;
        }
        if (type == AttributeType::Float && !std::isfinite(a->f)) {
            why = std::string("attribute '") + name + "' must be finite";
            return false;
        }
    }
    return true;
}

bool readRounding(const Node& n, std::string_view fallback, RoundingMode& mode, std::string& why)
{
    const std::string name = n.stringAttr("rounding_mode", fallback);
    const auto parsed = parseRoundingMode(name);
    if (!parsed) {
        why = "unknown rounding mode '" + name + "' (ROUND, CEIL, FLOOR, UP, DOWN, HALF_UP or HALF_DOWN)";
        return false;
    }
    mode = *parsed;
    return true;
}

void readBitWidth(std::optional<double> bits, int& out, std::string& why)
{
    if (!bits)
        return;
    const std::string problem = checkBitWidth(*bits);
    if (!problem.empty()) {
        why = problem;
        return;
    }
    out = static_cast<int>(*bits);
}

// The attributes Quant and Trunc share (signed, narrow, rounding_mode); only the default
// rounding differs.
template <class Spec>
bool readSignedNarrowRounding(const Node& n, std::string_view defaultRounding, Spec& spec, std::string& why)
{
    if (!checkAttributes(n, {{"signed", AttributeType::Int}, {"narrow", AttributeType::Int}, {"rounding_mode", AttributeType::String}},
                         why))
        return false;
    spec.isSigned = n.intAttr("signed", 1) != 0;
    spec.narrow = n.intAttr("narrow", 0) != 0;
    return readRounding(n, defaultRounding, spec.rounding, why);
}

void readQuant(const Graph& g, const Node& n, const ConstantLookup& constants, QuantizerParams& p)
{
    if (n.inputs.size() != 4) {
        p.problem = "takes 4 inputs (X, scale, zeropt, bitwidth), not " + std::to_string(n.inputs.size());
        return;
    }
    if (!readSignedNarrowRounding(n, "ROUND", p.quant, p.problem))
        return;
    readBitWidth(scalarOperand(g, n, 3, "bit width", constants, p.problem), p.quant.bits, p.problem);
    if (p.problem.empty())
        p.outputFormat = quantOutputFormat(p.quant.bits, p.quant.isSigned);
}

void readTrunc(const Graph& g, const Node& n, const ConstantLookup& constants, QuantizerParams& p)
{
    const std::size_t inputs = n.inputs.size();
    if (inputs < 5 || inputs > 7) {
        p.problem = "takes 5 to 7 inputs (X, scale, zeropt, in_bitwidth, [out_scale, [out_zeropt,]] out_bitwidth), not "
            + std::to_string(inputs);
        return;
    }
    p.truncVersion = inputs == 5 ? 1 : 2;
    p.truncOutScaleInput = inputs == 5 ? 0 : 4;
    if (!readSignedNarrowRounding(n, "FLOOR", p.trunc, p.problem))
        return;
    int inBits = 0, outBits = 0;
    readBitWidth(scalarOperand(g, n, 3, "input bit width", constants, p.problem), inBits, p.problem);
    if (!p.problem.empty())
        return;
    readBitWidth(scalarOperand(g, n, inputs - 1, "output bit width", constants, p.problem), outBits, p.problem);
    if (!p.problem.empty())
        return;
    if (p.truncVersion == 1 && outBits > inBits) {
        p.problem = "the output bit width " + std::to_string(outBits) + " exceeds the input bit width "
            + std::to_string(inBits);
        return;
    }
    p.trunc.inBits = inBits;
    p.trunc.outBits = outBits;
    p.outputFormat = NumberFormat::integer(outBits, p.trunc.isSigned);
}

void readMultiThreshold(const Node& n, QuantizerParams& p)
{
    if (n.inputs.size() != 2) {
        p.problem = "takes 2 inputs (X, thresholds), not " + std::to_string(n.inputs.size());
        return;
    }
    if (!checkAttributes(n, {{"data_layout", AttributeType::String}, {"out_scale", AttributeType::Float},
                             {"out_bias", AttributeType::Float}, {"out_dtype", AttributeType::String}},
                         p.problem))
        return;
    const std::string layout = n.stringAttr("data_layout", "NCHW");
    if (layout != "NCHW" && layout != "NHWC") {
        p.problem = "unknown data_layout '" + layout + "' (NCHW or NHWC)";
        return;
    }
    p.threshold.channelsLast = layout == "NHWC";
    p.threshold.outScale = n.floatAttr("out_scale", 1.0f);
    p.threshold.outBias = n.floatAttr("out_bias", 0.0f);
    const std::string dtype = n.stringAttr("out_dtype", "");
    if (dtype.empty()) {
        p.problem = "has no out_dtype attribute";
        return;
    }
    p.outputFormat = parseFinnDataType(dtype);
    if (!p.outputFormat)
        p.problem = "unknown out_dtype '" + dtype + "'";
}

} // namespace

QuantizerParams readQuantizerParams(const Graph& graph, const Node& node, const ConstantLookup& constants)
{
    QuantizerParams p;
    p.op = opOf(node);
    switch (p.op) {
    case Op::Quant: readQuant(graph, node, constants, p); break;
    case Op::BipolarQuant:
        if (node.inputs.size() != 2)
            p.problem = "takes 2 inputs (X, scale), not " + std::to_string(node.inputs.size());
        else
            p.outputFormat = NumberFormat::bipolar();
        break;
    case Op::Trunc: readTrunc(graph, node, constants, p); break;
    case Op::MultiThreshold: readMultiThreshold(node, p); break;
    default: p.problem = "is not a QONNX quantizer"; break;
    }
    if (node.outputs.empty() || node.outputs[0] == kNoId)
        p.problem = "has no output";
    return p;
}

} // namespace foldwise::qonnx
