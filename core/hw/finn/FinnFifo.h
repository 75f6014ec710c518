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

#include "hw/finn/FinnNodeModel.h"

namespace foldwise::finn {

struct FifoEstimate {
    int producer = -1;
    int consumer = -1;
    int64_t words = 0;   // stream words per frame on the edge
    int64_t width = 0;   // stream width in bits
    int64_t depth = 0;   // 0: no FIFO on this edge
    bool vivado = false; // impl_style vivado (BRAM) rather than rtl (Q_srl)
    NodeEstimate estimate;
    bool operator==(const FifoEstimate&) const = default;
};

inline constexpr int64_t kMaxQsrlDepth = 256;

// The FIFO on the edge from node p to node c, given both nodes' cycles; the edge carries the
// producer's output stream.
FifoEstimate estimateFifo(const FinnNode& producer, int64_t producerCycles, int64_t consumerCycles, int p, int c);

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
