// Quantised models executed by Foldwise against onnxruntime running the same models with their
// quantizers written out as standard ONNX ops (tests/reference/qonnx_to_standard.py,
// make_qonnx_reference.mjs): synthetic fixtures for every rounding mode, per-channel
// parameters, Trunc, MultiThreshold and channels-last ops, and real QONNX exports.
#include "FormulaInput.h"
#include "data/NpyFile.h"
#include "exec/Executor.h"
#include "model/Model.h"
#include "model/ModelError.h"

#include <QtTest>

#include <nlohmann/json.hpp>

#include <cmath>
#include <fstream>
#include <map>

using namespace foldwise;

namespace {

const QString kSource = QString(FOLDWISE_SOURCE_DIR);


// Every node output by name, as the executor computed it.
struct Recorder : ExecutionObserver {
    std::map<std::string, HostTensor> tensors;
    const Graph* graph = nullptr;
    void nodeFinished(const Node& node, std::span<const HostTensor* const>, std::span<const HostTensor> outputs) override
    {
        for (std::size_t i = 0; i < outputs.size() && i < node.outputs.size(); ++i)
            if (node.outputs[i] != kNoId)
                tensors[graph->tensor(node.outputs[i]).name] = outputs[i].clone();
    }
};

nlohmann::json manifest()
{
    std::ifstream in((kSource + "/tests/reference/qonnx/manifest.json").toStdString());
    return nlohmann::json::parse(in);
}

} // namespace

class TestQonnxExecution : public QObject {
    Q_OBJECT
private slots:
    void matchesOnnxruntime_data()
    {
        QTest::addColumn<QString>("name");
        const nlohmann::json models = manifest()["models"];
        QVERIFY(models.size() >= 11);
        for (auto it = models.begin(); it != models.end(); ++it)
            QTest::newRow(it.key().c_str()) << QString::fromStdString(it.key());
    }

    void matchesOnnxruntime()
    {
        QFETCH(QString, name);
        const nlohmann::json entry = manifest()["models"][name.toStdString()];
        LoadOptions options;
        const std::vector<int64_t> inputShape = entry["input_shape"].get<std::vector<int64_t>>();
        if (entry.value("input_shape_overridden", false))
            options.inputShapes.push_back({entry["input_name"].get<std::string>(), inputShape});
        const auto model = Model::load((kSource + "/" + QString::fromStdString(entry["source"].get<std::string>())).toStdString(), options);
        Executor executor(model, ExecutorOptions{false, false, {}});
        Recorder recorder;
        recorder.graph = &model->graph();
        const std::vector<HostTensor> outputs =
            executor.run({{entry["input_name"].get<std::string>(), formulaInput(inputShape)}}, &recorder);
        for (std::size_t i = 0; i < model->graph().outputs().size(); ++i)
            recorder.tensors[model->graph().tensor(model->graph().outputs()[i]).name] = outputs[i];

        for (const auto& ref : entry["tensors"]) {
            if (ref["file"].is_null())
                continue;
            const std::string tensor = ref["tensor"].get<std::string>();
            const auto it = recorder.tensors.find(tensor);
            QVERIFY2(it != recorder.tensors.end(), tensor.c_str());
            const HostTensor want = readNpy((kSource + "/tests/reference/qonnx/" + QString::fromStdString(ref["file"])).toStdString());
            QCOMPARE(it->second.dims(), want.dims());
            const std::vector<double> g = it->second.toDoubles(), w = want.toDoubles();
            // Quantizer outputs are exact; an accumulation order that differs from onnxruntime's
            // may move a value across a rounding boundary: at most one step, on few elements.
            double maxAbs = 0;
            for (double v : w)
                maxAbs = std::max(maxAbs, std::fabs(v));
            const double tolerance = 1e-5 * std::max(1.0, maxAbs);
            const double step = ref.contains("scale") && ref["scale"].is_number() ? ref["scale"].get<double>() : 0.0;
            std::size_t off = 0, offByOneStep = 0;
            double worst = 0;
            for (std::size_t k = 0; k < g.size(); ++k) {
                const double d = std::fabs(g[k] - w[k]);
                worst = std::max(worst, d);
                if (d <= tolerance)
                    continue;
                if (step > 0 && std::fabs(d - step) <= 1e-5 * std::max(1.0, step))
                    ++offByOneStep;
                else
                    ++off;
            }
            qInfo("%s %s: %zu values, max |diff| %.3g, %zu one step off, %zu off", qPrintable(name), tensor.c_str(), g.size(),
                  worst, offByOneStep, off);
            const bool quantizer = ref.value("is_quantizer_output", false);
            if (quantizer) {
                QVERIFY2(off == 0, qPrintable(QString("%1: %2 values differ by more than one step").arg(tensor.c_str()).arg(off)));
                QVERIFY2(offByOneStep * 200 <= g.size(), qPrintable(QString("%1: %2 values one step off").arg(tensor.c_str()).arg(offByOneStep)));
            } else {
                // Graph outputs after quantized layers: within a small relative error of the largest value.
                QVERIFY2(worst <= 1e-3 * std::max(1.0, maxAbs), qPrintable(QString("%1: max diff %2").arg(tensor.c_str()).arg(worst)));
            }
        }
    }
};

QTEST_GUILESS_MAIN(TestQonnxExecution)
#include "tst_qonnx_execution.moc"
