#pragma once

// Internal to the fpgaConvNet "compatible" evaluation (CompatibleModel.cpp): one layer of an
// fpgaConvNet config.json as plain numbers, and its latency, rate, pipeline depth and resources
// computed the way fpgaconvnet-model (chisel backend, linear-regression resource model) does.
// See REFERENCE_NOTES.md sections 0-4 for the formulas and their quirks.

#include <cstdint>
#include <stdexcept>
#include <string>
#include <vector>

namespace foldwise::fpgaconvnet::compat {

// Thrown by the layer models for parameters the reference would assert on or divide by zero
// with; CompatibleModel.cpp turns it into a ModelError naming the file and layer.
struct CompatError : std::runtime_error {
    using std::runtime_error::runtime_error;
};

enum class Kind {
    Convolution,
    ConvolutionSparse,
    ConvolutionPointwiseSparse,
    InnerProduct,
    Pooling,
    ReLU,
    ThresholdedReLU,
    Squeeze,
    GlobalPooling,
    EltWise,
    Concat,
    Split,
    // fpgaconvnet-model's other layer classes (REFERENCE_NOTES.md 3.11-3.15).
    BatchNorm,
    HardSwish,
    Sigmoid,     // built on ReLULayer hardware (its 2-D parser has no other activation layer)
    HardSigmoid, // likewise
    ReSize,
    Chop,
};

// Convolutions of every op_type.
inline bool isConvolution(Kind k)
{
    return k == Kind::Convolution || k == Kind::ConvolutionSparse || k == Kind::ConvolutionPointwiseSparse;
}
// The layers with weights: convolutions and inner products.
inline bool hasWeights(Kind k)
{
    return isConvolution(k) || k == Kind::InnerProduct;
}
// The layers with several inputs, each buffered (EltWise, Concat).
inline bool hasInputPorts(Kind k)
{
    return k == Kind::EltWise || k == Kind::Concat;
}
// The layers with several outputs (Split copies the stream, Chop cuts it into channel ranges).
inline bool hasOutputPorts(Kind k)
{
    return k == Kind::Split || k == Kind::Chop;
}

// ChopLayer's coarse setter: each output port gets coarse * split / channels streams (at least
// one), with coarse capped at the channels. Equal splits only (it asserts so).
int64_t chopCoarseOut(int64_t channels, int64_t split, int64_t coarse);

// The parameters of one config.json layer that the reference's prototxt parser reads.
struct LayerParams {
    std::string name;
    Kind kind = Kind::ReLU;
    std::string opType;

    int64_t rowsIn = 1, colsIn = 1, channelsIn = 1;
    int64_t rowsOut = 1, colsOut = 1, channelsOut = 1;
    int64_t coarseIn = 1, coarseOut = 1, coarseGroup = 1; // coarse_in/out also hold "coarse"
    int64_t groups = 1, fine = 1, filters = 1;
    int64_t kernelRows = 1, kernelCols = 1, strideRows = 1, strideCols = 1;
    int64_t padTop = 0, padRight = 0, padBottom = 0, padLeft = 0;
    bool hasBias = false, blockFloatingPoint = false, useUram = false;
    int64_t streamWeights = 0;

    // Fixed-point widths: data_t for the single-width layers, input/output/weight/acc for
    // Convolution and InnerProduct (whose data_t is input_t), acc_t also for GlobalPooling.
    int64_t dataWidth = 16, inputWidth = 16, outputWidth = 16, weightWidth = 16, accWidth = 32;

    std::vector<bool> streamInputs;
    int64_t portsIn = 1, portsOut = 1;
    std::vector<int64_t> channelsInArray; // Concat
    std::vector<int64_t> split;           // Chop: channels of each output port
    std::vector<double> scales;           // ReSize: rows, cols, channels factors (config "scale")
    std::vector<int64_t> bufferDepth;     // streams_in[].buffer_depth (multi-port FIFOs)

    // Sparse convolutions: the channel histogram (C x (K+1)) or per-channel averages (C).
    std::vector<double> sparsity;
    bool skipAllZeroWindow = true;
    int64_t clusters = 1;
};

// What the partition and network level need from one layer.
struct LayerResult {
    double latency = 0;       // hw.latency(): the layer's interval in cycles (may be fractional)
    double pipelineDepth = 0; // sum of module pipeline depths
    double rateIn = 1;        // balanced module-chain rates (Layer.rate_in / rate_out)
    double rateOut = 1;
    double sizeIn = 1, sizeOut = 1;
    double workloadIn = 1, workloadOut = 1; // rows*cols*channels in and out (port 0)
    double lut = 0, ff = 0, dsp = 0, bram = 0, uram = 0;
    bool hasUram = false;     // the reference's resource dict has a URAM key (Conv, IP)
    double weightsSize = 0;   // get_parameters_size()["weights"] (Conv, IP), for size_wr
    // Conv, IP: the weight memory's blocks without streaming, what config.json records of it,
    // and the bits per cycle its off-chip streamed part needs while the layer runs (stream_bw).
    double weightBlocks = 0;
    double onChipAddrRange = 0, offChipBufferSize = 0, offChipInterval = -1;
    double streamBitsPerCycle = 0;
    double operations = 0;    // get_operations(): the report's "total_operations (OPs)" terms
    int64_t streamsIn = 1, streamsOut = 1;
    int64_t outRows = 1, outCols = 1, outChannels = 1, outWidth = 16;
};

// Checks the parameters the way the reference's constructors and setters would (coarse factors,
// positive sizes) and throws CompatError otherwise; then models the layer.
LayerResult evaluateLayer(const LayerParams& p);

// Streams of a layer's (port 0) input and output, for squeeze insertion.
int64_t layerStreamsIn(const LayerParams& p);
int64_t layerStreamsOut(const LayerParams& p);

// The balanced module-chain rates (fpgaconvnet.models.layers.utils.balance_module_rates) for a
// chain whose module i has rates (rateIn[i], rateOut[i]); returns {rate_in, rate_out}.
std::pair<double, double> balanceModuleRates(std::vector<double> rateIn, std::vector<double> rateOut);

} // namespace foldwise::fpgaconvnet::compat
