// .npy reading and writing: every dtype against files numpy itself wrote (fixtures made by
// tests/data/fixtures/make_fixtures.py), byte-identical output to numpy's writer, round trips,
// atomic writes, every malformed header with its message, and mutation fuzzing.
#include "Mutants.h"
#include "OnnxFixtures.h"

#include "data/NpyFile.h"
#include "model/ModelError.h"

#include "ErrorExpectation.h"

#include <QtTest>

#include <cstring>
#include <random>

using namespace foldwise;

namespace {

const std::string kNpyDir = FOLDWISE_SOURCE_DIR "/tests/data/fixtures/npy/";

// A .npy file with the given header dictionary text and data bytes (header padded as numpy does).
std::string npyBytes(const std::string& dict, const std::string& data, int major = 1)
{
    const std::size_t prefix = major == 1 ? 10 : 12;
    std::string text = dict;
    const std::size_t total = (prefix + text.size() + 1 + 63) / 64 * 64;
    text.append(total - prefix - text.size() - 1, ' ');
    text += '\n';
    std::string out("\x93NUMPY", 6);
    out += static_cast<char>(major);
    out += '\0';
    for (std::size_t i = 0; i < (major == 1 ? 2u : 4u); ++i)
        out += static_cast<char>((text.size() >> (8 * i)) & 0xff);
    return out + text + data;
}

std::string floatBytes(int count)
{
    std::string s;
    for (int i = 0; i < count; ++i) {
        const float v = static_cast<float>(i);
        s.append(reinterpret_cast<const char*>(&v), sizeof v);
    }
    return s;
}

uint16_t halfBits(const HostTensor& t, int i)
{
    uint16_t bits = 0;
    std::memcpy(&bits, t.bytes() + 2 * i, 2);
    return bits;
}

} // namespace

class TestNpyFile : public QObject {
    Q_OBJECT
private:
    QTemporaryDir dir;

    std::string path(const QString& name) const { return dir.filePath(name).toStdString(); }

    void expectError(const std::string& file, const QStringList& phrases)
    {
        fixtures::expectFileError(file, phrases, [](const std::string& f) { readNpy(f); });
    }

    void expectBytesError(const std::string& bytes, const QString& name, const QStringList& phrases)
    {
        fixtures::saveBytes(bytes, path(name));
        expectError(path(name), phrases);
    }

    HostTensor readBytes(const std::string& bytes)
    {
        fixtures::saveBytes(bytes, path("case.npy"));
        return readNpy(path("case.npy"));
    }

private slots:
    void numpyDtypes_data()
    {
        QTest::addColumn<QString>("stem");
        QTest::addColumn<int>("type");
        QTest::addColumn<QList<double>>("values");
        const QList<double> signedValues{-3, -2, -1, 0, 1, 100};
        const QList<double> unsignedValues{0, 1, 2, 3, 200, 255};
        const QList<double> floats{-1.5, 0.0, 0.25, 1.0, 2.5, 1000.0};
        QTest::newRow("f4") << "f4" << int(DataType::Float) << floats;
        QTest::newRow("f8") << "f8" << int(DataType::Double) << floats;
        QTest::newRow("i1") << "i1" << int(DataType::Int8) << signedValues;
        QTest::newRow("i2") << "i2" << int(DataType::Int16) << signedValues;
        QTest::newRow("i4") << "i4" << int(DataType::Int32) << signedValues;
        QTest::newRow("i8") << "i8" << int(DataType::Int64) << signedValues;
        QTest::newRow("u1") << "u1" << int(DataType::UInt8) << unsignedValues;
        QTest::newRow("u2") << "u2" << int(DataType::UInt16) << unsignedValues;
        QTest::newRow("u4") << "u4" << int(DataType::UInt32) << unsignedValues;
        QTest::newRow("u8") << "u8" << int(DataType::UInt64) << unsignedValues;
        QTest::newRow("b1") << "b1" << int(DataType::Bool) << QList<double>{1, 0, 1, 1, 0, 0};
    }

    void numpyDtypes()
    {
        QFETCH(QString, stem);
        QFETCH(int, type);
        QFETCH(QList<double>, values);
        const HostTensor t = readNpy(kNpyDir + "dtype_" + stem.toStdString() + ".npy");
        QCOMPARE(int(t.type()), type);
        QCOMPARE(t.dims(), (std::vector<int64_t>{2, 3}));
        const std::vector<double> actual = t.toDoubles();
        QCOMPARE(QList<double>(actual.begin(), actual.end()), values);
    }

    void numpyFloat16()
    {
        const HostTensor t = readNpy(kNpyDir + "dtype_f2.npy");
        QCOMPARE(t.type(), DataType::Float16);
        // IEEE half bits of -1.5, 0, 0.25, 1, 2.5, 1000.
        const uint16_t expected[] = {0xBE00, 0x0000, 0x3400, 0x3C00, 0x4100, 0x63D0};
        for (int i = 0; i < 6; ++i)
            QCOMPARE(halfBits(t, i), expected[i]);
    }

    void numpyVersionsAndShapes()
    {
        for (const char* name : {"version2_f4.npy", "version3_f4.npy"}) {
            const HostTensor t = readNpy(kNpyDir + name);
            QCOMPARE(t.dims(), (std::vector<int64_t>{3, 2}));
            QCOMPARE(t.toDoubles(), (std::vector<double>{0, 1, 2, 3, 4, 5}));
            QCOMPARE(readNpyHeader(kNpyDir + name).majorVersion, name[7] - '0');
        }
        const HostTensor scalar = readNpy(kNpyDir + "scalar_f8.npy");
        QVERIFY(scalar.dims().empty());
        QCOMPARE(scalar.toDoubles(), std::vector<double>{3.25});
        const HostTensor empty = readNpy(kNpyDir + "empty_f4.npy");
        QCOMPARE(empty.dims(), (std::vector<int64_t>{0, 3}));
        QCOMPARE(empty.elementCount(), int64_t(0));
        const HostTensor vector = readNpy(kNpyDir + "vector_i8.npy");
        QCOMPARE(vector.dims(), std::vector<int64_t>{5});
        QCOMPARE(vector.toInt64s(), (std::vector<int64_t>{5, 4, 3, 2, 1}));
    }

    // Our writer produces exactly numpy's bytes for the same array.
    void writesNumpyIdenticalFiles()
    {
        for (const char* stem : {"f2", "f4", "f8", "i1", "i2", "i4", "i8", "u1", "u2", "u4", "u8", "b1"}) {
            const std::string reference = kNpyDir + "dtype_" + stem + ".npy";
            writeNpy(path("copy.npy"), readNpy(reference));
            QVERIFY2(fixtures::readBytes(path("copy.npy")) == fixtures::readBytes(reference), stem);
        }
        for (const char* name : {"scalar_f8.npy", "empty_f4.npy", "vector_i8.npy"}) {
            writeNpy(path("copy.npy"), readNpy(kNpyDir + name));
            QVERIFY2(fixtures::readBytes(path("copy.npy")) == fixtures::readBytes(kNpyDir + name), name);
        }
    }

    void roundTripEveryDtype()
    {
        std::mt19937 rng(7);
        for (DataType type : {DataType::Float, DataType::Double, DataType::Float16, DataType::Int8, DataType::Int16,
                              DataType::Int32, DataType::Int64, DataType::UInt8, DataType::UInt16, DataType::UInt32,
                              DataType::UInt64, DataType::Bool}) {
            HostTensor t = HostTensor::allocate(type, {2, 3, 5});
            for (std::size_t i = 0; i < t.byteSize(); ++i)
                t.mutableBytes()[i] = static_cast<std::byte>(type == DataType::Bool ? rng() % 2 : rng() % 256);
            writeNpy(path("round.npy"), t);
            const HostTensor back = readNpy(path("round.npy"));
            QCOMPARE(back.type(), type);
            QCOMPARE(back.dims(), t.dims());
            QVERIFY(std::memcmp(back.bytes(), t.bytes(), t.byteSize()) == 0);
            QCOMPARE(readNpyHeader(path("round.npy")).dataOffset % 64, std::size_t(0));
        }
    }

    // A header too long for version 1.0's 16-bit length is written as version 2.0.
    void hugeHeaderUsesVersion2()
    {
        const HostTensor t = HostTensor::allocate(DataType::Float, std::vector<int64_t>(25000, 1));
        writeNpy(path("deep.npy"), t);
        const NpyHeader h = readNpyHeader(path("deep.npy"));
        QCOMPARE(h.majorVersion, 2);
        QCOMPARE(h.dims.size(), std::size_t(25000));
        QCOMPARE(readNpy(path("deep.npy")).elementCount(), int64_t(1));
    }

    void writeIsAtomic()
    {
        const QString sub = dir.filePath("atomic");
        QDir().mkpath(sub);
        const std::string target = (sub + "/a.npy").toStdString();
        fixtures::saveBytes("old contents", target);
        writeNpy(target, HostTensor::fromValues<float>(DataType::Float, {2}, {1.0f, 2.0f}));
        QCOMPARE(readNpy(target).toDoubles(), (std::vector<double>{1, 2}));
        // Only the target remains: the temporary file was renamed, not left behind.
        QCOMPARE(QDir(sub).entryList(QDir::Files | QDir::Hidden).size(), 1);
        // Unwritable types fail before touching the target.
        QVERIFY_THROWS_EXCEPTION(ModelError, writeNpy(target, HostTensor::allocate(DataType::BFloat16, {2})));
        QCOMPARE(readNpy(target).toDoubles(), (std::vector<double>{1, 2}));
        QCOMPARE(QDir(sub).entryList(QDir::Files | QDir::Hidden).size(), 1);
        QVERIFY_THROWS_EXCEPTION(ModelError, writeNpy(path("no/such/folder/a.npy"), HostTensor::allocate(DataType::Float, {1})));
    }

    void byteOrderMarks()
    {
        // '=' is native order (little-endian here); byte order does not matter for one byte.
        QCOMPARE(readBytes(npyBytes("{'descr': '=f4', 'fortran_order': False, 'shape': (2,), }", floatBytes(2))).toDoubles(),
                 (std::vector<double>{0, 1}));
        QCOMPARE(readBytes(npyBytes("{'descr': '>u1', 'fortran_order': False, 'shape': (2,), }", "\x05\x07")).toDoubles(),
                 (std::vector<double>{5, 7}));
        QCOMPARE(readBytes(npyBytes("{'descr': '=i1', 'fortran_order': False, 'shape': (1,), }", "\xff")).toDoubles(),
                 (std::vector<double>{-1}));
        // Double quotes, no trailing comma, Python 2 longs: still Python literals.
        QCOMPARE(readBytes(npyBytes("{\"descr\": \"<f4\", \"shape\": (1L, 2L), \"fortran_order\": False}", floatBytes(2))).dims(),
                 (std::vector<int64_t>{1, 2}));
    }

    void fortranOrder()
    {
        expectError(kNpyDir + "fortran_f4.npy", {"Fortran-order"});
        // With at most one dimension above 1, column- and row-major bytes are the same.
        QCOMPARE(readBytes(npyBytes("{'descr': '<f4', 'fortran_order': True, 'shape': (3, 1), }", floatBytes(3))).toDoubles(),
                 (std::vector<double>{0, 1, 2}));
    }

    void unsupportedDtypes()
    {
        expectError(kNpyDir + "bigendian_f4.npy", {"big-endian dtype '>f4'", "astype('<f4')"});
        expectError(kNpyDir + "unicode_U3.npy", {"unsupported dtype '<U3'"});
        expectError(kNpyDir + "complex_c8.npy", {"unsupported dtype '<c8'"});
        expectError(kNpyDir + "structured.npy", {"unsupported dtype", "structured"});
        expectBytesError(npyBytes("{'descr': '|f4', 'fortran_order': False, 'shape': (1,), }", floatBytes(1)), "bar.npy",
                         {"unsupported dtype '|f4'", "not meaningful"});
        expectBytesError(npyBytes("{'descr': 'float32', 'fortran_order': False, 'shape': (1,), }", floatBytes(1)),
                         "name.npy", {"unsupported dtype 'float32'"});
    }

    void badMagicAndVersion()
    {
        expectError(path("absent.npy"), {"cannot open"});
        expectError(dir.path().toStdString(), {"folder"});
        expectBytesError("", "empty.npy", {"too short for the magic"});
        expectBytesError("PK\x03\x04 not numpy at all", "zip.npy", {"bad magic"});
        expectBytesError(std::string("\x93NUMPY", 6), "noversion.npy", {"truncated .npy header", "version"});
        std::string v4 = npyBytes("{'descr': '<f4', 'fortran_order': False, 'shape': (1,), }", floatBytes(1));
        v4[6] = 4;
        expectBytesError(v4, "v4.npy", {"unsupported .npy format version 4.0"});
        expectBytesError(std::string("\x93NUMPY\x01\x00\x10", 9), "nolength.npy", {"truncated .npy header", "length"});
    }

    void truncatedHeader()
    {
        const std::string good = fixtures::readBytes(kNpyDir + "dtype_f4.npy");
        expectBytesError(good.substr(0, 40), "cut40.npy", {"truncated .npy header", "declares 128 bytes", "has 40"});
        expectBytesError(good.substr(0, 127), "cut127.npy", {"truncated .npy header"});
        std::string huge = good;
        huge[8] = '\xff';
        huge[9] = '\xff';
        expectBytesError(huge, "longheader.npy", {"truncated .npy header", "65545"});
        std::string v2 = npyBytes("{'descr': '<f4', 'fortran_order': False, 'shape': (1,), }", floatBytes(1), 2);
        v2[10] = '\x7f'; // header length of about 8 MB
        expectBytesError(v2, "implausible.npy", {"implausibly large"});
    }

    void malformedDictionary_data()
    {
        QTest::addColumn<QString>("dict");
        QTest::addColumn<QString>("phrase");
        QTest::newRow("not a dict") << "hello" << "expected '{'";
        QTest::newRow("unterminated") << "{'descr': '<f4" << "unterminated string";
        QTest::newRow("no shape") << "{'descr': '<f4', 'fortran_order': False}" << "no 'shape' key";
        QTest::newRow("no descr") << "{'shape': (1,), 'fortran_order': False}" << "no 'descr' key";
        QTest::newRow("extra key") << "{'descr': '<f4', 'fortran_order': False, 'shape': (1,), 'x': 1}" << "unexpected value";
        QTest::newRow("unknown key") << "{'descr': '<f4', 'fortran_order': False, 'shape': (1,), 'x': 'y'}" << "unexpected key 'x'";
        QTest::newRow("duplicate") << "{'descr': '<f4', 'descr': '<f4', 'fortran_order': False, 'shape': (1,)}" << "appears twice";
        QTest::newRow("not a tuple") << "{'descr': '<f4', 'fortran_order': False, 'shape': (4)}" << "not a tuple";
        QTest::newRow("shape string") << "{'descr': '<f4', 'fortran_order': False, 'shape': '4'}" << "'shape' is not a tuple";
        QTest::newRow("float dim") << "{'descr': '<f4', 'fortran_order': False, 'shape': (1.5,)}" << "expected ','";
        QTest::newRow("fortran string") << "{'descr': '<f4', 'fortran_order': 'no', 'shape': (1,)}" << "'fortran_order' is not True or False";
        QTest::newRow("descr bool") << "{'descr': True, 'fortran_order': False, 'shape': (1,)}" << "'descr' is not a string";
        QTest::newRow("trailing text") << "{'descr': '<f4', 'fortran_order': False, 'shape': (1,)} extra" << "unexpected text after";
        QTest::newRow("escape") << "{'descr': '<f\\4', 'fortran_order': False, 'shape': (1,)}" << "escape";
        QTest::newRow("unclosed") << "{'descr': '<f4', 'fortran_order': False, 'shape': (1," << "ends inside the shape";
    }

    void malformedDictionary()
    {
        QFETCH(QString, dict);
        QFETCH(QString, phrase);
        expectBytesError(npyBytes(dict.toStdString(), floatBytes(4)), "dict.npy", {"malformed .npy header", phrase});
    }

    void badShapes()
    {
        expectBytesError(npyBytes("{'descr': '<f4', 'fortran_order': False, 'shape': (2, -3), }", floatBytes(6)),
                         "negative.npy", {"negative dimension -3"});
        expectBytesError(npyBytes("{'descr': '<f4', 'fortran_order': False, 'shape': (4294967296, 4294967296), }",
                                  floatBytes(1)),
                         "overflow.npy", {"(4294967296, 4294967296)", "overflows"});
        expectBytesError(npyBytes("{'descr': '<f8', 'fortran_order': False, 'shape': (2305843009213693952,), }",
                                  floatBytes(1)),
                         "bytesoverflow.npy", {"overflows"});
        expectBytesError(npyBytes("{'descr': '<f4', 'fortran_order': False, 'shape': (99999999999999999999,), }",
                                  floatBytes(1)),
                         "int64.npy", {"overflows int64"});
    }

    void dataShorterThanShape()
    {
        const std::string good = fixtures::readBytes(kNpyDir + "dtype_f4.npy");
        expectBytesError(good.substr(0, good.size() - 4), "short.npy",
                         {"data is shorter than the shape needs", "float 2x3 needs 24 bytes", "has 20"});
        expectBytesError(good.substr(0, 128), "nodata.npy", {"needs 24 bytes", "has 0"});
        // A header that claims a huge array must fail before allocating it.
        expectBytesError(npyBytes("{'descr': '<f4', 'fortran_order': False, 'shape': (100000, 100000, 100), }",
                                  floatBytes(4)),
                         "claims.npy", {"needs 4000000000000 bytes", "has 16"});
        // Bytes after the data are ignored, as numpy does.
        QCOMPARE(readBytes(good + "trailing").toDoubles().size(), std::size_t(6));
    }

    // Mutation fuzzing: truncations and byte flips of numpy-written files either load or give a
    // ModelError. Any crash, sanitizer report or other exception fails the suite.
    void mutatedFilesNeverCrash()
    {
        std::mt19937 rng(2024);
        fixtures::MutantTally tally;
        const auto attempt = [&](const std::string& bytes) {
            tally.attempt<ModelError>(bytes, path("mutant.npy"),
                                      [&] { QVERIFY(readNpy(path("mutant.npy")).byteSize() <= bytes.size()); });
        };
        for (const char* name : {"dtype_f4.npy", "dtype_i8.npy", "version3_f4.npy", "calib_u8.npy", "scalar_f8.npy"}) {
            const std::string original = fixtures::readBytes(kNpyDir + name);
            for (std::size_t n = 0; n <= original.size(); n += 3)
                attempt(original.substr(0, n));
            std::uniform_int_distribution<std::size_t> header(0, 127);
            std::uniform_int_distribution<std::size_t> anywhere(0, original.size() - 1);
            std::uniform_int_distribution<int> byte(0, 255);
            const std::string printable = "{}()[],:'\" -0123456789TrueFalse<>|=fiub";
            for (int i = 0; i < 300; ++i) {
                std::string mutant = original;
                for (int f = 0; f < 1 + i % 3; ++f) {
                    const std::size_t at = (i % 4 ? header : anywhere)(rng);
                    // Half the flips use header-syntax characters, which reach deeper into the parser.
                    mutant[at] = i % 2 ? printable[static_cast<std::size_t>(byte(rng)) % printable.size()]
                                       : static_cast<char>(byte(rng));
                }
                attempt(mutant);
            }
        }
        tally.expectBothOutcomes("npy mutants");
    }
};

QTEST_GUILESS_MAIN(TestNpyFile)
#include "tst_npy_file.moc"
