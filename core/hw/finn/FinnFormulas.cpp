// Arithmetic the FINN node formulas share: divisors, accumulator widths, memory tables.
#include "hw/finn/FinnFormulas.h"

#include <algorithm>
#include <bit>
#include <cmath>
#include <stdexcept>

namespace foldwise::finn::formulas {

int64_t ceilDiv(int64_t a, int64_t b)
{
    return (a + b - 1) / b;
}

namespace {

// Smallest b with 2^b > v, for v >= 0 (0 for v = 0).
int bitLength(int64_t v)
{
    return static_cast<int>(std::bit_width(static_cast<uint64_t>(v)));
}

} // namespace

FinnDataType accumulatorType(int64_t length, const FinnDataType& weights, const FinnDataType& inputs)
{
    // calculate_matvec_accumulator_range: length x the extreme weight-input products.
    const int64_t products[] = {weights.min() * inputs.max(), weights.min() * inputs.min(),
                                weights.max() * inputs.max(), weights.max() * inputs.min()};
    const int64_t accMin = length * *std::min_element(std::begin(products), std::end(products));
    const int64_t accMax = length * *std::max_element(std::begin(products), std::end(products));
    // minimize_accumulator_width: UINT ceil(log2(max + 1)) when non-negative, else
    // INT ceil(log2(max(-min, 1 + max)) + 1); integer bit lengths give the same widths exactly.
    if (accMin >= 0)
        return FinnDataType::unsignedInt(std::max(1, bitLength(accMax)));
    const int64_t magnitude = std::max(-accMin, 1 + accMax);
    return FinnDataType::signedInt(std::max(2, bitLength(magnitude - 1) + 1));
}

double accumulatorBitsBound(int64_t length, int weightBits, int inputBits, bool inputSigned)
{
    // Python's math.log(x, 2) is log(x) / log(2); kept so the ceil lands where FINN's does.
    const double ln2 = std::log(2.0);
    const double alpha = std::log(static_cast<double>(length)) / ln2 + weightBits + inputBits - 1 - (inputSigned ? 1 : 0);
    return std::ceil(alpha + std::log(1 + std::pow(2.0, -alpha)) / ln2 + 1);
}

double finnRBram18(double depth, int64_t width)
{
    // FINN-R (Blott et al. 2018), RAMB18 in simple dual port mode (UG573 table 1-10).
    const auto ceilD = [](double x) { return std::ceil(x); };
    const double w = static_cast<double>(width);
    if (width == 1)
        return ceilD(depth / 16384);
    if (width == 2)
        return ceilD(depth / 8192);
    if (width <= 4)
        return ceilD(depth / 4096) * ceilD(w / 4);
    if (width <= 9)
        return ceilD(depth / 2048) * ceilD(w / 9);
    if (width <= 18 || depth > 512)
        return ceilD(depth / 1024) * ceilD(w / 18);
    return ceilD(depth / 512) * ceilD(w / 36);
}

MemoryChoice leastWasteMemory(int64_t width, int64_t depth, bool allowUram, bool allowBram, bool allowLutram)
{
    // mem_primitives_versal in its dict order; Python's sorted() is stable, so on equal waste
    // the earlier primitive wins.
    struct Primitive {
        const char* family;
        int64_t width;
        int64_t depth;
    };
    static constexpr Primitive kPrimitives[] = {
        {"URAM", 72, 4096},   {"URAM", 36, 8192},     {"URAM", 18, 16384},   {"URAM", 9, 32768},
        {"BRAM18", 36, 512},  {"BRAM18", 18, 1024},   {"BRAM18", 9, 2048},   {"LUTRAM", 1, 64},
    };
    // qonnx roundup_to_integer_multiple: values below the factor round up to the factor.
    const auto roundUp = [](int64_t x, int64_t factor) { return x < factor ? factor : ceilDiv(x, factor) * factor; };
    MemoryChoice best;
    int64_t bestWaste = 0;
    bool found = false;
    for (const Primitive& p : kPrimitives) {
        const std::string family = p.family;
        if ((family == "URAM" && !allowUram) || (family == "BRAM18" && !allowBram) || (family == "LUTRAM" && !allowLutram))
            continue;
        const int64_t count = (roundUp(width, p.width) / p.width) * (roundUp(depth, p.depth) / p.depth);
        const int64_t waste = count * p.width * p.depth - width * depth;
        if (!found || waste < bestWaste) {
            best = MemoryChoice{family, count};
            bestWaste = waste;
            found = true;
        }
    }
    if (!found)
        throw std::logic_error("leastWasteMemory: no memory primitive allowed");
    return best;
}

} // namespace foldwise::finn::formulas
