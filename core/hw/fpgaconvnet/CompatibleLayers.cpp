#include "hw/fpgaconvnet/CompatibleLayers.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <initializer_list>
#include <numeric>
#include <tuple>

// Bit-exact re-statement of fpgaconvnet-model's chisel layer models (REFERENCE_NOTES.md
// sections 0-4). Every float operation follows the reference's order: a rate is a double
// quotient first and a latency divides by it, then truncates, because the reference does
// exactly that and the truncation is visible in its reports.

namespace foldwise::fpgaconvnet::compat {
namespace {

// ---------------------------------------------------------------------------------------------
// Integer and float helpers

int64_t mul(int64_t a, int64_t b)
{
    int64_t r = 0;
    if (__builtin_mul_overflow(a, b, &r))
        throw CompatError("sizes too large (integer overflow)");
    return r;
}
int64_t mul(std::initializer_list<int64_t> xs)
{
    int64_t r = 1;
    for (int64_t x : xs)
        r = mul(r, x);
    return r;
}

// Python floor division for the non-negative operands used here; a zero divisor is an error
// the reference would raise too (ZeroDivisionError).
int64_t fdiv(int64_t a, int64_t b)
{
    if (b == 0)
        throw CompatError("division by zero (a coarse, fine or groups factor is 0)");
    int64_t q = a / b;
    if ((a % b != 0) && ((a < 0) != (b < 0)))
        --q;
    return q;
}

// int2bits(n) = ceil(log(n, 2)) with Python's float log(n)/log(2).
double int2bits(double n)
{
    if (!(n > 0))
        throw CompatError("log of a non-positive size");
    return std::ceil(std::log(n) / std::log(2.0));
}

// numpy.dot of a utilisation vector with a coefficient vector, summed left to right (OpenBLAS's
// scalar tail for these short vectors), truncated toward zero like Python's int().
double lr(std::initializer_list<double> util, std::initializer_list<double> coef)
{
    double s = 0;
    auto c = coef.begin();
    for (double u : util)
        s += u * *c++;
    return std::trunc(s);
}

// Blocks of a memory array: the configured width is the smallest of `widths` holding
// min(widest, width) (the reference's bisect), its depth the matching entry of `depths`.
template <std::size_t N>
double arrayBlocks(double depth, double width, const std::array<double, N>& widths, const std::array<double, N>& depths)
{
    const double wanted = std::min(widths.back(), width);
    const auto i = std::min(static_cast<std::size_t>(std::lower_bound(widths.begin(), widths.end(), wanted) - widths.begin()),
                            N - 1);
    return std::ceil(width / widths[i]) * std::ceil(depth / depths[i]);
}

// tools/resource_analytical_model.py: bram_array_resource_model.
double bramArray(double depth, double width, bool fifo)
{
    if (depth == 0 || width == 0 || (fifo && width * depth <= 1024) || (!fifo && width * depth < 1024))
        return 0;
    if (fifo && depth <= 32)
        return 0;
    static constexpr std::array<double, 6> widths = {1, 2, 4, 9, 18, 36};
    static constexpr std::array<double, 6> depths = {16384, 8192, 4096, 2048, 1024, 512};
    return arrayBlocks(depth, width, widths, depths);
}

// One block's width and depth for an array of `width` bits (the detailed form of the array
// models): the chosen configuration's width and depth.
template <std::size_t N>
std::pair<double, double> blockShape(double width, const std::array<double, N>& widths, const std::array<double, N>& depths)
{
    const double wanted = std::min(widths.back(), width);
    const auto i = std::min(static_cast<std::size_t>(std::lower_bound(widths.begin(), widths.end(), wanted) - widths.begin()),
                            N - 1);
    return {widths[i], depths[i]};
}

// uram_array_resource_model (extension widths).
double uramArray(double depth, double width)
{
    if (depth == 0 || width == 0)
        return 0;
    static constexpr std::array<double, 7> widths = {1, 2, 4, 9, 18, 36, 72};
    static constexpr std::array<double, 7> depths = {262144, 131072, 65536, 32768, 16384, 8192, 4096};
    return arrayBlocks(depth, width, widths, depths);
}

// A convolution's or inner product's weight memory: `num` arrays of depth x width bits in BRAM
// (or URAM), of which `streamWeights` blocks are streamed from off-chip memory instead
// (models/layers/utils.py stream_rsc and what it feeds: a one-row stream buffer, the on-chip
// address range, and the bits per cycle streaming needs while the layer runs).
struct WeightMemory {
    double blocks = 0;      // BRAM (URAM) blocks held on chip, stream buffer included
    double baseBlocks = 0;  // without streaming
    double onChipAddrRange = 0, offChipBufferSize = 0, offChipInterval = -1;
    double streamBitsPerCycle = 0;
};

WeightMemory weightMemory(double depth, double width, double num, int64_t streamWeights, bool uram)
{
    static constexpr std::array<double, 6> bramWidths = {1, 2, 4, 9, 18, 36};
    static constexpr std::array<double, 6> bramDepths = {16384, 8192, 4096, 2048, 1024, 512};
    static constexpr std::array<double, 7> uramWidths = {1, 2, 4, 9, 18, 36, 72};
    static constexpr std::array<double, 7> uramDepths = {262144, 131072, 65536, 32768, 16384, 8192, 4096};
    WeightMemory m;
    const double sw = static_cast<double>(streamWeights);
    m.baseBlocks = (uram ? uramArray(depth, width) : bramArray(depth, width, false)) * num;
    m.blocks = m.baseBlocks - sw;
    if (m.baseBlocks == 0) { // no block memory: nothing to stream, no address range
        m.onChipAddrRange = 0;
        return m;
    }
    const auto [unitWidth, unitDepth] = uram ? blockShape(width, uramWidths, uramDepths) : blockShape(width, bramWidths, bramDepths);
    // stream_unit: blocks across all arrays' width. The reference multiplies the streamed bits by
    // the array count once more (weight_array_width already holds num arrays): kept.
    const double streamUnit = num * std::ceil(width / unitWidth);
    const double offRange = std::min(depth, sw / streamUnit * unitDepth);
    m.onChipAddrRange = depth - offRange;
    if (streamWeights > 0) {
        m.blocks += (uram ? uramArray(unitDepth, width) : bramArray(unitDepth, width, false)) * num;
        m.offChipBufferSize = unitDepth;
        m.offChipInterval = std::ceil(m.onChipAddrRange / (sw / streamUnit));
        m.streamBitsPerCycle = offRange * num * (width * num) / (m.onChipAddrRange + unitDepth);
    }
    return m;
}

void require(bool ok, const std::string& what);

void recordWeightMemory(LayerResult& r, const LayerParams& p, double depth, double width, double num)
{
    const WeightMemory m = weightMemory(depth, width, num, p.streamWeights, p.useUram);
    require(p.streamWeights >= 0 && static_cast<double>(p.streamWeights) <= m.baseBlocks,
            "stream_weights must be between 0 and the weight memory's " + std::to_string(static_cast<int64_t>(m.baseBlocks)) + " blocks");
    if (p.useUram)
        r.uram = m.blocks;
    else
        r.bram += m.blocks;
    r.weightBlocks = m.baseBlocks;
    r.onChipAddrRange = m.onChipAddrRange;
    r.offChipBufferSize = m.offChipBufferSize;
    r.offChipInterval = m.offChipInterval;
    r.streamBitsPerCycle = m.streamBitsPerCycle;
}

// queue_lutram_resource_model.
double qlut(double depth, double width)
{
    if (depth == 0 || width == 0)
        return 0;
    double ld = 0;
    if (depth == 32 || depth == 64)
        ld = depth;
    else if (depth > 64)
        ld = 64;
    else
        ld = depth < 32 ? 32 : 64;
    double lw = ld == 32 ? 16 : 8;
    return std::ceil((width + 1) / lw) * std::ceil(depth / ld);
}

double dspMult(double a, double b) { return std::ceil(a / 18) * std::ceil(b / 27); }

int64_t lcm64(int64_t a, int64_t b) { return mul(a / std::gcd(a, b), b); }

struct Rsc {
    double lut = 0, ff = 0, dsp = 0, bram = 0;
};

// Sets the layer's resources to those of `lanes` copies of a chain of modules, summed in chain
// order (the reference's order, which the float sums keep).
void setResources(LayerResult& r, std::initializer_list<Rsc> modules, double lanes = 1)
{
    r.lut = r.ff = r.dsp = r.bram = 0;
    for (const Rsc& m : modules) {
        r.lut += m.lut * lanes;
        r.ff += m.ff * lanes;
        r.dsp += m.dsp * lanes;
        r.bram += m.bram * lanes;
    }
}

// ---------------------------------------------------------------------------------------------
// Module resource models (chisel, linear regression; coefficients from
// fpgaconvnet/coefficients/linear_regression/chisel/*.npy, printed at full precision)

Rsc forkRsc(double s, double dw, double k, double c)
{
    Rsc r;
    r.lut = lr({s * k, s * dw * k, s * k * c, s * dw * k * c, 1},
               {0, 0.4999999999999997, 0, 1.8547921623042413e-18, 5.000000000000004});
    r.ff = lr({s * k, s * dw * k * c, 1}, {11.999999999999998, 0, 3.0000000000000058});
    return r;
}

Rsc vectorDotRsc(double s, double dw, double ww, double aw, double fine, double filters)
{
    Rsc r;
    double logic = lr({fine, dw, ww, s * dw * fine, s * ww * fine, s * aw * fine, filters, int2bits(filters), 1},
                      {2.5712588490274078, 0, 0, 0, 0, 0.9728726880005609, 0, 0, 0});
    double ram = lr({qlut(int2bits(fine) + 1, s * aw), 1}, {4.524649370974531, 0});
    double sr = lr({int2bits(fine) + 1}, {0.1677374301675975});
    r.lut = logic + ram + sr;
    r.ff = lr({aw, filters, fine, int2bits(filters), int2bits(fine) + 1, s * aw * fine, s * aw, 1},
              {0, 0, 0, 0, 21.368623676334177, 1.4860070225969686, 0.18202487854323943, 0});
    r.dsp = s * fine * dspMult(dw, ww); // analytical override of the regression
    return r;
}

Rsc sparseVectorDotRsc(double dw, double ww, double aw, double fine, double filters)
{
    Rsc r;
    double logic = lr({fine, dw, ww, dw * fine, ww * fine, aw * fine, filters, int2bits(filters), 1},
                      {0, 0, 0, 0.07439199517257487, 0.9100979411054604, 0.029494058164413785,
                       0.0015883973624582588, 0, 0});
    double ram = lr({qlut(int2bits(fine) + 3, aw), 1}, {0.5348506401138327, 15.015918173812826});
    double sr = lr({int2bits(fine) + 1}, {0.20493827160493797});
    r.lut = logic + ram + sr;
    r.ff = lr({aw, int2bits(filters), int2bits(fine) + 1, aw * fine, 1},
              {0, 0, 33.05120227367124, 0.5679766156862421, 0});
    r.dsp = fine * dspMult(dw, ww);
    return r;
}

Rsc accumRsc(double s, double dw, double channels, double filters)
{
    Rsc r;
    double logic = lr({filters, channels, s * dw, s, int2bits(channels), int2bits(filters), 1},
                      {0.8535328752784788, 0, 3.510359838010225, 0, 0, 0, 0});
    double ram = lr({qlut(2, s * dw), s * dw * filters, s * dw, s * filters},
                    {13.673791357498757, 0.016783091147872513, 0.9252112240755449, 0});
    r.lut = logic + ram;
    r.ff = lr({dw, s * dw, int2bits(channels), int2bits(filters), channels, filters, 1},
              {0, 3.209793819446477, 0, 0, 0.007325972145692542, 0.28885062372946946, 0});
    return r;
}

Rsc glueRsc(double s, double dw, double ci)
{
    Rsc r;
    double ib = int2bits(ci);
    double logic = lr({s * dw * ci, s * dw * ib, ci, 1}, {1.2616559056745482, 0, 0, 0});
    double ram = lr({qlut(ib + 1, s * dw), 1}, {8.878748320941405, 0});
    double sr = lr({ib, 1}, {0.16089865580518367, 0.19529144313650781});
    r.lut = logic + ram + sr;
    r.ff = lr({ci, s * dw, ib, s * dw * std::pow(2.0, ib), s * dw * ci, 1},
              {9.537511514327104, 0.36080768592384255, 0, 0.05106318781440864, 1.0280541022281016, 0});
    return r;
}

Rsc biasRsc(double s, double dw)
{
    Rsc r;
    r.lut = lr({s * dw}, {0.8124999999999999});
    r.ff = lr({s * dw}, {2.1874999999999996}); // the other FF terms have coefficient 0
    return r;
}

Rsc poolRsc(double s, double dw, double kh, double kw)
{
    Rsc r;
    double k = kh * kw;
    double logic = lr({k, s * dw * k, s * dw * int2bits(k), kh, kw, 1}, {2.5047646462840762, 0.8852262978075741, 0, 0, 0, 0});
    double ram = lr({qlut(int2bits(k) + 1, s * dw), 1}, {7.999999999999963, 5.972289129998669e-15});
    r.lut = logic + ram;
    r.ff = lr({s * dw, s * dw * k, int2bits(k), 1}, {0.18671982494445696, 2.156759769408736, 5.372070909824419, 0});
    return r;
}

Rsc globalPoolRsc(double dw, double aw, double channels, double rows, double cols)
{
    Rsc r;
    double logic = lr({aw, dw, int2bits(channels), int2bits(rows * cols), 1}, {28.143908465835835, 0, 0, 0, 0});
    double ram = lr({qlut(4, dw)}, {8.000000000000002});
    r.lut = logic + ram;
    r.ff = lr({dw, int2bits(channels), int2bits(rows * cols), aw * channels, 1}, {0, 0, 0, 0.6410566414241895, 0});
    r.dsp = dspMult(dw, aw);
    return r;
}

// Squeeze: its coefficients are literals in Module.py (load_resource_coefficients), shorter than
// the .npy values; the literals are what the reference runs with.
Rsc squeezeRsc(double s, double dw, int64_t ci, int64_t co)
{
    int64_t bs = lcm64(ci, co);
    double width = s * dw;
    double depth = static_cast<double>(bs / ci + 1);
    double bsd = static_cast<double>(bs);
    double bufferBram = bsd * bramArray(depth, width, true);
    double bufferLutram = bufferBram == 0 ? bsd * qlut(depth, width) : 0;
    double cid = static_cast<double>(ci), cod = static_cast<double>(co);
    Rsc r;
    double logic = lr({bsd / cid, width * cod * static_cast<double>(bs / co), static_cast<double>(bs / ci),
                       static_cast<double>(bs / co), cid, cod, width * cod, 1},
                      {0, 2.22688964, 0, 0, 235.5859881, 0, 3.29301748, 0});
    double ram = lr({bufferLutram}, {48.82925296});
    r.lut = logic + ram;
    r.ff = lr({int2bits(static_cast<double>(bs / ci)), bsd, width * cod, cod,
               cod * int2bits(static_cast<double>(bs / co)), 1},
              {0, 15.87391647, 3.48485944, 0, 5.69486761, 1084.90151568});
    r.bram = bufferBram;
    return r;
}

struct SlidingWindowRsc {
    Rsc rsc;
    double lineBufferBram = 0;
};

// rows/cols/channels are the module's (already padded) sizes; module pads are 0 in chisel.
SlidingWindowRsc slidingWindowRsc(double s, double dw, double rows, double cols, double ch, double kh, double kw)
{
    double lbW = (kh - 1) * s * dw;
    double lbBram = bramArray(ch * cols, lbW, true);
    double lbLut = lbBram == 0 ? qlut(ch * cols, lbW) : 0;
    double wbW = (kw - 1) * s * dw;
    double wbBram = kh * bramArray(ch, wbW, true);
    double wbLut = wbBram == 0 ? kh * qlut(ch, wbW) : 0;
    double fbBram = kh * kw * bramArray(2, s * dw, true);
    double fbLut = fbBram == 0 ? kh * kw * qlut(2, s * dw) : 0;
    SlidingWindowRsc out;
    double logic = lr({s * dw, kh - 1, kh * (kw - 1), s * dw * (kh - 1), s * dw * kh * (kw - 1)},
                      {6.468405208474761, 0, 0, 3.926593877837413, 2.450841120151407});
    // LUT = regression LUT - regression LUT_RAM + the analytical buffer LUTRAMs; LUT_SR is 0.
    out.rsc.lut = logic + lbLut + wbLut + fbLut;
    out.rsc.ff = lr({int2bits(rows), int2bits(cols), int2bits(ch), s * dw, s * dw * kh * kw, kh * kw,
                     s * dw * (kh - 1), s * dw * kh * (kw - 1), kh * kw, 1},
                    {0, 0, 20.771535378232738, 0, 0, 0, 5.212369249548043, 3.440205509209496, 0, 0});
    out.rsc.bram = lbBram + wbBram;
    out.lineBufferBram = lbBram;
    return out;
}

constexpr Rsc kPadRsc{16, 35, 0, 0};
constexpr Rsc kReluRsc{16, 35, 0, 0};

// ---------------------------------------------------------------------------------------------
// Module latencies: Module.latency() = max(int(in/rate_in), int(out/rate_out)).

double moduleLatency(double workIn, double rateIn, double workOut, double rateOut)
{
    return std::max(std::trunc(workIn / rateIn), std::trunc(workOut / rateOut));
}

double d(int64_t v) { return static_cast<double>(v); }

void require(bool ok, const std::string& what)
{
    if (!ok)
        throw CompatError(what);
}

bool divides(int64_t a, int64_t b) { return a > 0 && b % a == 0; }

// Output size of the sliding window on the padded input (math.ceil of a float quotient).
int64_t windowOut(int64_t padded, int64_t k, int64_t s)
{
    require(padded - k + 1 > 0, "kernel larger than the padded input");
    return static_cast<int64_t>(std::ceil(d(padded - k + 1) / d(s)));
}

struct Dims {
    int64_t rows = 1, cols = 1, channels = 1;
};

// A layer taking `in` on `streamsIn` lanes and giving `out` on `streamsOut` lanes: its output
// shape (data_t wide), the words per stream (size) and in all (workload) at each end.
LayerResult streamedLayer(const LayerParams& p, Dims in, Dims out, int64_t streamsIn, int64_t streamsOut)
{
    LayerResult r;
    r.streamsIn = streamsIn;
    r.streamsOut = streamsOut;
    r.outRows = out.rows;
    r.outCols = out.cols;
    r.outChannels = out.channels;
    r.outWidth = p.dataWidth;
    r.sizeIn = d(mul({in.rows, in.cols, in.channels / streamsIn}));
    r.sizeOut = d(mul({out.rows, out.cols, out.channels / streamsOut}));
    r.workloadIn = d(mul({in.rows, in.cols, in.channels}));
    r.workloadOut = d(mul({out.rows, out.cols, out.channels}));
    return r;
}

Dims inputDims(const LayerParams& p) { return {p.rowsIn, p.colsIn, p.channelsIn}; }

// The pad and sliding-window modules at the head of a windowed layer (convolution, pooling).
struct WindowFront {
    double padRateIn = 1, swRateOut = 1; // the other two rates are 1
    double padLatency = 0, swLatency = 0;
    double pipelineDepth = 0; // the line buffers filling
};

WindowFront windowFront(int64_t H, int64_t W, int64_t Hp, int64_t Wp, int64_t Ho, int64_t Wo, int64_t Cs, int64_t kh,
                        int64_t kw)
{
    WindowFront f;
    f.padRateIn = d(mul(H, W)) / d(mul(Hp, Wp));
    f.swRateOut = d(mul(Ho, Wo)) / d(mul(Hp, Wp));
    f.padLatency = moduleLatency(d(mul({H, W, Cs})), f.padRateIn, d(mul({Hp, Wp, Cs})), 1);
    f.swLatency = moduleLatency(d(mul({Hp, Wp, Cs})), 1, d(mul({Ho, Wo, Cs})), f.swRateOut);
    f.pipelineDepth = d(mul({kh - 1, Wp, Cs})) + d(mul(kw - 1, Cs));
    return f;
}

// The modules after the window that convolutions and inner products share.
struct ArithmeticModules {
    Rsc fork, vectorDot, accum, glue, bias, shift;
};

// Zeroes the modules the layer leaves out (fork for one coarse_out, glue for one coarse_in, accum
// for one channel per stream, bias and shift_scale when off) and applies the reference's DSP
// discount for narrow multiplications (a quarter up to 4 bits, half up to 8).
void dropUnusedModules(ArithmeticModules& m, const LayerParams& p, bool oneAccumChannel)
{
    if (p.coarseOut == 1)
        m.fork = {};
    if (oneAccumChannel)
        m.accum = {};
    if (p.coarseIn == 1)
        m.glue = {};
    if (!p.hasBias)
        m.bias = {};
    if (!p.blockFloatingPoint)
        m.shift = {};
    if (p.weightWidth <= 4 && p.inputWidth <= 4)
        m.vectorDot.dsp *= 0.25;
    else if (p.weightWidth <= 8 && p.inputWidth <= 8)
        m.vectorDot.dsp *= 0.5;
}

// ---------------------------------------------------------------------------------------------
// Convolution family (dense, sparse, pointwise sparse)

struct StreamHist {
    std::vector<std::vector<double>> h; // per stream, K+1 bins
};

// ConvolutionSparseLayer.get_stream_sparsity(interleaving="opt").
StreamHist sparseStreamHist(const LayerParams& p, int64_t K, int64_t streams)
{
    int64_t C = p.channelsIn;
    std::vector<double> cyclesPerBin(static_cast<std::size_t>(K + 1));
    for (int64_t j = 0; j <= K; ++j)
        cyclesPerBin[static_cast<std::size_t>(j)] = std::ceil(d(K - j) / d(p.fine));
    if (!p.skipAllZeroWindow)
        cyclesPerBin[static_cast<std::size_t>(K)] = 1;
    std::vector<double> rate(static_cast<std::size_t>(C));
    for (int64_t c = 0; c < C; ++c) {
        double sum = 0;
        for (int64_t j = 0; j <= K; ++j)
            sum += cyclesPerBin[static_cast<std::size_t>(j)] * p.sparsity[static_cast<std::size_t>(c * (K + 1) + j)];
        rate[static_cast<std::size_t>(c)] = 1.0 / sum;
    }
    // np.argsort (ascending); ties keep channel order here (the reference's quicksort may not).
    std::vector<int64_t> idx(static_cast<std::size_t>(C));
    std::iota(idx.begin(), idx.end(), 0);
    std::stable_sort(idx.begin(), idx.end(), [&](int64_t a, int64_t b) {
        return rate[static_cast<std::size_t>(a)] < rate[static_cast<std::size_t>(b)];
    });
    int64_t rows = C / streams;
    for (int64_t r = 1; r < rows; r += 2) // reverse every odd row
        std::reverse(idx.begin() + r * streams, idx.begin() + (r + 1) * streams);
    StreamHist out;
    out.h.assign(static_cast<std::size_t>(streams), std::vector<double>(static_cast<std::size_t>(K + 1), 0.0));
    for (int64_t s = 0; s < streams; ++s)
        for (int64_t j = 0; j <= K; ++j) {
            double sum = 0;
            for (int64_t r = 0; r < rows; ++r) {
                int64_t c = idx[static_cast<std::size_t>(r * streams + s)];
                sum += p.sparsity[static_cast<std::size_t>(c * (K + 1) + j)];
            }
            out.h[static_cast<std::size_t>(s)][static_cast<std::size_t>(j)] = sum / d(rows);
        }
    return out;
}

LayerResult convolution(const LayerParams& p)
{
    const bool sparse = p.kind == Kind::ConvolutionSparse;
    const bool pointwise = p.kind == Kind::ConvolutionPointwiseSparse;
    const bool packing = !(sparse || pointwise);
    const int64_t H = p.rowsIn, W = p.colsIn, C = p.channelsIn, F = p.channelsOut, g = p.groups;
    const int64_t kh = pointwise ? 1 : p.kernelRows, kw = pointwise ? 1 : p.kernelCols;
    const int64_t K = kh * kw;
    const int64_t ci = p.coarseIn, co = p.coarseOut, cg = p.coarseGroup, fine = p.fine;

    require(g >= 1 && C % g == 0 && F % g == 0, "channels_in and channels_out must be multiples of groups");
    require(divides(ci, C / g), "coarse_in must divide channels_in/groups");
    require(divides(co, F / g), "coarse_out must divide channels_out/groups");
    require(divides(cg, g), "coarse_group must divide groups");
    require(fine >= 1, "fine must be at least 1");
    require(divides(ci * cg, C), "coarse_in*coarse_group must divide channels_in");
    require(divides(co * cg, F), "coarse_out*coarse_group must divide channels_out");

    const int64_t Hp = H + p.padTop + p.padBottom, Wp = W + p.padLeft + p.padRight;
    const int64_t Ho = windowOut(Hp, kh, p.strideRows), Wo = windowOut(Wp, kw, p.strideCols);
    const int64_t Cs = C / (ci * cg);
    const int64_t chv = fdiv(mul({C, K}), fine * ci * cg);
    const int64_t fv = F / (co * g);
    require(chv >= 1 && fv >= 1, "fine, coarse or groups too large for the layer");
    const double streamsIn = d(ci * cg), streamsOut = d(co * cg);
    const double sIn = packing ? streamsIn : 1, sAll = packing ? d(ci * co * cg) : 1,
                 sOut = packing ? streamsOut : 1;

    LayerResult r = streamedLayer(p, {H, W, C}, {Ho, Wo, F}, ci * cg, co * cg);
    r.outWidth = p.outputWidth;
    r.hasUram = true;
    r.weightsSize = d(mul({fdiv(mul(C, F), g), kh, kw}));
    r.operations = d(mul({fdiv(mul({2, C, F}), g), kh, kw, Ho, Wo})) + (p.hasBias ? d(mul({F, Ho, Wo})) : 0);

    // Module chain in dict order: pad, sliding_window, squeeze, fork, vector_dot, accum, glue,
    // [bias], shift_scale. Rates feed the balancing; latencies the max.
    const WindowFront front = windowFront(H, W, Hp, Wp, Ho, Wo, Cs, kh, kw);
    std::vector<double> ratesIn, ratesOut;
    double latency = 0;
    auto add = [&](double rin, double rout, double lat) {
        ratesIn.push_back(rin);
        ratesOut.push_back(rout);
        latency = std::max(latency, lat);
    };
    add(front.padRateIn, 1, front.padLatency);
    add(1, front.swRateOut, front.swLatency);
    add(1, 1, d(mul({Ho, Wo, Cs}))); // squeeze
    add(1, 1, d(mul({Ho, Wo, Cs}))); // fork

    double vdPipeline = 0, accumChannels = 0;
    if (sparse) {
        const int64_t vdChannels = C / (ci * cg);
        StreamHist sh = sparseStreamHist(p, K, ci * cg);
        std::vector<double> cyclesPerBin(static_cast<std::size_t>(K + 1));
        for (int64_t j = 0; j <= K; ++j)
            cyclesPerBin[static_cast<std::size_t>(j)] = std::ceil(d(K - j) / d(fine));
        if (!p.skipAllZeroWindow)
            cyclesPerBin[static_cast<std::size_t>(K)] = 1;
        double rks = INFINITY, rs = INFINITY;
        for (const auto& h : sh.h) {
            double sum = 0;
            for (int64_t j = 0; j <= K; ++j)
                sum += cyclesPerBin[static_cast<std::size_t>(j)] * h[static_cast<std::size_t>(j)];
            rks = std::min(rks, 1.0 / sum);
            rs = std::min(rs, 1.0 / (1 - h[static_cast<std::size_t>(K)]));
        }
        const double vdRateIn = 1.0 / d(fv) * rks;
        ratesIn.push_back(vdRateIn);
        ratesOut.push_back(rks);
        accumChannels = d(vdChannels);
        if (p.skipAllZeroWindow) {
            ratesIn.push_back(rs);
            ratesOut.push_back(std::min(accumChannels, rs) / accumChannels * 1);
        } else {
            ratesIn.push_back(1);
            ratesOut.push_back(1.0 / accumChannels);
        }
        vdPipeline = 0; // SparseVectorDot has no pipeline-depth override
    } else {
        add(1.0 / d(fv), 1, moduleLatency(d(mul({Ho, Wo, chv})), 1.0 / d(fv), d(mul({Ho, Wo, fv})), 1));
        accumChannels = d(chv);
        const double accumRateOut = 1.0 / d(chv);
        add(1, accumRateOut, moduleLatency(d(mul({Ho, Wo, chv, fv})), 1, d(mul({Ho, Wo, fv})), accumRateOut));
        vdPipeline = std::trunc(std::log(d(fine)) / std::log(2.0)) + 1; // int(math.log(fine, 2)) + 1
    }
    // Glue's latency override divides the already group-divided filters by coarse_group again.
    add(1, 1, d(mul({Ho, Wo, F / cg})) / d(co * cg));
    if (p.hasBias)
        add(1, 1, d(mul({Ho, Wo, F / (co * cg)})));
    add(1, 1, d(mul(Ho, Wo))); // shift_scale: channels 1, never updated

    const int64_t accumFilters = fv;
    r.pipelineDepth = front.pipelineDepth + vdPipeline + d(mul(static_cast<int64_t>(accumChannels), accumFilters)) + d(ci);
    std::tie(r.rateIn, r.rateOut) = balanceModuleRates(ratesIn, ratesOut);

    if (sparse) {
        // ConvolutionSparseLayer.latency(metric="avg", interleaving="opt").
        const double workload = d(mul(Ho, Wo)) * (d(C) / d(ci * cg)) * (d(F) / d(co * g));
        StreamHist sh = sparseStreamHist(p, K, ci * cg);
        double op = -INFINITY;
        for (const auto& h : sh.h) {
            double cycles = p.skipAllZeroWindow ? 0 : h[static_cast<std::size_t>(K)];
            double sum = 0;
            for (int64_t j = 0; j < K; ++j)
                sum += std::ceil(d(K - j) / d(fine)) * h[static_cast<std::size_t>(j)];
            cycles += sum;
            op = std::max(op, workload * cycles);
        }
        // Quirk: rows*rows, not rows*cols.
        r.latency = std::ceil(std::max({op, d(mul({H, H, C})) / streamsIn, d(mul({Ho, Ho, F})) / streamsOut}));
    } else if (pointwise) {
        // ConvolutionPointwiseSparseLayer.latency(metric="avg", interleaving/clustering "naive").
        const double workload = d(mul(Ho, Wo)) * (d(C) / streamsIn) * (d(F) / d(co * g));
        const int64_t S = ci * cg;
        require(p.clusters >= 1 && S % p.clusters == 0, "clusters must divide coarse_in*coarse_group");
        const int64_t clusterStreams = S / p.clusters;
        const int64_t perCluster = S / p.clusters;
        const int64_t rows = C / S;
        double worst = -INFINITY;
        for (int64_t k = 0; k < p.clusters; ++k) {
            // np.mean over the cluster's stream columns of the (C/S, S) matrix in channel order.
            double sum = 0;
            for (int64_t m = 0; m < perCluster; ++m)
                for (int64_t row = 0; row < rows; ++row)
                    sum += p.sparsity[static_cast<std::size_t>(row * S + k * perCluster + m)];
            double avg = sum / d(perCluster * rows);
            avg = std::min(avg, 1 - (1 / d(clusterStreams)));
            worst = std::max(worst, 1 - avg);
        }
        r.latency = std::ceil(std::max({workload * worst, d(mul({H, H, C})) / streamsIn, d(mul({Ho, Ho, F})) / streamsOut}));
    } else {
        r.latency = latency;
    }

    // ---- resources (ConvolutionLayer.resource, chisel)
    Rsc pad = kPadRsc;
    SlidingWindowRsc swr = slidingWindowRsc(sIn, d(p.inputWidth), d(Hp), d(Wp), d(Cs), d(kh), d(kw));
    Rsc sw = swr.rsc;
    Rsc squeezeFull = squeezeRsc(sIn, d(p.inputWidth), K, fine);
    Rsc squeeze = squeezeFull;
    ArithmeticModules m{
        .fork = forkRsc(sIn, d(p.inputWidth), d(fine) * 1, d(co)),
        .vectorDot = sparse ? sparseVectorDotRsc(d(p.inputWidth), d(p.weightWidth), d(p.accWidth), d(fine), d(fv))
                            : vectorDotRsc(sAll, d(p.inputWidth), d(p.weightWidth), d(p.accWidth), d(fine), d(fv)),
        .accum = accumRsc(sAll, d(p.accWidth), accumChannels, d(fv)),
        .glue = glueRsc(sOut, d(p.accWidth), d(ci)),
        .bias = biasRsc(sOut, d(p.outputWidth)),
        .shift = {0, 0, sOut, 0},
    };

    if (!p.streamInputs.empty() && p.streamInputs[0])
        sw.bram -= swr.lineBufferBram;
    if (kh == 1 && kw == 1)
        sw = {};
    if (fine == K)
        squeeze = {};
    dropUnusedModules(m, p, C / (ci * cg) == 1);

    auto sum = [&](double Rsc::*x) {
        if (packing)
            return pad.*x + sw.*x + squeeze.*x + m.fork.*x + std::ceil(m.vectorDot.*x) + m.accum.*x + m.glue.*x +
                   m.bias.*x + m.shift.*x;
        const double S = streamsIn, A = d(ci * co * cg), O = streamsOut;
        return pad.*x * S + sw.*x * S + squeeze.*x * S + m.fork.*x * S + std::ceil(m.vectorDot.*x * A) + m.accum.*x * A +
               m.glue.*x + m.bias.*x * O + m.shift.*x * O;
    };
    const Rsc total{sum(&Rsc::lut), sum(&Rsc::ff), sum(&Rsc::dsp), sum(&Rsc::bram)};
    setResources(r, {total});

    // Weight, bias and BFP memories.
    const double depth = std::ceil((d(F) / d(g)) * d(C) * d(kh) * d(kw) / d(fine * ci * co * cg));
    const double width = packing ? d(p.weightWidth) * d(fine * ci * co * cg) : d(p.weightWidth);
    const double num = packing ? 1 : d(fine * ci * co * cg);
    recordWeightMemory(r, p, depth, width, num);
    if (p.hasBias) {
        const double bdepth = std::ceil(d(F) / d(co * cg));
        r.bram += packing ? bramArray(bdepth, d(p.accWidth) * d(co * cg), false)
                          : bramArray(bdepth, d(p.accWidth), false) * d(co * cg);
    }
    if (p.blockFloatingPoint)
        r.bram += bramArray(std::trunc(d(F) / d(co * cg)), d(p.accWidth), false) * d(co * cg) * 2;

    // The sparse kinds subtract the squeeze module once more, even when it was zeroed (quirk).
    if (!packing) {
        r.lut -= squeezeFull.lut;
        r.ff -= squeezeFull.ff;
        r.dsp -= squeezeFull.dsp;
        r.bram -= squeezeFull.bram;
    }
    return r;
}

// ---------------------------------------------------------------------------------------------
// Inner product

LayerResult innerProduct(const LayerParams& p)
{
    const int64_t R = p.rowsIn, Cc = p.colsIn, C = p.channelsIn, F = p.channelsOut;
    const int64_t ci = p.coarseIn, co = p.coarseOut;
    require(divides(ci, C), "coarse_in must divide channels_in");
    require(divides(co, F), "coarse_out must divide channels_out");
    const int64_t N = mul({R, Cc, C});
    const int64_t Nc = N / ci, Fc = F / co;

    LayerResult r = streamedLayer(p, {R, Cc, C}, {1, 1, F}, ci, co);
    r.outWidth = p.outputWidth;
    r.hasUram = true;
    r.weightsSize = d(mul(C, F));
    r.operations = d(mul({2, C, F})) + (p.hasBias ? d(F) : 0);

    // fork, vector_dot, accum, glue, bias (always present), shift_scale (channels N, never updated).
    const double vdRateIn = 1.0 / d(Fc), accumRateOut = 1.0 / d(Nc);
    r.latency = std::max({d(mul({R, Cc, C / ci})),
                          moduleLatency(d(Nc), vdRateIn, d(Fc), 1),
                          moduleLatency(d(mul(Nc, Fc)), 1, d(Fc), accumRateOut),
                          d(F) / d(co),
                          d(Fc),
                          d(N)});
    std::tie(r.rateIn, r.rateOut) = balanceModuleRates({1, vdRateIn, 1, 1, 1, 1}, {1, 1, accumRateOut, 1, 1, 1});
    r.pipelineDepth = 0 + 1 + d(mul(Nc, Fc)) + d(ci);

    ArithmeticModules m{
        .fork = forkRsc(d(ci), d(p.inputWidth), 1, d(co)),
        .vectorDot = vectorDotRsc(d(ci * co), d(p.inputWidth), d(p.weightWidth), d(p.accWidth), 1, d(Fc)),
        .accum = accumRsc(d(ci * co), d(p.accWidth), d(Nc), d(Fc)),
        .glue = glueRsc(d(co), d(p.accWidth), d(ci)),
        .bias = biasRsc(d(co), d(p.outputWidth)),
        .shift = {0, 0, d(co), 0},
    };
    dropUnusedModules(m, p, Nc == 1);
    // No ceil on the vector-dot DSPs here, unlike Convolution.
    setResources(r, {m.fork, m.vectorDot, m.accum, m.glue, m.bias, m.shift});

    const double depth = std::ceil(d(F) * d(C) * d(R) * d(Cc) / d(ci * co));
    const double width = d(p.weightWidth) * d(ci * co);
    recordWeightMemory(r, p, depth, width, 1);
    if (p.hasBias)
        r.bram += bramArray(std::ceil(d(F) / d(co)), d(p.accWidth) * d(co), false);
    if (p.blockFloatingPoint)
        r.bram += bramArray(std::trunc(d(F) / d(co)), d(p.accWidth), false) * d(co) * 2;
    return r;
}

// ---------------------------------------------------------------------------------------------
// Single-stream-type layers

LayerResult pooling(const LayerParams& p)
{
    const int64_t H = p.rowsIn, W = p.colsIn, C = p.channelsIn, c = p.coarseIn;
    require(divides(c, C), "coarse must divide channels_in");
    const int64_t kh = p.kernelRows, kw = p.kernelCols;
    const int64_t Hp = H + p.padTop + p.padBottom, Wp = W + p.padLeft + p.padRight;
    const int64_t Ho = windowOut(Hp, kh, p.strideRows), Wo = windowOut(Wp, kw, p.strideCols);
    const int64_t Cs = C / c;

    LayerResult r = streamedLayer(p, {H, W, C}, {Ho, Wo, C}, c, c);
    const WindowFront front = windowFront(H, W, Hp, Wp, Ho, Wo, Cs, kh, kw);
    r.latency = std::max({front.padLatency, front.swLatency, d(mul({Ho, Wo, Cs}))});
    std::tie(r.rateIn, r.rateOut) = balanceModuleRates({front.padRateIn, 1, 1}, {1, front.swRateOut, 1});
    r.pipelineDepth = front.pipelineDepth;
    r.operations = d(mul({C, Ho, Wo, kh, kw}));

    SlidingWindowRsc sw = slidingWindowRsc(d(c), d(p.dataWidth), d(Hp), d(Wp), d(Cs), d(kh), d(kw));
    setResources(r, {kPadRsc, sw.rsc, poolRsc(d(c), d(p.dataWidth), d(kh), d(kw))});
    return r;
}

// One pass over the input with `coarse` lanes of a fixed-cost module (ReLU-like layers).
LayerResult perLane(const LayerParams& p, const Rsc& lane, double operations)
{
    const int64_t c = p.coarseIn;
    require(divides(c, p.channelsIn), "coarse must divide channels_in");
    LayerResult r = streamedLayer(p, inputDims(p), inputDims(p), c, c);
    r.latency = r.sizeIn;
    r.operations = operations;
    setResources(r, {lane}, d(c));
    return r;
}

LayerResult relu(const LayerParams& p)
{
    // ThresholdedReLULayer derives from Layer, whose get_operations() is 0; Sigmoid and
    // HardSigmoid are ReLULayer hardware.
    return perLane(p, kReluRsc, p.kind != Kind::ThresholdedReLU ? d(mul({p.rowsIn, p.colsIn, p.channelsIn})) : 0);
}

LayerResult squeezeLayer(const LayerParams& p)
{
    const int64_t ci = p.coarseIn, co = p.coarseOut;
    // fpgaConvNet accepts any pair (its squeezes join layers whose streams need not divide each
    // other's channels) and floors the divisions; only a factor below 1 crashes it (division by zero).
    require(ci >= 1 && co >= 1, "coarse_in and coarse_out must be at least 1 (fpgaConvNet itself divides by them)");
    LayerResult r = streamedLayer(p, inputDims(p), inputDims(p), ci, co);
    r.latency = d(mul({p.rowsIn, p.colsIn, p.channelsIn / std::min(ci, co)}));
    setResources(r, {squeezeRsc(1, d(p.dataWidth), ci, co)});
    return r;
}

LayerResult globalPooling(const LayerParams& p)
{
    const int64_t c = p.coarseIn;
    require(divides(c, p.channelsIn), "coarse must divide channels_in");
    const int64_t Cs = p.channelsIn / c;
    LayerResult r = streamedLayer(p, inputDims(p), {1, 1, p.channelsIn}, c, c);
    r.latency = d(Cs); // GlobalPoolingLayer.latency override: no rows*cols factor (quirk)
    r.pipelineDepth = d(mul({p.rowsIn, p.colsIn, Cs}));
    r.operations = d(mul({p.rowsIn, p.colsIn, p.channelsIn}));
    setResources(r, {globalPoolRsc(d(p.dataWidth), d(p.accWidth), d(Cs), d(p.rowsIn), d(p.colsIn))}, d(c));
    return r;
}

// MultiPortLayer.resource: FIFO BRAM per input port not streamed off-chip.
double multiPortFifoBram(const LayerParams& p)
{
    double total = 0;
    for (int64_t i = 0; i < p.portsIn; ++i) {
        const auto ui = static_cast<std::size_t>(i);
        const bool streamed = ui < p.streamInputs.size() && p.streamInputs[ui];
        const double depth = ui < p.bufferDepth.size() ? d(p.bufferDepth[ui]) : 2;
        if (!streamed)
            total += bramArray(depth, d(p.dataWidth), true) * d(p.coarseIn);
    }
    return total;
}

LayerResult eltwise(const LayerParams& p)
{
    const Rsc lane{49, 23, p.opType == "add" ? 0.0 : 1.0, 0};
    LayerResult r = perLane(p, lane, d(mul({p.rowsIn, p.colsIn, p.channelsIn})));
    r.bram = multiPortFifoBram(p);
    return r;
}

LayerResult concat(const LayerParams& p)
{
    const int64_t c = p.coarseIn;
    require(!p.channelsInArray.empty(), "channels_in_array is empty");
    int64_t total = 0, perStream = 0;
    for (int64_t ch : p.channelsInArray) {
        require(divides(c, ch), "coarse must divide every channels_in_array entry");
        total += ch;
        perStream += ch / c;
    }
    const Dims firstInput{p.rowsIn, p.colsIn, p.channelsInArray[0]};
    LayerResult r = streamedLayer(p, firstInput, {p.rowsIn, p.colsIn, total}, c, c);
    r.latency = d(mul({p.rowsIn, p.colsIn, perStream}));
    // Concat.rate_in(port 0) = channels[0]/sum(channels), with the per-stream channel counts.
    r.rateIn = d(p.channelsInArray[0] / c) / d(perStream);
    r.bram = multiPortFifoBram(p);
    return r;
}

LayerResult split(const LayerParams& p)
{
    // The fork module keeps its defaults: 1 stream, 16-bit data, kernel 1, coarse = ports_out.
    return perLane(p, forkRsc(1, 16, 1, d(p.portsOut)), 0);
}

// BatchNormLayer.py: resources {LUT 0, FF 0, BRAM 0, DSP 2*coarse} (its shift_scale module and
// parameter memories are commented out); get_operations is Layer's, 0. Its module dict is empty,
// so fpgaConvNet's latency() (max over modules) raises; the latency here is the pass over the
// input that the commented-out ShiftScale module would take.
LayerResult batchNorm(const LayerParams& p)
{
    return perLane(p, {0, 0, 2, 0}, 0);
}

// HardswishLayer.py with the Hardswish module's fixed resources (LUT 16, FF 35, DSP 5) per
// coarse lane; latency the module's rows*cols*channels/coarse; operations rows*cols*channels.
LayerResult hardSwish(const LayerParams& p)
{
    return perLane(p, {16, 35, 5, 0}, d(mul({p.rowsIn, p.colsIn, p.channelsIn})));
}

// ReSizeLayer.py: one ReSize module on rows x cols x channels/coarse with scales (rows, cols,
// channels): rows_out = int(rows*s0), cols_out = int(cols*s1), its channels_out int(ch*s2),
// rate_in = prod(scales), latency = max(int(in/rate_in), int(out)), pipeline depth
// cols*ch*(s0-1) + ch*(s1-1). The layer's channels_out stays channels_in (Layer's); resources
// are all 0 (the regression is commented out).
LayerResult reSize(const LayerParams& p)
{
    const int64_t c = p.coarseIn;
    require(divides(c, p.channelsIn), "coarse must divide channels_in");
    require(p.scales.size() >= 3, "scale must hold the rows, cols and channels factors");
    for (double v : p.scales)
        require(std::isfinite(v) && v > 0, "scale factors must be positive");
    const int64_t Cs = p.channelsIn / c;
    double rateIn = 1;
    for (double v : p.scales)
        rateIn *= v;
    const auto rowsOut = static_cast<int64_t>(d(p.rowsIn) * p.scales[0]);
    const auto colsOut = static_cast<int64_t>(d(p.colsIn) * p.scales[1]);
    const auto moduleChannelsOut = static_cast<int64_t>(d(Cs) * p.scales[2]);
    require(rowsOut >= 1 && colsOut >= 1 && moduleChannelsOut >= 1, "scale factors leave an empty output");
    LayerResult r = streamedLayer(p, inputDims(p), {rowsOut, colsOut, p.channelsIn}, c, c);
    r.latency = moduleLatency(d(mul({p.rowsIn, p.colsIn, Cs})), rateIn, d(mul({rowsOut, colsOut, moduleChannelsOut})), 1);
    std::tie(r.rateIn, r.rateOut) = balanceModuleRates({rateIn}, {1});
    r.pipelineDepth = d(p.colsIn) * d(Cs) * (p.scales[0] - 1) + d(Cs) * (p.scales[1] - 1);
    r.operations = d(mul({p.rowsIn, p.colsIn, p.channelsIn}));
    return r;
}

// ChopLayer.py (a MultiPortLayer without modules): latency overridden as
// max(latency_in, latency_out), the MultiPortLayer floats (not truncated):
//   latency_in  = rows*cols*channels / min(mem_bw_in = 100, rate_in = 1 * coarse),
//   latency_out = max_i rows*cols*split_i / min(mem_bw_out_i = 100/ports, (split_i/channels) * coarse_out);
// pipeline depth 0 (no modules), resources 0, operations 0; streams out = chopCoarseOut.
LayerResult chop(const LayerParams& p)
{
    const int64_t C = p.channelsIn, c = p.coarseIn;
    require(!p.split.empty(), "split is empty");
    require(std::all_of(p.split.begin(), p.split.end(), [&](int64_t v) { return v == p.split[0] && v >= 1; }),
            "fpgaConvNet's Chop supports only equal splits");
    require(std::accumulate(p.split.begin(), p.split.end(), int64_t{0}) == C, "split must add up to channels_in");
    require(divides(c, C), "coarse must divide channels_in");
    const auto ports = static_cast<int64_t>(p.split.size());
    const int64_t co = chopCoarseOut(C, p.split[0], c);
    LayerResult r = streamedLayer(p, inputDims(p), {p.rowsIn, p.colsIn, p.split[0]}, c, co);
    const double latencyIn = std::fabs(r.workloadIn / std::min(100.0, 1.0 * d(c)));
    double latencyOut = 0;
    for (int64_t s : p.split)
        latencyOut = std::max(latencyOut, std::fabs(d(mul({p.rowsIn, p.colsIn, s})) / std::min(100.0 / d(ports), d(s) / d(C) * d(co))));
    r.latency = std::max(latencyIn, latencyOut);
    r.rateIn = 1;
    r.rateOut = d(p.split[0]) / d(C);
    return r;
}

} // namespace

int64_t chopCoarseOut(int64_t channels, int64_t split, int64_t coarse)
{
    if (channels < 1 || coarse < 1)
        return 1;
    const int64_t val = std::min(coarse, channels);
    const double ratio = d(channels) / d(val);
    return std::max<int64_t>(1, static_cast<int64_t>(d(split) / ratio));
}

std::pair<double, double> balanceModuleRates(std::vector<double> rateIn, std::vector<double> rateOut)
{
    // G[i][i] = rateIn[i], G[i][i+1] = rateOut[i]: only these two diagonals are ever touched.
    const std::size_t n = rateIn.size();
    if (n == 0)
        return {1, 1};
    std::vector<double> ratio(n);
    for (std::size_t i = 0; i < n; ++i)
        ratio[i] = std::fabs(rateOut[i] / rateIn[i]);
    for (std::size_t s = 1; s < n; ++s) {
        const std::size_t L = n - s;
        if (std::fabs(rateIn[L]) > std::fabs(rateOut[L - 1])) {
            for (std::size_t j = L; j < n; ++j) {
                if (std::fabs(rateIn[j]) <= std::fabs(rateOut[j - 1]))
                    break;
                rateIn[j] = std::fabs(rateOut[j - 1]);
                rateOut[j] = -rateIn[j] * ratio[j];
            }
        } else if (std::fabs(rateIn[L]) < std::fabs(rateOut[L - 1])) {
            for (std::size_t t = 0; t < L; ++t) {
                const std::size_t a = L - t;
                if (std::fabs(rateIn[a]) >= std::fabs(rateOut[a - 1]))
                    break;
                rateOut[a - 1] = -std::fabs(rateIn[a]);
                rateIn[a - 1] = -rateOut[a - 1] / ratio[a - 1];
            }
        }
    }
    return {std::fabs(rateIn[0]), std::fabs(rateOut[n - 1])};
}

// A convolution's groups each have their own `coarse` streams.
static int64_t streams(const LayerParams& p, int64_t coarse)
{
    return isConvolution(p.kind) ? coarse * p.coarseGroup : coarse;
}

int64_t layerStreamsIn(const LayerParams& p)
{
    return streams(p, p.coarseIn);
}

int64_t layerStreamsOut(const LayerParams& p)
{
    return streams(p, p.coarseOut);
}

LayerResult evaluateLayer(const LayerParams& p)
{
    for (int64_t v : {p.rowsIn, p.colsIn, p.channelsIn, p.channelsOut, p.coarseIn, p.coarseOut, p.coarseGroup, p.groups,
                      p.fine, p.kernelRows, p.kernelCols, p.strideRows, p.strideCols, p.portsIn, p.portsOut})
        require(v >= 1, "sizes, coarse factors, fine, kernel, stride and ports must be at least 1");
    for (int64_t v : {p.padTop, p.padRight, p.padBottom, p.padLeft, p.streamWeights})
        require(v >= 0, "pads and stream_weights must not be negative");
    for (int64_t v : {p.dataWidth, p.inputWidth, p.outputWidth, p.weightWidth, p.accWidth})
        require(v >= 1, "fixed-point widths must be at least 1");

    switch (p.kind) {
    case Kind::ConvolutionSparse: {
        const int64_t K = p.kernelRows * p.kernelCols;
        require(static_cast<int64_t>(p.sparsity.size()) == mul(p.channelsIn, K + 1),
                "sparsity must hold channels_in*(kernel_rows*kernel_cols+1) values");
        for (double v : p.sparsity)
            require(std::isfinite(v) && v >= 0 && v <= 1, "sparsity values must lie in [0, 1]");
        return convolution(p);
    }
    case Kind::ConvolutionPointwiseSparse:
        require(static_cast<int64_t>(p.sparsity.size()) == p.channelsIn, "sparsity must hold channels_in values");
        for (double v : p.sparsity)
            require(std::isfinite(v) && v >= 0 && v <= 1, "sparsity values must lie in [0, 1]");
        return convolution(p);
    case Kind::Convolution:
        return convolution(p);
    case Kind::InnerProduct:
        return innerProduct(p);
    case Kind::Pooling:
        return pooling(p);
    case Kind::ReLU:
    case Kind::ThresholdedReLU:
    case Kind::Sigmoid:
    case Kind::HardSigmoid:
        return relu(p);
    case Kind::BatchNorm:
        return batchNorm(p);
    case Kind::HardSwish:
        return hardSwish(p);
    case Kind::ReSize:
        return reSize(p);
    case Kind::Chop:
        return chop(p);
    case Kind::Squeeze:
        return squeezeLayer(p);
    case Kind::GlobalPooling:
        return globalPooling(p);
    case Kind::EltWise:
        return eltwise(p);
    case Kind::Concat:
        return concat(p);
    case Kind::Split:
        return split(p);
    }
    throw CompatError("unknown layer kind");
}

} // namespace foldwise::fpgaconvnet::compat
