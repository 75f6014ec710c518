#include "graph/GraphLayout.h"

#include <graphviz/gvc.h>

#include <chrono>
#include <mutex>
#include <string>
#include <unordered_map>

namespace foldwise::gui {
namespace {

std::mutex graphvizMutex;

// cgraph's API takes char* for names and values it only reads.
char* text(const char* s)
{
    return const_cast<char*>(s);
}

std::string inches(double points)
{
    return std::to_string(points / 72.0);
}

// The context loads the plugin configuration (the dot layout engine) once; it is kept for the
// process, since creating one per layout costs more than most layouts. Guarded by the mutex.
GVC_t* context()
{
    static GVC_t* const gvc = [] {
        // Warnings (e.g. about limits reached) go nowhere; errors are reported through
        // gvLayout's return code.
        agseterr(AGERR);
        return gvContext();
    }();
    return gvc;
}

// Owns a cgraph graph and its layout for the duration of one computeLayout call.
class LaidOutGraph {
public:
    LaidOutGraph(GVC_t* gvc, Agraph_t* graph) : gvc_(gvc), graph_(graph) {}
    ~LaidOutGraph()
    {
        if (laidOut_)
            gvFreeLayout(gvc_, graph_);
        agclose(graph_);
    }
    LaidOutGraph(const LaidOutGraph&) = delete;
    LaidOutGraph& operator=(const LaidOutGraph&) = delete;

    bool layout()
    {
        laidOut_ = gvLayout(gvc_, graph_, "dot") == 0;
        return laidOut_;
    }
    Agraph_t* graph() const { return graph_; }

private:
    GVC_t* gvc_;
    Agraph_t* graph_;
    bool laidOut_ = false;
};

} // namespace

LayoutResult computeLayout(const LayoutInput& input)
{
    LayoutResult result;
    const std::lock_guard lock(graphvizMutex);
    const auto started = std::chrono::steady_clock::now();

    GVC_t* gvc = context();
    if (!gvc) {
        result.error = "Graphviz could not be initialised";
        return result;
    }
    Agraph_t* g = agopen(text("graph"), Agdirected, nullptr);
    if (!g) {
        result.error = "Graphviz could not create a graph";
        return result;
    }
    LaidOutGraph owner(gvc, g);

    agattr(g, AGRAPH, text("rankdir"), text("TB"));
    agattr(g, AGRAPH, text("nodesep"), text(inches(input.nodeSeparation).c_str()));
    agattr(g, AGRAPH, text("ranksep"), text(inches(input.rankSeparation).c_str()));
    agattr(g, AGRAPH, text("splines"), text("spline"));
    result.limited = static_cast<int>(input.nodes.size()) >= input.largeGraphNodes;
    if (result.limited) {
        // mclimit scales the crossing-minimisation passes, nslimit/nslimit1 the network-simplex
        // iterations (per node) of ranking and positioning, searchsize the edges looked at per
        // simplex step; remincross=false skips the final crossing pass.
        agattr(g, AGRAPH, text("mclimit"), text("0.3"));
        agattr(g, AGRAPH, text("nslimit"), text("4"));
        agattr(g, AGRAPH, text("nslimit1"), text("4"));
        agattr(g, AGRAPH, text("searchsize"), text("20"));
        agattr(g, AGRAPH, text("remincross"), text("false"));
    }
    // Boxes of the size the caller measured; Graphviz neither draws nor measures labels.
    agattr(g, AGNODE, text("shape"), text("box"));
    agattr(g, AGNODE, text("fixedsize"), text("true"));
    agattr(g, AGNODE, text("label"), text(""));
    Agsym_t* width = agattr(g, AGNODE, text("width"), text("1"));
    Agsym_t* height = agattr(g, AGNODE, text("height"), text("0.5"));

    std::vector<Agnode_t*> nodes;
    nodes.reserve(input.nodes.size());
    for (std::size_t i = 0; i < input.nodes.size(); ++i) {
        Agnode_t* node = agnode(g, text(("n" + std::to_string(i)).c_str()), 1);
        agxset(node, width, text(inches(input.nodes[i].width).c_str()));
        agxset(node, height, text(inches(input.nodes[i].height).c_str()));
        nodes.push_back(node);
    }
    // Named edges, so that parallel edges (two tensors between the same layers) stay distinct.
    std::unordered_map<Agedge_t*, std::size_t> edgeIndex;
    for (std::size_t i = 0; i < input.edges.size(); ++i) {
        const auto& e = input.edges[i];
        const auto valid = [&](int v) { return v >= 0 && static_cast<std::size_t>(v) < nodes.size(); };
        if (!valid(e.from) || !valid(e.to)) {
            result.error = "edge " + std::to_string(i) + " refers to a node that does not exist";
            return result;
        }
        Agedge_t* edge = agedge(g, nodes[static_cast<std::size_t>(e.from)], nodes[static_cast<std::size_t>(e.to)],
                                text(("e" + std::to_string(i)).c_str()), 1);
        edgeIndex[AGMKOUT(edge)] = i; // the out-edge half, which agfstout/agnxtout return
    }

    if (!owner.layout()) {
        result.error = "Graphviz could not lay the graph out";
        return result;
    }

    // Graphviz puts the origin at the bottom left with y up; flip to Qt's top-left, y down.
    const boxf box = GD_bb(g);
    const auto toQt = [&box](pointf p) { return LayoutPoint{p.x - box.LL.x, box.UR.y - p.y}; };
    result.width = box.UR.x - box.LL.x;
    result.height = box.UR.y - box.LL.y;
    result.nodeCentres.reserve(nodes.size());
    for (Agnode_t* node : nodes)
        result.nodeCentres.push_back(toQt(ND_coord(node)));

    result.edgePaths.resize(input.edges.size());
    result.arrowTips.resize(input.edges.size());
    for (Agnode_t* node : nodes) {
        for (Agedge_t* edge = agfstout(g, node); edge; edge = agnxtout(g, edge)) {
            const auto found = edgeIndex.find(edge);
            const splines* spline = ED_spl(edge);
            if (found == edgeIndex.end() || !spline || spline->size < 1)
                continue;
            // dot gives one Bézier per edge unless the edge is split by clusters (none here).
            const bezier& curve = spline->list[0];
            auto& path = result.edgePaths[found->second];
            path.reserve(static_cast<std::size_t>(curve.size));
            for (int p = 0; p < curve.size; ++p)
                path.push_back(toQt(curve.list[p]));
            result.arrowTips[found->second] = curve.eflag ? toQt(curve.ep) : path.back();
        }
    }
    result.ok = true;
    result.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
    return result;
}

} // namespace foldwise::gui
