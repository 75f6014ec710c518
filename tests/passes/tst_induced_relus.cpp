// Induced ReLUs (ReLU sharing): the Hamming kernels against hand-computed and brute-force
// answers, the DReLU bit packing, mapping errors, and the induced models of the bundled example,
// resnet18 and lenet (opset 11) run in Foldwise's executor: ReLU counts taken from the exported
// graphs, outputs unchanged when every inducer unit is a prototype, masks equal to the inducer's
// signs gathered by the exported choosing maps, and the CLI.
#include "CliRunner.h"
#include "ErrorExpectation.h"
#include "ExampleProject.h"
#include "JsonFile.h"
#include "PassTestSupport.h"
#include "data/CalibrationReader.h"
#include "data/NpyFile.h"
#include "data/SyntheticSource.h"
#include "passes/ChoosingMaps.h"
#include "passes/DreluBits.h"
#include "passes/HammingPrototypes.h"
#include "passes/InducedRelus.h"
#include "passes/ModelFiles.h"
#include "profile/Profiler.h"

#include <QtTest>

#include <nlohmann/json.hpp>

#include <bit>
#include <cmath>
#include <fstream>
#include <map>
#include <random>

using namespace foldwise;
using namespace foldwise::passes;

namespace {

const std::string kResnet18 = passtest::kModels + "resnet18.onnx";
// fpgaConvNet's lenet example (tests/data/fpgaconvnet/README.md).
const std::string kLenet = FOLDWISE_SOURCE_DIR "/tests/data/fpgaconvnet/lenet.onnx";
const std::string kStem = "/relu/Relu";
const std::string kLayer1Relu = "/layer1/layer1.0/relu/Relu";
const std::string kF1 = "/features/features.1/Relu";   // 16 x 8 x 8
const std::string kF3 = "/features/features.3/Relu";   // 32 x 8 x 8
const std::string kF6 = "/features/features.6/Relu";   // 32 x 4 x 4
const std::string kC2 = "/classifier/classifier.2/Relu"; // 64

DreluBits fromStrings(const std::vector<std::string>& units)
{
    DreluBits b(units.size(), units.empty() ? 0 : units[0].size());
    for (std::size_t u = 0; u < units.size(); ++u)
        for (std::size_t n = 0; n < units[u].size(); ++n)
            b.set(u, n, units[u][n] == '1');
    return b;
}

// Independent references: bit by bit, no packing.
int slowDistance(const DreluBits& a, std::size_t u, const DreluBits& b, std::size_t v)
{
    int d = 0;
    for (std::size_t n = 0; n < a.items(); ++n)
        d += a.bit(u, n) != b.bit(v, n);
    return d;
}

std::vector<int64_t> slowFarthestPoints(const DreluBits& bits, std::size_t count, std::size_t first)
{
    std::vector<int64_t> chosen{static_cast<int64_t>(first)};
    while (chosen.size() < count) {
        int best = -1;
        int64_t which = -1;
        for (std::size_t u = 0; u < bits.units(); ++u) {
            if (std::find(chosen.begin(), chosen.end(), static_cast<int64_t>(u)) != chosen.end())
                continue;
            int nearest = INT32_MAX;
            for (int64_t c : chosen)
                nearest = std::min(nearest, slowDistance(bits, u, bits, static_cast<std::size_t>(c)));
            if (nearest > best) {
                best = nearest;
                which = static_cast<int64_t>(u);
            }
        }
        chosen.push_back(which);
    }
    return chosen;
}

DreluBits randomBits(std::size_t units, std::size_t items, unsigned seed, double ones = 0.5)
{
    DreluBits b(units, items);
    std::mt19937 rng(seed);
    std::bernoulli_distribution bit(ones);
    for (std::size_t u = 0; u < units; ++u)
        for (std::size_t n = 0; n < items; ++n)
            b.set(u, n, bit(rng));
    return b;
}

// ReLU decisions per item of every Relu node, read off a model's graph (not from any report).
int64_t reluUnits(const Model& m, const std::string& op = "Relu")
{
    int64_t units = 0;
    for (const Node& n : m.graph().nodes())
        if (n.opType == op) {
            const Tensor& in = m.graph().tensor(n.inputs[0]);
            units += *in.shape.elementCount() / in.shape[0].value;
        }
    return units;
}

// Every item of a source through a model at once (first output).
HostTensor runAll(const std::shared_ptr<const Model>& model, const CalibrationSource& source)
{
    const CalibrationBatch all = source.readItems(0, source.size());
    const Tensor& in = model->graph().tensor(model->graph().inputs()[0]);
    auto batched = model->reshaped({{in.name, all.inputs.dims()}});
    return passtest::run(batched, all.inputs);
}

// The inputs of the named nodes, as the executor runs them.
class InputGrabber : public ExecutionObserver {
public:
    explicit InputGrabber(std::vector<std::string> nodes) : nodes_(std::move(nodes)) {}
    void nodeFinished(const Node& node, std::span<const HostTensor* const> inputs, std::span<const HostTensor>) override
    {
        if (std::find(nodes_.begin(), nodes_.end(), node.name) != nodes_.end())
            for (std::size_t i = 0; i < inputs.size(); ++i)
                grabbed[node.name].push_back(inputs[i]->asRowMajor().clone());
    }
    std::map<std::string, std::vector<HostTensor>> grabbed;

private:
    std::vector<std::string> nodes_;
};

std::string writeText(const QString& file, const std::string& text)
{
    std::ofstream(file.toStdString()) << text;
    return file.toStdString();
}

InducedReluMapping mappingOf(const std::string& json)
{
    return parseInducedReluMapping(json, "mapping.json");
}

} // namespace

class TestInducedRelus : public QObject {
    Q_OBJECT

    QTemporaryDir dir_;
    QString path(const QString& name) const { return dir_.filePath(name); }

    InducedReluResult induce(const std::shared_ptr<const Model>& model, const std::string& json,
                             const std::shared_ptr<const CalibrationSource>& source, std::vector<int64_t> prototypes,
                             bool accuracy = true)
    {
        CalibrationReader reader(source);
        InduceOptions o;
        o.prototypes = std::move(prototypes);
        o.measureAccuracy = accuracy;
        return induceRelus(*model, mappingOf(json), reader, o);
    }

private slots:
    void initTestCase() { QVERIFY(dir_.isValid()); }

    void dreluBitsPacking()
    {
        // 70 items: two words per unit, the second one partly used.
        const std::vector<float> rows = [] {
            std::vector<float> r;
            for (int n = 0; n < 70; ++n)
                for (float v : {1.0f, -1.0f, 0.0f, -0.0f, NAN, n % 3 == 0 ? 2.0f : -2.0f})
                    r.push_back(v);
            return r;
        }();
        DreluBits b(6, 72);
        b.record(rows.data(), 0, 40);
        b.record(rows.data() + 40 * 6, 40, 30);
        b.truncate(70);
        QCOMPARE(b.words(), std::size_t(2));
        for (std::size_t n = 0; n < 70; ++n) {
            QVERIFY(b.bit(0, n));
            QVERIFY(!b.bit(1, n));
            QVERIFY(b.bit(2, n));   // 0 >= 0
            QVERIFY(b.bit(3, n));   // -0 >= 0
            QVERIFY(!b.bit(4, n));  // NaN: no decision to keep
            QCOMPARE(b.bit(5, n), n % 3 == 0);
        }
        QCOMPARE(std::popcount(b.unit(0)[1]), 6); // items 64..69 only
        QCOMPARE(hammingDistance(b.unit(0), b.unit(1), b.words()), 70);
        QCOMPARE(hammingDistance(b.unit(2), b.unit(3), b.words()), 0);
    }

    void firstPrototypeIsSeeded()
    {
        for (uint64_t seed : {0ull, 1ull, 12345ull}) {
            std::mt19937_64 rng(seed);
            QCOMPARE(firstPrototype(seed, 1000), static_cast<std::size_t>(rng() % 1000));
        }
        QVERIFY(firstPrototype(1, 1000) != firstPrototype(2, 1000) || firstPrototype(1, 1000) != firstPrototype(3, 1000));
    }

    // Worked by hand: d(0,1)=8 d(0,2)=4 d(0,3)=1 d(0,4)=4 d(1,2)=4 d(1,3)=7 d(1,4)=4 d(2,3)=3
    // d(2,4)=8 d(3,4)=5. From unit 0: farthest is 1 (8); then nearest-chosen distances are
    // 2:4 3:1 4:4, a tie won by the lower unit 2; then 3:1 4:4 -> 4.
    void farthestPointsByHand()
    {
        const DreluBits bits = fromStrings({"00000000", "11111111", "00001111", "00000001", "11110000"});
        uint64_t seed = 0;
        while (firstPrototype(seed, 5) != 0)
            ++seed;
        QCOMPARE(farthestPointSampling(bits, 4, seed), (std::vector<int64_t>{0, 1, 2, 4}));
        QCOMPARE(farthestPointSampling(bits, 3, seed), (std::vector<int64_t>{0, 1, 2}));
        // All units: unit order (the same set as farthest-point order, without units^2 distances).
        QCOMPARE(farthestPointSampling(bits, 5, seed), (std::vector<int64_t>{0, 1, 2, 3, 4}));
        std::size_t steps = 0;
        farthestPointSampling(bits, 4, seed, [&](std::size_t done) { QCOMPARE(done, ++steps); });
        QCOMPARE(steps, std::size_t(4));
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, farthestPointSampling(bits, 6, seed));
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, farthestPointSampling(bits, 0, seed));
    }

    // Prototypes 00000000, 11111111, 00001111 (positions 0, 1, 2).
    void nearestByHand()
    {
        const DreluBits prototypes = fromStrings({"00000000", "11111111", "00001111"});
        const DreluBits units = fromStrings({"00000011", "11111110", "00001111", "11110000"});
        const NearestPrototypes n = assignNearest(prototypes, units);
        // 00000011: 2, 6, 2 -> tie to the earlier prototype 0; 11111110: 7, 1, 3 -> 1;
        // 00001111: exactly 2; 11110000: 4, 4, 8 -> tie to 0.
        QCOMPARE(n.prototype, (std::vector<int32_t>{0, 1, 2, 0}));
        QCOMPARE(n.distance, (std::vector<int32_t>{2, 1, 0, 4}));
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, assignNearest(prototypes, fromStrings({"0000"})));
    }

    // Enough units and items (three words) for the threaded, multi-chunk paths.
    void kernelsAgainstBruteForce()
    {
        const DreluBits bits = randomBits(9000, 150, 7, 0.3);
        const std::size_t first = firstPrototype(5, bits.units());
        const std::vector<int64_t> fast = farthestPointSampling(bits, 6, 5);
        QCOMPARE(fast, slowFarthestPoints(bits, 6, first));

        const DreluBits prototypes = bits.select(fast);
        const DreluBits units = randomBits(10000, 150, 8, 0.3);
        const NearestPrototypes n = assignNearest(prototypes, units);
        for (std::size_t u = 0; u < units.units(); u += 37) {
            int best = INT32_MAX, which = 0;
            for (std::size_t k = 0; k < prototypes.units(); ++k) {
                const int d = slowDistance(units, u, prototypes, k);
                if (d < best) {
                    best = d;
                    which = static_cast<int>(k);
                }
            }
            QCOMPARE(n.prototype[u], which);
            QCOMPARE(n.distance[u], best);
        }
        // One word per unit takes the dedicated loop.
        const DreluBits narrow = randomBits(5000, 40, 9);
        const DreluBits narrowUnits = randomBits(3000, 40, 10);
        const DreluBits narrowPrototypes = narrow.select(farthestPointSampling(narrow, 20, 1));
        const NearestPrototypes m = assignNearest(narrowPrototypes, narrowUnits);
        for (std::size_t u = 0; u < narrowUnits.units(); u += 11) {
            int best = INT32_MAX;
            for (std::size_t k = 0; k < narrowPrototypes.units(); ++k)
                best = std::min(best, slowDistance(narrowUnits, u, narrowPrototypes, k));
            QCOMPARE(m.distance[u], best);
            QCOMPARE(slowDistance(narrowUnits, u, narrowPrototypes, static_cast<std::size_t>(m.prototype[u])), best);
        }
    }

    void mappingErrors_data()
    {
        QTest::addColumn<QString>("json");
        QTest::addColumn<QString>("prototypes");
        QTest::addColumn<QStringList>("phrases");
        const QString f1 = QString::fromStdString(kF1), f3 = QString::fromStdString(kF3);
        QTest::newRow("unknown name") << R"({"/nope": ["/nope"]})" << "4" << QStringList{"no node of", "'/nope'", kF1.c_str()};
        QTest::newRow("not a ReLU") << R"({"/features/features.0/Conv": ["/features/features.0/Conv"]})" << "4"
                                    << QStringList{"cannot be an inducer", "Conv is not a ReLU"};
        QTest::newRow("induced not a ReLU") << QString(R"({"%1": ["/features/features.4/MaxPool"]})").arg(f1) << "4"
                                            << QStringList{"'/features/features.4/MaxPool' cannot be induced by", "MaxPool is not a ReLU"};
        QTest::newRow("too many prototypes") << QString(R"({"%1": ["%1"]})").arg(f1) << "1025"
                                             << QStringList{"1025 prototypes", "1024 units", "give 1 to 1024"};
        QTest::newRow("zero prototypes") << QString(R"({"%1": ["%1"]})").arg(f1) << "0" << QStringList{"0 prototypes"};
        QTest::newRow("count mismatch") << QString(R"({"%1": ["%1"]})").arg(f1) << "4,4"
                                        << QStringList{"1 inducer(s)", "2 prototype count(s)", "one per inducer"};
        QTest::newRow("listed twice") << QString(R"({"%1": ["%2", "%2"]})").arg(f1, f3) << "4"
                                      << QStringList{"listed twice under inducer"};
        QTest::newRow("two roles") << QString(R"({"%1": ["%2"], "%2": ["%2"]})").arg(f1, f3) << "4,4"
                                   << QStringList{"listed twice", "an inducer", "induced by"};
        QTest::newRow("upstream") << QString(R"({"%1": ["%2"]})").arg(f3, f1) << "4"
                                  << QStringList{"upstream of its inducer", "feeds the inducer's input"};
        QTest::newRow("bad override") << QString(R"({"%1": ["%1"], "overrides": {"%2": "sigmoid"}})").arg(f1, f3) << "4"
                                      << QStringList{"override of", "\"identity\" or \"relu\""};
        QTest::newRow("override and induced") << QString(R"({"%1": ["%2"], "overrides": {"%2": "identity"}})").arg(f1, f3)
                                              << "4" << QStringList{"listed twice", "set to identity"};
        QTest::newRow("empty list") << QString(R"({"%1": []})").arg(f1) << "4" << QStringList{"induces no layer"};
        QTest::newRow("not JSON") << "{\"a\": [" << "4" << QStringList{"not valid JSON"};
        QTest::newRow("not an object") << "[1, 2]" << "4" << QStringList{"JSON object"};
        QTest::newRow("not names") << QString(R"({"%1": [1]})").arg(f1) << "4" << QStringList{"not a node name"};
        QTest::newRow("nothing") << "{}" << "" << QStringList{"names no layer"};
    }

    void mappingErrors()
    {
        QFETCH(QString, json);
        QFETCH(QString, prototypes);
        QFETCH(QStringList, phrases);
        const auto model = Model::load(fixtures::kDigitsModel);
        const std::string file = writeText(path("bad_mapping.json"), json.toStdString());
        std::vector<int64_t> counts;
        for (const QString& c : prototypes.split(',', Qt::SkipEmptyParts))
            counts.push_back(c.toLongLong());
        fixtures::expectFileError(file, phrases, [&](const std::string& f) {
            planInducedRelus(*model, readInducedReluMapping(f), counts);
        });
    }

    void mappingFileOrderAndOverrides()
    {
        const InducedReluMapping m = mappingOf(
            R"({"b": ["b", "x"], "a": ["y"], "overrides": {"p": "identity", "q": "ReLU"}})");
        QCOMPARE(m.inducers.size(), std::size_t(2));
        QCOMPARE(m.inducers[0].inducer, std::string("b")); // file order, not sorted
        QCOMPARE(m.inducers[0].induced, (std::vector<std::string>{"b", "x"}));
        QCOMPARE(m.overrides.size(), std::size_t(2));
        QVERIFY(m.overrides[0].second == ReluOverride::Identity);
        QVERIFY(m.overrides[1].second == ReluOverride::Relu);
        fixtures::expectFileError(path("missing.json").toStdString(), {"cannot open"},
                                  [](const std::string& f) { readInducedReluMapping(f); });
    }

    // Every inducer unit a prototype, each inducer inducing only itself: the outputs on the
    // calibration inputs are those of the original model.
    void exampleAllPrototypesUnchanged()
    {
        const auto model = Model::load(fixtures::kDigitsModel);
        const auto data = fixtures::labelledDigits();
        const std::string json = "{\"" + kF1 + "\": [\"" + kF1 + "\"], \"" + kF3 + "\": [\"" + kF3 + "\"], \"" + kF6
            + "\": [\"" + kF6 + "\"], \"" + kC2 + "\": [\"" + kC2 + "\"]}";
        const InducedReluResult r = induce(model, json, data, {1024, 2048, 512, 64});
        QCOMPARE(r.pass.changes, 4);
        writeModel(*r.pass.proto, path("digits_all.onnx").toStdString());
        passtest::exportForReference(path("digits_all.onnx"));
        const auto written = Model::load(path("digits_all.onnx").toStdString());
        QCOMPARE(written->warnings(), model->warnings());
        QCOMPARE(reluUnits(*written), int64_t(0));
        QCOMPARE(reluUnits(*written, "GreaterOrEqual"), int64_t(1024 + 2048 + 512 + 64));
        const HostTensor want = runAll(model, *data);
        const HostTensor got = runAll(written, *data);
        QVERIFY2(passtest::relativeError(got, want) <= 1e-6, qPrintable(QString::number(passtest::relativeError(got, want))));
        const nlohmann::json& a = r.pass.report["accuracy"];
        QCOMPARE(a["after"]["fidelity"].get<double>(), 100.0);
        QCOMPARE(a["after"]["top1"].get<double>(), a["before"]["top1"].get<double>());
        QCOMPARE(r.pass.report["relus"]["removed"].get<int64_t>(), int64_t(0));
    }

    // Inducer features.1 (itself and two later conv ReLUs), the classifier ReLU set to identity.
    void exampleReluCountsAndMasks()
    {
        const auto model = Model::load(fixtures::kDigitsModel);
        const auto data = fixtures::labelledDigits();
        const std::string json = "{\"" + kF1 + "\": [\"" + kF1 + "\", \"" + kF3 + "\", \"" + kF6 + "\"], \"overrides\": {\""
            + kC2 + "\": \"identity\"}}";
        const InducedReluResult r = induce(model, json, data, {64});
        QCOMPARE(r.pass.changes, 4);
        writeModel(*r.pass.proto, path("digits_64.onnx").toStdString());
        passtest::exportForReference(path("digits_64.onnx"));
        const auto written = Model::load(path("digits_64.onnx").toStdString());
        QVERIFY(written->warnings().empty());

        // ReLU decisions counted on the graphs: all of features.1/3/6 and the identity gone, 64
        // signs computed instead.
        const int64_t before = reluUnits(*model);
        QCOMPARE(before, int64_t(1024 + 2048 + 512 + 64));
        QCOMPARE(reluUnits(*written), int64_t(0));
        QCOMPARE(before - reluUnits(*written), int64_t(1024 + 2048 + 512 + 64));
        QCOMPARE(reluUnits(*written, "GreaterOrEqual"), int64_t(64));
        const nlohmann::json& report = r.pass.report;
        QCOMPARE(report["relus"]["before"].get<int64_t>(), before);
        QCOMPARE(report["relus"]["after"].get<int64_t>(), reluUnits(*written) + reluUnits(*written, "GreaterOrEqual"));
        QCOMPARE(report["calibration"]["items"].get<int64_t>(), int64_t(450));
        QVERIFY(report["accuracy"]["before"].contains("top1") && report["accuracy"]["after"].contains("top5"));
        QCOMPARE(report["inducers"][0]["prototypes"].get<int64_t>(), int64_t(64));

        // The prototypes are distinct inducer units; inducer prototype units keep their own sign.
        const InducerChoice& c = r.choices.at(0);
        QCOMPARE(std::set<int64_t>(c.prototypes.begin(), c.prototypes.end()).size(), std::size_t(64));
        const std::vector<int64_t> selfMap = c.choosingMap(0);
        for (int64_t p : c.prototypes)
            QCOMPARE(selfMap[static_cast<std::size_t>(p)], p);

        // The choosing maps on disk, and the masks the induced model multiplies in: mask[n, j] is
        // the sign of the inducer's input at unit map[j], taken from the original model's run.
        const nlohmann::json manifest = writeChoosingMaps(r.choices, path("maps").toStdString());
        const nlohmann::json& layer3 = manifest["inducers"][0]["induced"][1];
        QCOMPARE(layer3["layer"].get<std::string>(), kF3);
        const HostTensor mapFile = readNpy(path("maps/" + QString::fromStdString(layer3["choosing_map_file"].get<std::string>())).toStdString());
        QCOMPARE(mapFile.dims(), (std::vector<int64_t>{2048}));
        const std::vector<int64_t> map = mapFile.toInt64s();
        QCOMPARE(map, c.choosingMap(1));
        const HostTensor oneHot = readNpy(path("maps/" + QString::fromStdString(layer3["one_hot_file"].get<std::string>())).toStdString());
        QCOMPARE(oneHot.dims(), (std::vector<int64_t>{1024, 2048}));
        const float* m = oneHot.data<float>();
        for (std::size_t j = 0; j < 2048; j += 7) {
            double column = 0;
            for (std::size_t i = 0; i < 1024; ++i)
                column += m[i * 2048 + j];
            QCOMPARE(column, 1.0);
            QCOMPARE(m[static_cast<std::size_t>(map[j]) * 2048 + j], 1.0f);
        }

        const CalibrationBatch items = data->readItems(0, 16);
        const auto runObserved = [&](const std::shared_ptr<const Model>& mm, const std::vector<std::string>& nodes) {
            const Tensor& in = mm->graph().tensor(mm->graph().inputs()[0]);
            Executor e(mm->reshaped({{in.name, items.inputs.dims()}}), profilingExecutorOptions());
            InputGrabber grab(nodes);
            e.run({{in.name, items.inputs}}, &grab);
            return grab.grabbed;
        };
        const auto original = runObserved(model, {kF1});
        const auto induced = runObserved(written, {kF3 + "_induced"});
        // features.1's input comes before any rewrite: the same in both models.
        const HostTensor& inducerInput = original.at(kF1).at(0);
        const HostTensor& mask = induced.at(kF3 + "_induced").at(1);
        QCOMPARE(mask.dims(), (std::vector<int64_t>{16, 32, 8, 8}));
        const float* xa = inducerInput.data<float>();
        const float* mk = mask.data<float>();
        for (std::size_t n = 0; n < 16; ++n)
            for (std::size_t j = 0; j < 2048; ++j)
                QCOMPARE(mk[n * 2048 + j], xa[n * 1024 + static_cast<std::size_t>(map[j])] >= 0.0f ? 1.0f : 0.0f);
    }

    void progressAndCancel()
    {
        const auto model = Model::load(fixtures::kDigitsModel);
        const std::string json = "{\"" + kF1 + "\": [\"" + kF1 + "\", \"" + kF3 + "\"]}";
        std::size_t last = 0, total = 0, calls = 0;
        PassContext context;
        context.progress = [&](std::size_t done, std::size_t all) {
            if (done < last)
                return false;
            last = done;
            total = all;
            ++calls;
            return true;
        };
        CalibrationReader reader(fixtures::labelledDigits());
        InduceOptions o;
        o.prototypes = {32};
        induceRelus(*model, mappingOf(json), reader, o, context);
        QVERIFY(calls > 3);
        QCOMPARE(last, total);

        std::atomic<bool> cancel{false};
        context.cancel = &cancel;
        context.progress = [&](std::size_t done, std::size_t all) {
            if (done * 2 > all)
                cancel.store(true);
            return true;
        };
        QVERIFY_THROWS_EXCEPTION(PassCancelled, induceRelus(*model, mappingOf(json), reader, o, context));
    }

    // resnet18 from its stem ReLU (64 x 112 x 112) on four synthetic items.
    void resnet18Stem()
    {
        const auto model = Model::load(kResnet18);
        SyntheticOptions so;
        so.distribution = SyntheticOptions::Distribution::ImageLike;
        const auto data = std::make_shared<SyntheticSource>(4, so);
        const std::string json = "{\"" + kStem + "\": [\"" + kStem + "\", \"" + kLayer1Relu + "\"]}";
        const InducedReluResult r = induce(model, json, data, {16});
        writeModel(*r.pass.proto, path("resnet18_stem16.onnx").toStdString());
        passtest::exportForReference(path("resnet18_stem16.onnx"));
        const auto written = Model::load(path("resnet18_stem16.onnx").toStdString());
        QCOMPARE(written->warnings(), model->warnings());
        QCOMPARE(reluUnits(*model) - reluUnits(*written), int64_t(64 * 112 * 112 + 64 * 56 * 56));
        QCOMPARE(reluUnits(*written, "GreaterOrEqual"), int64_t(16));
        const HostTensor out = runAll(written, *data);
        QCOMPARE(out.dims(), (std::vector<int64_t>{4, 1000}));
        for (double v : out.toDoubles())
            QVERIFY(std::isfinite(v));
        QVERIFY(r.pass.report["accuracy"]["after"].contains("fidelity"));
        QCOMPARE(r.pass.report["relus"]["removed"].get<int64_t>(), int64_t(64 * 112 * 112 - 16 + 64 * 56 * 56));
    }

    // Every stem unit a prototype of itself: the outputs on the calibration items are unchanged.
    void resnet18StemAllPrototypesUnchanged()
    {
        const auto model = Model::load(kResnet18);
        SyntheticOptions so;
        so.distribution = SyntheticOptions::Distribution::ImageLike;
        const auto data = std::make_shared<SyntheticSource>(2, so);
        const std::string json = "{\"" + kStem + "\": [\"" + kStem + "\"]}";
        const InducedReluResult r = induce(model, json, data, {64 * 112 * 112}, false);
        writeModel(*r.pass.proto, path("resnet18_stem_all.onnx").toStdString());
        passtest::exportForReference(path("resnet18_stem_all.onnx"));
        const auto written = Model::load(path("resnet18_stem_all.onnx").toStdString());
        QCOMPARE(reluUnits(*model) - reluUnits(*written), int64_t(64 * 112 * 112));
        const HostTensor want = runAll(model, *data);
        const HostTensor got = runAll(written, *data);
        QVERIFY2(passtest::relativeError(got, want) <= 1e-6, qPrintable(QString::number(passtest::relativeError(got, want))));
    }

    // lenet imports opset 11, before GreaterOrEqual: the mask is 1 - (x < 0).
    void lenetOpset11()
    {
        const auto model = Model::load(kLenet);
        QCOMPARE(model->opsetVersion(""), int64_t(11));
        const Tensor& in = model->graph().tensor(model->graph().inputs()[0]);
        SyntheticOptions so;
        std::vector<int64_t> dims = in.shape.values();
        so.itemDims.assign(dims.begin() + 1, dims.end());
        const auto data = std::make_shared<SyntheticSource>(8, so);
        const InducedReluResult all = induce(model, R"({"activation": ["activation"]})", data, {500}, false);
        writeModel(*all.pass.proto, path("lenet_all.onnx").toStdString());
        passtest::exportForReference(path("lenet_all.onnx"));
        const auto written = Model::load(path("lenet_all.onnx").toStdString());
        QVERIFY(written->warnings().empty());
        QCOMPARE(reluUnits(*written), int64_t(0));
        QCOMPARE(reluUnits(*written, "Less"), int64_t(500));
        QVERIFY(passtest::relativeError(runAll(written, *data), runAll(model, *data)) <= 1e-6);

        // With fewer prototypes the model still runs, and differs.
        const InducedReluResult few = induce(model, R"({"activation": ["activation"]})", data, {3}, false);
        QVERIFY(passtest::relativeError(runAll(few.pass.model, *data), runAll(model, *data)) > 1e-3);
    }

    void cli()
    {
        const QString mapping = QString::fromStdString(writeText(
            path("cli_mapping.json"), "{\"" + kF1 + "\": [\"" + kF1 + "\", \"" + kF3 + "\"]}"));
        const QString data = QString::fromStdString(fixtures::kExampleDir + "digits_calib.npy");
        const QString labels = QString::fromStdString(fixtures::kExampleDir + "digits_calib_labels.npy");
        const fixtures::CliRun run = fixtures::runCli({"induce", QString::fromStdString(fixtures::kDigitsModel), "--mapping",
                                                       mapping, "--prototypes", "128", "--data", data, "--labels", labels,
                                                       "--seed", "3", "-o", path("cli.onnx"), "--report", path("cli.json"),
                                                       "--choosing-dir", path("cli_maps")});
        QVERIFY2(run.exitCode == 0, run.err.constData());
        QVERIFY2(run.out.contains("ReLUs: 3648 -> 704 (2944 removed) over 450 calibration item(s)"), run.out.constData());
        QVERIFY2(run.out.contains("top-1 "), run.out.constData());
        const nlohmann::json report = fixtures::readJson(path("cli.json"));
        QCOMPARE(report["pass"].get<std::string>(), std::string("induce"));
        QCOMPARE(report["seed"].get<int>(), 3);
        QCOMPARE(report["choosing_maps"]["inducers"][0]["induced"].size(), std::size_t(2));
        QVERIFY(QFileInfo::exists(path("cli_maps/choosing.json")));
        QVERIFY(QFileInfo::exists(path("cli_maps/features_features.1_Relu.prototypes.npy")));
        QVERIFY(QFileInfo::exists(path("cli_maps/features_features.3_Relu.choosing.npy")));
        QVERIFY(Model::load(path("cli.onnx").toStdString())->warnings().empty());

        // Same seed, same result; the model file is byte for byte the same.
        const fixtures::CliRun again = fixtures::runCli({"induce", QString::fromStdString(fixtures::kDigitsModel), "--mapping",
                                                         mapping, "--prototypes", "128", "--data", data, "--seed", "3",
                                                         "--no-accuracy", "-o", path("cli2.onnx"), "--report", path("cli2.json")});
        QVERIFY2(again.exitCode == 0, again.err.constData());
        QCOMPARE(fixtures::readBytes(path("cli2.onnx").toStdString()), fixtures::readBytes(path("cli.onnx").toStdString()));

        const fixtures::CliRun bad = fixtures::runCli({"induce", QString::fromStdString(fixtures::kDigitsModel), "--mapping",
                                                       mapping, "--prototypes", "128,5", "--data", data, "-o",
                                                       path("bad.onnx"), "--report", path("bad.json")});
        QCOMPARE(bad.exitCode, 1);
        QVERIFY2(bad.err.startsWith("foldwise-cli: error: " + mapping.toUtf8() + ": the mapping has 1 inducer(s)"),
                 bad.err.constData());
        QVERIFY(!QFileInfo::exists(path("bad.onnx")));
    }
};

QTEST_GUILESS_MAIN(TestInducedRelus)
#include "tst_induced_relus.moc"
