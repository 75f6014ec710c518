#include "model/GraphReach.h"

namespace foldwise {
namespace {

// The nodes reachable from `pending`, each visited once: `pushNext(id, pending)` adds the nodes
// one step on from `id`.
template <class PushNext>
std::vector<bool> reachableNodes(std::size_t nodeCount, std::vector<NodeId> pending, PushNext pushNext)
{
    std::vector<bool> reached(nodeCount, false);
    while (!pending.empty()) {
        const NodeId id = pending.back();
        pending.pop_back();
        if (reached[static_cast<std::size_t>(id)])
            continue;
        reached[static_cast<std::size_t>(id)] = true;
        pushNext(id, pending);
    }
    return reached;
}

} // namespace

std::vector<bool> nodesFeeding(const Graph& g, const std::vector<NodeId>& targets)
{
    return reachableNodes(g.nodes().size(), targets, [&g](NodeId id, std::vector<NodeId>& pending) {
        const Node& n = g.node(id);
        for (const std::vector<TensorId>* list : {&n.inputs, &n.implicitInputs})
            for (TensorId t : *list)
                if (t != kNoId && g.tensor(t).producer != kNoId)
                    pending.push_back(g.tensor(t).producer);
    });
}

std::vector<bool> nodesDownstreamOf(const Graph& g, const std::vector<NodeId>& starts)
{
    return reachableNodes(g.nodes().size(), starts, [&g](NodeId id, std::vector<NodeId>& pending) {
        for (TensorId t : g.node(id).outputs)
            if (t != kNoId)
                for (NodeId c : g.tensor(t).consumers)
                    pending.push_back(c);
    });
}

} // namespace foldwise
