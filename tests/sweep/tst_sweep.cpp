// Threshold sweeps on the bundled example: thresholds grow as the policy says, sparsity never
// falls as they rise, iteration 0 is the plain model, and a sweep resumed after a crash writes
// the same log as one that ran through.
#include "OnnxFixtures.h"

#include "ExampleProject.h"
#include "data/OpenCalibrationSource.h"
#include "hw/Platform.h"
#include "model/Model.h"
#include "model/ModelError.h"
#include "profile/ProfileFile.h"
#include "sweep/Sweep.h"

#include <QtTest>

using namespace foldwise;
using namespace foldwise::sweep;

namespace {

using fixtures::labelledDigits;

SweepOptions options(const std::string& policy, int iterations)
{
    SweepOptions o;
    o.policy = policy;
    o.mode = "fixed";
    o.step.increment = 0.25;
    o.iterations = iterations;
    o.platform = findPlatform("zedboard");
    o.settings.batch = 16;
    return o;
}

} // namespace

class TestSweep : public QObject {
    Q_OBJECT
private:
    QTemporaryDir dir;
    std::shared_ptr<const Model> model;
    std::string path(const QString& name) const { return dir.filePath(name).toStdString(); }

private slots:
    void initTestCase() { model = Model::load(fixtures::kDigitsModel); }

    void uniformSweep()
    {
        const RunLog log = runSweep(*model, labelledDigits(), options("uniform", 3), path("uniform"));
        QCOMPARE(log.iterations.size(), std::size_t(4));
        const RunIteration& first = log.iterations.front();
        QVERIFY(std::fabs(*first.top1 - 100.0 * 444 / 450) < 1e-9); // the plain model (threshold 0)
        QCOMPARE(*first.fidelity, 100.0);
        for (std::size_t k = 0; k < log.iterations.size(); ++k) {
            const RunIteration& it = log.iterations[k];
            QCOMPARE(it.thresholds.size(), std::size_t(4));
            for (const auto& [relu, t] : it.thresholds)
                QCOMPARE(t, 0.25f * static_cast<float>(k));
            if (k > 0) {
                QVERIFY(it.networkSparsity >= log.iterations[k - 1].networkSparsity);
                QVERIFY(*it.hardware.throughputFps >= *log.iterations[k - 1].hardware.throughputFps);
            }
            for (const char* f : {"thresholds.json", "profile.json", "design.json", "digits_cnn_sparsity_log.csv"})
                QVERIFY2(QFileInfo::exists(QString::fromStdString(path("uniform/iteration_" + QString::number(k))) + "/" + f), f);
        }
        // Real accuracy falls while sparsity rises.
        QVERIFY(*log.iterations.back().top1 < *first.top1);
        QVERIFY(log.iterations.back().networkSparsity > first.networkSparsity);
        QCOMPARE(readSummaryCsv(path("uniform/summary.csv")).iterations.size(), std::size_t(4));
    }

    void slowestNodeRaisesOnlyItsFeeders()
    {
        const RunLog log = runSweep(*model, labelledDigits(), options("slowest_node", 2), path("slowest"));
        QCOMPARE(log.iterations.size(), std::size_t(3));
        for (std::size_t k = 1; k < log.iterations.size(); ++k) {
            int raised = 0;
            for (const auto& [relu, t] : log.iterations[k].thresholds) {
                const float before = log.iterations[k - 1].thresholds.at(relu);
                QVERIFY(t == before || std::fabs(t - before - 0.25f) < 1e-6f);
                raised += t != before;
            }
            QVERIFY(raised >= 1 && raised < 4);
        }
    }

    // A sweep killed after iteration 1 (with a half-written iteration 2 left behind) and
    // resumed writes the same summary as one that ran through.
    void resumeAfterCrash()
    {
        runSweep(*model, labelledDigits(), options("uniform", 3), path("through"));
        runSweep(*model, labelledDigits(), options("uniform", 1), path("crashed"));
        QDir().mkpath(QString::fromStdString(path("crashed/iteration_2")));
        fixtures::saveBytes("{\"half", path("crashed/iteration_2/profile.json"));
        runSweep(*model, labelledDigits(), options("uniform", 3), path("crashed"));
        QCOMPARE(fixtures::readBytes(path("crashed/summary.csv")), fixtures::readBytes(path("through/summary.csv")));
        // Another sweep's directory is refused.
        QVERIFY_THROWS_EXCEPTION(ModelError, runSweep(*model, labelledDigits(), options("slowest_node", 1), path("crashed")));
    }

    // Normalised: each iteration's dense design is optimised within the sparse design's DSPs,
    // and once the activations are sparse the zero-skipping design is the faster of the two.
    void normalisedComparesAtTheSameDsp()
    {
        SweepOptions o = options("uniform", 3);
        o.mode = "normalised";
        const RunLog log = runSweep(*model, labelledDigits(), o, path("normalised"));
        QCOMPARE(log.iterations.size(), std::size_t(4));
        for (const RunIteration& it : log.iterations) {
            QVERIFY(it.hardware.denseThroughputFps && it.hardware.denseDsp && it.hardware.dsp);
            QVERIFY(*it.hardware.denseDsp <= *it.hardware.dsp);
            QVERIFY(QFileInfo::exists(QString::fromStdString(path("normalised/iteration_" + QString::number(it.index) + "/dense_design.json"))));
        }
        const RunIteration& last = log.iterations.back();
        QVERIFY(last.networkSparsity > 0.5);
        QVERIFY(*last.hardware.throughputFps > *last.hardware.denseThroughputFps);
        // The columns read back.
        const RunLog back = readSummaryCsv(path("normalised/summary.csv"));
        QCOMPARE(back.iterations.back().hardware.denseDsp, last.hardware.denseDsp);
    }

    // FINN-style hardware computes every zero: the accuracy and sparsity move, its figures do not.
    void finnStyleHardwareIsConstant()
    {
        SweepOptions o = options("uniform", 2);
        o.style = "finn";
        o.finn.weightBits = 4;
        o.finn.activationBits = 4;
        o.platform = findPlatform("zcu102");
        const RunLog log = runSweep(*model, labelledDigits(), o, path("finn"));
        QCOMPARE(log.iterations.size(), std::size_t(3));
        QVERIFY(log.iterations.back().networkSparsity > log.iterations.front().networkSparsity);
        for (const RunIteration& it : log.iterations) {
            QVERIFY(it.hardware.throughputFps && *it.hardware.throughputFps > 0);
            QCOMPARE(it.hardware, log.iterations.front().hardware);
        }
        QVERIFY(QFileInfo::exists(QString::fromStdString(path("finn/iteration_2/folding_config.json"))));
        o.mode = "normalised";
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, runSweep(*model, labelledDigits(), o, path("finn_normalised")));
    }

    // A relative step is a fraction of each ReLU's largest input in the plain model.
    void relativeStepsFollowEachReluRange()
    {
        SweepOptions o = options("uniform", 1);
        o.step = {0.1, true};
        const RunLog log = runSweep(*model, labelledDigits(), o, path("relative"));
        const ActivationProfile plain = readProfile(path("relative/iteration_0/profile.json"));
        QCOMPARE(log.iterations.size(), std::size_t(2));
        for (const auto& [relu, t] : log.iterations[1].thresholds) {
            const float expected = 0.1f * plain.findRelu(relu)->histogram.max();
            QVERIFY2(expected > 0, relu.c_str());
            QVERIFY2(std::fabs(t - expected) <= 1e-6f * expected, relu.c_str());
        }
    }

    // Run directories the GUI wrote before it opened the labels by their absolute path: the
    // manifest describes the data with the labels relative, its invocation has them absolute.
    // Such a sweep still resumes (from any folder, with the absolute labels).
    void resumesManifestsWithRelativeLabels()
    {
        const QString before = QDir::currentPath();
        QVERIFY(QDir::setCurrent(QString::fromStdString(fixtures::kExampleDir)));
        CalibrationOptions relative;
        relative.labels = "digits_calib_labels.npy";
        SweepOptions o = options("uniform", 0);
        o.invocation = {{"labels", fixtures::kExampleDir + "digits_calib_labels.npy"}};
        runSweep(*model, openCalibrationSource(fixtures::kExampleDir + "digits_calib.npy", relative), o, path("gui"));
        QVERIFY(QDir::setCurrent(before));
        QVERIFY(fixtures::readBytes(path("gui/manifest.json")).find("labels digits_calib_labels.npy (") != std::string::npos);
        o.iterations = 1;
        QCOMPARE(runSweep(*model, labelledDigits(), o, path("gui")).iterations.size(), std::size_t(2));
    }
};

QTEST_GUILESS_MAIN(TestSweep)
#include "tst_sweep.moc"
