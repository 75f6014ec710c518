#include "model/qonnx/QuantizerMath.h"

#include "model/Broadcast.h"
#include "model/Shape.h"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <sstream>
#include <stdexcept>
#include <utility>

namespace foldwise::qonnx {
namespace {

std::string upper(std::string_view s)
{
    std::string u(s);
    for (char& c : u)
        c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    return u;
}

std::vector<std::vector<int64_t>> stridesFor(const std::vector<const FloatArray*>& operands,
                                             const std::vector<int64_t>& outDims)
{
    std::vector<std::vector<int64_t>> strides;
    for (const FloatArray* a : operands)
        strides.push_back(broadcastStrides(a->dims, outDims));
    return strides;
}

std::vector<int64_t> outputDims(const std::vector<const FloatArray*>& operands)
{
    std::vector<std::vector<int64_t>> shapes;
    for (const FloatArray* a : operands)
        shapes.push_back(a->dims);
    return broadcastDims(shapes);
}

void checkSize(const FloatArray& a, const char* what)
{
    int64_t n = 1;
    for (int64_t d : a.dims)
        n *= d;
    if (static_cast<std::size_t>(n) != a.values.size())
        throw std::invalid_argument(std::string(what) + " holds " + std::to_string(a.values.size())
                                    + " values but its dims need " + std::to_string(n));
}

} // namespace

std::optional<RoundingMode> parseRoundingMode(std::string_view name)
{
    // Every spelling accepted, aliases included (ROUND is HALF_EVEN, ROUND_TO_ZERO is DOWN).
    static constexpr std::pair<std::string_view, RoundingMode> kSpellings[] = {
        {"ROUND", RoundingMode::HalfEven}, {"HALF_EVEN", RoundingMode::HalfEven}, {"CEIL", RoundingMode::Ceil},
        {"FLOOR", RoundingMode::Floor},    {"UP", RoundingMode::Up},              {"DOWN", RoundingMode::Down},
        {"ROUND_TO_ZERO", RoundingMode::Down}, {"HALF_UP", RoundingMode::HalfUp}, {"HALF_DOWN", RoundingMode::HalfDown}};
    const std::string u = upper(name);
    for (const auto& [spelling, mode] : kSpellings)
        if (u == spelling)
            return mode;
    return std::nullopt;
}

std::string_view roundingModeName(RoundingMode mode)
{
    switch (mode) {
    case RoundingMode::HalfEven: return "ROUND";
    case RoundingMode::Ceil: return "CEIL";
    case RoundingMode::Floor: return "FLOOR";
    case RoundingMode::Up: return "UP";
    case RoundingMode::Down: return "DOWN";
    case RoundingMode::HalfUp: return "HALF_UP";
    case RoundingMode::HalfDown: return "HALF_DOWN";
    }
    return "ROUND";
}

namespace {

// Round half to even without a libm call (the build targets plain x86-64, no SSE4.1 roundss):
// adding and subtracting 1.5 * 2^23 leaves the nearest integer, ties to even, for |v| < 2^22;
// from 2^23 every float is an integer already.
inline float roundHalfEven(float v)
{
    const float a = std::fabs(v);
    if (a < 4194304.0f)
        return std::copysign((a + 12582912.0f) - 12582912.0f, v);
    return a < 8388608.0f ? std::nearbyint(v) : v;
}

// One value of Quant: q = x/s + z, bipolar (1-bit signed) or clamped to [lo, hi] then rounded,
// rescaled to (q - z) * s. Clamp before rounding, as qonnx does (the bounds are integers, so the
// order does not change the result; NaN stays NaN).
template <typename Round>
inline float quantizeValue(float x, float s, float z, float lo, float hi, bool bipolar, Round round)
{
    float q = x / s + z;
    if (bipolar) {
        q = q >= 0.0f ? 1.0f : -1.0f;
    } else {
        q = q > hi ? hi : q;
        q = q < lo ? lo : q;
        q = round(q);
    }
    return (q - z) * s;
}

} // namespace

float roundWith(RoundingMode mode, float v)
{
    switch (mode) {
    case RoundingMode::HalfEven: return roundHalfEven(v);
    case RoundingMode::Ceil: return std::ceil(v);
    case RoundingMode::Floor: return std::floor(v);
    case RoundingMode::Up: return v >= 0 ? std::ceil(v) : std::floor(v);
    case RoundingMode::Down: return std::trunc(v);
    // qonnx's numpy formulas in float32: sign(v)*floor(|v| + 0.5) (so 0.49999997 becomes 1,
    // as |v| + 0.5 rounds to 1.0f) and sign(v)*ceil(|v| - 0.5).
    case RoundingMode::HalfUp: return std::copysign(std::floor(std::fabs(v) + 0.5f), v) + 0.0f;
    case RoundingMode::HalfDown: return std::copysign(std::ceil(std::fabs(v) - 0.5f), v) + 0.0f;
    }
    return v;
}

IntegerRange integerRange(int bits, bool isSigned, bool narrow)
{
    if (isSigned) {
        const double half = std::ldexp(1.0, bits - 1);
        return {-half + (narrow ? 1 : 0), half - 1};
    }
    return {0, std::ldexp(1.0, bits) - 1 - (narrow ? 1 : 0)};
}

std::string checkBitWidth(double bits)
{
    if (!std::isfinite(bits) || bits != std::floor(bits))
        return "the bit width " + std::to_string(bits) + " is not an integer";
    if (bits < 1 || bits > 32) {
        // Streamed, not cast to an integer: a bit width of 1e30 is no long long (undefined behaviour).
        std::ostringstream text;
        text << "the bit width " << bits << " is outside 1..32";
        return text.str();
    }
    return {};
}

std::vector<float> quantize(const FloatArray& x, const FloatArray& scale, const FloatArray& zeroPoint,
                            const QuantSpec& spec, std::vector<int64_t>& outDims)
{
    checkSize(x, "X");
    checkSize(scale, "scale");
    checkSize(zeroPoint, "zero point");
    const std::vector<const FloatArray*> operands{&x, &scale, &zeroPoint};
    outDims = outputDims(operands);
    const auto strides = stridesFor(operands, outDims);
    std::vector<float> out(static_cast<std::size_t>(checkedProduct(outDims).value_or(0)));
    const IntegerRange range = integerRange(spec.bits, spec.isSigned, spec.narrow);
    const auto lo = static_cast<float>(range.lo);
    const auto hi = static_cast<float>(range.hi);
    const bool bipolar = spec.bits == 1 && spec.isSigned;
    forEachBroadcastRun(outDims, strides, [&](int64_t o, const std::vector<int64_t>& in, int64_t run) {
        const int64_t xs = strides[0].empty() ? 0 : strides[0].back();
        const int64_t ss = strides[1].empty() ? 0 : strides[1].back();
        const int64_t zs = strides[2].empty() ? 0 : strides[2].back();
        const auto round = [mode = spec.rounding](float v) { return roundWith(mode, v); };
        for (int64_t k = 0; k < run; ++k)
            out[static_cast<std::size_t>(o + k)] = quantizeValue(
                x.values[static_cast<std::size_t>(in[0] + k * xs)], scale.values[static_cast<std::size_t>(in[1] + k * ss)],
                zeroPoint.values[static_cast<std::size_t>(in[2] + k * zs)], lo, hi, bipolar, round);
    });
    return out;
}

void quantizeWithScalars(std::span<const float> x, float scale, float zeroPoint, const QuantSpec& spec, std::span<float> out)
{
    const IntegerRange range = integerRange(spec.bits, spec.isSigned, spec.narrow);
    const auto lo = static_cast<float>(range.lo);
    const auto hi = static_cast<float>(range.hi);
    const std::size_t n = std::min(x.size(), out.size());
    const bool bipolar = spec.bits == 1 && spec.isSigned;
    auto body = [&](auto round) {
        for (std::size_t i = 0; i < n; ++i)
            out[i] = quantizeValue(x[i], scale, zeroPoint, lo, hi, bipolar, round);
    };
    // The common mode gets its own loop, which the compiler vectorises.
    if (spec.rounding == RoundingMode::HalfEven)
        body([](float v) { return roundHalfEven(v); });
    else
        body([mode = spec.rounding](float v) { return roundWith(mode, v); });
}

std::vector<float> bipolarQuantize(const FloatArray& x, const FloatArray& scale, std::vector<int64_t>& outDims)
{
    checkSize(x, "X");
    checkSize(scale, "scale");
    const std::vector<const FloatArray*> operands{&x, &scale};
    outDims = outputDims(operands);
    const auto strides = stridesFor(operands, outDims);
    std::vector<float> out(static_cast<std::size_t>(checkedProduct(outDims).value_or(0)));
    forEachBroadcastRun(outDims, strides, [&](int64_t o, const std::vector<int64_t>& in, int64_t run) {
        const int64_t xs = strides[0].empty() ? 0 : strides[0].back();
        const int64_t ss = strides[1].empty() ? 0 : strides[1].back();
        for (int64_t k = 0; k < run; ++k) {
            const float v = x.values[static_cast<std::size_t>(in[0] + k * xs)];
            out[static_cast<std::size_t>(o + k)] = (v >= 0.0f ? 1.0f : -1.0f) * scale.values[static_cast<std::size_t>(in[1] + k * ss)];
        }
    });
    return out;
}

std::vector<float> truncate(const FloatArray& x, const FloatArray& scale, const FloatArray& zeroPoint,
                            const FloatArray* outScale, const TruncSpec& spec, std::vector<int64_t>& outDims)
{
    checkSize(x, "X");
    checkSize(scale, "scale");
    checkSize(zeroPoint, "zero point");
    static const float unit = 1.0f;
    const FloatArray unitArray{std::span<const float>(&unit, 1), {}};
    const FloatArray& os = outScale ? *outScale : unitArray;
    if (outScale)
        checkSize(*outScale, "output scale");
    const std::vector<const FloatArray*> operands{&x, &scale, &zeroPoint, &os};
    outDims = outputDims(operands);
    const auto strides = stridesFor(operands, outDims);
    std::vector<float> out(static_cast<std::size_t>(checkedProduct(outDims).value_or(0)));
    const IntegerRange range = integerRange(static_cast<int>(spec.outBits), spec.isSigned, spec.narrow);
    const auto lo = static_cast<float>(range.lo);
    const auto hi = static_cast<float>(range.hi);
    const auto shiftScale = static_cast<float>(std::ldexp(1.0, static_cast<int>(spec.inBits - spec.outBits)));
    forEachBroadcastRun(outDims, strides, [&](int64_t o, const std::vector<int64_t>& in, int64_t run) {
        auto step = [&](std::size_t i) { return strides[i].empty() ? int64_t{0} : strides[i].back(); };
        for (int64_t k = 0; k < run; ++k) {
            const float s = scale.values[static_cast<std::size_t>(in[1] + k * step(1))];
            const float z = zeroPoint.values[static_cast<std::size_t>(in[2] + k * step(2))];
            float y = std::nearbyint(x.values[static_cast<std::size_t>(in[0] + k * step(0))] / s + z);
            if (!outScale) {
                y = roundWith(spec.rounding, y / shiftScale);
                out[static_cast<std::size_t>(o + k)] = (y - z) * s;
                continue;
            }
            const float so = os.values[static_cast<std::size_t>(in[3] + k * step(3))];
            const auto t = static_cast<float>(std::exp2(std::nearbyint(std::log2(static_cast<double>(so / s)))));
            y = y / t;
            y = y > hi ? hi : y;
            y = y < lo ? lo : y;
            y = roundWith(spec.rounding, y);
            out[static_cast<std::size_t>(o + k)] = (y - z / t) * so;
        }
    });
    return out;
}

std::size_t thresholdChannelAxis(std::size_t rank, bool channelsLast)
{
    if (rank == 2)
        return 1;
    if (rank == 4)
        return channelsLast ? 3 : 1;
    return rank == 0 ? 0 : rank - 1;
}

std::vector<float> multiThreshold(const FloatArray& x, const FloatArray& thresholds, const ThresholdSpec& spec)
{
    checkSize(x, "X");
    checkSize(thresholds, "thresholds");
    if (thresholds.dims.size() != 2)
        throw std::invalid_argument("thresholds must have 2 dims [channels or 1, steps], not "
                                    + std::to_string(thresholds.dims.size()));
    if (x.dims.empty())
        throw std::invalid_argument("MultiThreshold needs an input of rank 1 or more");
    const std::size_t axis = thresholdChannelAxis(x.dims.size(), spec.channelsLast);
    const int64_t channels = x.dims[axis];
    const int64_t rows = thresholds.dims[0];
    const int64_t steps = thresholds.dims[1];
    if (rows != 1 && rows != channels)
        throw std::invalid_argument("thresholds have " + std::to_string(rows) + " rows but the input has "
                                    + std::to_string(channels) + " channels (axis " + std::to_string(axis) + ")");
    int64_t inner = 1;
    for (std::size_t d = axis + 1; d < x.dims.size(); ++d)
        inner *= x.dims[d];
    // Sorted rows (FINN's always are) are searched; others counted one by one.
    std::vector<bool> sorted(static_cast<std::size_t>(rows));
    for (int64_t r = 0; r < rows; ++r) {
        const float* t = thresholds.values.data() + r * steps;
        sorted[static_cast<std::size_t>(r)] = std::is_sorted(t, t + steps);
    }
    std::vector<float> out(x.values.size());
    for (std::size_t i = 0; i < x.values.size(); ++i) {
        const int64_t c = (static_cast<int64_t>(i) / inner) % channels;
        const int64_t r = rows == 1 ? 0 : c;
        const float* t = thresholds.values.data() + r * steps;
        const float v = x.values[i];
        int64_t count = 0;
        if (std::isnan(v))
            count = 0;
        else if (sorted[static_cast<std::size_t>(r)])
            count = std::upper_bound(t, t + steps, v) - t; // thresholds <= v
        else
            for (int64_t k = 0; k < steps; ++k)
                count += v >= t[k] ? 1 : 0;
        out[i] = spec.outScale * static_cast<float>(count) + spec.outBias;
    }
    return out;
}

} // namespace foldwise::qonnx
