#pragma once

// A FINN-style design: a converted network with a folding for every node, evaluated
// incrementally. Every node's estimate and every FIFO is cached, and resource totals are kept
// as running sums, so changing one node's folding re-evaluates only that node (plus the
// depthwise SWG tied to a VVAU or Pool, and the FIFOs on its edges). Max cycles and the
// critical path are rescanned from the cached cycles when asked for. The network is a DAG:
// an edge per node input port, each with its FIFO and data-width converter.

#include "hw/DesignReport.h"
#include "hw/finn/FinnFifo.h"
#include "hw/finn/FinnNode.h"
#include "hw/finn/FinnNodeModel.h"
#include "hw/finn/FinnOptions.h"

#include <cstdint>
#include <string>
#include <vector>

namespace foldwise::finn {

// The folding a depthwise SWG takes from its VVAU's or Pool's (FINN's SetFolding: the SWG's
// SIMD is the consumer's PE, parallel_window when a VVAU's SIMD > 1); its other fields stay as
// in `swg`.
NodeFolding followVvau(const NodeFolding& swg, const NodeFolding& vvau);
// Ops fed by a depthwise SWG whose folding they set (SetFolding's depthwise_op_exceptions).
inline bool leadsDepthwiseSwg(FinnOp op)
{
    return op == FinnOp::Vvau || op == FinnOp::Pool;
}

class FinnDesign {
public:
    // Evaluates every node with the folding the network carries; throws std::invalid_argument
    // when a folding is invalid.
    explicit FinnDesign(FinnNetwork network, EstimateOptions options = {});

    const FinnNetwork& network() const { return network_; }
    const EstimateOptions& options() const { return options_; }
    std::size_t size() const { return network_.nodes.size(); }
    const FinnNode& node(std::size_t i) const { return network_.nodes[i]; }

    // "" when the folding is valid for node i within the design, else why not. A VVAU's
    // folding also has to suit its depthwise SWG (which follows it: SIMD = the VVAU's PE,
    // parallel_window when the VVAU's SIMD > 1, which needs an RTL SWG); a depthwise SWG's own
    // folding must agree with its VVAU's.
    std::string checkFolding(std::size_t i, const NodeFolding& folding) const;

    // Sets node i's folding and re-evaluates what depends on it. Throws std::invalid_argument
    // (checkFolding's message) and leaves the design unchanged when invalid.
    void setFolding(std::size_t i, const NodeFolding& folding);

    std::vector<NodeFolding> foldings() const;
    // Sets all foldings at once (a depthwise SWG must agree with its VVAU's new folding).
    // Throws std::invalid_argument naming the first bad node; the design is then unchanged.
    void setFoldings(const std::vector<NodeFolding>& foldings);

    const NodeEstimate& estimate(std::size_t i) const { return estimates_[i]; }
    // One entry per edge, i.e. per node input port in node order (node i's in0, in1, ...; for
    // a chain, entry i is node i's input): the FIFO there (depth 0 when there is none).
    const std::vector<FifoEstimate>& fifos() const { return fifos_; }
    // One entry per edge: the data-width converter there (outWidth 0: none).
    const std::vector<DwcEstimate>& dataWidthConverters() const { return dwcs_; }
    // The edge of node i's input port.
    std::size_t edgeOf(std::size_t i, std::size_t port) const { return edgeStart_[i] + port; }
    // FINN's inFIFODepths / outFIFODepths of node i: the depth of the FIFO on each input edge
    // (2, FINN's shallowest, where there is none) and 2 on each output (the deep FIFO of an
    // edge sits at its consumer's input, as in FINN's ResNet-50 configuration).
    std::vector<int64_t> inFifoDepths(std::size_t i) const;
    std::vector<int64_t> outFifoDepths(std::size_t i) const;

    // FINN's dataflow_performance: the slowest node (the first on ties) and the sum of cycles
    // along the longest input-to-output path.
    int64_t maxCycles() const;
    int bottleneck() const; // node index, -1 for an empty network
    int64_t criticalPathCycles() const;

    // The nodes' resources, and those plus the FIFOs and data-width converters.
    const ResourceUsage& nodeResources() const { return nodeTotal_; }
    ResourceUsage totalResources() const { return nodeTotal_ + fifoTotal_ + givenFifoTotal_; }

    double throughputFps() const; // (1e9 / clk_ns) / max_cycles
    double latencyNs() const;     // critical_path_cycles * clk_ns

    // The shared report: one row per node, then one per FIFO; totals include the FIFOs.
    NetworkEstimate networkEstimate() const;

    // Node evaluations so far (each call of the formulas for one node), for checking that
    // updates stay incremental.
    std::size_t evaluations() const { return evaluations_; }

private:
    void evaluateNode(std::size_t i);
    void evaluateEdge(std::size_t edge);
    // Recomputes every node's upstream interval and re-evaluates the edges out of nodes whose
    // interval changed.
    void refreshUpstream();
    void refreshEdges(std::size_t i);
    void applyFolding(std::size_t i, const NodeFolding& folding);
    std::string checkOwnFolding(std::size_t i, const NodeFolding& folding, const std::vector<NodeFolding>* all) const;
    void updateSummary() const;

    FinnNetwork network_;
    EstimateOptions options_;
    std::vector<std::vector<std::size_t>> outEdges_; // per node: the edges it produces
    std::vector<std::size_t> edgeStart_;             // per node: its first input edge
    std::vector<std::size_t> edgeConsumer_;          // per edge: the node it feeds
    std::vector<int> edgePort_;                      // per edge: the consumer's input port
    std::vector<double> edgeImbalance_;              // per edge: frame fraction a join input buffers
    std::vector<NodeEstimate> estimates_;
    // Per node: the slowest cycles on any path into it, itself included. A node cannot emit a
    // frame faster than its inputs arrive, so the rate-mismatch rule compares this, not its own
    // cycles, with the consumer's (a fast DuplicateStreams behind slow MVAUs runs ahead of nothing).
    std::vector<int64_t> upstream_;
    std::vector<FifoEstimate> fifos_;
    std::vector<DwcEstimate> dwcs_;
    std::vector<NodeEstimate> givenFifos_; // FifoRule::Given: network_.fifos' estimates
    ResourceUsage nodeTotal_;
    ResourceUsage fifoTotal_;      // computed FIFOs and the converters
    ResourceUsage givenFifoTotal_;
    std::size_t evaluations_ = 0;

    mutable bool summaryDirty_ = true;
    mutable int64_t maxCycles_ = 0;
    mutable int bottleneck_ = -1;
    mutable int64_t criticalPath_ = 0;
};

} // namespace foldwise::finn
