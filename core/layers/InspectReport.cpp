#include "layers/InspectReport.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <iomanip>

namespace foldwise {
namespace {

nlohmann::json shapeJson(const Shape& s, bool known)
{
    if (!known)
        return nullptr;
    nlohmann::json dims = nlohmann::json::array();
    for (const Dim& d : s.dims()) {
        if (d.isKnown())
            dims.push_back(d.value);
        else if (!d.symbol.empty())
            dims.push_back(d.symbol);
        else
            dims.push_back(nullptr);
    }
    return dims;
}

nlohmann::json optionalJson(const std::optional<int64_t>& v)
{
    return v ? nlohmann::json(*v) : nlohmann::json(nullptr);
}

nlohmann::json tensorJson(const Tensor& t)
{
    return {{"name", t.name}, {"type", std::string(dataTypeName(t.type))}, {"shape", shapeJson(t.shape, t.hasShape)}};
}

std::string csvField(const std::string& s)
{
    if (s.find_first_of(",\"\n") == std::string::npos)
        return s;
    std::string quoted = "\"";
    for (char c : s) {
        if (c == '"')
            quoted += '"';
        quoted += c;
    }
    return quoted + '"';
}

nlohmann::json bitsJson(const std::optional<qonnx::NumberFormat>& format)
{
    return format ? nlohmann::json(format->bits) : nlohmann::json(nullptr);
}

nlohmann::json formatJson(const std::optional<qonnx::NumberFormat>& format)
{
    return format ? nlohmann::json(format->finnName()) : nlohmann::json(nullptr);
}

std::string bitsText(const std::optional<qonnx::NumberFormat>& format)
{
    return format ? format->finnName() : "-";
}

std::string optionalCsv(const std::optional<int64_t>& v)
{
    return v ? std::to_string(*v) : "";
}

std::string shapeText(const LayerFigures& f)
{
    return f.outputShapeKnown ? f.outputShape.toString() : "?";
}

std::string macsText(const LayerFigures& f)
{
    return f.macs ? groupThousands(*f.macs) : "?";
}

} // namespace

std::string groupThousands(int64_t value)
{
    const std::string digits = std::to_string(value);
    const std::size_t first = value < 0 ? 1 : 0;
    std::string out;
    out.reserve(digits.size() + digits.size() / 3);
    for (std::size_t i = 0; i < digits.size(); ++i) {
        if (i > first && (digits.size() - i) % 3 == 0)
            out += ',';
        out += digits[i];
    }
    return out;
}

nlohmann::json inspectJson(const Model& model, const ModelSummary& summary)
{
    const ModelInfo& info = model.info();
    const Graph& g = model.graph();
    nlohmann::json opsets = nlohmann::json::object();
    for (const auto& [domain, version] : info.opsets)
        opsets[domain.empty() ? "ai.onnx" : domain] = version;
    nlohmann::json inputs = nlohmann::json::array();
    for (TensorId id : g.inputs())
        inputs.push_back(tensorJson(g.tensor(id)));
    nlohmann::json outputs = nlohmann::json::array();
    for (TensorId id : g.outputs())
        outputs.push_back(tensorJson(g.tensor(id)));

    nlohmann::json layers = nlohmann::json::array();
    for (const LayerFigures& f : summary.layers) {
        nlohmann::json layer = {
            {"name", f.name},
            {"op_type", f.opType},
            {"domain", f.domain},
            {"kind", std::string(layerKindName(f.kind))},
            {"standard_op", f.standardOp},
            {"input_shape", shapeJson(f.inputShape, f.inputShapeKnown)},
            {"output_shape", shapeJson(f.outputShape, f.outputShapeKnown)},
            {"macs", optionalJson(f.macs)},
            {"params", f.params()},
            {"weights", f.weights},
            {"biases", f.biases},
            {"input_activations", optionalJson(f.inputActivations)},
            {"output_activations", optionalJson(f.outputActivations)},
            {"weight_bits", bitsJson(f.weightFormat)},
            {"input_bits", bitsJson(f.inputFormat)},
            {"output_bits", bitsJson(f.outputFormat)},
            {"weight_datatype", formatJson(f.weightFormat)},
            {"input_datatype", formatJson(f.inputFormat)},
            {"output_datatype", formatJson(f.outputFormat)},
            {"bops", optionalJson(f.bops)},
            {"weight_memory_bits", optionalJson(f.weightMemoryBits)},
        };
        if (!f.variant.empty())
            layer["variant"] = f.variant;
        if (!f.kernel.empty()) {
            layer["kernel"] = f.kernel;
            layer["strides"] = f.strides;
            layer["pads"] = f.pads;
            if (!f.dilations.empty())
                layer["dilations"] = f.dilations;
        }
        if (f.kind == LayerKind::Convolution)
            layer["groups"] = f.groups;
        layers.push_back(std::move(layer));
    }

    nlohmann::json byKind = nlohmann::json::object();
    for (const auto& [kind, count] : summary.totals.nodesByKind)
        byKind[std::string(layerKindName(kind))] = count;

    return {
        {"model",
         {{"file", model.file().string()},
          {"file_size", info.fileSize},
          {"ir_version", info.irVersion},
          {"producer", info.producerName},
          {"producer_version", info.producerVersion},
          {"graph_name", info.graphName},
          {"opsets", opsets},
          {"inputs", inputs},
          {"outputs", outputs},
          {"warnings", model.warnings()}}},
        {"layers", layers},
        {"totals",
         {{"macs", summary.totals.macs},
          {"params", summary.totals.params},
          {"nodes", summary.totals.nodes},
          {"layers_with_unknown_macs", summary.totals.layersWithUnknownMacs},
          {"custom_nodes", summary.totals.customNodes},
          {"qonnx_nodes", summary.totals.qonnxNodes},
          {"quantized", summary.totals.quantized},
          {"bops", summary.totals.bops},
          {"weight_memory_bits", summary.totals.weightMemoryBits},
          {"nodes_by_kind", byKind}}},
    };
}

void writeInspectCsv(const ModelSummary& summary, std::ostream& out)
{
    out << "name,op_type,kind,output_shape,macs,params,weight_bits,input_bits,output_bits,bops,weight_memory_bits\n";
    const auto bits = [](const std::optional<qonnx::NumberFormat>& f) { return f ? std::to_string(f->bits) : ""; };
    for (const LayerFigures& f : summary.layers) {
        out << csvField(f.name) << ',' << csvField(f.opType) << ',' << layerKindName(f.kind) << ','
            << (f.outputShapeKnown ? f.outputShape.toString() : "") << ',' << (f.macs ? std::to_string(*f.macs) : "")
            << ',' << f.params() << ',' << bits(f.weightFormat) << ',' << bits(f.inputFormat) << ','
            << bits(f.outputFormat) << ',' << optionalCsv(f.bops) << ',' << optionalCsv(f.weightMemoryBits) << '\n';
    }
}

void writeInspectTable(const Model& model, const ModelSummary& summary, std::ostream& out)
{
    const bool quantized = summary.totals.quantized;
    std::size_t nameWidth = 4, opWidth = 7, shapeWidth = 12, macsWidth = 4, paramsWidth = 6;
    std::size_t inWidth = 2, wWidth = 7, bopsWidth = 4;
    for (const LayerFigures& f : summary.layers) {
        nameWidth = std::max(nameWidth, f.name.size());
        opWidth = std::max(opWidth, f.opType.size() + (f.standardOp || f.qonnxOp ? 0 : 1));
        inWidth = std::max(inWidth, bitsText(f.inputFormat).size());
        wWidth = std::max(wWidth, bitsText(f.weightFormat).size());
        bopsWidth = std::max(bopsWidth, f.bops ? groupThousands(*f.bops).size() : 1);
        shapeWidth = std::max(shapeWidth, shapeText(f).size());
        macsWidth = std::max(macsWidth, macsText(f).size());
        paramsWidth = std::max(paramsWidth, groupThousands(f.params()).size());
    }
    nameWidth = std::min<std::size_t>(nameWidth, 60);
    const auto row = [&](const std::string& name, const std::string& op, const std::string& shape,
                         const std::string& macs, const std::string& params, const std::string& in,
                         const std::string& weight, const std::string& bops) {
        out << std::left << std::setw(static_cast<int>(nameWidth)) << name << "  " << std::setw(static_cast<int>(opWidth))
            << op << "  " << std::setw(static_cast<int>(shapeWidth)) << shape << "  " << std::right
            << std::setw(static_cast<int>(macsWidth)) << macs << "  " << std::setw(static_cast<int>(paramsWidth))
            << params;
        // Quantised models: the input and weight data types and the bit operations.
        if (quantized)
            out << "  " << std::left << std::setw(static_cast<int>(inWidth)) << in << "  "
                << std::setw(static_cast<int>(wWidth)) << weight << "  " << std::right
                << std::setw(static_cast<int>(bopsWidth)) << bops;
        out << '\n';
    };
    out << model.file().string() << "  (IR " << model.info().irVersion << ", " << model.info().producerName << ")\n";
    row("name", "op_type", "output shape", "MACs", "params", "in", "weights", "BOPs");
    for (const LayerFigures& f : summary.layers)
        row(f.name, f.opType + (f.standardOp || f.qonnxOp ? "" : "*"), shapeText(f), macsText(f),
            groupThousands(f.params()), bitsText(f.inputFormat), f.bops ? bitsText(f.weightFormat) : "",
            f.bops ? groupThousands(*f.bops) : "");
    const ModelTotals& t = summary.totals;
    out << "\ntotal: " << t.nodes << " nodes, " << groupThousands(t.macs) << " MACs, " << groupThousands(t.params)
        << " params";
    if (quantized)
        out << ", " << groupThousands(t.bops) << " BOPs, " << groupThousands(t.weightMemoryBits) << " bits of weights";
    if (t.layersWithUnknownMacs)
        out << " (" << t.layersWithUnknownMacs << " layers with unknown shapes not counted)";
    out << '\n';
    if (t.customNodes)
        out << "* " << t.customNodes << " node(s) have no ONNX schema: kept in the graph, not executable\n";
    for (const std::string& w : model.warnings())
        out << "warning: " << w << '\n';
}

} // namespace foldwise
