// TensorProto (.pb) files: ONNX conformance data compared with values read independently by
// ONNX's Python numpy_helper, every typed field written with the protobuf API, every
// conformance file either loading with its declared type or (sequences, optionals, strings)
// failing cleanly, round trips, bad files, and mutation fuzzing.
#include "SkipOutsideCi.h"
#include "Mutants.h"
#include "OnnxFixtures.h"

#include "data/TensorProtoFile.h"
#include "model/ModelError.h"

#include <onnx/onnx-data.pb.h>
#include <onnx/onnx_pb.h>

#include "ErrorExpectation.h"

#include <QtTest>

#include <cmath>
#include <cstring>
#include <filesystem>
#include <numeric>
#include <random>

using namespace foldwise;

namespace {

const std::filesystem::path kNodeData = "/usr/share/libonnx-testdata/data/node";

std::string serialised(const google::protobuf::Message& m)
{
    std::string bytes;
    m.SerializeToString(&bytes);
    return bytes;
}

onnx::TensorProto typedTensor(int type, const std::vector<int64_t>& dims)
{
    onnx::TensorProto t;
    t.set_data_type(type);
    t.set_name("typed");
    for (int64_t d : dims)
        t.add_dims(d);
    return t;
}

} // namespace

class TestTensorProtoFile : public QObject {
    Q_OBJECT
private:
    QTemporaryDir dir;

    std::string path(const QString& name) const { return dir.filePath(name).toStdString(); }

    NamedTensor readProto(const google::protobuf::Message& m)
    {
        fixtures::saveBytes(serialised(m), path("case.pb"));
        return readTensorProto(path("case.pb"));
    }

    void expectError(const std::string& file, const QStringList& phrases)
    {
        fixtures::expectFileError(file, phrases, [](const std::string& f) { readTensorProto(f); });
    }

    void expectError(const google::protobuf::Message& m, const QStringList& phrases)
    {
        fixtures::saveBytes(serialised(m), path("bad.pb"));
        expectError(path("bad.pb"), phrases);
    }

private slots:
    // Expected values from /usr/bin/python3 with onnx.numpy_helper.to_array (ONNX 1.12).
    void conformanceValues_data()
    {
        QTest::addColumn<QString>("file");
        QTest::addColumn<QString>("name");
        QTest::addColumn<int>("type");
        QTest::addColumn<QList<qint64>>("dims");
        QTest::addColumn<double>("first");
        QTest::addColumn<double>("last");
        QTest::addColumn<double>("sum");
        QTest::newRow("float") << "test_abs/test_data_set_0/input_0.pb" << "x" << 1 << QList<qint64>{3, 4, 5}
                               << 1.764052391052246 << -0.3627411723136902 << 4.600037792697549;
        QTest::newRow("uint8") << "test_add_uint8/test_data_set_0/input_0.pb" << "x" << 2 << QList<qint64>{3, 4, 5}
                               << 12.0 << 8.0 << 668.0;
        QTest::newRow("bool") << "test_and2d/test_data_set_0/input_0.pb" << "x" << 9 << QList<qint64>{3, 4} << 1.0
                              << 1.0 << 9.0;
        QTest::newRow("uint64") << "test_bitshift_left_uint64/test_data_set_0/input_0.pb" << "x" << 13
                                << QList<qint64>{3} << 16.0 << 1.0 << 21.0;
        QTest::newRow("int16") << "test_max_int16/test_data_set_0/input_0.pb" << "data_0" << 5 << QList<qint64>{3}
                               << 3.0 << 1.0 << 6.0;
        QTest::newRow("int64 scalar") << "test_adagrad/test_data_set_0/input_1.pb" << "T" << 7 << QList<qint64>{}
                                      << 0.0 << 0.0 << 0.0;
        QTest::newRow("double") << "test_bernoulli/test_data_set_0/input_0.pb" << "x" << 11 << QList<qint64>{10}
                                << 0.5488135039273248 << 0.3834415188257777 << 6.157662833145425;
        QTest::newRow("int8") << "test_clip_default_int8_inbounds/test_data_set_0/input_0.pb" << "x" << 3
                              << QList<qint64>{3} << -1.0 << 1.0 << 0.0;
        QTest::newRow("nchw") << "test_conv_with_strides_padding/test_data_set_0/input_0.pb" << "x" << 1
                              << QList<qint64>{1, 1, 7, 5} << 0.0 << 34.0 << 595.0;
    }

    void conformanceValues()
    {
        if (!std::filesystem::exists(kNodeData))
            FOLDWISE_SKIP_OUTSIDE_CI(QStringLiteral("libonnx-testdata is not installed"));
        QFETCH(QString, file);
        QFETCH(QString, name);
        QFETCH(int, type);
        QFETCH(QList<qint64>, dims);
        QFETCH(double, first);
        QFETCH(double, last);
        QFETCH(double, sum);
        const NamedTensor t = readTensorProto(kNodeData / file.toStdString());
        QCOMPARE(QString::fromStdString(t.name), name);
        QCOMPARE(int(t.tensor.type()), type);
        QCOMPARE(t.tensor.dims(), std::vector<int64_t>(dims.begin(), dims.end()));
        const std::vector<double> values = t.tensor.toDoubles();
        QCOMPARE(values.front(), first);
        QCOMPARE(values.back(), last);
        QVERIFY(std::abs(std::accumulate(values.begin(), values.end(), 0.0) - sum) < 1e-9 * (1 + std::abs(sum)));
    }

    void conformanceFloat16Bits()
    {
        if (!std::filesystem::exists(kNodeData))
            FOLDWISE_SKIP_OUTSIDE_CI(QStringLiteral("libonnx-testdata is not installed"));
        const NamedTensor t = readTensorProto(kNodeData / "test_cast_DOUBLE_to_FLOAT16/test_data_set_0/output_0.pb");
        QCOMPARE(t.tensor.type(), DataType::Float16);
        QCOMPARE(t.tensor.dims(), (std::vector<int64_t>{3, 4}));
        uint16_t bits[2];
        std::memcpy(bits, t.tensor.bytes(), sizeof bits);
        QCOMPARE(bits[0], uint16_t(12566)); // 0.158935546875
        QCOMPARE(bits[1], uint16_t(12048));
    }

    // Every .pb of the conformance data: tensors load with the element type the model declares;
    // sequences, optionals and strings fail with a ModelError instead of crashing or loading junk.
    void everyConformanceFile()
    {
        if (!std::filesystem::exists(kNodeData))
            FOLDWISE_SKIP_OUTSIDE_CI(QStringLiteral("libonnx-testdata is not installed"));
        int tensors = 0, others = 0;
        for (const auto& test : std::filesystem::directory_iterator(kNodeData)) {
            onnx::ModelProto model;
            if (!model.ParseFromString(fixtures::readBytes((test.path() / "model.onnx").string())))
                continue;
            for (const auto& set : std::filesystem::directory_iterator(test.path())) {
                if (!set.is_directory())
                    continue;
                for (const auto& file : std::filesystem::directory_iterator(set.path())) {
                    const std::string stem = file.path().stem().string();
                    const bool input = stem.starts_with("input_");
                    const int index = std::stoi(stem.substr(stem.find('_') + 1));
                    const auto& values = input ? model.graph().input() : model.graph().output();
                    if (index >= values.size())
                        continue;
                    const onnx::TypeProto& declared = values.Get(index).type();
                    const bool plainTensor = declared.has_tensor_type()
                        && declared.tensor_type().elem_type() != onnx::TensorProto::STRING;
                    try {
                        const NamedTensor t = readTensorProto(file.path());
                        QVERIFY2(plainTensor, qPrintable("loaded a non-tensor: " + QString::fromStdString(file.path().string())));
                        // ONNX's data sets store bfloat16 values as uint16 tensors.
                        const int declaredType = declared.tensor_type().elem_type();
                        const bool bfloat16AsBits = declaredType == onnx::TensorProto::BFLOAT16
                            && t.tensor.type() == DataType::UInt16;
                        QVERIFY2(int(t.tensor.type()) == declaredType || bfloat16AsBits,
                                 qPrintable(QString::fromStdString(file.path().string())));
                        ++tensors;
                    } catch (const ModelError& e) {
                        QVERIFY2(!plainTensor, e.what());
                        ++others;
                    }
                }
            }
        }
        qInfo("conformance .pb files: %d tensors loaded, %d sequences/optionals/strings rejected", tensors, others);
        QVERIFY(tensors > 2500);
        QVERIFY(others > 50);
    }

    void typedFields()
    {
        onnx::TensorProto f = typedTensor(onnx::TensorProto::FLOAT, {2, 2});
        for (float v : {1.5f, -2.0f, 0.0f, 8.25f})
            f.add_float_data(v);
        NamedTensor t = readProto(f);
        QCOMPARE(t.name, std::string("typed"));
        QCOMPARE(t.tensor.toDoubles(), (std::vector<double>{1.5, -2.0, 0.0, 8.25}));

        const std::vector<int> narrow{-3, 0, 7};
        for (int type : {onnx::TensorProto::INT8, onnx::TensorProto::INT16, onnx::TensorProto::INT32}) {
            onnx::TensorProto p = typedTensor(type, {3});
            for (int v : narrow)
                p.add_int32_data(v);
            t = readProto(p);
            QCOMPARE(int(t.tensor.type()), type);
            QCOMPARE(t.tensor.toDoubles(), (std::vector<double>{-3, 0, 7}));
        }
        for (int type : {onnx::TensorProto::UINT8, onnx::TensorProto::UINT16}) {
            onnx::TensorProto p = typedTensor(type, {3});
            for (int v : {255, 0, 7})
                p.add_int32_data(v);
            QCOMPARE(readProto(p).tensor.toDoubles(), (std::vector<double>{255, 0, 7}));
        }
        onnx::TensorProto b = typedTensor(onnx::TensorProto::BOOL, {3});
        for (int v : {1, 0, 1})
            b.add_int32_data(v);
        QCOMPARE(readProto(b).tensor.toDoubles(), (std::vector<double>{1, 0, 1}));

        onnx::TensorProto h = typedTensor(onnx::TensorProto::FLOAT16, {2});
        h.add_int32_data(0x3C00); // 1.0
        h.add_int32_data(0xBE00); // -1.5
        t = readProto(h);
        uint16_t bits[2];
        std::memcpy(bits, t.tensor.bytes(), sizeof bits);
        QCOMPARE(bits[0], uint16_t(0x3C00));
        QCOMPARE(bits[1], uint16_t(0xBE00));

        onnx::TensorProto l = typedTensor(onnx::TensorProto::INT64, {2});
        l.add_int64_data(-(int64_t(1) << 40));
        l.add_int64_data(5);
        QCOMPARE(readProto(l).tensor.toInt64s(), (std::vector<int64_t>{-(int64_t(1) << 40), 5}));

        onnx::TensorProto d = typedTensor(onnx::TensorProto::DOUBLE, {1});
        d.add_double_data(0.1);
        QCOMPARE(readProto(d).tensor.toDoubles(), std::vector<double>{0.1});

        onnx::TensorProto u = typedTensor(onnx::TensorProto::UINT64, {1});
        u.add_uint64_data(uint64_t(1) << 63);
        t = readProto(u);
        QCOMPARE(t.tensor.data<uint64_t>()[0], uint64_t(1) << 63);
        onnx::TensorProto u32 = typedTensor(onnx::TensorProto::UINT32, {1});
        u32.add_uint64_data(4000000000u);
        QCOMPARE(readProto(u32).tensor.data<uint32_t>()[0], 4000000000u);

        // No values and no elements: an empty tensor, not an error.
        t = readProto(typedTensor(onnx::TensorProto::FLOAT, {0, 3}));
        QCOMPARE(t.tensor.elementCount(), int64_t(0));
    }

    void roundTrip()
    {
        std::mt19937 rng(11);
        for (DataType type : {DataType::Float, DataType::Double, DataType::Float16, DataType::Int8, DataType::Int16,
                              DataType::Int32, DataType::Int64, DataType::UInt8, DataType::UInt16, DataType::UInt32,
                              DataType::UInt64, DataType::Bool}) {
            HostTensor t = HostTensor::allocate(type, {1, 3, 4, 2});
            for (std::size_t i = 0; i < t.byteSize(); ++i)
                t.mutableBytes()[i] = static_cast<std::byte>(type == DataType::Bool ? rng() % 2 : rng() % 256);
            writeTensorProto(path("round.pb"), t, "input.1");
            const NamedTensor back = readTensorProto(path("round.pb"));
            QCOMPARE(back.name, std::string("input.1"));
            QCOMPARE(back.tensor.type(), type);
            QCOMPARE(back.tensor.dims(), t.dims());
            QVERIFY(std::memcmp(back.tensor.bytes(), t.bytes(), t.byteSize()) == 0);
            // ONNX's own protobuf types see the same tensor.
            onnx::TensorProto proto;
            QVERIFY(proto.ParseFromString(fixtures::readBytes(path("round.pb"))));
            QCOMPARE(proto.data_type(), int(type));
            QCOMPARE(proto.dims_size(), 4);
            QCOMPARE(proto.raw_data().size(), t.byteSize());
        }
        writeTensorProto(path("scalar.pb"), HostTensor::fromValues<float>(DataType::Float, {}, {2.5f}));
        const NamedTensor scalar = readTensorProto(path("scalar.pb"));
        QVERIFY(scalar.name.empty());
        QVERIFY(scalar.tensor.dims().empty());
        QCOMPARE(scalar.tensor.toDoubles(), std::vector<double>{2.5});
        QVERIFY_THROWS_EXCEPTION(ModelError, writeTensorProto(path("string.pb"), HostTensor::allocate(DataType::String, {1})));
        QVERIFY(!std::filesystem::exists(path("string.pb")));
    }

    void badFiles()
    {
        expectError(path("absent.pb"), {"cannot open"});
        fixtures::saveBytes("", path("empty.pb"));
        expectError(path("empty.pb"), {"empty file"});
        fixtures::saveBytes(std::string("\xff\xff\xff\xff\xff\xff garbage", 14), path("garbage.pb"));
        expectError(path("garbage.pb"), {"not a valid protobuf"});

        onnx::TensorProto s = typedTensor(onnx::TensorProto::STRING, {1});
        s.add_string_data("hello");
        expectError(s, {"string tensors are not supported"});

        onnx::TensorProto shortRaw = typedTensor(onnx::TensorProto::FLOAT, {2, 3});
        shortRaw.set_raw_data(std::string(20, '\0'));
        expectError(shortRaw, {"raw_data holds 20 bytes", "float 2x3 needs 24"});

        onnx::TensorProto fewValues = typedTensor(onnx::TensorProto::FLOAT, {2, 3});
        fewValues.add_float_data(1.0f);
        expectError(fewValues, {"float_data holds 1 values", "needs 6"});

        onnx::TensorProto wrongField = typedTensor(onnx::TensorProto::INT64, {1});
        wrongField.add_float_data(1.0f);
        expectError(wrongField, {"does not match its type", "expected int64_data"});

        onnx::TensorProto both = typedTensor(onnx::TensorProto::FLOAT, {1});
        both.add_float_data(1.0f);
        both.set_raw_data(std::string(4, '\0'));
        expectError(both, {"both raw_data and typed values"});

        onnx::TensorProto noData = typedTensor(onnx::TensorProto::FLOAT, {4});
        expectError(noData, {"holds no data"});

        onnx::TensorProto external = typedTensor(onnx::TensorProto::FLOAT, {1});
        external.set_data_location(onnx::TensorProto::EXTERNAL);
        expectError(external, {"external file"});

        onnx::TensorProto negative = typedTensor(onnx::TensorProto::FLOAT, {2, -3});
        expectError(negative, {"negative dimension -3"});

        onnx::TensorProto overflow = typedTensor(onnx::TensorProto::FLOAT, {int64_t(1) << 40, int64_t(1) << 40});
        expectError(overflow, {"overflows"});

        onnx::TensorProto unknown = typedTensor(99, {1});
        expectError(unknown, {"unknown element type 99"});

        onnx::TensorProto untyped = typedTensor(0, {1});
        expectError(untyped, {"no element type"});
    }

    void sequencesAndOptionals()
    {
        onnx::SequenceProto sequence;
        sequence.set_name("seq");
        sequence.set_elem_type(onnx::SequenceProto::TENSOR);
        onnx::TensorProto* element = sequence.add_tensor_values();
        element->set_data_type(onnx::TensorProto::FLOAT);
        element->add_dims(2);
        element->add_float_data(1.0f);
        element->add_float_data(2.0f);
        expectError(sequence, {"not a plain TensorProto", "SequenceProto"});

        onnx::SequenceProto emptySequence;
        emptySequence.set_name("empty");
        emptySequence.set_elem_type(onnx::SequenceProto::TENSOR);
        expectError(emptySequence, {});

        onnx::OptionalProto optional;
        optional.set_name("opt");
        optional.set_elem_type(onnx::OptionalProto::TENSOR);
        *optional.mutable_tensor_value() = *element;
        expectError(optional, {"not a plain TensorProto"});

        onnx::OptionalProto none;
        none.set_name("none");
        expectError(none, {});

        if (std::filesystem::exists(kNodeData)) {
            expectError((kNodeData / "test_identity_sequence/test_data_set_0/input_0.pb").string(), {"SequenceProto"});
            expectError((kNodeData / "test_optional_has_element_empty/test_data_set_0/input_0.pb").string(), {});
            expectError((kNodeData / "test_cast_FLOAT_to_STRING/test_data_set_0/output_0.pb").string(), {"string"});
        }
    }

    // Mutation fuzzing: truncations and byte flips either load or give a ModelError.
    void mutatedFilesNeverCrash()
    {
        std::vector<std::string> originals;
        writeTensorProto(path("seed.pb"), HostTensor::fromValues<float>(DataType::Float, {1, 2, 3}, {1, 2, 3, 4, 5, 6}), "x");
        originals.push_back(fixtures::readBytes(path("seed.pb")));
        onnx::TensorProto typed = typedTensor(onnx::TensorProto::INT16, {2, 2});
        for (int v : {1, -2, 300, 4})
            typed.add_int32_data(v);
        originals.push_back(serialised(typed));
        if (std::filesystem::exists(kNodeData))
            originals.push_back(fixtures::readBytes((kNodeData / "test_conv_with_strides_padding/test_data_set_0/input_0.pb").string()));
        std::mt19937 rng(99);
        fixtures::MutantTally tally;
        const auto attempt = [&](const std::string& bytes) {
            tally.attempt<ModelError>(bytes, path("mutant.pb"),
                                      [&] { QVERIFY(readTensorProto(path("mutant.pb")).tensor.elementCount() >= 0); });
        };
        for (const std::string& original : originals) {
            for (std::size_t n = 0; n <= original.size(); ++n)
                attempt(original.substr(0, n));
            fixtures::forEachByteFlip(original, 400, 24, rng, attempt);
        }
        tally.expectBothOutcomes("pb mutants");
    }
};

QTEST_GUILESS_MAIN(TestTensorProtoFile)
#include "tst_tensor_proto_file.moc"
