#pragma once

#include "hw/Divisors.h"

// The formulas behind FinnNodeModel, one function per FINN custom op, and the arithmetic they
// share. Each follows the named FINN source; comments note where FINN's code is quirky and the
// quirk is kept so numbers match FINN's reports.

#include "hw/finn/FinnNodeModel.h"

#include <cstdint>
#include <string>
#include <vector>

namespace foldwise::finn::formulas {

// Divisors of n in ascending order (FINN's set_folding.divisors).
using foldwise::divisors;
int64_t ceilDiv(int64_t a, int64_t b);

// Accumulator type of a `length`-term dot product whose weights may take any value of their
// type (qonnx calculate_matvec_accumulator_range over the type's range, then FINN's
// minimize_accumulator_width rule: UINT when it cannot go negative, else INT).
FinnDataType accumulatorType(int64_t length, const FinnDataType& weights, const FinnDataType& inputs);

// The accumulator width bound FINN's lut_estimation uses (arXiv:2301.13376):
// ceil(alpha + log2(1 + 2^-alpha) + 1), alpha = log2(length) + W + A - 1 - signed(input),
// with log2 computed as Python's math.log(x, 2) = ln x / ln 2.
double accumulatorBitsBound(int64_t length, int weightBits, int inputBits, bool inputSigned);

// The FINN-R BRAM18 table for a (depth x width) memory in simple dual port RAMB18s, used by the
// MVAU weights and StreamingFIFO.
double finnRBram18(double depth, int64_t width);

// Resource counts by primitive family ("URAM", "BRAM18", "LUTRAM") of the least-waste choice
// among FINN's mem_primitives_versal for a (width, depth) memory (finn.util.basic
// get_memutil_alternatives / memutil).
struct MemoryChoice {
    std::string family;
    int64_t count = 0;
};
// `allowBram` / `allowUram` / `allowLutram` restrict the candidates (Thresholding_rtl's depth triggers).
MemoryChoice leastWasteMemory(int64_t width, int64_t depth, bool allowUram, bool allowBram, bool allowLutram);

NodeEstimate mvau(const FinnNode& node, const EstimateOptions& options);             // MVAU_hls
NodeEstimate vvau(const FinnNode& node, const EstimateOptions& options);             // VVAU_hls
NodeEstimate swgRtl(const FinnNode& node);                                           // ConvolutionInputGenerator_rtl
NodeEstimate swgHls(const FinnNode& node);                                           // ConvolutionInputGenerator_hls (2-D)
NodeEstimate thresholdingHls(const FinnNode& node);                                  // Thresholding_hls
NodeEstimate thresholdingRtl(const FinnNode& node, const EstimateOptions& options);  // Thresholding_rtl
NodeEstimate streamingMaxPool(const FinnNode& node, const EstimateOptions& options); // StreamingMaxPool_hls
NodeEstimate fmPadding(const FinnNode& node);                                        // FMPadding_rtl / _hls
NodeEstimate downSampler(const FinnNode& node);                                      // DownSampler_hls
NodeEstimate labelSelect(const FinnNode& node);                                      // LabelSelect_hls
NodeEstimate duplicateStreams(const FinnNode& node);                                 // DuplicateStreams_hls
NodeEstimate addStreams(const FinnNode& node);                                       // AddStreams_hls
NodeEstimate streamingConcat(const FinnNode& node);                                  // StreamingConcat_hls
NodeEstimate pool(const FinnNode& node);                                             // Pool_hls
NodeEstimate globalAccPool(const FinnNode& node);                                    // GlobalAccPool_hls
NodeEstimate channelwiseOp(const FinnNode& node);                                    // ChannelwiseOp_hls
NodeEstimate upsample(const FinnNode& node);                                         // UpsampleNearestNeighbour_hls

// qonnx DataType.get_smallest_possible for an integer value: the narrowest UINT (BINARY for
// 0 and 1) holding a non-negative value, else the narrowest INT (BIPOLAR and TERNARY skipped).
FinnDataType smallestPossible(int64_t value);
// The output types FINN derives: AddStreams (one bit more than the input), GlobalAccPool (the
// sum of `pixels` extreme inputs).
FinnDataType addStreamsOutputType(const FinnDataType& input);
FinnDataType globalAccPoolOutputType(const FinnDataType& input, int64_t pixels);

// Whether FINN can build the 2-D HLS SWG for this geometry (specialize_layers._swg_hls_possible
// for 2-D windows: square image, kernel and stride, no dilation).
bool swgHlsPossible(const FinnNode& node);
// The RTL SWG's implementation style: parallel when parallel_window is set or the kernel is 1x1.
bool swgRtlParallel(const FinnNode& node);
// The RTL SWG line buffer depth (ConvolutionInputGenerator_rtl.get_buffer_depth).
int64_t swgRtlBufferDepth(const FinnNode& node);

} // namespace foldwise::finn::formulas
