#include "profile/ValueHistogram.h"

#include "profile/VectorClones.h"

#include <algorithm>
#include <bit>
#include <cmath>
#include <limits>
#include <stdexcept>

namespace foldwise {
namespace {

constexpr uint32_t kSignKey = 0x8000;         // keys with the sign bit set
constexpr uint32_t kPositiveInfinityKey = 0x7F80;
constexpr uint32_t kNegativeInfinityKey = 0xFF80;

// Order-preserving map of float bits to unsigned integers: a < b as floats (with -0 < +0)
// exactly when orderKey(a) < orderKey(b). NaNs never reach it.
constexpr uint32_t orderKey(uint32_t bits)
{
    return (bits & 0x80000000u) ? ~bits : bits | 0x80000000u;
}

constexpr uint32_t fromOrderKey(uint32_t key)
{
    return (key & 0x80000000u) ? key & 0x7FFFFFFFu : ~key;
}

// Keys whose bit patterns are all NaN: exponent all ones and a non-zero top mantissa.
constexpr bool nanOnlyKey(uint32_t key)
{
    return (key & 0x7F80) == 0x7F80 && (key & 0x7F) != 0;
}

// A scan's totals: the histogram's, and the exact counts of +-inf, whose buckets also collect
// NaN patterns during the scatter.
struct Totals : ValueHistogramTotals {
    int64_t positiveInfinities = 0;
    int64_t negativeInfinities = 0;

    void add(const Totals& o)
    {
        ValueHistogramTotals::add(o);
        positiveInfinities += o.positiveInfinities;
        negativeInfinities += o.negativeInfinities;
    }
};

// Blocks small enough to stay in the L1/L2 cache between the two passes over them.
constexpr std::size_t kBlock = 8192;

// The exact scalars of a block: branch-free 32-bit integer arithmetic, so it vectorises.
FOLDWISE_VECTOR_CLONES
void scanScalars(const uint32_t* bits, std::size_t n, Totals& t)
{
    uint32_t zeros = 0, nonPositive = 0, nans = 0, positiveInfinities = 0, negativeInfinities = 0;
    uint32_t minKey = t.minKey, maxKey = t.maxKey;
    for (std::size_t i = 0; i < n; ++i) {
        const uint32_t b = bits[i];
        const uint32_t magnitude = b & 0x7FFFFFFFu;
        const uint32_t nan = static_cast<uint32_t>(magnitude > 0x7F800000u);
        const uint32_t zero = static_cast<uint32_t>(magnitude == 0);
        zeros += zero;
        nonPositive += ((b >> 31) | zero) & (nan ^ 1u);
        nans += nan;
        positiveInfinities += static_cast<uint32_t>(b == 0x7F800000u);
        negativeInfinities += static_cast<uint32_t>(b == 0xFF800000u);
        // orderKey without a branch; NaNs are masked out of the extremes.
        const uint32_t key = b ^ ((0u - (b >> 31)) | 0x80000000u);
        const uint32_t nanMask = 0u - nan;
        const uint32_t low = key | nanMask, high = key & ~nanMask;
        minKey = low < minKey ? low : minKey;
        maxKey = high > maxKey ? high : maxKey;
    }
    t.zeros += zeros;
    t.nonPositive += nonPositive;
    t.nans += nans;
    t.positiveInfinities += positiveInfinities;
    t.negativeInfinities += negativeInfinities;
    t.minKey = minKey;
    t.maxKey = maxKey;
}

// The one pass over the data, block by block: the scalars, then the bucket increments, a
// branch-free scatter (NaNs land in their own keys too and are taken out afterwards by
// settleSpecialKeys). `Counter` is int64_t (straight into the histogram) or uint32_t (a
// thread's private buckets).
template <typename Counter>
void scan(const float* p, std::size_t n, Counter* counts, Totals& totals)
{
    for (std::size_t begin = 0; begin < n; begin += kBlock) {
        const std::size_t size = std::min(kBlock, n - begin);
        const auto* bits = reinterpret_cast<const uint32_t*>(p + begin);
        scanScalars(bits, size, totals);
        for (std::size_t i = 0; i < size; ++i)
            ++counts[bits[i] >> 16];
    }
}

} // namespace

void ValueHistogramTotals::add(const ValueHistogramTotals& other)
{
    zeros += other.zeros;
    nonPositive += other.nonPositive;
    nans += other.nans;
    minKey = std::min(minKey, other.minKey);
    maxKey = std::max(maxKey, other.maxKey);
}

uint32_t ValueHistogram::keyOf(float x)
{
    return std::bit_cast<uint32_t>(x) >> 16;
}

float ValueHistogram::bucketLowest(uint32_t key)
{
    if ((key & 0x7F80) == 0x7F80)
        return (key & kSignKey) ? -std::numeric_limits<float>::infinity() : std::numeric_limits<float>::infinity();
    return std::bit_cast<float>((key << 16) | ((key & kSignKey) ? 0xFFFFu : 0u));
}

float ValueHistogram::bucketHighest(uint32_t key)
{
    if ((key & 0x7F80) == 0x7F80)
        return (key & kSignKey) ? -std::numeric_limits<float>::infinity() : std::numeric_limits<float>::infinity();
    return std::bit_cast<float>((key << 16) | ((key & kSignKey) ? 0u : 0xFFFFu));
}

float ValueHistogram::min() const
{
    return count_ - totals_.nans > 0 ? std::bit_cast<float>(fromOrderKey(totals_.minKey))
                                     : std::numeric_limits<float>::infinity();
}

float ValueHistogram::max() const
{
    return count_ - totals_.nans > 0 ? std::bit_cast<float>(fromOrderKey(totals_.maxKey))
                                     : -std::numeric_limits<float>::infinity();
}

void ValueHistogram::add(std::span<const float> values)
{
    if (values.empty())
        return;
    if (dense_.empty())
        dense_.assign(kBucketCount, 0);
    Totals totals;
    // The keys of +-inf also collect NaN patterns during the scatter; their true counts come
    // from the exact infinity counts instead.
    const int64_t positiveInfinities = dense_[kPositiveInfinityKey];
    const int64_t negativeInfinities = dense_[kNegativeInfinityKey];
    const std::size_t n = values.size();
    // Small tensors: one thread straight into the int64 buckets. Large ones: threads fill
    // private 32-bit buckets (reused between calls) and add them in; merging costs one pass
    // over the 65,536 buckets per thread, so it only pays off for large tensors.
    constexpr std::size_t kParallelFrom = std::size_t(1) << 18;
    constexpr std::size_t kChunk = std::size_t(1) << 30; // keeps 32-bit counters from overflowing
    if (n < kParallelFrom) {
        scan(values.data(), n, dense_.data(), totals);
    } else {
        const auto chunks = static_cast<int64_t>((n + kChunk - 1) / kChunk);
#pragma omp parallel
        {
            thread_local std::vector<uint32_t> local;
            local.assign(kBucketCount, 0);
            Totals mine;
            for (int64_t c = 0; c < chunks; ++c) {
                const std::size_t begin = static_cast<std::size_t>(c) * kChunk;
                const std::size_t size = std::min(kChunk, n - begin);
#pragma omp for schedule(static)
                for (std::size_t block = 0; block < size; block += kBlock)
                    scan(values.data() + begin + block, std::min(kBlock, size - block), local.data(), mine);
#pragma omp critical(foldwise_value_histogram)
                for (std::size_t k = 0; k < kBucketCount; ++k) {
                    dense_[k] += local[k];
                    local[k] = 0;
                }
            }
#pragma omp critical(foldwise_value_histogram)
            totals.add(mine);
        }
    }
    for (uint32_t k : {kPositiveInfinityKey, kNegativeInfinityKey})
        std::fill(dense_.begin() + k, dense_.begin() + k + 0x80, 0);
    dense_[kPositiveInfinityKey] = positiveInfinities + totals.positiveInfinities;
    dense_[kNegativeInfinityKey] = negativeInfinities + totals.negativeInfinities;
    count_ += static_cast<int64_t>(n);
    totals_.add(totals);
}

void ValueHistogram::merge(const ValueHistogram& other)
{
    if (!other.dense_.empty()) {
        if (dense_.empty())
            dense_.assign(kBucketCount, 0);
        for (std::size_t k = 0; k < kBucketCount; ++k)
            dense_[k] += other.dense_[k];
    }
    count_ += other.count_;
    totals_.add(other.totals_);
}

std::vector<ValueHistogram::Bucket> ValueHistogram::buckets() const
{
    std::vector<Bucket> out;
    for (uint32_t k = 0; k < dense_.size(); ++k)
        if (dense_[k])
            out.push_back({k, dense_[k]});
    return out;
}

ValueHistogram ValueHistogram::fromParts(const std::vector<Bucket>& buckets, int64_t zeros, int64_t nonPositive,
                                         int64_t nans, float min, float max)
{
    ValueHistogram h;
    int64_t total = 0, negative = 0;
    for (std::size_t i = 0; i < buckets.size(); ++i) {
        const Bucket& b = buckets[i];
        if (b.key >= kBucketCount || nanOnlyKey(b.key))
            throw std::invalid_argument("bucket key " + std::to_string(b.key) + " is not a bucket of numbers");
        if (i && b.key <= buckets[i - 1].key)
            throw std::invalid_argument("bucket keys are not strictly increasing");
        if (b.count <= 0 || b.count > std::numeric_limits<int64_t>::max() - total)
            throw std::invalid_argument("bucket counts must be positive and their sum must fit in 64 bits");
        total += b.count;
        if (b.key & kSignKey)
            negative += b.count;
    }
    if (zeros < 0 || nonPositive < 0 || nans < 0 || nans > std::numeric_limits<int64_t>::max() - total)
        throw std::invalid_argument("negative or overflowing counts");
    if (!buckets.empty()) {
        h.dense_.assign(kBucketCount, 0);
        for (const Bucket& b : buckets)
            h.dense_[b.key] = b.count;
    }
    // x <= 0 are the negative buckets (with -0) plus the +0s, which sit in bucket 0.
    const int64_t plusZeros = nonPositive - negative;
    if (plusZeros < 0 || plusZeros > h.bucket(0) || plusZeros > zeros || zeros - plusZeros > h.bucket(kSignKey))
        throw std::invalid_argument("the zero and non-positive counts disagree with the buckets");
    h.count_ = total + nans;
    h.totals_.zeros = zeros;
    h.totals_.nonPositive = nonPositive;
    h.totals_.nans = nans;
    if (total == 0) {
        if (!(std::isinf(min) && min > 0 && std::isinf(max) && max < 0))
            throw std::invalid_argument("min and max must be +inf and -inf when no number was seen");
        return h;
    }
    if (std::isnan(min) || std::isnan(max) || h.bucket(keyOf(min)) == 0 || h.bucket(keyOf(max)) == 0)
        throw std::invalid_argument("min or max lies in an empty bucket");
    h.totals_.minKey = orderKey(std::bit_cast<uint32_t>(min));
    h.totals_.maxKey = orderKey(std::bit_cast<uint32_t>(max));
    if (h.totals_.minKey > h.totals_.maxKey)
        throw std::invalid_argument("min is above max");
    // Every stored bucket must lie within [min, max].
    for (const Bucket& b : buckets)
        if (orderKey(std::bit_cast<uint32_t>(bucketHighest(b.key))) < h.totals_.minKey
            || orderKey(std::bit_cast<uint32_t>(bucketLowest(b.key))) > h.totals_.maxKey)
            throw std::invalid_argument("a bucket lies outside [min, max]");
    return h;
}

ValueHistogram::Bracket ValueHistogram::countAtOrBelow(float t) const
{
    if (std::isnan(t))
        throw std::invalid_argument("ValueHistogram::countAtOrBelow: the threshold is NaN");
    Bracket r;
    double straddling = 0;
    // Visits buckets in increasing value; stops at the first bucket entirely above t.
    const auto visit = [&](int64_t c, float lowest, float highest) {
        if (c == 0)
            return true;
        if (highest <= t) {
            r.lower += c;
            return true;
        }
        if (lowest <= t) {
            r.upper += c;
            const double width = static_cast<double>(highest) - static_cast<double>(lowest);
            straddling += width > 0 ? static_cast<double>(c) * (static_cast<double>(t) - lowest) / width : 0.0;
        }
        return false;
    };
    if (!dense_.empty() && t >= 0) {
        r.lower = totals_.nonPositive;
        int64_t negative = 0;
        for (uint32_t k = kSignKey; k <= kNegativeInfinityKey; ++k)
            negative += dense_[k];
        const int64_t plusZeros = totals_.nonPositive - negative;
        // Bucket 0 minus its +0s holds the positive subnormals below its highest value.
        const float smallestPositive = std::bit_cast<float>(1u);
        bool more = visit(dense_[0] - plusZeros, smallestPositive, bucketHighest(0));
        for (uint32_t k = 1; more && k <= kPositiveInfinityKey; ++k)
            more = visit(dense_[k], bucketLowest(k), bucketHighest(k));
    } else if (!dense_.empty()) {
        bool more = true;
        for (uint32_t k = kNegativeInfinityKey; more && k >= kSignKey; --k)
            more = visit(dense_[k], bucketLowest(k), bucketHighest(k));
    }
    r.upper += r.lower;
    r.estimate = static_cast<double>(r.lower) + straddling;
    return r;
}

ValueHistogram::Bracket ValueHistogram::zerosAtThreshold(float t) const
{
    Bracket r = countAtOrBelow(t);
    const int64_t extra = (t < 0 ? totals_.zeros : 0) + totals_.nans;
    r.lower += extra;
    r.upper += extra;
    r.estimate += static_cast<double>(extra);
    return r;
}

float ValueHistogram::quantile(double q) const
{
    const int64_t n = count_ - totals_.nans;
    if (n == 0 || !(q >= 0 && q <= 1))
        return std::numeric_limits<float>::quiet_NaN();
    const auto rank = std::max<int64_t>(1, static_cast<int64_t>(std::ceil(q * static_cast<double>(n))));
    int64_t seen = 0;
    const auto answer = [&](uint32_t key) { return std::clamp(bucketHighest(key), min(), max()); };
    for (uint32_t k = kNegativeInfinityKey; k >= kSignKey; --k)
        if ((seen += dense_[k]) >= rank)
            return answer(k);
    for (uint32_t k = 0; k <= kPositiveInfinityKey; ++k)
        if ((seen += dense_[k]) >= rank)
            return answer(k);
    return max();
}

bool ValueHistogram::operator==(const ValueHistogram& other) const
{
    if (count_ != other.count_ || totals_ != other.totals_)
        return false;
    for (std::size_t k = 0; k < kBucketCount; ++k)
        if (bucket(static_cast<uint32_t>(k)) != other.bucket(static_cast<uint32_t>(k)))
            return false;
    return true;
}

} // namespace foldwise
