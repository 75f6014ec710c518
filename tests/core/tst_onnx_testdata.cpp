// Walks every model.onnx of ONNX's own conformance data (Debian's libonnx-testdata): each one
// loads or fails with a clear ModelError; none crashes. Prints the counts.
#include "SkipOutsideCi.h"
#include "layers/ModelSummary.h"
#include "model/Model.h"
#include "model/ModelError.h"

#include <QtTest>

#include <filesystem>

using namespace foldwise;

class TestOnnxTestdata : public QObject {
    Q_OBJECT
private slots:
    void everyModelLoadsOrFailsClearly()
    {
        const std::filesystem::path root = "/usr/share/libonnx-testdata/data";
        if (!std::filesystem::exists(root))
            FOLDWISE_SKIP_OUTSIDE_CI(QStringLiteral("libonnx-testdata is not installed"));
        std::vector<std::filesystem::path> files;
        for (const auto& entry : std::filesystem::recursive_directory_iterator(root))
            if (entry.path().filename() == "model.onnx")
                files.push_back(entry.path());
        std::sort(files.begin(), files.end());
        QVERIFY2(files.size() > 1000, "expected the full conformance set");

        int loaded = 0;
        std::vector<std::string> failures;
        for (const auto& file : files) {
            try {
                const auto model = Model::load(file);
                const ModelSummary summary = summariseModel(*model);
                QCOMPARE(summary.layers.size(), model->graph().nodes().size());
                ++loaded;
            } catch (const ModelError& e) {
                const std::string message = e.what();
                QVERIFY2(message.rfind(file.string(), 0) == 0, message.c_str());
                failures.push_back(message);
            }
        }
        for (const std::string& f : failures)
            qInfo("rejected: %s", f.c_str());
        qInfo("libonnx-testdata: %zu models, %d loaded, %zu rejected with a clear error", files.size(), loaded,
              failures.size());
        // These are ONNX's own valid test models: nearly all must load.
        QVERIFY2(failures.size() * 100 <= files.size(), "more than 1% of the conformance models were rejected");
    }

    // The conformance data's tensor files (.pb TensorProtos) are protobufs but not models: a
    // stress test of the "valid protobuf, not a model" path with thousands of real files.
    void tensorFilesAreRejectedClearly()
    {
        const std::filesystem::path root = "/usr/share/libonnx-testdata/data/node";
        if (!std::filesystem::exists(root))
            FOLDWISE_SKIP_OUTSIDE_CI(QStringLiteral("libonnx-testdata is not installed"));
        int rejected = 0, loaded = 0;
        for (const auto& entry : std::filesystem::recursive_directory_iterator(root)) {
            if (entry.path().extension() != ".pb")
                continue;
            try {
                Model::load(entry.path());
                ++loaded;
            } catch (const ModelError& e) {
                QVERIFY2(std::string(e.what()).rfind(entry.path().string(), 0) == 0, e.what());
                ++rejected;
            }
        }
        qInfo("tensor files: %d rejected with a clear error, %d parsed as models", rejected, loaded);
        QVERIFY(rejected > 1000);
    }
};

QTEST_GUILESS_MAIN(TestOnnxTestdata)
#include "tst_onnx_testdata.moc"
