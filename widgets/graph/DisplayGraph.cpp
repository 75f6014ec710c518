#include "graph/DisplayGraph.h"

#include <algorithm>
#include <tuple>
#include <unordered_map>

namespace foldwise::gui {
namespace {

// The graph with every layer shown: inputs first, layers in topological order, outputs last.
DisplayGraph fullGraph(const Model& model, const ModelSummary& summary)
{
    const Graph& graph = model.graph();
    DisplayGraph result;
    std::unordered_map<TensorId, int> inputNode;
    for (const TensorId t : graph.inputs()) {
        inputNode[t] = static_cast<int>(result.nodes.size());
        result.nodes.push_back({DisplayNode::Type::Input, "input:" + graph.tensor(t).name, -1, {}, t});
    }
    std::unordered_map<NodeId, int> nodeOfGraphNode;
    for (std::size_t i = 0; i < summary.layers.size(); ++i) {
        // Constant nodes are operands like initializers (the Clip bounds of a ReLU6, a Reshape's
        // target shape); as nodes of their own they would crowd the graph and bend its flow.
        if (summary.layers[i].kind == LayerKind::Constant)
            continue;
        nodeOfGraphNode[summary.layers[i].node] = static_cast<int>(result.nodes.size());
        result.nodes.push_back({DisplayNode::Type::Layer, summary.layers[i].name, static_cast<int>(i), {}, kNoId});
    }

    // The node an activation comes from; -1 for constants (initializers, which have no producer
    // and are no graph input, and outputs of Constant nodes): they belong to their reader.
    const auto source = [&](TensorId t) {
        const Tensor& tensor = graph.tensor(t);
        if (tensor.producer != kNoId) {
            const auto it = nodeOfGraphNode.find(tensor.producer);
            return it == nodeOfGraphNode.end() ? -1 : it->second;
        }
        const auto it = inputNode.find(t);
        return it == inputNode.end() ? -1 : it->second;
    };
    // One edge per tensor and reader, even when a layer reads the same tensor twice (x * x).
    std::set<std::tuple<int, int, TensorId>> seen;
    const auto addEdge = [&](int from, int to, TensorId t) {
        if (from >= 0 && seen.emplace(from, to, t).second)
            result.edges.push_back({from, to, t});
    };
    for (std::size_t i = 0; i < summary.layers.size(); ++i) {
        const auto target = nodeOfGraphNode.find(summary.layers[i].node);
        if (target == nodeOfGraphNode.end())
            continue; // a Constant
        const Node& node = graph.node(summary.layers[i].node);
        const int to = target->second;
        for (const auto* list : {&node.inputs, &node.implicitInputs})
            for (const TensorId t : *list)
                if (t != kNoId)
                    addEdge(source(t), to, t);
    }
    for (const TensorId t : graph.outputs()) {
        const int to = static_cast<int>(result.nodes.size());
        result.nodes.push_back({DisplayNode::Type::Output, "output:" + graph.tensor(t).name, -1, {}, t});
        addEdge(source(t), to, t);
    }
    return result;
}

// Maximal runs of layers with exactly one edge in and one edge out. Every such layer belongs
// to exactly one run, found from the run's first layer.
std::vector<std::vector<int>> linearRuns(const DisplayGraph& graph)
{
    const std::size_t n = graph.nodes.size();
    std::vector<int> in(n, 0), out(n, 0), predecessor(n, -1), successor(n, -1);
    for (const DisplayEdge& e : graph.edges) {
        ++out[static_cast<std::size_t>(e.from)];
        ++in[static_cast<std::size_t>(e.to)];
        successor[static_cast<std::size_t>(e.from)] = e.to;
        predecessor[static_cast<std::size_t>(e.to)] = e.from;
    }
    const auto linear = [&](int v) {
        if (v < 0)
            return false;
        const auto i = static_cast<std::size_t>(v);
        return graph.nodes[i].type == DisplayNode::Type::Layer && in[i] == 1 && out[i] == 1;
    };
    std::vector<std::vector<int>> runs;
    for (int v = 0; v < static_cast<int>(n); ++v) {
        if (!linear(v) || linear(predecessor[static_cast<std::size_t>(v)]))
            continue; // not linear, or inside a run that starts earlier
        std::vector<int> run{v};
        for (int w = successor[static_cast<std::size_t>(v)]; linear(w); w = successor[static_cast<std::size_t>(w)])
            run.push_back(w);
        runs.push_back(std::move(run));
    }
    return runs;
}

} // namespace

int DisplayGraph::nodeIndex(const std::string& key) const
{
    const auto it = std::find_if(nodes.begin(), nodes.end(), [&](const DisplayNode& n) { return n.key == key; });
    return it == nodes.end() ? -1 : static_cast<int>(it - nodes.begin());
}

DisplayGraph buildDisplayGraph(const Model& model, const ModelSummary& summary, const ChainCollapseOptions& options,
                               const std::set<std::string>& expanded)
{
    DisplayGraph full = fullGraph(model, summary);
    const std::size_t n = full.nodes.size();

    // block[v]: the folded block node v goes into, or -1.
    std::vector<int> block(n, -1);
    std::vector<DisplayNode> blocks;
    const bool fold = options.enabled && static_cast<int>(summary.layers.size()) >= options.minModelLayers
        && options.blockSize >= 2;
    if (fold) {
        for (const std::vector<int>& run : linearRuns(full)) {
            if (static_cast<int>(run.size()) < std::max(options.minRunLength, 3))
                continue;
            // The run's first and last layers stay visible, so the reader sees where it starts
            // and ends; the layers between are folded block by block.
            const std::size_t last = run.size() - 1;
            for (std::size_t start = 1; start < last; start += static_cast<std::size_t>(options.blockSize)) {
                const std::size_t end = std::min(last, start + static_cast<std::size_t>(options.blockSize));
                if (end - start < 2)
                    continue; // a block of one layer would hide nothing
                DisplayNode folded;
                folded.type = DisplayNode::Type::Collapsed;
                folded.key = "chain:" + full.nodes[static_cast<std::size_t>(run[start])].key;
                if (expanded.count(folded.key))
                    continue;
                for (std::size_t i = start; i < end; ++i) {
                    const auto v = static_cast<std::size_t>(run[i]);
                    folded.members.push_back(full.nodes[v].layerIndex);
                    block[v] = static_cast<int>(blocks.size());
                }
                blocks.push_back(std::move(folded));
            }
        }
    }
    if (blocks.empty()) {
        full.nodeOfLayer.assign(summary.layers.size(), -1);
        for (std::size_t v = 0; v < n; ++v)
            if (full.nodes[v].layerIndex >= 0)
                full.nodeOfLayer[static_cast<std::size_t>(full.nodes[v].layerIndex)] = static_cast<int>(v);
        return full;
    }

    DisplayGraph result;
    result.nodeOfLayer.assign(summary.layers.size(), -1);
    std::vector<int> newIndex(n, -1);
    std::vector<int> blockIndex(blocks.size(), -1);
    for (std::size_t v = 0; v < n; ++v) {
        const int b = block[v];
        if (b < 0) {
            newIndex[v] = static_cast<int>(result.nodes.size());
            result.nodes.push_back(std::move(full.nodes[v]));
            continue;
        }
        // A block takes the place of its first layer, which keeps the nodes topologically ordered.
        auto& index = blockIndex[static_cast<std::size_t>(b)];
        if (index < 0) {
            index = static_cast<int>(result.nodes.size());
            result.foldedLayers += static_cast<int>(blocks[static_cast<std::size_t>(b)].members.size());
            result.nodes.push_back(std::move(blocks[static_cast<std::size_t>(b)]));
        }
        newIndex[v] = index;
    }
    for (std::size_t v = 0; v < result.nodes.size(); ++v) {
        const DisplayNode& node = result.nodes[v];
        if (node.layerIndex >= 0)
            result.nodeOfLayer[static_cast<std::size_t>(node.layerIndex)] = static_cast<int>(v);
        for (const int member : node.members)
            result.nodeOfLayer[static_cast<std::size_t>(member)] = static_cast<int>(v);
    }
    for (const DisplayEdge& e : full.edges) {
        const int from = newIndex[static_cast<std::size_t>(e.from)];
        const int to = newIndex[static_cast<std::size_t>(e.to)];
        if (from != to) // edges inside a block disappear with it
            result.edges.push_back({from, to, e.tensor});
    }
    return result;
}

} // namespace foldwise::gui
