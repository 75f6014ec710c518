// The reference-model generator (tests/models): its output is a pure function of the seed, and
// the random weights give activations that are not degenerate. Topology, names and figures are
// checked by the suites that use the models (tst_cli_inspect, tst_layer_figures, ...) against
// the published numbers; the logits against onnxruntime (tst_reference_models).
#include "FormulaInput.h"
#include "exec/Executor.h"
#include "model/Model.h"

#include <QtTest>

#include <algorithm>

#include <QCryptographicHash>
#include <QProcess>
#include <QTemporaryDir>

using namespace foldwise;

namespace {

const QStringList kModels{"resnet18.onnx", "mobilenet_v2.onnx", "cnv.onnx"};

QByteArray sha256(const QString& file)
{
    QFile f(file);
    if (!f.open(QIODevice::ReadOnly))
        return {};
    return QCryptographicHash::hash(f.readAll(), QCryptographicHash::Sha256).toHex();
}

} // namespace

class TestModelGenerator : public QObject {
    Q_OBJECT
private slots:
    // Two runs into fresh folders write the same bytes as the build did.
    void deterministic()
    {
        QTemporaryDir a, b;
        QVERIFY(a.isValid() && b.isValid());
        for (const QString& folder : {a.path(), b.path()}) {
            QProcess p;
            p.start(FOLDWISE_MAKE_MODELS, {folder});
            QVERIFY(p.waitForFinished(120000));
            QVERIFY2(p.exitStatus() == QProcess::NormalExit && p.exitCode() == 0, p.readAllStandardError().constData());
        }
        for (const QString& name : kModels) {
            const QByteArray built = sha256(QString(FOLDWISE_MODELS_DIR) + "/" + name);
            QVERIFY2(!built.isEmpty(), qPrintable(name));
            QCOMPARE(sha256(a.filePath(name)), built);
            QCOMPARE(sha256(b.filePath(name)), built);
        }
    }

    // On the formula input, every ReLU (and mobilenet_v2's ReLU6 Clip) zeroes a real share of its
    // inputs but not all: seeded weights that killed or passed everything would make sparsity
    // profiles, thresholds and pruning meaningless on these models.
    void activationsAreNotDegenerate_data()
    {
        QTest::addColumn<QString>("model");
        for (const QString& name : kModels)
            QTest::newRow(qPrintable(name)) << name;
    }
    void activationsAreNotDegenerate()
    {
        QFETCH(QString, model);
        const auto m = Model::load((QString(FOLDWISE_MODELS_DIR) + "/" + model).toStdString());
        const Tensor& input = m->graph().tensor(m->graph().inputs()[0]);
        struct Zeros : ExecutionObserver {
            std::vector<std::pair<std::string, double>> fractions;
            void nodeFinished(const Node& node, std::span<const HostTensor* const>, std::span<const HostTensor> out) override
            {
                if (node.opType != "Relu" && node.opType != "Clip")
                    return;
                const std::vector<double> v = out[0].toDoubles();
                const auto zeros = std::count(v.begin(), v.end(), 0.0);
                fractions.emplace_back(node.name, static_cast<double>(zeros) / static_cast<double>(v.size()));
            }
        } zeros;
        Executor plain(m, ExecutorOptions{false, false, {}});
        plain.run({{input.name, formulaInput(input.shape.values())}}, &zeros);
        QVERIFY(!zeros.fractions.empty());
        double sum = 0;
        for (const auto& [name, fraction] : zeros.fractions) {
            QVERIFY2(fraction > 0.15 && fraction < 0.85, qPrintable(QString::fromStdString(name) + ": " + QString::number(fraction)));
            sum += fraction;
        }
        const double mean = sum / static_cast<double>(zeros.fractions.size());
        QVERIFY2(mean > 0.35 && mean < 0.65, qPrintable(QString::number(mean)));
    }
};

QTEST_GUILESS_MAIN(TestModelGenerator)
#include "tst_model_generator.moc"
