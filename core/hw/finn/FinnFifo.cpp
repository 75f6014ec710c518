// The rate-mismatch FIFO rule and StreamingFIFO's resource estimates (streamingfifo.py,
// rtl/streamingfifo_rtl.py).
#include "hw/finn/FinnFifo.h"

#include "hw/finn/FinnFormulas.h"

#include <cmath>

namespace foldwise::finn {

FifoEstimate estimateFifo(const FinnNode& producer, int64_t producerCycles, int64_t consumerCycles, int p, int c)
{
    FifoEstimate f;
    f.producer = p;
    f.consumer = c;
    f.words = outputWords(producer);
    f.width = outputStreamWidth(producer);
    int64_t runAhead = 0;
    if (producerCycles < consumerCycles && consumerCycles > 0)
        runAhead = formulas::ceilDiv(f.words * (consumerCycles - producerCycles), consumerCycles);
    if (runAhead <= 2)
        return f; // optimize_depth gives 2, and InsertFIFO builds no FIFO of depth <= 2
    int64_t depth = runAhead <= 32 ? 32 : runAhead;
    f.vivado = depth > kMaxQsrlDepth;
    if (f.vivado) {
        // get_adjusted_depth: Vivado FIFOs round their depth up to a power of two.
        int64_t pow2 = 1;
        while (pow2 < depth)
            pow2 *= 2;
        depth = pow2;
    }
    f.depth = depth;
    // lut_estimation: 2 * ceil(log2 depth) address LUTs (Python's math.log(depth, 2)), plus
    // LUTRAM for Q_srl FIFOs; bram_estimation: the FINN-R table for block-RAM Vivado FIFOs.
    const double addressLuts = 2 * std::ceil(std::log(static_cast<double>(depth)) / std::log(2.0));
    f.estimate.lut = addressLuts;
    if (f.vivado) {
        f.estimate.bram18 = formulas::finnRBram18(static_cast<double>(depth), f.width);
        if (f.estimate.bram18 > 0)
            f.estimate.bramEfficiency = static_cast<double>(f.width * depth) / (f.estimate.bram18 * 36 * 512);
    } else {
        f.estimate.lut += static_cast<double>(formulas::ceilDiv(depth, 32) * formulas::ceilDiv(f.width, 2));
    }
    return f;
}

} // namespace foldwise::finn
