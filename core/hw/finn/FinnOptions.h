#pragma once

// Settings of the FINN-style model: the bit widths a float model is assumed to be quantised to
// and FINN's implementation choices (conversion), and which estimate formulas to use (evaluation).

#include "hw/finn/FinnNode.h"

#include <map>
#include <string>

namespace foldwise::finn {

struct ConversionOptions {
    // Bit widths, 1..16. Weights are signed (1 bit: BIPOLAR), activations after a quantised
    // ReLU unsigned (1 bit: BIPOLAR, as in FINN's w1a1 networks), the network input unsigned
    // unless inputSigned. The defaults are those of the BNN-PYNQ CNV-w1a1 network.
    int weightBits = 1;
    int activationBits = 1;
    int inputBits = 8;
    bool inputSigned = false;
    // Per-layer overrides, keyed by ONNX node name: weights by the Conv/Gemm/MatMul, activation
    // bits by the Relu.
    std::map<std::string, int> weightBitsByLayer;
    std::map<std::string, int> activationBitsByLayer;
    // A quantised model (QONNX, FINN-ONNX) states its own data types, which the conversion
    // takes; set this (the user gave --weight-bits/--act-bits) to override them with the widths
    // above. Per-layer overrides always win.
    bool bitsOverrideModel = false;

    // FINN's SpecializeLayers picks the RTL variant where one exists; HLS can be asked for.
    // An HLS SWG FINN cannot build (non-square, dilated or 1-D windows) falls back to RTL, as in FINN.
    Backend swgBackend = Backend::Rtl;
    Backend thresholdingBackend = Backend::Rtl;
    Backend fmPaddingBackend = Backend::Rtl;
};

// MVAU/VVAU LUT formula.
enum class LutFormula {
    // As FINN's MVAU_hls/VVAU_hls.lut_estimation: accumulator bits from the data-type bound of
    // arXiv:2301.13376, threshold LUTs only when ram_style_thresholds = "distributed".
    Finn,
    // The FINN-R paper's form as docs/domain-reference.md gives it: acc = W + A + ceil(log2 MW),
    // thresholds and comparators always in LUTs when the layer has an activation.
    FinnR,
};

// StreamingMaxPool (2-D) cycle formula.
enum class MaxPoolCycles {
    Finn, // FINN since v0.9: ImgDim^2 * (1 + 1/k^2)
    V06,  // FINN v0.6 (the domain reference): ImgDim * (ImgDim + ImgDim/k)
};

// FIFOs between nodes (FINN sizes them by simulation after the estimate reports; these are
// Foldwise's static stand-in, see FinnFifo.h).
enum class FifoRule {
    None,         // no FIFOs (FINN's estimate reports have none)
    RateMismatch, // depth = words a faster producer runs ahead of its consumer in one frame
    Given,        // the FIFOs of a FINN folded graph, depths as its step_set_fifo_depths set them
};

struct EstimateOptions {
    double clockNs = 10.0; // synth_clk_period_ns
    LutFormula lutFormula = LutFormula::Finn;
    MaxPoolCycles maxPoolCycles = MaxPoolCycles::Finn;
    // FINN's Thresholding_rtl files its BRAM18 count under "BRAM18" but bram_estimation() reads
    // "BRAM", so FINN reports 0 BRAM for it; true counts them.
    bool countThresholdBram = false;
    FifoRule fifos = FifoRule::RateMismatch;
    // StreamingDataWidthConverters where a producer's output stream is not as wide as its
    // consumer's input stream (FINN's InsertDWC), listed and counted like the FIFOs.
    bool dataWidthConverters = true;
    // FINN's CapConvolutionFIFODepths (build option default_swg_exception, off by default): a
    // FIFO from a ConvolutionInputGenerator into an MVAU holds at most one row of the SWG's
    // output windows, optimize_depth(OFM_W * words per window), as the SWG buffers a row itself.
    bool capConvolutionFifos = false;
};

} // namespace foldwise::finn
