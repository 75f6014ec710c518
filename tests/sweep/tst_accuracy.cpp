// Accuracy of the bundled example under thresholds: the plain model's held-out accuracy is the
// one its training script recorded (resources/example/README.md: 444 of 450), threshold 0
// changes nothing, and high thresholds cost accuracy.
#include "ExampleProject.h"
#include "data/CalibrationReader.h"
#include "model/Model.h"
#include "model/ModelError.h"
#include "profile/Accuracy.h"
#include "sweep/ThresholdPolicy.h"

#include <QtTest>

using namespace foldwise;
using namespace foldwise::sweep;

namespace {

using fixtures::labelledDigits;

AccuracyResult measure(const Model& model, AccuracyOptions options = {})
{
    CalibrationReader reader(labelledDigits());
    return measureAccuracy(model, reader, options);
}

} // namespace

class TestAccuracy : public QObject {
    Q_OBJECT
private:
    std::shared_ptr<const Model> model;

    // Every ReLU of the model at `threshold`, predictions compared with `reference`'s.
    AccuracyOptions uniformThreshold(float threshold, const std::vector<int64_t>* reference) const
    {
        AccuracyOptions o;
        for (const std::string& relu : reluNodes(*model))
            o.thresholds[relu] = threshold;
        o.reference = reference;
        return o;
    }

private slots:
    void initTestCase() { model = Model::load(fixtures::kDigitsModel); }

    void plainModelMatchesTheTrainingRecord()
    {
        const AccuracyResult r = measure(*model);
        QCOMPARE(r.items, int64_t(450));
        QCOMPARE(r.labelled, int64_t(450));
        QCOMPARE(r.top1Correct, int64_t(444));
        QVERIFY(r.top5Correct >= r.top1Correct && r.top5Correct <= 450);
        QVERIFY(std::fabs(*r.top1() - 100.0 * 444 / 450) < 1e-9);
        QVERIFY(!r.fidelity());
        // The batch size changes nothing.
        AccuracyOptions small;
        small.batchSize = 7;
        QCOMPARE(measure(*model, small).predictions, r.predictions);
    }

    void thresholdZeroIsThePlainModel()
    {
        const AccuracyResult plain = measure(*model);
        const AccuracyResult zero = measure(*model, uniformThreshold(0.0f, &plain.predictions));
        QCOMPARE(zero.predictions, plain.predictions);
        QCOMPARE(*zero.fidelity(), 100.0);
    }

    void highThresholdsCostAccuracy()
    {
        const AccuracyResult plain = measure(*model);
        AccuracyOptions o = uniformThreshold(2.0f, &plain.predictions);
        const AccuracyResult high = measure(*model, o);
        QVERIFY(high.top1Correct < plain.top1Correct);
        QVERIFY(*high.fidelity() < 100.0);
        // A reference of the wrong length is refused.
        const std::vector<int64_t> shortReference(3, 0);
        o.reference = &shortReference;
        QVERIFY_THROWS_EXCEPTION(ModelError, measure(*model, o));
    }
};

QTEST_GUILESS_MAIN(TestAccuracy)
#include "tst_accuracy.moc"
