#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace foldwise::qonnx {

// Rounding of Quant/IntQuant and Trunc (qonnx docs, intquant_v1.md): ROUND is half to even.
enum class RoundingMode { HalfEven, Ceil, Floor, Up, Down, HalfUp, HalfDown };

// Case-insensitive; also accepts HALF_EVEN and ROUND_TO_ZERO (= DOWN). nullopt when unknown.
std::optional<RoundingMode> parseRoundingMode(std::string_view name);
std::string_view roundingModeName(RoundingMode mode);
float roundWith(RoundingMode mode, float value);

struct IntegerRange {
    double lo = 0;
    double hi = 0;
};

// The integers a bit width holds: signed [-2^(b-1) (+1 if narrow), 2^(b-1)-1],
// unsigned [0, 2^b-1 (-1 if narrow)].
IntegerRange integerRange(int bits, bool isSigned, bool narrow);

// "" when `bits` is a usable bit width (an integer in 1..32), else why not.
std::string checkBitWidth(double bits);

// A float tensor as the maths sees it: row-major values and their dims.
struct FloatArray {
    std::span<const float> values;
    std::vector<int64_t> dims;
};

struct QuantSpec {
    int bits = 8;
    bool isSigned = true;
    bool narrow = false;
    RoundingMode rounding = RoundingMode::HalfEven;
};

// Quant: q = clamp(x/scale + zeropt, lo, hi) rounded, y = (q - zeropt)*scale, in float32 as
// qonnx and onnxruntime compute it. A signed 1-bit Quant is bipolar (q = x/scale+zp >= 0 ? 1 : -1),
// as qonnx executes it. scale and zeropt broadcast (per tensor or per channel); the result has
// the broadcast dims, written to `outDims`.
std::vector<float> quantize(const FloatArray& x, const FloatArray& scale, const FloatArray& zeroPoint,
                            const QuantSpec& spec, std::vector<int64_t>& outDims);

// The same with per-tensor scale and zero point, written to `out` (x's size): the fast path.
void quantizeWithScalars(std::span<const float> x, float scale, float zeroPoint, const QuantSpec& spec, std::span<float> out);

// BipolarQuant: (x >= 0 ? 1 : -1) * scale.
std::vector<float> bipolarQuantize(const FloatArray& x, const FloatArray& scale, std::vector<int64_t>& outDims);

struct TruncSpec {
    double inBits = 8;
    double outBits = 4;
    bool isSigned = true;
    bool narrow = false;
    RoundingMode rounding = RoundingMode::Floor;
};

// Trunc. Without `outScale` (version 1, five inputs): y = rnd(round(x/s + zp) / 2^(in-out)),
// out = (y - zp)*s. With it (version 2): t = 2^round(log2(outScale/s)), y = clamp(round(x/s+zp)/t)
// to the output bit width, rounded, out = (y - zp/t)*outScale.
std::vector<float> truncate(const FloatArray& x, const FloatArray& scale, const FloatArray& zeroPoint,
                            const FloatArray* outScale, const TruncSpec& spec, std::vector<int64_t>& outDims);

struct ThresholdSpec {
    float outScale = 1.0f;
    float outBias = 0.0f;
    bool channelsLast = false; // data_layout NHWC
};

// Axis of x holding the channels MultiThreshold reads: 1 for NCHW rank 2/4 tensors, the last
// axis for NHWC and for other ranks (qonnx's rule).
std::size_t thresholdChannelAxis(std::size_t rank, bool channelsLast);

// MultiThreshold: out_scale * #{i : x >= T[c, i]} + out_bias, thresholds [C or 1, N].
// Throws std::invalid_argument when the thresholds do not match the channels.
std::vector<float> multiThreshold(const FloatArray& x, const FloatArray& thresholds, const ThresholdSpec& spec);

} // namespace foldwise::qonnx
