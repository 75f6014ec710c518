#pragma once

// FIFOs between dataflow nodes. FINN sizes them by RTL simulation (SetFIFODepths) after the
// estimate reports; Foldwise needs a static rule instead. Rate mismatch: in one frame a producer
// that is faster than its consumer runs ahead by
//     words * (1 - T_producer / T_consumer)
// stream words (T = node cycles per frame), the depth that lets it finish a frame without
// stalling. Depths then go through FINN's optimize_depth (<= 2: none, as InsertFIFO creates no
// FIFO that shallow; <= 32: 32, the smallest useful Q_srl) and FINN's implementation choice:
// up to max_qsrl_depth = 256 an RTL Q_srl FIFO in LUTs, deeper a Vivado FIFO with its depth
// rounded up to a power of two, here in block RAM (FINN's vivado_ram_style "auto" would leave it
// unestimated). Resources are StreamingFIFO's estimates for that implementation.
//
// Branches: where two paths from a fork meet again (AddStreams, StreamingConcat), the join takes
// its inputs in lockstep, so the input whose path holds back less must buffer what the other
// path holds back before its first output: (F_late - F_k) of a frame, where F is the fraction
// of a frame a path must take in before its first output (pathFill). Per node, in pixels of its
// own input map: an SWG needs (k_h - 1 - pad_top) * W + (k_w - pad_left) (its FMPadding's pads;
// the MVAU/VVAU or Pool behind it then adds nothing), a StreamingMaxPool (k - 1) rows + k
// pixels, a GlobalAccPool or LabelSelect its whole input, an MVAU/VVAU not behind an SWG and a
// Thresholding one pixel; the others (FMPadding, DuplicateStreams, AddStreams, StreamingConcat,
// ChannelwiseOp, DownSampler, Upsample) none. This is BRANCH_NOTES.md section 10 C: it gives
// FINN's ResNet-50 identity blocks their bypass depth of (IFM_W + 4) pixels. The depth is at
// most a whole frame of the edge's words (FINN's simulation-based sizing starts there).

#include "hw/finn/FinnNodeModel.h"

namespace foldwise::finn {

struct FifoEstimate {
    int producer = -1;
    int consumer = -1;
    int consumerPort = 0;
    int64_t words = 0;   // stream words per frame on the edge
    int64_t width = 0;   // stream width in bits
    int64_t depth = 0;   // 0: no FIFO on this edge; else as built (a vivado FIFO's power of two)
    int64_t requestedDepth = 0; // the StreamingFIFO depth attribute (in/outFIFODepths)
    bool vivado = false; // impl_style vivado (BRAM) rather than rtl (Q_srl)
    NodeEstimate estimate;
    bool operator==(const FifoEstimate&) const = default;
};

inline constexpr int64_t kMaxQsrlDepth = 256;

// The FIFO on the edge from node p to input `port` of node c, given both nodes' cycles and the
// fraction of a frame the edge must buffer for a join (0 off branches); the edge carries the
// producer's output stream.
// `cap` > 0 bounds the depth at optimize_depth(cap) (EstimateOptions::capConvolutionFifos).
FifoEstimate estimateFifo(const FinnNode& producer, int64_t producerCycles, int64_t consumerCycles, int p, int c,
                          int port = 0, double imbalance = 0, int64_t cap = 0);

// The fraction of a frame each node must take in before its first output, summed along the
// slowest path from the network input (see above); `nodes` in topological order.
std::vector<double> pathFill(const std::vector<FinnNode>& nodes);

// A FIFO of a folded graph: StreamingFIFO's estimates as FINN main computes them (an rtl
// Q_srl FIFO in LUTs whatever its ram_style; a vivado one in BRAM only for ram_style "block",
// URAM for "ultra", LUTRAM for "distributed"; depth rounded up to a power of two for vivado).
NodeEstimate givenFifoEstimate(const GivenFifo& fifo);

// StreamingDataWidthConverter between streams of `inWidth` and `outWidth` bits
// (streamingdatawidthconverter.py lut_estimation; no BRAM, URAM or DSP). FINN uses the RTL
// converter when one width divides the other, else the HLS one.
struct DwcEstimate {
    int producer = -1;
    int consumer = -1;
    int64_t inWidth = 0;
    int64_t outWidth = 0; // 0: no converter on this edge
    NodeEstimate estimate;
    bool rtl() const { return inWidth % outWidth == 0 || outWidth % inWidth == 0; }
    bool operator==(const DwcEstimate&) const = default;
};
DwcEstimate estimateDwc(int64_t inWidth, int64_t outWidth, int p, int c);

} // namespace foldwise::finn
