#pragma once

#include "model/Graph.h"

#include <vector>

namespace foldwise {

// Per node (indexed by NodeId): whether it is one of `targets` or one they depend on, through
// their inputs and their sub-graphs' reads; all a run of the targets needs to compute.
std::vector<bool> nodesFeeding(const Graph& graph, const std::vector<NodeId>& targets);

// Per node: whether it is one of `starts` or reads, directly or not, one of their outputs.
std::vector<bool> nodesDownstreamOf(const Graph& graph, const std::vector<NodeId>& starts);

} // namespace foldwise
