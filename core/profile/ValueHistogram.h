#pragma once

#include <cstdint>
#include <span>
#include <vector>

namespace foldwise {

// The exact figures a ValueHistogram keeps beside its buckets (see below).
struct ValueHistogramTotals {
    int64_t zeros = 0;
    int64_t nonPositive = 0;
    int64_t nans = 0;
    // Extremes as order-preserving integer keys (see orderKey in the .cpp): integer min/max
    // vectorise, and -0 < +0 there, so the result never depends on the order values came in.
    uint32_t minKey = 0xFFFFFFFFu;
    uint32_t maxKey = 0;

    // Those of both value sets: counts summed, extremes widened.
    void add(const ValueHistogramTotals& other);
    bool operator==(const ValueHistogramTotals&) const = default;
};

// An exact, mergeable histogram of float values with data-independent buckets, from which the
// fraction of values at or below any threshold t can be read back without re-running the
// network (the threshold-to-sparsity curve of a ReLU: ThresholdedRelu(alpha = t) outputs zero
// exactly for the inputs x <= t).
//
// Buckets: the top 16 bits of the IEEE-754 bit pattern, i.e. sign, the 8 exponent bits and the
// top kMantissaBits = 7 mantissa bits. A bucket of normal numbers spans [m, m + 2^-7) * 2^e
// with 1 <= m < 2, so its width is at most 2^-7 (0.78 %) of the magnitude of any value in it;
// the bucket of +0 (and of -0) also holds that sign's subnormals below 2^-133. The buckets do
// not depend on the data, so histograms of disjoint shards add up to exactly the histogram of
// the whole. Counts are int64.
//
// Beside the buckets the histogram keeps exact counts of x == 0 (either sign), of x <= 0, of
// NaNs (which go in no bucket) and the exact minimum and maximum (NaNs ignored).
class ValueHistogram {
public:
    static constexpr int kMantissaBits = 7;
    static constexpr int kKeyBits = 1 + 8 + kMantissaBits; // 16
    static constexpr std::size_t kBucketCount = std::size_t(1) << kKeyBits;

    // Bucket key of a value (its top 16 bits). NaNs have keys too but are never stored.
    static uint32_t keyOf(float x);
    // Smallest and largest value of a bucket in numeric order (for negative keys the bit
    // pattern with the low bits set is the most negative).
    static float bucketLowest(uint32_t key);
    static float bucketHighest(uint32_t key);

    void add(std::span<const float> values);
    // Adds another histogram: the result is exactly the histogram of both value sets.
    void merge(const ValueHistogram& other);

    int64_t count() const { return count_; }        // values seen, NaNs included
    int64_t zeros() const { return totals_.zeros; }        // x == 0
    int64_t nonPositive() const { return totals_.nonPositive; } // x <= 0 (NaN excluded)
    int64_t nans() const { return totals_.nans; }
    // Exact extremes over non-NaN values; meaningless (+inf / -inf) while no such value was seen.
    float min() const;
    float max() const;
    int64_t bucket(uint32_t key) const { return dense_.empty() ? 0 : dense_[key]; }

    // Non-empty buckets in key order, for storage.
    struct Bucket {
        uint32_t key;
        int64_t count;
        bool operator==(const Bucket&) const = default;
    };
    std::vector<Bucket> buckets() const;
    // Rebuilds a histogram from stored parts; throws std::invalid_argument when they are
    // inconsistent (keys out of range or unordered, counts not adding up, extremes outside
    // their buckets).
    static ValueHistogram fromParts(const std::vector<Bucket>& buckets, int64_t zeros, int64_t nonPositive,
                                    int64_t nans, float min, float max);

    // Number of values x <= t, bracketed: `lower` counts the buckets entirely at or below t,
    // `upper` adds the one bucket that straddles t. The true count lies in [lower, upper], and
    // lower >= count(x <= t * (1 - 2^-7)), upper <= count(x <= t * (1 + 2^-7)) for normal t > 0
    // (mirrored for t < 0). Exact (lower == upper) when t is 0 or a bucket edge. `estimate`
    // interpolates linearly inside the straddling bucket. NaNs are never counted; t must not
    // be NaN (std::invalid_argument).
    struct Bracket {
        int64_t lower = 0;
        int64_t upper = 0;
        double estimate = 0;
    };
    Bracket countAtOrBelow(float t) const;

    // Zeros ThresholdedRelu(alpha = t) produces from these inputs: x <= t, plus exact zeros
    // above t (t < 0), plus NaNs (x > t is false for NaN). t = 0 is plain ReLU.
    Bracket zerosAtThreshold(float t) const;

    // A value v with at least q of the non-NaN values <= v, within one bucket: the highest value
    // of the bucket holding the ceil(q * n)-th smallest value, clamped to [min, max]. q in [0, 1].
    float quantile(double q) const;

    bool operator==(const ValueHistogram& other) const;

private:
    std::vector<int64_t> dense_; // kBucketCount counts once anything was added, else empty
    int64_t count_ = 0;
    ValueHistogramTotals totals_;
};

} // namespace foldwise
