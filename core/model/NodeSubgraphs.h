#pragma once

#include <onnx/onnx_pb.h>

namespace foldwise {

// Calls visit(graph) for each sub-graph an ONNX node carries in its attributes (If's branches,
// Loop's and Scan's bodies: a single graph `g` or a list `graphs`). Their reads of enclosing
// values are reads of the node, which is why the loaders and graph passes all walk them.
template <class Visit>
void forEachSubgraph(const onnx::NodeProto& node, Visit&& visit)
{
    for (const auto& a : node.attribute()) {
        if (a.has_g())
            visit(a.g());
        for (const auto& sub : a.graphs())
            visit(sub);
    }
}

} // namespace foldwise
