#include "model/qonnx/TensorFormats.h"

#include "model/qonnx/QuantizerParams.h"

#include <array>

namespace foldwise::qonnx {
namespace {

constexpr std::array<std::string_view, 14> kValuePreserving{
    "Reshape", "Flatten", "Transpose", "Squeeze", "Unsqueeze", "Identity", "MaxPool", "GlobalMaxPool",
    "Dropout", "Split", "Slice", "Gather", "DepthToSpace", "SpaceToDepth"};

bool preservesValues(const Node& n)
{
    if (opOf(n) == Op::ChannelsLastMaxPool)
        return true;
    if (!n.domain.empty() && n.domain != "ai.onnx")
        return false;
    for (std::string_view op : kValuePreserving)
        if (n.opType == op)
            return true;
    return false;
}

} // namespace

std::vector<std::optional<NumberFormat>> inferTensorFormats(const Graph& graph,
                                                            const std::map<std::string, std::string>& finnDataTypes)
{
    std::vector<std::optional<NumberFormat>> formats(graph.tensors().size());
    for (std::size_t t = 0; t < formats.size(); ++t) {
        const auto it = finnDataTypes.find(graph.tensors()[t].name);
        if (it == finnDataTypes.end())
            continue;
        const auto parsed = parseFinnDataType(it->second);
        if (parsed && !parsed->isFloat())
            formats[t] = parsed;
    }
    const ConstantLookup constants = [&graph](TensorId t) { return graph.constantData(t); };
    for (NodeId id : graph.topologicalOrder()) {
        const Node& n = graph.node(id);
        if (n.outputs.empty() || n.outputs[0] == kNoId || n.inputs.empty() || n.inputs[0] == kNoId)
            continue;
        std::optional<NumberFormat> produced;
        if (isQuantizer(opOf(n))) {
            const QuantizerParams p = readQuantizerParams(graph, n, constants);
            if (p.problem.empty())
                produced = p.outputFormat;
        } else if (preservesValues(n)) {
            produced = formats[static_cast<std::size_t>(n.inputs[0])];
        } else if ((n.domain.empty() || n.domain == "ai.onnx") && (n.opType == "Pad" || n.opType == "Concat")) {
            // Zero padding and concatenation keep a format all their data inputs share.
            produced = formats[static_cast<std::size_t>(n.inputs[0])];
            const std::size_t data = n.opType == "Pad" ? 1 : n.inputs.size();
            for (std::size_t i = 1; i < data && produced; ++i)
                if (n.inputs[i] == kNoId || formats[static_cast<std::size_t>(n.inputs[i])] != produced)
                    produced.reset();
        }
        if (!produced)
            continue;
        for (TensorId out : n.outputs)
            if (out != kNoId && !formats[static_cast<std::size_t>(out)])
                formats[static_cast<std::size_t>(out)] = produced;
    }
    return formats;
}

} // namespace foldwise::qonnx
