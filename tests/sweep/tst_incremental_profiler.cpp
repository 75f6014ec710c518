// The sweep's incremental profiler: whatever the history of thresholds and however little it
// recomputes, each pass gives exactly what a fresh profileModel (and a fresh measureAccuracy)
// gives with the same thresholds.
#include "OnnxFixtures.h"

#include "ExampleProject.h"
#include "data/CalibrationReader.h"
#include "data/SyntheticSource.h"
#include "model/Model.h"
#include "model/ModelError.h"
#include "profile/Accuracy.h"
#include "profile/Profiler.h"
#include "sweep/IncrementalProfiler.h"
#include "sweep/ThresholdPolicy.h"

#include <QtTest>

using namespace foldwise;
using namespace foldwise::sweep;

namespace {

ActivationProfile freshProfile(const Model& model, std::shared_ptr<const CalibrationSource> data, const ReluThresholds& t)
{
    CalibrationReader reader(std::move(data));
    ProfileOptions o;
    o.thresholds = t;
    o.threads = 2;
    return profileModel(model, reader, o);
}

ReluThresholds allAt(const Model& model, float t)
{
    ReluThresholds thresholds;
    for (const std::string& relu : reluNodes(model))
        thresholds[relu] = t;
    return thresholds;
}

// input -> conv -> relu_a -> conv -> relu_b -> Add(relu_b, relu_a) -> relu_c -> conv -> relu_d
// -> GlobalAveragePool -> Flatten: a residual block, so a change of relu_b alone must take
// relu_a's output (the Add's other input) from the cache or recompute it.
std::string residualModel(const QTemporaryDir& dir)
{
    onnx::ModelProto m = fixtures::makeModel(13);
    fixtures::addInput(m, "x", {1, 3, 12, 12});
    fixtures::addConv(m, "conv1", "x", "c1", 3, 8, 3, 1, 1);
    fixtures::addNode(m, "Relu", {"c1"}, {"a"}, "relu_a");
    fixtures::addConv(m, "conv2", "a", "c2", 8, 8, 3, 1, 1);
    fixtures::addNode(m, "Relu", {"c2"}, {"b"}, "relu_b");
    fixtures::addNode(m, "Add", {"b", "a"}, {"s"}, "add");
    fixtures::addNode(m, "Relu", {"s"}, {"c"}, "relu_c");
    fixtures::addConv(m, "conv3", "c", "c3", 8, 10, 3, 1, 1);
    fixtures::addNode(m, "Relu", {"c3"}, {"d"}, "relu_d");
    fixtures::addNode(m, "GlobalAveragePool", {"d"}, {"g"}, "gap");
    fixtures::addNode(m, "Flatten", {"g"}, {"y"}, "flatten");
    fixtures::addOutput(m, "y");
    // Weights of both signs, so thresholds matter.
    for (onnx::TensorProto& init : *m.mutable_graph()->mutable_initializer()) {
        std::string raw = init.raw_data();
        auto* values = reinterpret_cast<float*>(raw.data());
        for (std::size_t i = 0; i < raw.size() / sizeof(float); ++i)
            values[i] = static_cast<float>(std::sin(0.7 * static_cast<double>(i) + static_cast<double>(raw.size() % 13)) * 0.4);
        init.set_raw_data(raw);
    }
    const std::string path = dir.filePath("residual.onnx").toStdString();
    fixtures::save(m, path);
    return path;
}

} // namespace

class TestIncrementalProfiler : public QObject {
    Q_OBJECT
private:
    QTemporaryDir dir;

    // Runs `steps` through one incremental profiler and checks every pass against fresh runs.
    void checkPasses(const Model& model, std::shared_ptr<const CalibrationSource> data, const std::vector<ReluThresholds>& steps,
                     IncrementalProfilerOptions options, std::vector<std::size_t>* nodesRun = nullptr)
    {
        IncrementalProfiler profiler(model, data, options);
        for (const ReluThresholds& t : steps) {
            const ProfilingPass pass = profiler.run(t);
            const ActivationProfile expected = freshProfile(model, data, t);
            QVERIFY(pass.profile.sameStatistics(expected));
            QCOMPARE(pass.profile.provenance.thresholds, expected.provenance.thresholds);
            QCOMPARE(pass.profile.provenance.items, expected.provenance.items);
            if (nodesRun)
                nodesRun->push_back(pass.nodesRun);
        }
    }

private slots:
    void examplePassesEqualFreshProfilesAndAccuracy()
    {
        const auto model = Model::load(fixtures::kDigitsModel);
        const auto data = fixtures::labelledDigits();
        const std::vector<std::string> relus = reluNodes(*model);
        QVERIFY(relus.size() >= 2);
        ReluThresholds deepOnly = allAt(*model, 0.3f);
        deepOnly[relus.back()] = 0.9f;
        const std::vector<ReluThresholds> steps{allAt(*model, 0.0f), allAt(*model, 0.3f), deepOnly, allAt(*model, 0.3f), {}};
        std::vector<std::size_t> nodesRun;
        checkPasses(*model, data, steps, {}, &nodesRun);
        // Only the last ReLU changed in pass 2 (and back in pass 3): a part of the graph ran.
        QVERIFY(nodesRun[2] < nodesRun[0]);
        QVERIFY(nodesRun[3] < nodesRun[0]);

        // Accuracy from the passes' rankings equals measureAccuracy's.
        IncrementalProfiler profiler(*model, data);
        for (const ReluThresholds& t : {allAt(*model, 0.0f), allAt(*model, 0.5f), deepOnly}) {
            const ProfilingPass pass = profiler.run(t);
            const AccuracyResult fromPass = tallyAccuracy(pass.ranking, pass.rankedPerItem, pass.labels);
            CalibrationReader reader(data);
            AccuracyOptions o;
            o.thresholds = t;
            const AccuracyResult measured = measureAccuracy(*model, reader, o);
            QCOMPARE(fromPass.predictions, measured.predictions);
            QCOMPARE(fromPass.top1Correct, measured.top1Correct);
            QCOMPARE(fromPass.top5Correct, measured.top5Correct);
            QCOMPARE(fromPass.labelled, std::int64_t(450));
        }
    }

    void residualBlockWithAndWithoutCache()
    {
        const auto model = Model::load(residualModel(dir));
        SyntheticOptions so;
        so.itemDims = {3, 12, 12};
        // 21 items: two full runs of 8 and a padded one.
        const auto data = std::make_shared<SyntheticSource>(21, so);
        const auto at = [](float a, float b, float c, float d) {
            return ReluThresholds{{"relu_a", a}, {"relu_b", b}, {"relu_c", c}, {"relu_d", d}};
        };
        const std::vector<ReluThresholds> steps{at(0, 0, 0, 0), at(0, 0.2f, 0, 0), at(0, 0.2f, 0.1f, 0),
                                                at(0.1f, 0.2f, 0.1f, 0), at(0.1f, 0.2f, 0.1f, 0.3f), at(0.1f, 0.2f, 0.1f, 0.3f)};
        for (const std::size_t cacheBytes : {std::size_t(0), std::size_t(1) << 20}) {
            IncrementalProfilerOptions o;
            o.cacheBytes = cacheBytes;
            o.threads = 2;
            std::vector<std::size_t> nodesRun;
            checkPasses(*model, data, steps, o, &nodesRun);
            QCOMPARE(nodesRun.front(), model->graph().nodes().size());
            QCOMPARE(nodesRun.back(), std::size_t(0)); // nothing changed
            // With the cache, changing relu_d re-runs relu_d, the pool and the flatten only.
            if (cacheBytes)
                QCOMPARE(nodesRun[4], std::size_t(3));
            else
                QVERIFY(nodesRun[4] > 3);
        }
    }

    void badThresholdsAreRefused()
    {
        const auto model = Model::load(fixtures::kDigitsModel);
        IncrementalProfiler profiler(*model, fixtures::labelledDigits());
        QVERIFY_THROWS_EXCEPTION(ModelError, profiler.run({{"no such node", 0.1f}}));
        // The profiler still works afterwards.
        QVERIFY(profiler.run(allAt(*model, 0.1f)).profile.sameStatistics(freshProfile(*model, fixtures::labelledDigits(), allAt(*model, 0.1f))));
    }
};

QTEST_GUILESS_MAIN(TestIncrementalProfiler)
#include "tst_incremental_profiler.moc"
