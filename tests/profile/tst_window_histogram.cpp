// The window-zero histogram against a brute-force count written plainly here: every window the
// convolution visits (positions from ONNX's own output-size and auto_pad formulas, computed
// here independently), every tap read from the tensor or counted as zero when it falls in the
// padding.
#include "model/Graph.h"
#include "profile/WindowHistogram.h"

#include <QtTest>

#include <random>

using namespace foldwise;

namespace {

struct Case {
    int64_t n = 1, c = 1, h = 1, w = 1;
    int64_t kh = 1, kw = 1, sh = 1, sw = 1, dh = 1, dw = 1;
    int64_t pt = 0, pl = 0, pb = 0, pr = 0;
    std::string autoPad = "NOTSET";
    bool oneD = false; // rank-3 input N x C x W (h must be 1)
};

Attribute ints(const std::string& name, std::vector<int64_t> v)
{
    Attribute a;
    a.name = name;
    a.type = AttributeType::Ints;
    a.ints = std::move(v);
    return a;
}

Node convNode(const Case& k)
{
    Node n;
    n.name = "conv";
    n.opType = "Conv";
    if (k.oneD) {
        n.attributes = {ints("kernel_shape", {k.kw}), ints("strides", {k.sw}), ints("dilations", {k.dw}),
                        ints("pads", {k.pl, k.pr})};
    } else {
        n.attributes = {ints("kernel_shape", {k.kh, k.kw}), ints("strides", {k.sh, k.sw}),
                        ints("dilations", {k.dh, k.dw}), ints("pads", {k.pt, k.pl, k.pb, k.pr})};
    }
    if (k.autoPad != "NOTSET") {
        Attribute a;
        a.name = "auto_pad";
        a.type = AttributeType::String;
        a.s = k.autoPad;
        n.attributes.push_back(a);
    }
    return n;
}

// ONNX's rules for one axis: output size and the pad before the input.
bool axis(int64_t in, int64_t k, int64_t s, int64_t d, int64_t padBegin, int64_t padEnd, const std::string& autoPad,
          int64_t& out, int64_t& before)
{
    const int64_t extent = d * (k - 1) + 1;
    if (autoPad == "SAME_UPPER" || autoPad == "SAME_LOWER") {
        out = (in + s - 1) / s; // ceil(in / s)
        const int64_t total = std::max<int64_t>(0, (out - 1) * s + extent - in);
        before = autoPad == "SAME_UPPER" ? total / 2 : total - total / 2;
        return true;
    }
    if (autoPad == "VALID")
        padBegin = padEnd = 0;
    if (in + padBegin + padEnd < extent)
        return false;
    out = (in + padBegin + padEnd - extent) / s + 1;
    before = padBegin;
    return true;
}

// counts[c][j] by visiting every window and every tap.
std::vector<int64_t> bruteForce(const std::vector<float>& x, const Case& k, int64_t& windowsPerChannel)
{
    int64_t oh = 0, ow = 0, top = 0, left = 0;
    axis(k.h, k.kh, k.sh, k.dh, k.pt, k.pb, k.autoPad, oh, top);
    axis(k.w, k.kw, k.sw, k.dw, k.pl, k.pr, k.autoPad, ow, left);
    const int64_t kk = k.kh * k.kw;
    std::vector<int64_t> counts(static_cast<std::size_t>(k.c * (kk + 1)), 0);
    for (int64_t n = 0; n < k.n; ++n)
        for (int64_t c = 0; c < k.c; ++c)
            for (int64_t y = 0; y < oh; ++y)
                for (int64_t xo = 0; xo < ow; ++xo) {
                    int64_t zeros = 0;
                    for (int64_t i = 0; i < k.kh; ++i)
                        for (int64_t j = 0; j < k.kw; ++j) {
                            const int64_t r = y * k.sh - top + i * k.dh;
                            const int64_t col = xo * k.sw - left + j * k.dw;
                            const bool padding = r < 0 || r >= k.h || col < 0 || col >= k.w;
                            zeros += padding || x[static_cast<std::size_t>(((n * k.c + c) * k.h + r) * k.w + col)] == 0.0f;
                        }
                    ++counts[static_cast<std::size_t>(c * (kk + 1) + zeros)];
                }
    windowsPerChannel = k.n * oh * ow;
    return counts;
}

std::vector<float> randomTensor(const Case& k, double zeroProbability, std::mt19937& rng)
{
    std::bernoulli_distribution zero(zeroProbability);
    std::normal_distribution<float> value(0.0f, 1.0f);
    std::vector<float> x(static_cast<std::size_t>(k.n * k.c * k.h * k.w));
    for (float& v : x)
        v = zero(rng) ? (rng() % 2 ? 0.0f : -0.0f) : value(rng);
    return x;
}

QString describe(const Case& k)
{
    return QString("n%1 c%2 %3x%4 k%5x%6 s%7x%8 d%9x%10 pads %11,%12,%13,%14 %15%16")
        .arg(k.n).arg(k.c).arg(k.h).arg(k.w).arg(k.kh).arg(k.kw).arg(k.sh).arg(k.sw).arg(k.dh).arg(k.dw)
        .arg(k.pt).arg(k.pl).arg(k.pb).arg(k.pr).arg(QString::fromStdString(k.autoPad)).arg(k.oneD ? " 1-D" : "");
}

// x (N x C x H x W) stored channels-last (N x H x W x C).
std::vector<float> toChannelsLast(const std::vector<float>& x, const Case& k)
{
    std::vector<float> y(x.size());
    for (int64_t n = 0; n < k.n; ++n)
        for (int64_t c = 0; c < k.c; ++c)
            for (int64_t p = 0; p < k.h * k.w; ++p)
                y[static_cast<std::size_t>((n * k.h * k.w + p) * k.c + c)] = x[static_cast<std::size_t>((n * k.c + c) * k.h * k.w + p)];
    return y;
}

// Runs one case through resolveConvWindows + accumulateWindowZeros (and, for 2-D cases, the
// channels-last variant on the same values) and the brute force.
void check(const Case& k, const std::vector<float>& x)
{
    const std::vector<int64_t> dims = k.oneD ? std::vector<int64_t>{k.n, k.c, k.w} : std::vector<int64_t>{k.n, k.c, k.h, k.w};
    const PlaneWindows g = resolveConvWindows(convNode(k), Graph{}, dims);
    QCOMPARE(g.kernelSize(), k.kh * k.kw);
    std::vector<int64_t> counts(static_cast<std::size_t>(k.c * (g.kernelSize() + 1)), 0);
    accumulateWindowZeros(x.data(), k.n, k.c, g, counts);
    int64_t windows = 0;
    const std::vector<int64_t> expected = bruteForce(x, k, windows);
    QVERIFY2(counts == expected, qPrintable(describe(k)));
    QCOMPARE(k.n * g.windowsPerPlane(), windows);
    if (!k.oneD) {
        std::vector<int64_t> channelsLast(counts.size(), 0);
        accumulateWindowZerosChannelsLast(toChannelsLast(x, k).data(), k.n, k.c, g, channelsLast);
        QVERIFY2(channelsLast == expected, qPrintable("channels-last " + describe(k)));
    }
}

} // namespace

class TestWindowHistogram : public QObject {
    Q_OBJECT
private slots:
    void handPicked_data()
    {
        QTest::addColumn<int>("index");
        for (int i = 0; i < 9; ++i)
            QTest::newRow(qPrintable(QString::number(i))) << i;
    }
    void handPicked()
    {
        QFETCH(int, index);
        std::vector<Case> cases = {
            {1, 1, 5, 5, 3, 3, 1, 1, 1, 1, 1, 1, 1, 1, "NOTSET", false},      // 3x3 same-size
            {2, 3, 7, 6, 3, 3, 2, 2, 1, 1, 1, 1, 1, 1, "NOTSET", false},      // stride 2
            {1, 2, 9, 9, 3, 3, 1, 1, 2, 2, 2, 2, 2, 2, "NOTSET", false},      // dilation 2
            {1, 2, 8, 7, 2, 3, 1, 2, 1, 1, 0, 0, 0, 0, "SAME_UPPER", false},  // auto_pad, odd total pad
            {1, 2, 8, 7, 2, 3, 1, 2, 1, 1, 0, 0, 0, 0, "SAME_LOWER", false},
            {1, 1, 6, 6, 3, 3, 1, 1, 1, 1, 5, 5, 5, 5, "VALID", false},       // VALID ignores pads
            {1, 4, 1, 11, 1, 3, 1, 2, 1, 2, 0, 2, 0, 1, "NOTSET", true},      // 1-D
            {1, 1, 4, 4, 7, 7, 1, 1, 1, 1, 3, 3, 3, 3, "NOTSET", false},      // kernel larger than input
            {1, 1, 5, 5, 1, 1, 3, 3, 1, 1, 0, 0, 0, 0, "NOTSET", false},      // 1x1, stride skipping rows
        };
        std::mt19937 rng(static_cast<unsigned>(index));
        const Case& k = cases[static_cast<std::size_t>(index)];
        check(k, randomTensor(k, 0.5, rng));
    }

    void allZeroAndNoZero()
    {
        Case k{2, 3, 6, 6, 3, 3, 1, 1, 1, 1, 1, 1, 1, 1, "NOTSET", false};
        check(k, std::vector<float>(static_cast<std::size_t>(2 * 3 * 36), 0.0f));
        check(k, std::vector<float>(static_cast<std::size_t>(2 * 3 * 36), 1.0f));
        // No padding and no zeros: every window in bin 0.
        Case valid{1, 1, 6, 6, 3, 3, 1, 1, 1, 1, 0, 0, 0, 0, "NOTSET", false};
        const PlaneWindows g = resolveConvWindows(convNode(valid), Graph{}, {1, 1, 6, 6});
        std::vector<int64_t> counts(10, 0);
        const std::vector<float> ones(36, 1.0f);
        accumulateWindowZeros(ones.data(), 1, 1, g, counts);
        QCOMPARE(counts[0], int64_t(16));
        // NaN is not zero.
        const std::vector<float> nans(36, std::numeric_limits<float>::quiet_NaN());
        std::vector<int64_t> nanCounts(10, 0);
        accumulateWindowZeros(nans.data(), 1, 1, g, nanCounts);
        QCOMPARE(nanCounts[0], int64_t(16));
    }

    // Random geometry, sparse and dense tensors; includes tensors big enough for the threaded path.
    void randomCases()
    {
        std::mt19937 rng(2024);
        const auto pick = [&](int lo, int hi) { return static_cast<int64_t>(std::uniform_int_distribution<int>(lo, hi)(rng)); };
        const char* pads[] = {"NOTSET", "NOTSET", "NOTSET", "SAME_UPPER", "SAME_LOWER", "VALID"};
        int checked = 0;
        for (int i = 0; i < 400; ++i) {
            Case k;
            k.oneD = i % 7 == 0;
            k.n = pick(1, 3);
            k.c = pick(1, 5);
            k.h = k.oneD ? 1 : pick(1, 13);
            k.w = pick(1, 13);
            k.kh = k.oneD ? 1 : pick(1, 4);
            k.kw = pick(1, 4);
            k.sh = k.oneD ? 1 : pick(1, 3);
            k.sw = pick(1, 3);
            k.dh = k.oneD ? 1 : pick(1, 3);
            k.dw = pick(1, 3);
            k.pt = k.oneD ? 0 : pick(0, 3);
            k.pb = k.oneD ? 0 : pick(0, 3);
            k.pl = pick(0, 3);
            k.pr = pick(0, 3);
            k.autoPad = pads[pick(0, 5)];
            int64_t out = 0, before = 0;
            const bool fitsH = axis(k.h, k.kh, k.sh, k.dh, k.pt, k.pb, k.autoPad, out, before);
            const bool fitsW = axis(k.w, k.kw, k.sw, k.dw, k.pl, k.pr, k.autoPad, out, before);
            const std::vector<float> x = randomTensor(k, std::uniform_real_distribution<double>(0.0, 1.0)(rng), rng);
            if (!fitsH || !fitsW) {
                const std::vector<int64_t> dims = k.oneD ? std::vector<int64_t>{k.n, k.c, k.w}
                                                         : std::vector<int64_t>{k.n, k.c, k.h, k.w};
                QVERIFY_THROWS_EXCEPTION(std::invalid_argument, resolveConvWindows(convNode(k), Graph{}, dims));
                continue;
            }
            check(k, x);
            if (QTest::currentTestFailed())
                return;
            ++checked;
        }
        QVERIFY(checked > 250);
        // Large planes and many channels (the threaded path), dilated and not.
        for (int dilation = 1; dilation <= 2; ++dilation) {
            Case big{3, 16, 40, 33, 3, 3, 1, 2, dilation, dilation, 1, 2, 1, 0, "NOTSET", false};
            check(big, randomTensor(big, 0.6, rng));
        }
    }

    // K > 255 does not fit the byte-wide box sums: an integral image per plane counts these
    // (dilation 1), or the taps are counted directly (dilation > 1).
    void largeKernels()
    {
        std::mt19937 rng(99);
        for (int64_t dilation = 1; dilation <= 2; ++dilation) {
            Case k{2, 3, 30, 33, 16, 17, 2, 3, dilation, dilation, 3, 1, 2, 4, "NOTSET", false};
            check(k, randomTensor(k, 0.7, rng));
        }
        Case same{1, 2, 20, 20, 16, 16, 1, 1, 1, 1, 0, 0, 0, 0, "SAME_LOWER", false};
        check(same, randomTensor(same, 0.5, rng));
    }

    // Channels-last specifics: many channels (vector widths and their remainders), kernels past
    // the per-count comparison (K > 16, counted per window), and rows of more windows than the
    // 16-bit tallies hold between flushes.
    void channelsLastShapes()
    {
        std::mt19937 rng(7);
        for (int64_t c : {1, 15, 33, 64, 70}) {
            Case k{2, c, 9, 10, 3, 3, 1, 1, 1, 1, 1, 1, 1, 1, "NOTSET", false};
            check(k, randomTensor(k, 0.5, rng));
            Case strided{1, c, 11, 12, 3, 2, 2, 2, 1, 2, 0, 1, 2, 1, "NOTSET", false};
            check(strided, randomTensor(strided, 0.4, rng));
        }
        Case k5{1, 20, 12, 12, 5, 5, 1, 1, 1, 1, 2, 2, 2, 2, "NOTSET", false};
        check(k5, randomTensor(k5, 0.5, rng));
        Case k7{2, 3, 15, 16, 7, 7, 2, 2, 1, 1, 3, 3, 3, 3, "NOTSET", false};
        check(k7, randomTensor(k7, 0.3, rng));
        Case wide{1, 2, 1, 70000, 1, 3, 1, 1, 1, 1, 0, 1, 0, 1, "NOTSET", false};
        check(wide, randomTensor(wide, 0.5, rng));
    }

    void unsupported()
    {
        Case k{1, 1, 4, 4, 3, 3, 1, 1, 1, 1, 0, 0, 0, 0, "NOTSET", false};
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, resolveConvWindows(convNode(k), Graph{}, {1, 1, 4, 4, 4}));
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, resolveConvWindows(convNode(k), Graph{}, {1, 1, 4}));
        Node noKernel;
        noKernel.opType = "Conv";
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, resolveConvWindows(noKernel, Graph{}, {1, 1, 4, 4}));
    }
};

QTEST_GUILESS_MAIN(TestWindowHistogram)
#include "tst_window_histogram.moc"
