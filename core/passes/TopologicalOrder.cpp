#include "passes/TopologicalOrder.h"

#include "model/NodeSubgraphs.h"

#include <onnx/onnx_pb.h>

#include <functional>
#include <queue>
#include <stdexcept>
#include <string>
#include <unordered_map>
#include <unordered_set>
#include <vector>

namespace foldwise::passes {
namespace {

// Every value name a sub-graph reads (its own values too: those have no producer outside, so
// they add no edge).
void collectSubgraphReads(const onnx::GraphProto& g, std::unordered_set<std::string>& reads)
{
    for (const auto& n : g.node()) {
        for (const auto& in : n.input())
            reads.insert(in);
        forEachSubgraph(n, [&](const onnx::GraphProto& sub) { collectSubgraphReads(sub, reads); });
    }
}

std::unordered_set<std::string> readsOf(const onnx::NodeProto& n)
{
    std::unordered_set<std::string> reads(n.input().begin(), n.input().end());
    forEachSubgraph(n, [&](const onnx::GraphProto& sub) { collectSubgraphReads(sub, reads); });
    reads.erase("");
    return reads;
}

} // namespace

void sortNodesTopologically(onnx::GraphProto& graph)
{
    const int count = graph.node_size();
    std::unordered_map<std::string, int> producer;
    for (int i = 0; i < count; ++i)
        for (const auto& out : graph.node(i).output())
            if (!out.empty())
                producer[out] = i;
    std::vector<int> pending(static_cast<std::size_t>(count), 0);
    std::vector<std::vector<int>> readers(static_cast<std::size_t>(count));
    for (int i = 0; i < count; ++i)
        for (const std::string& value : readsOf(graph.node(i))) {
            const auto p = producer.find(value);
            if (p == producer.end() || p->second == i)
                continue;
            ++pending[static_cast<std::size_t>(i)];
            readers[static_cast<std::size_t>(p->second)].push_back(i);
        }
    // Kahn's algorithm taking the lowest current index first keeps the existing order wherever
    // it is already valid.
    std::priority_queue<int, std::vector<int>, std::greater<>> ready;
    for (int i = 0; i < count; ++i)
        if (pending[static_cast<std::size_t>(i)] == 0)
            ready.push(i);
    std::vector<int> order;
    order.reserve(static_cast<std::size_t>(count));
    while (!ready.empty()) {
        const int i = ready.top();
        ready.pop();
        order.push_back(i);
        for (int r : readers[static_cast<std::size_t>(i)])
            if (--pending[static_cast<std::size_t>(r)] == 0)
                ready.push(r);
    }
    if (static_cast<int>(order.size()) != count)
        throw std::invalid_argument("the graph's nodes form a cycle");
    google::protobuf::RepeatedPtrField<onnx::NodeProto> sorted;
    for (int i : order)
        *sorted.Add() = std::move(*graph.mutable_node(i));
    graph.mutable_node()->Swap(&sorted);
}

} // namespace foldwise::passes
