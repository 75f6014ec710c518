// MVAU_hls and VVAU_hls: cycles and resources as FINN's matrixvectoractivation.py,
// vectorvectoractivation.py and their hls/ subclasses compute them (mem_mode internal_decoupled,
// FINN's default and the only weight memory mode modelled).
#include "hw/finn/FinnFormulas.h"

#include <algorithm>
#include <bit>
#include <cmath>
#include <tuple>

namespace foldwise::finn::formulas {
namespace {

// The shared FINN-R LUT form: 300 + 1.1 * P * (mult + addertree + acc + thr + comp) + c2.
// Evaluated in doubles in Python's order and truncated as int() does, so results match FINN.
double lutFormula(double pe, double mult, double adderTree, double accBits, double thr, double comp, double c2)
{
    const double c0 = 300;
    const double c1 = 1.1;
    return std::trunc(c0 + c1 * (pe * (mult + adderTree + accBits + thr + comp)) + c2);
}

double multiplierLuts(const NodeFolding& f, int w, int a)
{
    // LUT multipliers per SIMD lane; none when resType = dsp ("auto" counts as LUTs, as in FINN).
    if (f.resType == ResType::Dsp)
        return 0;
    return static_cast<double>(f.simd * (2 * ceilDiv(w + a, 6) - 1) * (w + a));
}

// log2 rounded up, exactly, for the FINN-R form's accumulator width (v >= 1).
int ceilLog2(int64_t v)
{
    return static_cast<int>(std::bit_width(static_cast<uint64_t>(v - 1)));
}

// What the MVAU and VVAU formulas read of a node's folding and types: PE, SIMD, and the weight
// and input widths.
std::tuple<int64_t, int64_t, int, int> peSimdWidths(const FinnNode& n)
{
    return {n.folding.pe, n.folding.simd, n.weightType.bits, n.inputType.bits};
}

// Where MVAU_hls and VVAU_hls lut_estimation differ.
struct UnitLut {
    int64_t dotLength;            // MW, or k_h * k_w
    int64_t wmem;
    int64_t tmem;
    bool finnThresholdLuts;       // FINN form: whether thresholds are counted in LUTs
    bool finnRoundsTmem;          // FINN form: ceil(TMEM / 64) rather than TMEM / 64
};

// c0 + c1 * P * (mult + addertree + acc + thr + comp) + c2 with either accumulator rule.
double unitLut(const FinnNode& n, const EstimateOptions& options, const UnitLut& u)
{
    const NodeFolding& f = n.folding;
    const auto [p, q, w, a] = peSimdWidths(n);
    // Distributed weight memory: P*Q*W LUTRAM columns, ceil(WMEM/64) deep.
    const double c2 = f.ramStyle == RamStyle::Distributed ? static_cast<double>(p * q * w * ceilDiv(u.wmem, 64)) : 0.0;
    const double mult = multiplierLuts(f, w, a);
    const double adderTree = static_cast<double>((w + a) * (2 * q - 1));
    // Threshold count 2^B - 1 of the activation (only read when there is one).
    const double levels = n.hasThresholds ? static_cast<double>((int64_t{1} << n.outputType.bits) - 1) : 0.0;
    double accBits = 0;
    double thr = 0;
    double comp = 0;
    if (options.lutFormula == LutFormula::Finn) {
        accBits = std::min(static_cast<double>(n.accType.bits),
                           accumulatorBitsBound(u.dotLength, w, a, n.inputType.isSigned));
        if (n.hasThresholds && u.finnThresholdLuts) {
            thr = u.finnRoundsTmem ? levels * accBits * static_cast<double>(ceilDiv(u.tmem, 64))
                                   : levels * accBits * static_cast<double>(u.tmem) / 64;
            comp = levels * accBits;
        }
    } else {
        accBits = static_cast<double>(w + a + ceilLog2(u.dotLength));
        if (n.hasThresholds) {
            thr = levels * accBits * static_cast<double>(ceilDiv(u.tmem, 64));
            comp = levels * accBits;
        }
    }
    return lutFormula(static_cast<double>(p), mult, adderTree, accBits, thr, comp, c2);
}

} // namespace

NodeEstimate mvau(const FinnNode& n, const EstimateOptions& options)
{
    const NodeFolding& f = n.folding;
    const auto [p, q, w, a] = peSimdWidths(n);
    NodeEstimate e;
    // get_exp_cycles: (MH/PE) * (MW/SIMD) * prod(numInputVectors).
    e.cycles = (n.mh / p) * (n.mw / q) * n.numInputVectors;

    const int64_t wmem = n.mw * n.mh / (p * q);
    const int64_t tmem = n.hasThresholds ? n.mh / p : 0;
    const double omega = static_cast<double>(n.mw * n.mh) / static_cast<double>(q * p);
    const int64_t memWidth = q * w * p;

    // bram_estimation: LUTRAM and URAM weight memories take no BRAM.
    if (f.ramStyle != RamStyle::Distributed && f.ramStyle != RamStyle::Ultra)
        e.bram18 = finnRBram18(omega, memWidth);
    // uram_estimation: only ram_style = ultra.
    if (f.ramStyle == RamStyle::Ultra)
        e.uram = static_cast<double>(ceilDiv(memWidth, 72)) * std::ceil(omega / 4096);
    const double weightBits = static_cast<double>(w) * static_cast<double>(n.mw * n.mh);
    if (e.bram18 > 0)
        e.bramEfficiency = weightBits / (e.bram18 * 36 * 512);
    if (e.uram > 0)
        e.uramEfficiency = weightBits / (e.uram * 72 * 4096);
    // dsp_estimation: P * Q * ceil((W + A) / 48) when resType = dsp.
    if (f.resType == ResType::Dsp)
        e.dsp = static_cast<double>(p * q * ceilDiv(w + a, 48));

    // LUT thresholds only when ram_style_thresholds = distributed, ceil(TMEM/64) of them.
    e.lut = unitLut(n, options, UnitLut{n.mw, wmem, tmem, f.ramStyleThresholds == RamStyle::Distributed, true});
    return e;
}

NodeEstimate vvau(const FinnNode& n, const EstimateOptions& options)
{
    const NodeFolding& f = n.folding;
    const auto [p, q, w, a] = peSimdWidths(n);
    const int64_t k = n.kernel[0] * n.kernel[1];
    const int64_t ch = n.channels;
    NodeEstimate e;
    // get_exp_cycles: (Channels * k_h * k_w / PE / SIMD) * dim_h * dim_w.
    e.cycles = ch * k / p / q * n.ofmDim[0] * n.ofmDim[1];

    const int64_t wmem = k * ch / p / q;
    const int64_t tmem = n.hasThresholds ? ch / p : 0;
    const double omega = static_cast<double>(wmem);
    const int64_t memWidth = q * w * p;
    // bram_estimation: unlike the MVAU, memories up to 128 deep under ram_style auto are taken
    // to be LUTRAM, and the width divisors are 4/8/16/32 rather than 4/9/18/36.
    const bool noBram = f.ramStyle == RamStyle::Distributed || f.ramStyle == RamStyle::Ultra
        || (f.ramStyle == RamStyle::Auto && wmem <= 128);
    if (!noBram) {
        const double mw = static_cast<double>(memWidth);
        if (memWidth == 1)
            e.bram18 = std::ceil(omega / 16384);
        else if (memWidth == 2)
            e.bram18 = std::ceil(omega / 8192);
        else if (memWidth <= 4)
            e.bram18 = std::ceil(omega / 4096) * std::ceil(mw / 4);
        else if (memWidth <= 9)
            e.bram18 = std::ceil(omega / 2048) * std::ceil(mw / 8);
        else if (memWidth <= 18 || omega > 512)
            e.bram18 = std::ceil(omega / 1024) * std::ceil(mw / 16);
        else
            e.bram18 = std::ceil(omega / 512) * std::ceil(mw / 32);
    }
    if (f.ramStyle == RamStyle::Ultra)
        e.uram = static_cast<double>(ceilDiv(memWidth, 72) * ceilDiv(wmem, 4096));
    // The efficiencies as FINN writes them: W * PE * WMEM bits for BRAM, W * K * Channels for URAM.
    if (e.bram18 > 0)
        e.bramEfficiency = static_cast<double>(w * p) * omega / (e.bram18 * 36 * 512);
    if (e.uram > 0)
        e.uramEfficiency = static_cast<double>(w * k * ch) / (e.uram * 72 * 4096);
    // dsp_estimation: P * ceil((W + A) / 48); FINN leaves SIMD out here.
    if (f.resType == ResType::Dsp)
        e.dsp = static_cast<double>(p * ceilDiv(w + a, 48));

    // VVAU_hls counts thresholds in LUTs whenever there is an activation (it has no
    // ram_style_thresholds) and divides TMEM by 64 without rounding.
    e.lut = unitLut(n, options, UnitLut{k, wmem, tmem, true, false});
    return e;
}

} // namespace foldwise::finn::formulas
