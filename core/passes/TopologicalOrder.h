#pragma once

// Putting a graph's nodes back into an order ONNX accepts (every value written before it is
// read) after a pass appended nodes that feed earlier ones.

namespace onnx {
class GraphProto;
}

namespace foldwise::passes {

// Reorders `graph`'s nodes topologically, keeping the current order wherever the data allows
// (a node moves only behind the producers it reads), so an already ordered graph is unchanged.
// Reads from sub-graphs (If/Loop bodies naming outer values) count as reads of their node.
// Throws std::invalid_argument when the nodes form a cycle.
void sortNodesTopologically(onnx::GraphProto& graph);

} // namespace foldwise::passes
