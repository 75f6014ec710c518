#pragma once

// What the graph page draws, before any geometry: one node per layer, the model's inputs and
// outputs, the activation edges between them, and long linear chains folded into blocks.
// Plain C++ (no Qt) so the folding rules are testable without a GUI.

#include "layers/ModelSummary.h"
#include "model/Model.h"

#include <set>
#include <string>
#include <vector>

namespace foldwise::gui {

// Long runs of single-input single-output layers are folded into "N nodes" blocks so that a
// deep model (thousands of nodes) lays out quickly and can be read; small models are never
// folded, since every node of them fits on screen anyway.
struct ChainCollapseOptions {
    bool enabled = true;
    int minModelLayers = 300; // models with fewer layers are shown whole
    int minRunLength = 12;    // shorter runs are shown whole
    int blockSize = 50;       // layers per folded block (the last block of a run may be smaller)
};

struct DisplayNode {
    enum class Type { Layer, Input, Output, Collapsed };
    Type type = Type::Layer;
    // Unique among the nodes: the layer's name; "input:<tensor>", "output:<tensor>";
    // "chain:<name of the block's first layer>" for a folded block.
    std::string key;
    int layerIndex = -1;      // Layer: index into ModelSummary::layers
    std::vector<int> members; // Collapsed: the folded layers (indices into ModelSummary::layers), in order
    TensorId tensor = kNoId;  // Input/Output: the graph input or output tensor
};

struct DisplayEdge {
    int from = 0; // indices into DisplayGraph::nodes
    int to = 0;
    TensorId tensor = kNoId; // the activation carried
};

struct DisplayGraph {
    std::vector<DisplayNode> nodes;
    std::vector<DisplayEdge> edges;
    // For each layer (index into ModelSummary::layers) the node showing it: its own node or
    // the folded block that contains it; -1 for Constant layers, which are not drawn.
    std::vector<int> nodeOfLayer;
    int foldedLayers = 0; // layers hidden inside folded blocks

    int nodeIndex(const std::string& key) const; // -1 when absent
};

// Builds the drawn graph. Constant operands (initializers and Constant nodes) are not nodes:
// they belong to the layer that reads them, as Netron shows them. Folded blocks whose key is in `expanded` are
// shown as their layers.
DisplayGraph buildDisplayGraph(const Model& model, const ModelSummary& summary, const ChainCollapseOptions& options,
                               const std::set<std::string>& expanded = {});

} // namespace foldwise::gui
