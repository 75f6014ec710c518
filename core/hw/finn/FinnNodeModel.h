#pragma once

// Per-node FINN model: which PE/SIMD values a node accepts, and its cycles and resources for a
// folding, each as FINN's own estimate functions compute them (get_exp_cycles, lut_estimation,
// bram_estimation, uram_estimation, dsp_estimation of the specialised custom ops).

#include "hw/Resources.h"
#include "hw/finn/FinnNode.h"
#include "hw/finn/FinnOptions.h"

#include <cstdint>
#include <string>
#include <vector>

namespace foldwise::finn {

// One node's estimate, in the units of FINN's estimate_layer_resources.json.
struct NodeEstimate {
    int64_t cycles = 0;
    double bram18 = 0;
    double bramEfficiency = 1; // stored bits / allocated BRAM bits; 1 when no BRAM (as FINN)
    double lut = 0;
    double uram = 0;
    double uramEfficiency = 1;
    double dsp = 0;

    ResourceUsage resources() const
    {
        ResourceUsage r;
        r.dsp = dsp;
        r.bram18 = bram18;
        r.lut = lut;
        r.ff = 0;
        r.uram = uram;
        return r;
    }
    bool operator==(const NodeEstimate&) const = default;
};

// Whether the op has a PE / SIMD attribute at all.
bool hasPe(FinnOp op);
bool hasSimd(FinnOp op);

// The values FINN's divisibility constraints allow (ascending); empty when the op has no such
// attribute. VVAU SIMD values above 1 additionally need PE = Channels (checkFolding).
std::vector<int64_t> allowedPe(const FinnNode& node);
std::vector<int64_t> allowedSimd(const FinnNode& node);

// "" when `folding` is valid for the node on its own, else why not, naming the node
// ("MVAU_hls_0: PE 5 does not divide MH 64"). Couplings between nodes (a depthwise SWG and its
// VVAU) are FinnDesign's to check.
std::string checkFolding(const FinnNode& node, const NodeFolding& folding);

// Every valid (PE, SIMD, parallel_window) combination for the node, other folding fields copied
// from node.folding; in a fixed order (PE, then SIMD, then parallel_window ascending).
std::vector<NodeFolding> foldingCandidates(const FinnNode& node);

// Cycles and resources of the node with its current folding (node.folding must be valid).
NodeEstimate estimateNode(const FinnNode& node, const EstimateOptions& options);
int64_t nodeCycles(const FinnNode& node, const EstimateOptions& options);

// Stream words a node emits per frame on each output port and their width in bits (FINN's
// get_number_output_values per port and get_outstream_width); FIFOs are sized from them.
int64_t outputWords(const FinnNode& node);
int64_t outputStreamWidth(const FinnNode& node);
// Bits per word of the node's input stream on input `port` (get_instream_width(ind)), for
// data-width converters.
int64_t inputStreamWidth(const FinnNode& node, int port = 0);

// Human-readable parallelism: "PE=16 SIMD=3", "SIMD=32 parallel_window=1", "-" when none.
std::string foldingSummary(const FinnNode& node);

} // namespace foldwise::finn
