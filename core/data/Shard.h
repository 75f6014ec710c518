#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace foldwise {

// One of `count` disjoint parts of an ordered item set, for splitting calibration work between
// processes or threads. The shards of a set are disjoint and their union is the whole set, and
// which items a shard holds depends only on (index, count, layout, total): deterministic.
struct Shard {
    enum class Layout {
        Contiguous, // shard i holds one run of consecutive items (sizes differ by at most one)
        Strided,    // shard i holds items i, i + count, i + 2 count, ...
    };

    std::size_t index = 0;
    std::size_t count = 1;
    Layout layout = Layout::Contiguous;

    // Throws std::invalid_argument unless count >= 1 and index < count.
    void validate() const;
    // Items of a `total`-item set in this shard.
    std::size_t size(std::size_t total) const;
    // Position in the whole set of this shard's k-th item (k < size(total)).
    std::size_t position(std::size_t total, std::size_t k) const;

    std::string describe() const; // "shard 2 of 4 (contiguous)"

    // Parses "i/N" or "i/N:strided" ("i/N:contiguous" is the default); throws std::invalid_argument.
    static Shard parse(std::string_view text);
};

} // namespace foldwise
