// foldwise-cli inspect, run as a user would: a separate process, output parsed with Qt's own
// JSON reader, figures checked against hand-computed and published values.
#include "CliRunner.h"

#include <QtTest>

namespace {

using Run = fixtures::CliRun;

Run cli(const QStringList& args)
{
    return fixtures::runCli(args);
}

const QString example = FOLDWISE_SOURCE_DIR "/resources/example/digits_cnn.onnx";

QString generatedModel(const char* name)
{
    return QString(FOLDWISE_MODELS_DIR) + "/" + name;
}

} // namespace

class TestCliInspect : public QObject {
    Q_OBJECT
private slots:
    void jsonOnExample()
    {
        const Run r = cli({"inspect", example, "--json"});
        QCOMPARE(r.exitCode, 0);
        QJsonParseError error;
        const QJsonObject doc = QJsonDocument::fromJson(r.out, &error).object();
        QCOMPARE(error.error, QJsonParseError::NoError);
        QVERIFY(doc.contains("model"));
        const QJsonArray layers = doc["layers"].toArray();
        QCOMPARE(layers.size(), 12);
        for (const auto& l : layers)
            for (const char* key : {"name", "op_type", "output_shape", "macs", "params"})
                QVERIFY2(l.toObject().contains(key), key);
        // conv 1->16 (8x8, 3x3), conv 16->32 (8x8), conv 32->32 (4x4), fc 128->64, fc 64->10
        const qint64 macs = 16 * 64 * 1 * 9 + 32 * 64 * 16 * 9 + 32 * 16 * 32 * 9 + 128 * 64 + 64 * 10;
        const QJsonObject totals = doc["totals"].toObject();
        QCOMPARE(totals["macs"].toInteger(), macs);
        QCOMPARE(totals["params"].toInteger(), qint64(22954)); // as PyTorch counted when training
        QCOMPARE(totals["nodes"].toInteger(), qint64(12));
        const QJsonObject conv = layers[2].toObject();
        QCOMPARE(conv["op_type"].toString(), QString("Conv"));
        QCOMPARE(conv["output_shape"].toArray(), (QJsonArray{1, 32, 8, 8}));
        QCOMPARE(conv["macs"].toInteger(), qint64(32 * 64 * 16 * 9));
    }

    void publishedTotals_data()
    {
        QTest::addColumn<QString>("file");
        QTest::addColumn<qint64>("macs");
        QTest::newRow("resnet18") << generatedModel("resnet18.onnx") << qint64(1814073344);
        QTest::newRow("mobilenet_v2") << generatedModel("mobilenet_v2.onnx") << qint64(300774272);
    }
    void publishedTotals()
    {
        QFETCH(QString, file);
        QFETCH(qint64, macs);
        const Run r = cli({"inspect", file, "--json"});
        QCOMPARE(r.exitCode, 0);
        QCOMPARE(QJsonDocument::fromJson(r.out)["totals"]["macs"].toInteger(), macs);
    }

    void inputShapeChangesTheFigures()
    {
        const QString file = generatedModel("resnet18.onnx");
        const Run r = cli({"inspect", file, "--input-shape", "input:2,3,224,224", "--json"});
        QCOMPARE(r.exitCode, 0);
        const QJsonDocument doc = QJsonDocument::fromJson(r.out);
        QCOMPARE(doc["totals"]["macs"].toInteger(), 2 * qint64(1814073344));
        QCOMPARE(doc["model"]["inputs"][0]["shape"].toArray(), (QJsonArray{2, 3, 224, 224}));
    }

    void csv()
    {
        const Run r = cli({"inspect", example, "--csv"});
        QCOMPARE(r.exitCode, 0);
        const QList<QByteArray> lines = r.out.trimmed().split('\n');
        QCOMPARE(lines.size(), 13);
        QCOMPARE(lines[0], QByteArray("name,op_type,kind,output_shape,macs,params,weight_bits,input_bits,output_bits,bops,weight_memory_bits"));
        // A float model: no bit widths; BOPs and weight memory count float operands as 32 bits.
        QCOMPARE(lines[1], QByteArray("/features/features.0/Conv,Conv,convolution,1x16x8x8,9216,160,,,,")
                               + QByteArray::number(9216LL * 32 * 32) + ',' + QByteArray::number(144 * 32));
    }

    void table()
    {
        const Run r = cli({"inspect", example});
        QCOMPARE(r.exitCode, 0);
        QVERIFY(r.out.contains("460,416 MACs"));
        QVERIFY(r.out.contains("/classifier/classifier.3/Gemm"));
    }

    // --simplify writes the model with its run-time shape arithmetic folded: ShuffleNetV2's
    // channel splits (Shape -> Gather -> Div -> Slice) become constants, the batch dim is fixed,
    // and the written file gives the same MACs (onnxruntime's, tests/reference/torchvision).
    void simplifyWritesFoldedModel()
    {
        QTemporaryDir dir;
        const QString out = dir.filePath("shufflenet_simple.onnx");
        const QString model = QString(FOLDWISE_TORCHVISION_DIR) + "/shufflenet_v2_x1_0.onnx";
        const Run r = cli({"inspect", model, "--simplify", "-o", out, "--json"});
        QCOMPARE(r.exitCode, 0);
        QVERIFY2(r.err.contains("constant node(s) folded"), r.err.constData());
        const QJsonObject before = QJsonDocument::fromJson(r.out).object()["totals"].toObject();
        QCOMPARE(before["macs"].toInteger(), qint64(144907992));
        const Run again = cli({"inspect", out, "--json"});
        QCOMPARE(again.exitCode, 0);
        const QJsonObject doc = QJsonDocument::fromJson(again.out).object();
        QCOMPARE(doc["totals"].toObject()["macs"].toInteger(), qint64(144907992));
        QVERIFY(doc["totals"].toObject()["nodes"].toInteger() < before["nodes"].toInteger() / 3);
        for (const auto& l : doc["layers"].toArray())
            QVERIFY(l.toObject()["op_type"].toString() != "Shape");
        QCOMPARE(doc["layers"].toArray()[0].toObject()["input_shape"].toArray(), (QJsonArray{1, 3, 224, 224}));
    }

    void errors_data()
    {
        QTest::addColumn<QStringList>("args");
        QTest::addColumn<QString>("expected");
        QTest::newRow("missing file") << QStringList{"inspect", "/nonexistent/model.onnx"}
                                      << "/nonexistent/model.onnx: cannot open file";
        QTest::newRow("not a model") << QStringList{"inspect", FOLDWISE_SOURCE_DIR "/README.md"}
                                     << "README.md: not an ONNX model";
        QTest::newRow("bad shape") << QStringList{"inspect", example, "--input-shape", "input:1,-1,8,8"}
                                   << "negative";
        QTest::newRow("unknown input") << QStringList{"inspect", example, "--input-shape", "pixels:1,1,8,8"}
                                       << "no graph input is named 'pixels'";
        QTest::newRow("json and csv") << QStringList{"inspect", example, "--json", "--csv"} << "excludes";
        QTest::newRow("simplify without output") << QStringList{"inspect", example, "--simplify"} << "requires";
        QTest::newRow("simplify into a missing folder")
            << QStringList{"inspect", example, "--simplify", "-o", "/nonexistent/dir/simple.onnx"}
            << "/nonexistent/dir/simple.onnx";
    }
    void errors()
    {
        QFETCH(QStringList, args);
        QFETCH(QString, expected);
        const Run r = cli(args);
        QVERIFY(r.exitCode != 0);
        QVERIFY2(r.exitCode > 0, "crashed");
        const QString err = QString::fromUtf8(r.err).trimmed();
        QVERIFY2(err.contains(expected), qPrintable(err));
        if (expected != "excludes" && expected != "requires") // CLI11's usage errors add a help hint
            QVERIFY2(!err.contains('\n'), qPrintable(err)); // one line
        QVERIFY(r.out.isEmpty());
    }
};

QTEST_GUILESS_MAIN(TestCliInspect)
#include "tst_cli_inspect.moc"
