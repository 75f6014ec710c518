#include "model/DataType.h"
#include "model/InputShapes.h"
#include "model/Shape.h"

#include <QtTest>

#include <limits>

using namespace foldwise;

class TestShapeAndTypes : public QObject {
    Q_OBJECT
private slots:
    void shapeText()
    {
        QCOMPARE(Shape::fromValues({1, 3, 224, 224}).toString(), std::string("1x3x224x224"));
        QCOMPARE(Shape({Dim::symbolic("N"), Dim::known(10)}).toString(), std::string("Nx10"));
        QCOMPARE(Shape({Dim{}, Dim::known(10)}).toString(), std::string("?x10"));
        QCOMPARE(Shape().toString(), std::string("scalar"));
    }
    void elementCount()
    {
        QCOMPARE(Shape::fromValues({1, 3, 224, 224}).elementCount().value(), int64_t(150528));
        QCOMPARE(Shape().elementCount().value(), int64_t(1)); // a scalar holds one element
        QVERIFY(!Shape({Dim::symbolic("N"), Dim::known(3)}).elementCount());
        const int64_t big = int64_t(1) << 40;
        QVERIFY(!Shape::fromValues({big, big}).elementCount()); // 2^80 overflows
        QVERIFY(!checkedProduct({std::numeric_limits<int64_t>::max(), 2}));
        QVERIFY(!checkedProduct({-1, 2}));
        QCOMPARE(checkedProduct({0, std::numeric_limits<int64_t>::max()}).value(), int64_t(0));
    }
    void dataTypes()
    {
        QCOMPARE(dataTypeSize(DataType::Float), std::size_t(4));
        QCOMPARE(dataTypeSize(DataType::Float16), std::size_t(2));
        QCOMPARE(dataTypeSize(DataType::Int64), std::size_t(8));
        QCOMPARE(dataTypeSize(DataType::String), std::size_t(0));
        QCOMPARE(dataTypeName(DataType::BFloat16), std::string_view("bfloat16"));
        QVERIFY(isKnownDataType(1) && isKnownDataType(16) && !isKnownDataType(0) && !isKnownDataType(99));
    }
    void inputShapeSpec_data()
    {
        QTest::addColumn<QString>("spec");
        QTest::addColumn<QString>("name");
        QTest::addColumn<QString>("dims");
        QTest::newRow("named") << "input:1,3,224,224" << "input" << "1,3,224,224";
        QTest::newRow("unnamed") << "1,3,32,32" << "" << "1,3,32,32";
        QTest::newRow("colon in name") << "input:0:4,3" << "input:0" << "4,3";
        QTest::newRow("rank 1") << "x:7" << "x" << "7";
    }
    void inputShapeSpec()
    {
        QFETCH(QString, spec);
        QFETCH(QString, name);
        QFETCH(QString, dims);
        const InputShapeOverride o = parseInputShape(spec.toStdString());
        QCOMPARE(QString::fromStdString(o.name), name);
        QStringList parts;
        for (int64_t d : o.dims)
            parts << QString::number(d);
        QCOMPARE(parts.join(','), dims);
    }
    void badInputShapeSpec_data()
    {
        QTest::addColumn<QString>("spec");
        QTest::addColumn<QString>("expected");
        QTest::newRow("negative") << "x:1,-3" << "negative";
        QTest::newRow("word") << "x:1,three" << "not a whole number";
        QTest::newRow("empty item") << "x:1,,3" << "not a whole number";
        QTest::newRow("no dims") << "x:" << "no dimensions";
        QTest::newRow("too big") << "x:99999999999999999999" << "not a whole number";
    }
    void badInputShapeSpec()
    {
        QFETCH(QString, spec);
        QFETCH(QString, expected);
        try {
            parseInputShape(spec.toStdString());
            QFAIL("expected an error");
        } catch (const std::invalid_argument& e) {
            QVERIFY2(QString(e.what()).contains(expected), e.what());
            QVERIFY2(QString(e.what()).contains(spec), e.what());
        }
    }
};

QTEST_GUILESS_MAIN(TestShapeAndTypes)
#include "tst_shape_and_types.moc"
