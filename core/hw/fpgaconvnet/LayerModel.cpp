#include "hw/fpgaconvnet/LayerModel.h"

#include <algorithm>
#include <cmath>
#include <numeric>

namespace foldwise::fpgaconvnet {
namespace {

double ceilDiv(double a, double b)
{
    return std::ceil(a / b);
}

bool divides(int64_t d, int64_t n)
{
    return d > 0 && n % d == 0;
}

int64_t log2Ceil(int64_t n)
{
    int64_t bits = 0;
    while ((int64_t(1) << bits) < n)
        ++bits;
    return bits;
}

// Pixels the sliding window reads per channel: its input with the padding the pad stage inserts
// into the stream (fpgaConvNet's window runs on the padded map).
double paddedPixels(const HardwareLayer& l)
{
    return static_cast<double>((l.rowsIn + l.padTop + l.padBottom) * (l.colsIn + l.padLeft + l.padRight));
}

// Channels the simple layers' coarse divides (Concat: every input's; Chop: every output's, so
// that each channel range leaves on the same streams).
int64_t coarseDimension(const HardwareLayer& l)
{
    const auto gcdOf = [](const std::vector<int64_t>& v) {
        return std::accumulate(v.begin(), v.end(), v.front(), [](int64_t a, int64_t b) { return std::gcd(a, b); });
    };
    if (l.type == LayerType::Concat && !l.inputChannels.empty())
        return gcdOf(l.inputChannels);
    if (l.type == LayerType::Chop && !l.outputChannels.empty())
        return gcdOf(l.outputChannels);
    return l.channelsIn;
}

} // namespace

bool hasSparseHardware(const HardwareLayer& layer, const ModelSettings& settings)
{
    if (layer.type != LayerType::Convolution)
        return false;
    if (layer.sparseHardware >= 0)
        return layer.sparseHardware == 1;
    return layer.hasSparsity() && layer.meanWindowSparsity() >= settings.sparseThreshold;
}

bool isSparse(const HardwareLayer& layer, const ModelSettings& settings)
{
    return hasSparseHardware(layer, settings) && layer.hasSparsity();
}

FoldingOptions foldingOptions(const HardwareLayer& l, const ModelSettings& settings, int64_t coarseOut)
{
    FoldingOptions o;
    o.weightsReloading = {1};
    if (l.type == LayerType::Convolution && l.filters % (l.groups * coarseOut) == 0)
        o.weightsReloading = divisors(l.filters / (l.groups * coarseOut));
    if (l.type == LayerType::InnerProduct && l.filters % coarseOut == 0)
        o.weightsReloading = divisors(l.filters / coarseOut);
    switch (l.type) {
    case LayerType::Convolution: {
        o.coarseIn = divisors(l.channelsIn / l.groups);
        o.coarseOut = divisors(l.filters / l.groups);
        o.coarseGroup = divisors(l.groups);
        if (hasSparseHardware(l, settings)) {
            for (int64_t f = 1; f <= l.kernelSize(); ++f)
                o.fine.push_back(f);
        } else {
            o.fine = divisors(l.kernelSize());
        }
        break;
    }
    case LayerType::InnerProduct:
        o.coarseIn = divisors(l.channelsIn);
        o.coarseOut = divisors(l.filters);
        o.coarseGroup = {1};
        o.fine = {1};
        break;
    case LayerType::Squeeze: // fixed by its neighbours' streams, never searched
        o.coarseIn = o.coarseOut = o.coarseGroup = o.fine = {};
        break;
    default:
        o.coarseIn = o.coarseOut = divisors(coarseDimension(l));
        o.coarseGroup = {1};
        o.fine = {1};
        break;
    }
    return o;
}

bool isFeasible(const HardwareLayer& l, const Folding& f, const ModelSettings& settings)
{
    switch (l.type) {
    case LayerType::Convolution:
        return divides(f.coarseIn, l.channelsIn / l.groups) && divides(f.coarseOut, l.filters / l.groups)
            && divides(f.coarseGroup, l.groups)
            && (hasSparseHardware(l, settings) ? f.fine >= 1 && f.fine <= l.kernelSize() : divides(f.fine, l.kernelSize()))
            && divides(f.weightsReloading, l.filters / (l.groups * f.coarseOut));
    case LayerType::InnerProduct:
        return divides(f.coarseIn, l.channelsIn) && divides(f.coarseOut, l.filters) && f.coarseGroup == 1 && f.fine == 1
            && divides(f.weightsReloading, l.filters / f.coarseOut);
    case LayerType::Squeeze:
        return divides(f.coarseIn, l.channelsIn) && divides(f.coarseOut, l.channelsIn) && f.coarseGroup == 1 && f.fine == 1
            && f.weightsReloading == 1;
    default:
        return divides(f.coarseIn, coarseDimension(l)) && f.coarseOut == f.coarseIn && f.coarseGroup == 1 && f.fine == 1
            && f.weightsReloading == 1;
    }
}

std::string describeFolding(const HardwareLayer& l, const Folding& f)
{
    const std::string reload = f.weightsReloading > 1 ? " wr=" + std::to_string(f.weightsReloading) : "";
    switch (l.type) {
    case LayerType::Convolution:
        return "coarse_in=" + std::to_string(f.coarseIn) + " coarse_out=" + std::to_string(f.coarseOut)
            + " coarse_group=" + std::to_string(f.coarseGroup) + " fine=" + std::to_string(f.fine) + reload;
    case LayerType::InnerProduct:
        return "coarse_in=" + std::to_string(f.coarseIn) + " coarse_out=" + std::to_string(f.coarseOut) + reload;
    case LayerType::Squeeze:
        return "streams " + std::to_string(f.coarseIn) + " -> " + std::to_string(f.coarseOut);
    default:
        return "coarse=" + std::to_string(f.coarseIn);
    }
}

int64_t streamsIn(const HardwareLayer& l, const Folding& f)
{
    return l.type == LayerType::Convolution ? f.coarseIn * f.coarseGroup : f.coarseIn;
}

int64_t streamsOut(const HardwareLayer& l, const Folding& f)
{
    return l.type == LayerType::Convolution ? f.coarseOut * f.coarseGroup : f.coarseOut;
}

double denseLatency(const HardwareLayer& l, const Folding& f)
{
    const auto d = [](int64_t v) { return static_cast<double>(v); };
    switch (l.type) {
    case LayerType::Convolution: {
        // ceil(K / fine) cycles per window: the reference's K / fine where fine divides K (always
        // for dense layers), and what the hardware takes when it does not.
        const double perWindow = std::ceil(d(l.kernelSize()) / d(f.fine));
        const double compute = d(l.rowsOut) * d(l.colsOut) * d(l.channelsIn) * perWindow * d(l.filters)
            / (d(l.groups) * d(f.coarseIn) * d(f.coarseOut) * d(f.coarseGroup));
        const double window = paddedPixels(l) * d(l.channelsIn) / d(f.coarseIn * f.coarseGroup);
        const double out = d(l.rowsOut) * d(l.colsOut) * d(l.filters) / d(f.coarseOut * f.coarseGroup);
        return std::ceil(std::max({compute, window, out}));
    }
    case LayerType::InnerProduct:
        return std::max({ceilDiv(d(l.channelsIn) * d(l.filters), d(f.coarseIn * f.coarseOut)),
                         ceilDiv(d(l.channelsIn), d(f.coarseIn)), ceilDiv(d(l.filters), d(f.coarseOut))});
    case LayerType::Pooling:
        return std::max(ceilDiv(paddedPixels(l) * d(l.channelsIn), d(f.coarseIn)),
                        ceilDiv(d(l.rowsOut) * d(l.colsOut) * d(l.channelsOut), d(f.coarseIn)));
    case LayerType::Concat:
        return ceilDiv(d(l.rowsOut) * d(l.colsOut) * d(l.channelsOut), d(f.coarseIn));
    case LayerType::Squeeze: // regroups coarseIn streams into coarseOut
        return ceilDiv(d(l.rowsIn) * d(l.colsIn) * d(l.channelsIn), d(std::min(f.coarseIn, f.coarseOut)));
    case LayerType::ReSize: // writes every output pixel: scaleH * scaleW per input pixel
        return ceilDiv(d(l.rowsOut) * d(l.colsOut) * d(l.channelsOut), d(f.coarseIn));
    default:
        // One pass over the input: ReLU, ThresholdedReLU, Sigmoid, HardSigmoid, HardSwish,
        // BatchNorm, Split, GlobalPooling, EltWise (a broadcast one over the full map, its
        // vector read once into a buffer), Chop (each word goes to the port of its channel range).
        return ceilDiv(d(l.rowsIn) * d(l.colsIn) * d(l.channelsIn), d(f.coarseIn));
        return ceilDiv(d(l.rowsIn) * d(l.colsIn) * d(l.channelsIn), d(f.coarseIn));
    }
}

double sparseLatency(const HardwareLayer& l, const Folding& f, double maxStreamCost)
{
    const auto d = [](int64_t v) { return static_cast<double>(v); };
    const double streams = d(f.coarseIn * f.coarseGroup);
    const double workload = d(l.rowsOut) * d(l.colsOut) * (d(l.channelsIn) / streams) * (d(l.filters) / d(f.coarseOut * l.groups));
    const double window = paddedPixels(l) * d(l.channelsIn) / streams;
    const double out = d(l.rowsOut) * d(l.colsOut) * d(l.filters) / d(f.coarseOut * f.coarseGroup);
    return std::ceil(std::max({workload * maxStreamCost, window, out}));
}

double pipelineDepth(const HardwareLayer& l, const Folding& f)
{
    // Windowed layers emit their first window once kh - 1 padded rows and kw columns are in.
    if (l.type == LayerType::Convolution || l.type == LayerType::Pooling) {
        const double perPixel = static_cast<double>(l.channelsIn) / static_cast<double>(streamsIn(l, f));
        const double paddedCols = static_cast<double>(l.colsIn + l.padLeft + l.padRight);
        return std::ceil(((static_cast<double>(l.kernelH) - 1) * paddedCols + static_cast<double>(l.kernelW)) * perPixel);
    }
    if (l.type == LayerType::GlobalPooling || l.type == LayerType::InnerProduct)
        return denseLatency(l, f); // reads everything before the first output
    if (l.type == LayerType::ReSize) { // repeats each input row scaleH times: a row buffered
        const double perPixel = static_cast<double>(l.channelsIn) / static_cast<double>(f.coarseIn);
        return std::ceil(static_cast<double>(l.colsIn) * perPixel * static_cast<double>(l.scaleH - 1)
                         + perPixel * static_cast<double>(l.scaleW - 1)) + 2;
    }
    return 2; // a register stage
}

BitWidths layerBits(const HardwareLayer& l, const ModelSettings& s)
{
    BitWidths b = s.bits;
    if (l.dataBits > 0)
        b.data = l.dataBits;
    if (l.weightBits > 0)
        b.weight = l.weightBits;
    if (l.dataBits > 0 || l.weightBits > 0)
        b.accumulator = 2 * std::max(b.data, b.weight);
    return b;
}

double weightBitsPerReload(const HardwareLayer& l, const Folding& f, const ModelSettings& s)
{
    double weights = 0;
    if (l.type == LayerType::Convolution)
        weights = static_cast<double>(l.filters / l.groups * l.channelsIn * l.kernelSize());
    else if (l.type == LayerType::InnerProduct)
        weights = static_cast<double>(l.filters * l.channelsIn);
    return weights * layerBits(l, s).weight / static_cast<double>(f.weightsReloading);
}

int64_t dspPerMultiplier(int aBits, int bBits)
{
    return static_cast<int64_t>((aBits + 17) / 18) * ((bBits + 26) / 27);
}

int64_t bram18(int64_t depth, int64_t width, bool fifo)
{
    if (depth <= 0 || width <= 0)
        return 0;
    if (fifo ? (width * depth <= 1024 || depth <= 32) : width * depth < 1024)
        return 0; // kept in LUTs / registers
    static constexpr int64_t kWidths[] = {1, 2, 4, 9, 18, 36};
    static constexpr int64_t kDepths[] = {16384, 8192, 4096, 2048, 1024, 512};
    const int64_t wanted = std::min<int64_t>(36, width);
    std::size_t i = 0;
    while (kWidths[i] < wanted)
        ++i;
    return ((width + kWidths[i] - 1) / kWidths[i]) * ((depth + kDepths[i] - 1) / kDepths[i]);
}

// LUT/FF estimate (the reference fits per-module regressions; this is an analytic count):
//  - every layer: 60 LUT / 80 FF of stream handshaking per stream in and out;
//  - a multiply-accumulate lane (one per DSP-mapped multiplier): an accumulator of acc bits
//    (acc LUT, acc FF) and its share of the adder tree over fine products (acc LUT);
//  - a sliding window: kh*kw registers of data bits per input stream (FF) and the output mux
//    (data bits LUT per tap);
//  - a pooling / eltwise / relu lane: one comparator or adder of data bits (data LUT, data FF);
//  - a ReLU merged into a convolution / inner product: data LUT per output lane;
//  - sparse convolutions add a zero-detect and skip controller per stream (4*K + 40 LUT).
ResourceUsage layerResources(const HardwareLayer& l, const Folding& f, const ModelSettings& s)
{
    const BitWidths bits = layerBits(l, s);
    const int data = bits.data, weight = bits.weight, acc = bits.accumulator;
    ResourceUsage r;
    const double in = static_cast<double>(streamsIn(l, f)), out = static_cast<double>(streamsOut(l, f));
    r.lut = 60.0 * (in + out);
    r.ff = 80.0 * (in + out);
    const auto window = [&](int64_t streams) {
        const double taps = static_cast<double>(l.kernelSize());
        r.ff += static_cast<double>(streams) * taps * data;
        r.lut += static_cast<double>(streams) * taps * data;
        if (l.kernelH > 1) {
            const int64_t depth = l.channelsIn / streams * (l.colsIn + l.padLeft + l.padRight);
            r.bram18 += static_cast<double>(bram18(depth, (l.kernelH - 1) * streams * data));
        }
    };
    switch (l.type) {
    case LayerType::Convolution: {
        const bool sparse = hasSparseHardware(l, s);
        const int64_t lanes = f.coarseIn * f.coarseOut * f.coarseGroup * f.fine;
        double dsp = static_cast<double>(lanes * dspPerMultiplier(data, weight));
        if (!sparse && data <= 4 && weight <= 4)
            dsp = std::ceil(dsp / 4);
        else if (!sparse && data <= 8 && weight <= 8)
            dsp = std::ceil(dsp / 2);
        r.dsp = dsp;
        const int64_t parallel = f.fine * f.coarseIn * f.coarseOut * f.coarseGroup;
        const int64_t weights = l.filters / l.groups * l.channelsIn * l.kernelSize() / f.weightsReloading;
        const int64_t depth = (weights + parallel - 1) / parallel;
        r.bram18 += static_cast<double>(bram18(depth, static_cast<int64_t>(weight) * parallel));
        if (l.kernelSize() > 1)
            window(streamsIn(l, f));
        r.lut += static_cast<double>(f.coarseIn * f.coarseOut * f.coarseGroup) * (f.fine * acc + acc);
        r.ff += static_cast<double>(f.coarseIn * f.coarseOut * f.coarseGroup) * (f.fine * (data + weight) + acc);
        if (sparse)
            r.lut += in * (4.0 * static_cast<double>(l.kernelSize()) + 40.0);
        break;
    }
    case LayerType::InnerProduct: {
        const int64_t lanes = f.coarseIn * f.coarseOut;
        r.dsp = static_cast<double>(lanes * dspPerMultiplier(data, weight));
        const int64_t depth = (l.channelsIn * l.filters / f.weightsReloading + lanes - 1) / lanes;
        r.bram18 += static_cast<double>(bram18(depth, static_cast<int64_t>(weight) * lanes));
        r.lut += static_cast<double>(lanes) * 2.0 * acc;
        r.ff += static_cast<double>(lanes) * (data + weight + acc);
        // log2 of the accumulation length widens the accumulators a little.
        r.ff += static_cast<double>(f.coarseOut * log2Ceil(std::max<int64_t>(2, l.channelsIn)));
        break;
    }
    case LayerType::Pooling:
        if (l.kernelSize() > 1)
            window(f.coarseIn);
        r.lut += in * data * static_cast<double>(l.kernelSize());
        r.ff += in * data;
        break;
    case LayerType::EltWise:
        if (l.eltwise == "mul")
            r.dsp = in * static_cast<double>(dspPerMultiplier(data, data));
        r.lut += in * data * l.ports;
        r.ff += in * data;
        if (l.broadcast) // the 1 x 1 x C vector, held while the map streams past
            r.bram18 += static_cast<double>(bram18(std::max<int64_t>(1, l.channelsIn / f.coarseIn), data * f.coarseIn, true));
        break;
    case LayerType::BatchNorm: // a multiplier and an adder per lane, scale and shift per channel in registers/LUTRAM
        r.dsp = in * static_cast<double>(dspPerMultiplier(data, data));
        r.lut += in * data * 2;
        r.ff += in * data * 2;
        break;
    case LayerType::HardSwish: // x * clamp(x + 3, 0, 6) / 6: two multipliers and a clamp per lane
        r.dsp = in * 2 * static_cast<double>(dspPerMultiplier(data, data));
        r.lut += in * data * 3;
        r.ff += in * data * 2;
        break;
    case LayerType::Sigmoid:
    case LayerType::HardSigmoid: // a piecewise-linear table: comparators and one multiplier per lane
        r.dsp = in * static_cast<double>(dspPerMultiplier(data, data));
        r.lut += in * data * 4;
        r.ff += in * data;
        break;
    case LayerType::ReSize: // one input row of each stream buffered for the repeated rows
        r.bram18 += static_cast<double>(bram18(l.colsIn * std::max<int64_t>(1, l.channelsIn / f.coarseIn), data * f.coarseIn, true));
        r.lut += in * data;
        r.ff += in * data;
        break;
    case LayerType::GlobalPooling:
        r.lut += in * acc;
        r.ff += in * acc;
        break;
    case LayerType::Squeeze:
        r.bram18 += static_cast<double>(bram18(2 * std::max<int64_t>(1, l.channelsIn), data, true));
        break;
    default: // ReLU, ThresholdedReLU, Split, Concat, Chop
        r.lut += in * data * std::max(1, l.ports);
        r.ff += in * data;
        break;
    }
    // A merged ReLU: one comparator of data bits per output lane, without the ReLU layer's
    // stream handshaking and registers.
    if (!l.fusedActivation.empty())
        r.lut += out * data;
    return r;
}

} // namespace foldwise::fpgaconvnet
