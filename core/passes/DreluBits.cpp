#include "passes/DreluBits.h"

#include <algorithm>
#include <stdexcept>
#include <string>

namespace foldwise::passes {

DreluBits::DreluBits(std::size_t units, std::size_t items)
    : units_(units), items_(items), words_((items + 63) / 64), bits_(units * words_, 0)
{
}

void DreluBits::set(std::size_t unit, std::size_t item, bool value)
{
    if (unit >= units_ || item >= items_)
        throw std::out_of_range("DreluBits::set: unit " + std::to_string(unit) + ", item " + std::to_string(item));
    uint64_t& w = bits_[unit * words_ + item / 64];
    const uint64_t mask = uint64_t(1) << (item % 64);
    w = value ? (w | mask) : (w & ~mask);
}

void DreluBits::record(const float* rows, std::size_t first, std::size_t count)
{
    if (first + count > items_)
        throw std::out_of_range("DreluBits::record: items " + std::to_string(first) + " + " + std::to_string(count)
                                + " beyond room for " + std::to_string(items_));
    // Blocks of units: each thread owns whole unit vectors (no shared words), and a block's
    // floats of one item are read in one sequential run.
    constexpr int64_t kBlock = 2048;
    const auto units = static_cast<int64_t>(units_);
    const int64_t blocks = (units + kBlock - 1) / kBlock;
    const bool parallel = units * static_cast<int64_t>(count) > (int64_t(1) << 16);
#pragma omp parallel for schedule(static) if (parallel)
    for (int64_t b = 0; b < blocks; ++b) {
        const int64_t begin = b * kBlock, end = std::min(units, begin + kBlock);
        for (std::size_t i = 0; i < count; ++i) {
            const std::size_t item = first + i;
            const std::size_t word = item / 64;
            const unsigned shift = item % 64;
            const float* row = rows + i * units_;
            // Branch-free: signs are close to random, and the one-word case vectorises.
            for (int64_t u = begin; u < end; ++u)
                bits_[static_cast<std::size_t>(u) * words_ + word] |= static_cast<uint64_t>(row[u] >= 0.0f) << shift;
        }
    }
}

void DreluBits::truncate(std::size_t items)
{
    if (items >= items_)
        return;
    DreluBits kept(units_, items);
    for (std::size_t u = 0; u < units_; ++u) {
        std::copy_n(unit(u), kept.words_, kept.bits_.data() + u * kept.words_);
        if (items % 64 && kept.words_)
            kept.bits_[u * kept.words_ + kept.words_ - 1] &= (uint64_t(1) << (items % 64)) - 1;
    }
    *this = std::move(kept);
}

DreluBits DreluBits::select(const std::vector<int64_t>& units) const
{
    DreluBits out(units.size(), items_);
    for (std::size_t i = 0; i < units.size(); ++i) {
        if (units[i] < 0 || static_cast<std::size_t>(units[i]) >= units_)
            throw std::out_of_range("DreluBits::select: no unit " + std::to_string(units[i]));
        std::copy_n(unit(static_cast<std::size_t>(units[i])), words_, out.bits_.data() + i * words_);
    }
    return out;
}

} // namespace foldwise::passes
