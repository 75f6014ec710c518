// foldwise-cli run, end to end: the bundled example classifies its held-out digits exactly as
// PyTorch did when it was trained (444 of 450, resources/example/README.md).
#include "data/NpyFile.h"

#include "CliRunner.h"

#include <QtTest>

using namespace foldwise;

namespace {

using Run = fixtures::CliRun;

Run cli(const QStringList& args)
{
    return fixtures::runCli(args);
}

const QString example = FOLDWISE_SOURCE_DIR "/resources/example/";

} // namespace

class TestCliRun : public QObject {
    Q_OBJECT
private slots:
    void exampleAccuracyMatchesTraining()
    {
        QTemporaryDir out;
        const Run r = cli({"run", example + "digits_cnn.onnx", "--input", "input=" + example + "digits_calib.npy",
                           "--output-dir", out.path()});
        QVERIFY2(r.exitCode == 0, r.err.constData());
        const HostTensor logits = readNpy(out.filePath("logits.npy").toStdString());
        const HostTensor labels = readNpy((example + "digits_calib_labels.npy").toStdString());
        QCOMPARE(logits.dims(), (std::vector<int64_t>{450, 10}));
        const float* l = logits.data<float>();
        const int64_t* y = labels.data<int64_t>();
        int correct = 0;
        for (int i = 0; i < 450; ++i)
            correct += std::max_element(l + i * 10, l + i * 10 + 10) - (l + i * 10) == y[i];
        QCOMPARE(correct, 444);
    }

    void errors_data()
    {
        QTest::addColumn<QStringList>("args");
        QTest::addColumn<QString>("expected");
        QTest::newRow("no such input") << QStringList{"run", example + "digits_cnn.onnx", "--input",
                                                      "pixels=" + example + "digits_calib.npy", "--output-dir", "/tmp"}
                                       << "no graph input is named 'pixels'";
        QTest::newRow("missing file") << QStringList{"run", example + "digits_cnn.onnx", "--input", "input=/nonexistent.npy",
                                                     "--output-dir", "/tmp"}
                                      << "/nonexistent.npy";
        QTest::newRow("not NAME=FILE") << QStringList{"run", example + "digits_cnn.onnx", "--input", "input",
                                                      "--output-dir", "/tmp"}
                                       << "NAME=FILE";
        QTest::newRow("wrong rank") << QStringList{"run", example + "digits_cnn.onnx", "--input",
                                                   "input=" + example + "digits_calib_labels.npy", "--output-dir", "/tmp"}
                                    << "rank";
    }
    void errors()
    {
        QFETCH(QStringList, args);
        QFETCH(QString, expected);
        const Run r = cli(args);
        QVERIFY2(fixtures::refusedWith(r, expected), r.err.constData());
    }
};

QTEST_GUILESS_MAIN(TestCliRun)
#include "tst_cli_run.moc"
