// SetFolding and the budgeted folding search as properties over random small CNNs: results
// respect FINN's folding constraints and the budget, the budgeted search never slows down when
// the budget grows, and both are deterministic. Plus SetFolding on CNV checked by hand.
#include "OnnxFixtures.h"

#include "hw/finn/BudgetedSearch.h"
#include "hw/finn/FinnConversion.h"
#include "hw/finn/FinnDesign.h"
#include "hw/finn/SetFolding.h"
#include "model/Model.h"

#include <QtTest>

#include <random>

using namespace foldwise;
using namespace foldwise::finn;

namespace {

int pick(std::mt19937& rng, std::initializer_list<int> values)
{
    std::uniform_int_distribution<std::size_t> d(0, values.size() - 1);
    return *(values.begin() + d(rng));
}

bool coin(std::mt19937& rng, double p)
{
    return std::uniform_real_distribution<double>(0, 1)(rng) < p;
}

// A random chain of conv blocks (dense or depthwise, 1x1 or 3x3, strided, padded, with or
// without BatchNormalization and ReLU, sometimes max-pooled) and one or two FC layers, with
// random bit widths - the kinds of layers the converter supports.
std::pair<onnx::ModelProto, ConversionOptions> randomCnn(std::mt19937& rng)
{
    onnx::ModelProto m = fixtures::makeModel();
    int64_t c = pick(rng, {1, 2, 3, 4});
    int64_t h = pick(rng, {6, 8, 9, 10, 12, 14});
    fixtures::addInput(m, "x", {1, c, h, h});
    std::string cur = "x";
    int id = 0;
    const auto fresh = [&](const char* what) { return std::string(what) + std::to_string(id++); };
    const int convs = pick(rng, {1, 2, 3});
    for (int i = 0; i < convs; ++i) {
        const int64_t k = pick(rng, {1, 3, 3});
        const int64_t pad = k == 3 && (h < 3 || coin(rng, 0.5)) ? 1 : 0; // keep the window inside the map
        int64_t stride = 1;
        if (h + 2 * pad >= 7 && coin(rng, 0.25))
            stride = 2;
        const bool depthwise = k == 3 && c > 1 && coin(rng, 0.25);
        const int64_t cout = depthwise ? c : pick(rng, {2, 4, 6, 8, 12, 16});
        const std::string out = fresh("conv");
        fixtures::addConv(m, out, cur, out + "_y", c, cout, k, stride, pad, depthwise ? c : 1);
        cur = out + "_y";
        c = cout;
        h = (h + 2 * pad - k) / stride + 1;
        if (coin(rng, 0.7)) {
            const std::string bn = fresh("bn");
            for (const char* p : {"_s", "_b", "_m", "_v"})
                fixtures::addInitializer(m, bn + p, {c}, 1.0f);
            fixtures::addNode(m, "BatchNormalization", {cur, bn + "_s", bn + "_b", bn + "_m", bn + "_v"}, {bn + "_y"}, bn);
            cur = bn + "_y";
        }
        if (coin(rng, 0.9)) {
            const std::string relu = fresh("relu");
            fixtures::addNode(m, "Relu", {cur}, {relu + "_y"}, relu);
            cur = relu + "_y";
        }
        if (h % 2 == 0 && h >= 4 && coin(rng, 0.4)) {
            const std::string pool = fresh("pool");
            fixtures::addPool(m, "MaxPool", pool, cur, pool + "_y", 2, 2);
            cur = pool + "_y";
            h /= 2;
            if (coin(rng, 0.3)) { // a ReLU after the pool: a standalone Thresholding node
                const std::string relu = fresh("relu");
                fixtures::addNode(m, "Relu", {cur}, {relu + "_y"}, relu);
                cur = relu + "_y";
            }
        }
    }
    auto* flatten = fixtures::addNode(m, "Flatten", {cur}, {"flat"}, "flatten");
    fixtures::setInt(flatten, "axis", 1);
    cur = "flat";
    int64_t features = c * h * h;
    const int fcs = pick(rng, {1, 2});
    for (int i = 0; i < fcs; ++i) {
        const int64_t n = i + 1 == fcs ? pick(rng, {4, 10}) : pick(rng, {8, 16, 32});
        const std::string fc = fresh("fc");
        fixtures::addInitializer(m, fc + "_w", {n, features});
        fixtures::addInitializer(m, fc + "_b", {n});
        auto* g = fixtures::addNode(m, "Gemm", {cur, fc + "_w", fc + "_b"}, {fc + "_y"}, fc);
        fixtures::setInt(g, "transB", 1);
        cur = fc + "_y";
        features = n;
        if (i + 1 < fcs) {
            const std::string relu = fresh("relu");
            fixtures::addNode(m, "Relu", {cur}, {relu + "_y"}, relu);
            cur = relu + "_y";
        }
    }
    auto* id0 = fixtures::addNode(m, "Identity", {cur}, {"out"}, "output");
    (void)id0;
    fixtures::addOutput(m, "out");

    ConversionOptions o;
    o.weightBits = pick(rng, {1, 2, 4, 8});
    o.activationBits = pick(rng, {1, 2, 4});
    o.inputBits = pick(rng, {4, 8});
    o.swgBackend = coin(rng, 0.3) ? Backend::Hls : Backend::Rtl;
    o.thresholdingBackend = coin(rng, 0.5) ? Backend::Hls : Backend::Rtl;
    return {m, o};
}

// Every node's folding passes FINN's constraints within the design.
bool allValid(const FinnDesign& d, QString& why)
{
    for (std::size_t i = 0; i < d.size(); ++i) {
        const std::string error = d.checkFolding(i, d.node(i).folding);
        if (!error.empty()) {
            why = QString::fromStdString(error);
            return false;
        }
    }
    return true;
}

ResourceUsage scaled(const ResourceUsage& r, double s)
{
    ResourceUsage out;
    out.dsp = r.dsp * s;
    out.bram18 = r.bram18 * s;
    out.lut = r.lut * s;
    out.ff = r.ff * s;
    out.uram = r.uram * s;
    return out;
}

// A budget of these many LUTs, BRAM18s, DSPs and UltraRAMs, with the default limits.
BudgetOptions budgetOf(double lut, double bram18, double dsp, double uram = 0)
{
    BudgetOptions b;
    b.available.lut = lut;
    b.available.bram18 = bram18;
    b.available.dsp = dsp;
    b.available.uram = uram;
    return b;
}

} // namespace

class TestFinnSearch : public QObject {
    Q_OBJECT
private:
    QTemporaryDir dir;
    std::vector<FinnNetwork> networks;
    std::vector<std::string> labels;

private slots:
    void initTestCase()
    {
        std::mt19937 rng(20240611);
        for (int i = 0; i < 24; ++i) {
            auto [proto, options] = randomCnn(rng);
            const std::string file = dir.filePath(QString("random_%1.onnx").arg(i)).toStdString();
            fixtures::save(proto, file);
            networks.push_back(convertToFinn(*Model::load(file), options));
            labels.push_back(file);
        }
    }

    void setFoldingOnCnvByHand()
    {
        FinnDesign d(convertToFinn(*Model::load(FOLDWISE_MODELS_DIR "/cnv.onnx")));
        // 3000 fps at 10 ns: int(1e8 / 3000) = 33333 cycles per frame.
        const int64_t target = targetCyclesPerFrame(3000, 10.0);
        QCOMPARE(target, int64_t(33333));
        SetFoldingOptions o;
        o.targetCyclesPerFrame = target;
        const SetFoldingResult r = setFolding(d, o);
        const auto folding = [&](const char* name) {
            const NodeFolding& f = d.node(static_cast<std::size_t>(d.network().indexOf(name))).folding;
            return std::make_pair(f.pe, f.simd);
        };
        // MVAU_hls_0 (MW 27, MH 64, 900 pixels): SIMD 27 still gives 64*1*900 = 57600 >= target;
        // then PE 2: 28800 < 33333.
        QCOMPARE(folding("MVAU_hls_0"), std::make_pair(int64_t(2), int64_t(27)));
        // MVAU_hls_1 (576, 64, 784 pixels): SIMD 48 would make the 1-bit weight stream 48 > 36
        // bits wide, so SIMD stays 36; (64/PE)*16*784 < 33333 first at PE 32 (25088).
        QCOMPARE(folding("MVAU_hls_1"), std::make_pair(int64_t(32), int64_t(36)));
        // FC layers: 512*256/SIMD < 33333 first at SIMD 4; 512*512/SIMD at SIMD 8; 10*512 at 1.
        QCOMPARE(folding("MVAU_hls_6"), std::make_pair(int64_t(1), int64_t(4)));
        QCOMPARE(folding("MVAU_hls_7"), std::make_pair(int64_t(1), int64_t(8)));
        QCOMPARE(folding("MVAU_hls_8"), std::make_pair(int64_t(1), int64_t(1)));
        // SWG0 at SIMD 1 (cf 3): 201 + 30*810 = 24501 < 33333.
        QCOMPARE(folding("ConvolutionInputGenerator_rtl_0").second, int64_t(1));
        QVERIFY(r.warnings.size() >= 1);
        QVERIFY(r.warnings[0].find("StreamingMaxPool_hls") != std::string::npos);
        QVERIFY(r.maxCycles < target);
        QCOMPARE(r.passes, 1);
        QCOMPARE(r.maxCycles, d.maxCycles());
    }

    void setFoldingFeasibleAndDeterministic()
    {
        std::mt19937 rng(7);
        for (std::size_t m = 0; m < networks.size(); ++m) {
            const FinnDesign base(networks[m]);
            for (int t = 0; t < 3; ++t) {
                SetFoldingOptions o;
                o.targetCyclesPerFrame = std::uniform_int_distribution<int64_t>(1, 2 * base.maxCycles())(rng);
                o.mvauWwidthMax = pick(rng, {8, 36, 10000});
                o.twoPassRelaxation = coin(rng, 0.7);
                FinnDesign d = base;
                const SetFoldingResult r = setFolding(d, o);
                QString why;
                QVERIFY2(allValid(d, why), qPrintable(QString::fromStdString(labels[m]) + ": " + why));
                QCOMPARE(r.maxCycles, d.maxCycles());
                QVERIFY(!r.cancelled);
                // FINN's contract: each node it folds is below the last target or fully parallel.
                for (std::size_t i = 0; i < d.size(); ++i) {
                    const FinnNode& n = d.node(i);
                    const bool met = d.estimate(i).cycles < r.target;
                    switch (n.op) {
                    case FinnOp::Mvau:
                        QVERIFY(met || n.folding.pe == n.mh);
                        break;
                    case FinnOp::Thresholding:
                        QVERIFY(met || n.folding.pe == n.channels);
                        break;
                    case FinnOp::Vvau:
                        QVERIFY(met || n.folding.pe == n.channels);
                        break;
                    case FinnOp::ConvolutionInputGenerator:
                        if (!n.depthwise)
                            QVERIFY(met || n.folding.simd == n.channels);
                        break;
                    default:
                        break;
                    }
                }
                // Deterministic, and consistent with a fresh evaluation.
                FinnDesign again = base;
                const SetFoldingResult r2 = setFolding(again, o);
                QCOMPARE(again.foldings(), d.foldings());
                QCOMPARE(r2.maxCycles, r.maxCycles);
                QCOMPARE(FinnDesign(d.network(), d.options()).totalResources(), d.totalResources());
            }
        }
    }

    void budgetedSearchFeasibleMonotoneDeterministic()
    {
        std::mt19937 rng(11);
        int feasibleRuns = 0;
        int improvements = 0;
        for (std::size_t m = 0; m < networks.size(); ++m) {
            const FinnDesign base(networks[m]);
            // Budgets around what the design needs: random fractions of the fully folded-out
            // SetFolding design's resources, with a floor.
            FinnDesign fast = base;
            SetFoldingOptions fastest;
            fastest.targetCyclesPerFrame = 1;
            fastest.mvauWwidthMax = 100000;
            setFolding(fast, fastest);
            ResourceUsage big = fast.totalResources();
            big.lut = std::max(big.lut, 2000.0);
            big.bram18 = std::max(big.bram18, 4.0);
            big.dsp = std::max(big.dsp, 16.0);
            for (int series = 0; series < 2; ++series) {
                BudgetOptions b;
                b.available.lut = big.lut * std::uniform_real_distribution<double>(0.05, 0.6)(rng);
                b.available.bram18 = std::floor(big.bram18 * std::uniform_real_distribution<double>(0, 0.6)(rng));
                b.available.dsp = std::floor(big.dsp * std::uniform_real_distribution<double>(0, 0.6)(rng));
                b.available.uram = 0;
                int64_t previousCycles = -1;
                bool wasFeasible = false;
                for (int step = 0; step < 6; ++step) {
                    const BudgetSearchResult r = budgetedSearch(base, b);
                    const QString where = QString::fromStdString(labels[m]) + QString(" series %1 step %2").arg(series).arg(step);
                    QVERIFY2(r.feasible || !wasFeasible, qPrintable(where + ": feasibility lost as the budget grew"));
                    if (r.feasible) {
                        ++feasibleRuns;
                        QVERIFY2(fitsWithin(r.used, b.available, b.limits),
                                 qPrintable(where + ": " + QString::fromStdString(firstExcess(r.used, b.available, b.limits))));
                        // The foldings are valid and re-evaluate to what was reported.
                        FinnDesign check = base;
                        check.setFoldings(r.foldings);
                        QString why;
                        QVERIFY2(allValid(check, why), qPrintable(where + ": " + why));
                        QCOMPARE(check.totalResources(), r.used);
                        QCOMPARE(check.maxCycles(), r.maxCycles);
                        if (previousCycles >= 0) {
                            QVERIFY2(r.maxCycles <= previousCycles,
                                     qPrintable(where + QString(": %1 cycles after %2").arg(r.maxCycles).arg(previousCycles)));
                            improvements += r.maxCycles < previousCycles ? 1 : 0;
                        }
                        previousCycles = r.maxCycles;
                        wasFeasible = true;
                        if (step == 0) {
                            const BudgetSearchResult again = budgetedSearch(base, b);
                            QCOMPARE(again.foldings, r.foldings);
                            QCOMPARE(again.maxCycles, r.maxCycles);
                            QCOMPARE(again.policy, r.policy);
                        }
                    } else {
                        QVERIFY(r.foldings.empty());
                        QVERIFY(!r.stopReason.empty());
                    }
                    // Grow one or more resources by random amounts.
                    b.available.lut += big.lut * std::uniform_real_distribution<double>(0, 0.5)(rng);
                    if (coin(rng, 0.5))
                        b.available.bram18 += std::floor(big.bram18 * std::uniform_real_distribution<double>(0, 0.5)(rng));
                    if (coin(rng, 0.5))
                        b.available.dsp += std::floor(big.dsp * std::uniform_real_distribution<double>(0, 0.5)(rng));
                }
            }
        }
        // The property is not vacuous.
        QVERIFY(feasibleRuns > static_cast<int>(networks.size()));
        QVERIFY(improvements > 0);
    }

    void budgetLimitsAndCancellation()
    {
        const FinnDesign base(networks[0]);
        BudgetOptions b = budgetOf(1e7, 1e4, 1e4);
        const BudgetSearchResult all = budgetedSearch(base, b);
        QVERIFY(all.feasible);
        // Limits are fractions of the available resources; halving them cannot speed things up.
        b.limits.lut = 0.5;
        const BudgetSearchResult half = budgetedSearch(base, b);
        QVERIFY(half.feasible);
        QVERIFY(half.maxCycles >= all.maxCycles);
        QVERIFY(half.used.lut <= 0.5 * b.available.lut);

        // Cancelling after a few steps returns a feasible design found so far.
        int calls = 0;
        const BudgetSearchResult stopped = budgetedSearch(base, b, [&](const BudgetSearchProgress&) { return ++calls < 3; });
        QVERIFY(stopped.cancelled);
        QVERIFY(stopped.feasible);
        QVERIFY(fitsWithin(stopped.used, b.available, b.limits));
        QVERIFY(stopped.maxCycles >= half.maxCycles);

        // Nothing fits a zero budget.
        BudgetOptions none;
        const BudgetSearchResult infeasible = budgetedSearch(base, none);
        QVERIFY(!infeasible.feasible);
        QVERIFY(infeasible.foldings.empty());
        QVERIFY(infeasible.stopReason.find("exceeds the budget") != std::string::npos);

        // SetFolding cancelled in its first node leaves the design as it was.
        FinnDesign d = base;
        const auto before = d.foldings();
        SetFoldingOptions o;
        o.targetCyclesPerFrame = 10;
        const SetFoldingResult r = setFolding(d, o, [](const SetFoldingProgress&) { return false; });
        QVERIFY(r.cancelled);
        QCOMPARE(d.foldings(), before);
    }

    void budgetedSearchOnCnv()
    {
        // Pynq-Z1: 53200 LUTs, 280 BRAM18, 220 DSPs.
        const FinnDesign cnv(convertToFinn(*Model::load(FOLDWISE_MODELS_DIR "/cnv.onnx")));
        const BudgetOptions pynq = budgetOf(53200, 280, 220);
        const BudgetSearchResult r = budgetedSearch(cnv, pynq);
        QVERIFY(r.feasible);
        QVERIFY(fitsWithin(r.used, pynq.available, pynq.limits));
        // ZCU104 has more of everything: never slower.
        const BudgetOptions zcu = budgetOf(230000, 610, 1728, 92);
        const BudgetSearchResult bigger = budgetedSearch(cnv, zcu);
        QVERIFY(bigger.feasible);
        QVERIFY(bigger.maxCycles <= r.maxCycles);
        // A budget that scales down only slows down.
        BudgetOptions small;
        small.available = scaled(pynq.available, 0.25);
        const BudgetSearchResult smaller = budgetedSearch(cnv, small);
        QVERIFY(!smaller.feasible || smaller.maxCycles >= r.maxCycles);
        qInfo("CNV on Pynq-Z1: %lld cycles (%s, %d steps, %s); ZCU104: %lld cycles", static_cast<long long>(r.maxCycles),
              r.policy.c_str(), r.steps, r.stopReason.c_str(), static_cast<long long>(bigger.maxCycles));
    }
};

QTEST_GUILESS_MAIN(TestFinnSearch)
#include "tst_finn_search.moc"
