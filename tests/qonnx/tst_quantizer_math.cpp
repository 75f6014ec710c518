// QONNX quantizer semantics (core/model/qonnx/QuantizerMath) against values worked out by hand
// from the qonnx documentation: rounding modes, clamping ranges (signed, narrow), per-channel
// scale and zero point, the 1-bit bipolar case, BipolarQuant, Trunc v1/v2, MultiThreshold.
#include "model/qonnx/NumberFormat.h"
#include "model/qonnx/QuantizerMath.h"

#include <QtTest>

using namespace foldwise::qonnx;

namespace {

std::vector<float> quant(std::vector<float> x, std::vector<int64_t> xDims, std::vector<float> s, std::vector<int64_t> sDims,
                         std::vector<float> z, std::vector<int64_t> zDims, QuantSpec spec)
{
    std::vector<int64_t> dims;
    return quantize({x, xDims}, {s, sDims}, {z, zDims}, spec, dims);
}

} // namespace

class TestQuantizerMath : public QObject {
    Q_OBJECT
private slots:
    // The table of qonnx's intquant_v1.md, column by column.
    void roundingModesFollowTheQonnxTable()
    {
        const std::vector<float> in{5.5f, 2.5f, 1.6f, 1.1f, 1.0f, -1.0f, -1.1f, -1.6f, -2.5f, -5.5f};
        const std::map<std::string, std::vector<float>> table{
            {"ROUND", {6, 2, 2, 1, 1, -1, -1, -2, -2, -6}},  {"CEIL", {6, 3, 2, 2, 1, -1, -1, -1, -2, -5}},
            {"FLOOR", {5, 2, 1, 1, 1, -1, -2, -2, -3, -6}},  {"UP", {6, 3, 2, 2, 1, -1, -2, -2, -3, -6}},
            {"DOWN", {5, 2, 1, 1, 1, -1, -1, -1, -2, -5}},   {"HALF_UP", {6, 3, 2, 1, 1, -1, -1, -2, -3, -6}},
            {"HALF_DOWN", {5, 2, 2, 1, 1, -1, -1, -2, -2, -5}}};
        for (const auto& [name, expected] : table) {
            const auto mode = parseRoundingMode(name);
            QVERIFY2(mode, name.c_str());
            for (std::size_t i = 0; i < in.size(); ++i)
                QVERIFY2(roundWith(*mode, in[i]) == expected[i],
                         qPrintable(QString("%1(%2) = %3, want %4").arg(name.c_str()).arg(in[i]).arg(roundWith(*mode, in[i])).arg(expected[i])));
        }
        QCOMPARE(parseRoundingMode("round"), std::optional(RoundingMode::HalfEven));
        QCOMPARE(parseRoundingMode("ROUND_TO_ZERO"), std::optional(RoundingMode::Down));
        QVERIFY(!parseRoundingMode("STOCHASTIC"));
    }

    void rangesBySignAndNarrow()
    {
        QCOMPARE(integerRange(8, true, false).lo, -128.0);
        QCOMPARE(integerRange(8, true, true).lo, -127.0);
        QCOMPARE(integerRange(8, true, true).hi, 127.0);
        QCOMPARE(integerRange(8, false, false).hi, 255.0);
        QCOMPARE(integerRange(8, false, true).hi, 254.0);
        QCOMPARE(integerRange(2, false, false).lo, 0.0);
        QVERIFY(checkBitWidth(0).find("outside 1..32") != std::string::npos);
        QVERIFY(checkBitWidth(33).find("outside 1..32") != std::string::npos);
        QVERIFY(checkBitWidth(2.5).find("not an integer") != std::string::npos);
        QVERIFY(checkBitWidth(32).empty());
    }

    void quantClampsRoundsAndRescales()
    {
        // 4-bit signed, scale 0.5: x/s = 0.6, -0.6, 2.5, 200 -> clamp [-8, 7] -> round half even
        // 1, -1, 2, 7 -> * 0.5.
        QuantSpec s4{4, true, false, RoundingMode::HalfEven};
        QCOMPARE(quant({0.3f, -0.3f, 1.25f, 100.0f}, {4}, {0.5f}, {}, {0.0f}, {}, s4),
                 (std::vector<float>{0.5f, -0.5f, 1.0f, 3.5f}));
        // Narrow: the lowest value is -7, not -8.
        QuantSpec narrow{4, true, true, RoundingMode::HalfEven};
        QCOMPARE(quant({-100.0f}, {1}, {0.5f}, {}, {0.0f}, {}, narrow), (std::vector<float>{-3.5f}));
        QCOMPARE(quant({-100.0f}, {1}, {0.5f}, {}, {0.0f}, {}, s4), (std::vector<float>{-4.0f}));
        // Unsigned 2-bit narrow holds 0..2.
        QuantSpec u2{2, false, true, RoundingMode::HalfEven};
        QCOMPARE(quant({-1.0f, 0.7f, 5.0f}, {3}, {1.0f}, {}, {0.0f}, {}, u2), (std::vector<float>{0.0f, 1.0f, 2.0f}));
        // FLOOR and CEIL.
        QCOMPARE(quant({0.9f, -0.1f}, {2}, {1.0f}, {}, {0.0f}, {}, {8, true, false, RoundingMode::Floor}),
                 (std::vector<float>{0.0f, -1.0f}));
        QCOMPARE(quant({0.1f, -0.9f}, {2}, {1.0f}, {}, {0.0f}, {}, {8, true, false, RoundingMode::Ceil}),
                 (std::vector<float>{1.0f, -0.0f}));
    }

    void perChannelScaleAndZeroPoint()
    {
        // Channel 0: scale 1, zp 0: round(0.7) = 1, round(1.6) = 2.
        // Channel 1: scale 0.5, zp 1: 0.7/0.5 + 1 = 2.4 -> 2 -> (2-1)*0.5 = 0.5; 1.6/0.5 + 1 = 4.2 -> 4 -> 1.5.
        std::vector<int64_t> dims;
        const std::vector<float> x{0.7f, 1.6f, 0.7f, 1.6f}, s{1.0f, 0.5f}, z{0.0f, 1.0f};
        const auto y = quantize({x, {1, 2, 2}}, {s, {1, 2, 1}}, {z, {1, 2, 1}}, {8, false, false, RoundingMode::HalfEven}, dims);
        QCOMPARE(dims, (std::vector<int64_t>{1, 2, 2}));
        QCOMPARE(y, (std::vector<float>{1.0f, 2.0f, 0.5f, 1.5f}));
    }

    void oneBitSignedQuantIsBipolar()
    {
        QCOMPARE(quant({-0.1f, 0.0f, 0.2f}, {3}, {2.0f}, {}, {0.0f}, {}, {1, true, false, RoundingMode::HalfEven}),
                 (std::vector<float>{-2.0f, 2.0f, 2.0f}));
        std::vector<int64_t> dims;
        const std::vector<float> x{-0.1f, 0.0f, 0.2f}, s{0.5f};
        QCOMPARE(bipolarQuantize({x, {3}}, {s, {}}, dims), (std::vector<float>{-0.5f, 0.5f, 0.5f}));
        QCOMPARE(quantOutputFormat(1, true).finnName(), std::string("BIPOLAR"));
        QCOMPARE(quantOutputFormat(4, false).finnName(), std::string("UINT4"));
    }

    void truncDropsLeastSignificantBits()
    {
        std::vector<int64_t> dims;
        const std::vector<float> x{13.0f, -13.0f}, one{1.0f}, zero{0.0f}, four{4.0f};
        // v1: 8 -> 6 bits: 13/4 = 3.25 -> floor 3; -13/4 = -3.25 -> -4; rescaled by the input scale.
        TruncSpec v1{8, 6, true, false, RoundingMode::Floor};
        QCOMPARE(truncate({x, {2}}, {one, {}}, {zero, {}}, nullptr, v1, dims), (std::vector<float>{3.0f, -4.0f}));
        // v2: output scale 4 (a shift of 2 bits), rescaled by it: 3 * 4, -4 * 4.
        const FloatArray outScale{four, {}};
        QCOMPARE(truncate({x, {2}}, {one, {}}, {zero, {}}, &outScale, v1, dims), (std::vector<float>{12.0f, -16.0f}));
        // v2 clamps to the output bit width: 2 signed bits hold -2..1.
        TruncSpec narrowOut{8, 2, true, false, RoundingMode::Floor};
        QCOMPARE(truncate({x, {2}}, {one, {}}, {zero, {}}, &outScale, narrowOut, dims), (std::vector<float>{4.0f, -8.0f}));
    }

    void multiThresholdCountsPerChannel()
    {
        // N=1, C=2, 2 values each; thresholds [[0, 1], [0.5, 2]]; out = 2*count - 1.
        const std::vector<float> x{-1.0f, 1.0f, 0.5f, 1.9f}, t{0.0f, 1.0f, 0.5f, 2.0f};
        ThresholdSpec spec{2.0f, -1.0f, false};
        QCOMPARE(multiThreshold({x, {1, 2, 2, 1}}, {t, {2, 2}}, spec), (std::vector<float>{-1.0f, 3.0f, 1.0f, 1.0f}));
        // Rank 3 is not NCHW: qonnx takes the last axis as channels, so the values alternate
        // between the two rows: -1 (c0) -> 0, 1 (c1) -> 1, 0.5 (c0) -> 1, 1.9 (c1) -> 1.
        QCOMPARE(multiThreshold({x, {1, 2, 2}}, {t, {2, 2}}, spec), (std::vector<float>{-1.0f, 1.0f, 1.0f, 1.0f}));
        // NHWC rank 4: channels last. x = [[[a, b]]] with C = 2 on the last axis.
        const std::vector<float> nhwc{-1.0f, 0.5f, 1.0f, 1.9f}; // (h0: c0=-1, c1=0.5), (h1: c0=1, c1=1.9)
        QCOMPARE(multiThreshold({nhwc, {1, 2, 1, 2}}, {t, {2, 2}}, {1.0f, 0.0f, true}),
                 (std::vector<float>{0.0f, 1.0f, 2.0f, 1.0f}));
        // One global row applies to every channel; unsorted rows are counted too.
        const std::vector<float> global{1.0f, 0.0f};
        QCOMPARE(multiThreshold({x, {1, 2, 2}}, {global, {1, 2}}, {}), (std::vector<float>{0.0f, 2.0f, 1.0f, 2.0f}));
        // Rows that match neither the channels nor 1 are refused.
        const std::vector<float> three(6, 0.0f);
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, multiThreshold({x, {1, 2, 2}}, {three, {3, 2}}, {}));
    }

    void finnDataTypeNames()
    {
        QCOMPARE(parseFinnDataType("INT4")->bits, 4);
        QVERIFY(parseFinnDataType("INT4")->isSigned);
        QVERIFY(!parseFinnDataType("UINT2")->isSigned);
        QCOMPARE(parseFinnDataType("BIPOLAR")->kind, NumberFormat::Kind::Bipolar);
        QVERIFY(parseFinnDataType("FLOAT32")->isFloat());
        QCOMPARE(parseFinnDataType("FIXED<8,3>")->integerBits, 3);
        QCOMPARE(parseFinnDataType("INT33")->bits, 33);
        QVERIFY(!parseFinnDataType("INTX"));
        QVERIFY(!parseFinnDataType("FOO"));
    }
};

QTEST_APPLESS_MAIN(TestQuantizerMath)
#include "tst_quantizer_math.moc"
