#pragma once

// Layered (Sugiyama-style) layout of a directed graph with Graphviz's `dot`, behind plain C++
// structures so that it runs on any thread and is testable without a GUI. Coordinates are in
// points with y growing downwards (Qt's convention), the graph's top-left corner at (0, 0).

#include <string>
#include <vector>

namespace foldwise::gui {

struct LayoutPoint {
    double x = 0;
    double y = 0;
};

struct LayoutInput {
    struct Node {
        double width = 0; // points
        double height = 0;
    };
    struct Edge {
        int from = 0; // indices into nodes
        int to = 0;
    };
    std::vector<Node> nodes;
    std::vector<Edge> edges;
    double nodeSeparation = 18; // points between neighbours in a rank
    double rankSeparation = 30; // points between ranks
    // From this many nodes on, dot's iterative phases are capped (see GraphLayout.cpp), which
    // trades some edge crossings for a bounded time.
    int largeGraphNodes = 400;
};

struct LayoutResult {
    bool ok = false;
    std::string error;
    double width = 0;
    double height = 0;
    std::vector<LayoutPoint> nodeCentres; // one per input node
    // One per input edge: a cubic Bézier chain start, (control, control, end)*, ending where
    // the arrowhead starts; arrowTips holds the point the arrow points at.
    std::vector<std::vector<LayoutPoint>> edgePaths;
    std::vector<LayoutPoint> arrowTips;
    bool limited = false; // the large-graph limits applied
    double seconds = 0;   // time spent inside Graphviz
};

// Lays the graph out top to bottom. Graphviz keeps global state, so calls are serialised
// with a process-wide mutex; concurrent callers wait their turn.
LayoutResult computeLayout(const LayoutInput& input);

} // namespace foldwise::gui
