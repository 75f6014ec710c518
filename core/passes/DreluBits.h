#pragma once

// Sign bits (DReLU = 1[x >= 0]) of a ReLU layer's input over calibration items, one packed bit
// vector per unit: unit u's bit n is item n's decision, 64 items to a 64-bit word. A layer of
// U units over N items takes U * ceil(N/64) words (N*U bits, rounded up per unit), and the
// Hamming distance of two units' vectors is a popcount over their words.

#include <bit>
#include <cstddef>
#include <cstdint>
#include <vector>

namespace foldwise::passes {

class DreluBits {
public:
    DreluBits() = default;
    // `units` vectors of room for `items` bits, all zero.
    DreluBits(std::size_t units, std::size_t items);

    std::size_t units() const { return units_; }
    std::size_t items() const { return items_; }
    std::size_t words() const { return words_; } // per unit
    const uint64_t* unit(std::size_t u) const { return bits_.data() + u * words_; }
    const uint64_t* data() const { return bits_.data(); }

    bool bit(std::size_t unit, std::size_t item) const
    {
        return (bits_[unit * words_ + item / 64] >> (item % 64)) & 1u;
    }
    void set(std::size_t unit, std::size_t item, bool value);

    // Records the decisions of items first .. first + count - 1 from `rows`: count rows of
    // units() floats, item after item (a row-major batch x units tensor). 1 where x >= 0
    // (NaN gives 0, as ONNX's GreaterOrEqual does). Shares the units out over OpenMP threads.
    void record(const float* rows, std::size_t first, std::size_t count);

    // Keeps the first `items` items (fewer were readable than room was made for).
    void truncate(std::size_t items);

    // The vectors of the listed units, in that order.
    DreluBits select(const std::vector<int64_t>& units) const;

private:
    std::size_t units_ = 0;
    std::size_t items_ = 0;
    std::size_t words_ = 0;
    std::vector<uint64_t> bits_;
};

inline int32_t hammingDistance(const uint64_t* a, const uint64_t* b, std::size_t words)
{
    int32_t d = 0;
    for (std::size_t w = 0; w < words; ++w)
        d += std::popcount(a[w] ^ b[w]);
    return d;
}

} // namespace foldwise::passes
