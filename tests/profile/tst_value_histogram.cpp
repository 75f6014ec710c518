// The fixed-bucket value histogram: counts read back against plain counts of the values,
// merges equal to one histogram of everything, thresholds bracketed within the documented
// 2^-7 relative bound and exact at 0 and at bucket edges.
#include "profile/ValueHistogram.h"

#include <QtTest>

#include <bit>
#include <cmath>
#include <limits>
#include <random>

using namespace foldwise;

namespace {

constexpr float kInf = std::numeric_limits<float>::infinity();

// Pre-activation-like values plus every awkward case: zeros of both signs, subnormals,
// infinities, NaNs, values right on bucket edges.
std::vector<float> awkwardValues(std::size_t n, unsigned seed)
{
    std::mt19937 rng(seed);
    std::normal_distribution<float> normal(0.0f, 1.5f);
    std::uniform_int_distribution<int> kind(0, 19);
    std::vector<float> v(n);
    for (float& x : v) {
        switch (kind(rng)) {
        case 0: x = 0.0f; break;
        case 1: x = -0.0f; break;
        case 2: x = std::bit_cast<float>(static_cast<uint32_t>(rng() % 0x007FFFFF + 1)); break; // +subnormal
        case 3: x = -std::bit_cast<float>(static_cast<uint32_t>(rng() % 0x007FFFFF + 1)); break;
        case 4: x = (rng() % 2 ? kInf : -kInf); break;
        case 5: x = std::numeric_limits<float>::quiet_NaN(); break;
        case 6: x = ValueHistogram::bucketHighest(static_cast<uint32_t>(rng() % 0x7F00)); break;
        default: x = normal(rng); break;
        }
    }
    return v;
}

int64_t countAtOrBelow(const std::vector<float>& v, double t)
{
    int64_t n = 0;
    for (float x : v)
        n += static_cast<double>(x) <= t;
    return n;
}

// What ThresholdedRelu(alpha = t) outputs as zero, computed as the op is defined.
int64_t thresholdedReluZeros(const std::vector<float>& v, float t)
{
    int64_t n = 0;
    for (float x : v) {
        const float y = x > t ? x : 0.0f;
        n += y == 0.0f;
    }
    return n;
}

ValueHistogram histogramOf(const std::vector<float>& v)
{
    ValueHistogram h;
    h.add(v);
    return h;
}

} // namespace

class TestValueHistogram : public QObject {
    Q_OBJECT
private slots:
    void bucketsAreOrderedAndTight()
    {
        QCOMPARE(ValueHistogram::keyOf(1.0f), uint32_t(0x3F80));
        QCOMPARE(ValueHistogram::keyOf(-0.0f), uint32_t(0x8000));
        // Every value lies in its bucket, and the bucket is at most 2^-7 of its magnitude wide.
        std::mt19937 rng(1);
        for (int i = 0; i < 100000; ++i) {
            const float x = std::bit_cast<float>(static_cast<uint32_t>(rng()));
            if (!std::isfinite(x))
                continue;
            const uint32_t k = ValueHistogram::keyOf(x);
            QVERIFY(ValueHistogram::bucketLowest(k) <= x && x <= ValueHistogram::bucketHighest(k));
            const double width = double(ValueHistogram::bucketHighest(k)) - double(ValueHistogram::bucketLowest(k));
            if (std::fabs(x) >= std::numeric_limits<float>::min())
                QVERIFY(width <= std::ldexp(std::fabs(double(x)), -7));
        }
    }

    void scalarsAreExact()
    {
        const std::vector<float> v = awkwardValues(50000, 7);
        const ValueHistogram h = histogramOf(v);
        int64_t zeros = 0, nonPositive = 0, nans = 0;
        float lo = kInf, hi = -kInf;
        for (float x : v) {
            zeros += x == 0.0f;
            nonPositive += x <= 0.0f;
            nans += std::isnan(x);
            if (!std::isnan(x)) {
                lo = std::min(lo, x);
                hi = std::max(hi, x);
            }
        }
        QCOMPARE(h.count(), int64_t(v.size()));
        QCOMPARE(h.zeros(), zeros);
        QCOMPARE(h.nonPositive(), nonPositive);
        QCOMPARE(h.nans(), nans);
        QCOMPARE(h.min(), lo);
        QCOMPARE(h.max(), hi);
        int64_t inBuckets = 0;
        for (const auto& b : h.buckets())
            inBuckets += b.count;
        QCOMPARE(inBuckets + nans, h.count());
    }

    void thresholdsAreBracketed()
    {
        const std::vector<float> v = awkwardValues(20000, 11);
        const ValueHistogram h = histogramOf(v);
        std::mt19937 rng(3);
        std::vector<float> thresholds = {0.0f, -0.0f, 1e-40f, -1e-40f, kInf, -kInf, 0.005f, 0.1f, 1.0f, -0.25f};
        for (int i = 0; i < 300; ++i)
            thresholds.push_back(std::normal_distribution<float>(0.0f, 2.0f)(rng));
        for (int i = 0; i < 100; ++i) // bucket edges, where the answer is exact
            thresholds.push_back(ValueHistogram::bucketHighest(0x3C00 + static_cast<uint32_t>(rng() % 0x600)));
        for (float t : thresholds) {
            const ValueHistogram::Bracket b = h.countAtOrBelow(t);
            const int64_t truth = countAtOrBelow(v, t);
            QVERIFY2(b.lower <= truth && truth <= b.upper,
                     qPrintable(QString("t=%1: %2 not in [%3, %4]").arg(double(t)).arg(truth).arg(b.lower).arg(b.upper)));
            QVERIFY(b.lower <= b.estimate && b.estimate <= b.upper);
            const bool edge = t == ValueHistogram::bucketHighest(ValueHistogram::keyOf(t));
            if (t == 0.0f || edge || std::isinf(t))
                QCOMPARE(b.lower, b.upper);
            // The documented bound: the bracket is the exact count at thresholds 2^-7 away.
            if (std::isfinite(t) && std::fabs(t) >= std::numeric_limits<float>::min()) {
                const double wider = double(t) * (1 + std::ldexp(1.0, -7) * (t > 0 ? 1 : -1));
                const double narrower = double(t) * (1 - std::ldexp(1.0, -7) * (t > 0 ? 1 : -1));
                QVERIFY(b.upper <= countAtOrBelow(v, wider));
                QVERIFY(b.lower >= countAtOrBelow(v, narrower));
            }
            const ValueHistogram::Bracket z = h.zerosAtThreshold(t);
            const int64_t zeros = thresholdedReluZeros(v, t);
            QVERIFY2(z.lower <= zeros && zeros <= z.upper,
                     qPrintable(QString("t=%1: %2 zeros not in [%3, %4]").arg(double(t)).arg(zeros).arg(z.lower).arg(z.upper)));
        }
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, h.countAtOrBelow(std::numeric_limits<float>::quiet_NaN()));
    }

    void plainReluIsExact()
    {
        const std::vector<float> v = awkwardValues(30000, 5);
        const ValueHistogram::Bracket z = histogramOf(v).zerosAtThreshold(0.0f);
        QCOMPARE(z.lower, z.upper);
        QCOMPARE(z.lower, thresholdedReluZeros(v, 0.0f));
    }

    void mergeEqualsWhole()
    {
        const std::vector<float> v = awkwardValues(40000, 9);
        const ValueHistogram whole = histogramOf(v);
        ValueHistogram parts;
        for (std::size_t begin = 0; begin < v.size(); begin += 7919) {
            ValueHistogram part;
            part.add(std::span<const float>(v).subspan(begin, std::min<std::size_t>(7919, v.size() - begin)));
            parts.merge(part);
        }
        QVERIFY(parts == whole);
        ValueHistogram empty;
        parts.merge(empty);
        QVERIFY(parts == whole);
        empty.merge(whole);
        QVERIFY(empty == whole);
    }

    // More than 2^18 values take the threaded path; it must count exactly what the plain one does.
    void threadedPathIsExact()
    {
        const std::vector<float> v = awkwardValues(700001, 13);
        const ValueHistogram big = histogramOf(v);
        ValueHistogram small;
        for (std::size_t begin = 0; begin < v.size(); begin += 100000)
            small.add(std::span<const float>(v).subspan(begin, std::min<std::size_t>(100000, v.size() - begin)));
        QVERIFY(big == small);
    }

    void quantiles()
    {
        std::vector<float> v(1000);
        for (int i = 0; i < 1000; ++i)
            v[static_cast<std::size_t>(i)] = static_cast<float>(i + 1) / 100.0f; // 0.01 .. 10
        const ValueHistogram h = histogramOf(v);
        for (double q : {0.0, 0.1, 0.5, 0.9, 0.99, 1.0}) {
            const float got = h.quantile(q);
            const float exact = v[static_cast<std::size_t>(std::max(0.0, std::ceil(q * 1000) - 1))];
            QVERIFY2(got >= exact && got <= exact * (1 + 1.0f / 128), qPrintable(QString::number(q)));
        }
        QCOMPARE(h.quantile(1.0), 10.0f);
        QVERIFY(std::isnan(ValueHistogram().quantile(0.5)));
    }

    void partsRoundTrip()
    {
        const ValueHistogram h = histogramOf(awkwardValues(5000, 21));
        const ValueHistogram back =
            ValueHistogram::fromParts(h.buckets(), h.zeros(), h.nonPositive(), h.nans(), h.min(), h.max());
        QVERIFY(back == h);
        const ValueHistogram none = ValueHistogram::fromParts({}, 0, 0, 3, kInf, -kInf);
        QCOMPARE(none.count(), int64_t(3));
    }

    void partsAreValidated()
    {
        const ValueHistogram h = histogramOf({-2.0f, 0.0f, 0.0f, 1.0f, 3.0f});
        const auto b = h.buckets();
        using B = ValueHistogram::Bucket;
        const auto rejects = [](const std::vector<B>& buckets, int64_t zeros, int64_t nonPositive, float lo, float hi) {
            try {
                ValueHistogram::fromParts(buckets, zeros, nonPositive, 0, lo, hi);
            } catch (const std::invalid_argument&) {
                return true;
            }
            return false;
        };
        QVERIFY(!rejects(b, 2, 3, -2.0f, 3.0f));
        QVERIFY(rejects({b[1], b[0]}, 2, 3, -2.0f, 3.0f));             // unordered
        QVERIFY(rejects(b, 2, 4, -2.0f, 3.0f));                        // too many non-positives
        QVERIFY(rejects(b, 3, 3, -2.0f, 3.0f));                        // zeros beyond bucket 0
        QVERIFY(rejects(b, 2, 3, -5.0f, 3.0f));                        // min in an empty bucket
        QVERIFY(rejects(b, 2, 3, 3.0f, -2.0f));                        // min above max
        QVERIFY(rejects({{0x7FC0, 1}}, 0, 0, kInf, kInf));              // a NaN-only key
        QVERIFY(rejects({{0x3F80, 0}}, 0, 0, 1.0f, 1.0f));              // empty bucket stored
        QVERIFY(rejects({{0x10000, 1}}, 0, 0, 1.0f, 1.0f));             // key out of range
    }
};

QTEST_GUILESS_MAIN(TestValueHistogram)
#include "tst_value_histogram.moc"
