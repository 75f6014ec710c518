// The threshold policies of the ReLU-threshold sweeps (domain reference section 2): uniform
// raises every ReLU by THRESHOLD_INC; slowest_node raises the ReLUs feeding the slowest
// convolution, found by looking back through Split/Concat/Add/Pool/Pad, each at most once.
#include "OnnxFixtures.h"

#include "model/Model.h"
#include "model/ModelError.h"
#include "profile/ActivationProfile.h"
#include "sweep/ThresholdPolicy.h"

#include <QtTest>

using namespace foldwise;
using namespace foldwise::sweep;

namespace {

// x -> conv1 -> relu1 -> pool -> conv2 -> relu2 --+--> add -> conv4 -> relu4 -> concat -> conv6
//                                \-> conv3 -> relu3 -/                   relu5 -/
//                                                     conv5 (reads relu2) -> relu5
onnx::ModelProto branchyModel()
{
    onnx::ModelProto m = fixtures::modelWithInput("x", {1, 4, 16, 16});
    fixtures::addConv(m, "conv1", "x", "c1", 4, 4, 3, 1, 1);
    fixtures::addNode(m, "Relu", {"c1"}, {"r1"}, "relu1");
    fixtures::addPool(m, "MaxPool", "pool", "r1", "p", 2, 2);
    fixtures::addConv(m, "conv2", "p", "c2", 4, 4, 3, 1, 1);
    fixtures::addNode(m, "Relu", {"c2"}, {"r2"}, "relu2");
    fixtures::addConv(m, "conv3", "p", "c3", 4, 4, 3, 1, 1);
    fixtures::addNode(m, "Relu", {"c3"}, {"r3"}, "relu3");
    fixtures::addNode(m, "Add", {"r2", "r3"}, {"a"}, "add");
    fixtures::addConv(m, "conv4", "a", "c4", 4, 4, 3, 1, 1);
    fixtures::addNode(m, "Relu", {"c4"}, {"r4"}, "relu4");
    fixtures::addConv(m, "conv5", "r2", "c5", 4, 4, 3, 1, 1);
    fixtures::addNode(m, "Relu", {"c5"}, {"r5"}, "relu5");
    auto* concat = fixtures::addNode(m, "Concat", {"r4", "r5"}, {"cat"}, "concat");
    fixtures::setInt(concat, "axis", 1);
    fixtures::addConv(m, "conv6", "cat", "y", 8, 2, 1);
    fixtures::addOutput(m, "y");
    return m;
}

using Names = std::vector<std::string>;

} // namespace

class TestThresholdPolicy : public QObject {
    Q_OBJECT
private:
    QTemporaryDir dir;
    std::shared_ptr<const Model> model;

private slots:
    void initTestCase()
    {
        const std::string file = dir.filePath("branchy.onnx").toStdString();
        fixtures::save(branchyModel(), file);
        model = Model::load(file);
    }

    void lookBackThroughZeroPreservingLayers()
    {
        QCOMPARE(relusFeeding(*model, "conv1"), Names{});                   // the graph input
        QCOMPARE(relusFeeding(*model, "conv2"), Names{"relu1"});            // through the pool
        QCOMPARE(relusFeeding(*model, "conv4"), (Names{"relu2", "relu3"})); // through the add
        QCOMPARE(relusFeeding(*model, "conv5"), Names{"relu2"});
        QCOMPARE(relusFeeding(*model, "conv6"), (Names{"relu4", "relu5"})); // a concat, not past the convs
        QVERIFY_THROWS_EXCEPTION(ModelError, relusFeeding(*model, "nope"));
    }

    void uniformRaisesEveryRelu()
    {
        QCOMPARE(reluNodes(*model), (Names{"relu1", "relu2", "relu3", "relu4", "relu5"}));
        const ReluThresholds once = raiseUniform(*model, {}, ThresholdStep{});
        const ReluThresholds twice = raiseUniform(*model, once, ThresholdStep{});
        QCOMPARE(once.size(), std::size_t(5));
        for (const auto& [relu, t] : twice) {
            QCOMPARE(once.at(relu), 0.005f);
            QCOMPARE(t, 0.005f + 0.005f);
        }
    }

    void slowestNodeRaisesItsFeedersOnce()
    {
        ReluThresholds t{{"relu1", 0.1f}};
        t = raiseFeeding(*model, t, "conv4", ThresholdStep{0.05, false});
        QCOMPARE(t.size(), std::size_t(3));
        QCOMPARE(t.at("relu1"), 0.1f);  // not feeding conv4: unchanged
        QCOMPARE(t.at("relu2"), 0.05f); // relu2 reaches conv4 once (through the add), raised once
        QCOMPARE(t.at("relu3"), 0.05f);
        QCOMPARE(raiseFeeding(*model, t, "conv1", ThresholdStep{}), t); // nothing feeds conv1
    }

    // A relative step moves each ReLU by a fraction of its largest pre-activation value.
    void relativeSteps()
    {
        ActivationProfile p;
        ReluInputValues big{"relu1", "Relu", "c1", {}};
        const std::vector<float> values{-3.0f, 0.5f, 2.0f};
        big.histogram.add(values);
        p.relus.push_back(big);
        const ReluThresholds t = raiseUniform(*model, {}, ThresholdStep{0.1, true}, &p);
        QCOMPARE(t.at("relu1"), 0.2f);
        QCOMPARE(t.at("relu2"), 0.0f); // no spread profiled: no move
    }
};

QTEST_GUILESS_MAIN(TestThresholdPolicy)
#include "tst_threshold_policy.moc"
