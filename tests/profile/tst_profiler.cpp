// The profiler end to end on the bundled example and on small models built here: merged
// shards equal the whole, batch size changes nothing, every count equals a plain count of the
// tensors the executor computed, threshold curves predict the sparsity a threshold gives,
// profiles survive the file format, exports say what the counts say.
#include "ErrorExpectation.h"
#include "ProfileTestSupport.h"

#include "data/OpenCalibrationSource.h"
#include "exec/Executor.h"
#include "layers/ModelSummary.h"
#include "model/ModelError.h"
#include "profile/AnnotatedConv.h"
#include "profile/FpgaConvNetExport.h"
#include "profile/LimitedSource.h"
#include "profile/ProfileFile.h"
#include "profile/Profiler.h"
#include "profile/Sha256.h"

#include <nlohmann/json.hpp>
#include <onnx/onnx_pb.h>

#include <QtTest>

#include <omp.h>

#include <cstring>
#include <fstream>
#include <numeric>

using namespace foldwise;

namespace {

const std::string kExample = FOLDWISE_SOURCE_DIR "/resources/example/";
const std::string kDigitsModel = kExample + "digits_cnn.onnx";

// The side-car a profile names (data_file.name, in its folder); "" when it has none.
std::string sideCarOf(const std::string& json)
{
    std::ifstream in(json);
    const nlohmann::json j = nlohmann::json::parse(in);
    if (!j.contains("data_file") || j["data_file"].is_null())
        return {};
    return (std::filesystem::path(json).parent_path() / j["data_file"]["name"].get<std::string>()).string();
}

std::shared_ptr<const CalibrationSource> digitsData()
{
    static const std::shared_ptr<const CalibrationSource> source = openCalibrationSource(kExample + "digits_calib.npy");
    return source;
}

ActivationProfile profile(const std::string& model, std::shared_ptr<const CalibrationSource> data, Shard shard,
                          std::size_t batch, ReluThresholds thresholds = {}, std::size_t threads = 0)
{
    CalibrationReader reader(std::move(data), shard);
    ProfileOptions options;
    options.batchSize = batch;
    options.threads = threads;
    options.thresholds = std::move(thresholds);
    return profileModel(*Model::load(model), reader, options);
}

// The reference for an annotated model's output: the original with one Relu rewritten to
// ThresholdedRelu(alpha) by hand, independently of Foldwise's annotation code.
std::shared_ptr<const Model> thresholdedByHand(const std::string& model, const std::string& relu, float alpha,
                                               const std::string& out)
{
    onnx::ModelProto proto = Model::load(model)->proto();
    bool found = false;
    for (auto& n : *proto.mutable_graph()->mutable_node())
        if (n.name() == relu) {
            n.set_op_type("ThresholdedRelu");
            fixtures::setFloat(&n, "alpha", alpha);
            found = true;
        }
    if (!found)
        throw std::runtime_error("no node " + relu);
    fixtures::save(proto, out);
    return Model::load(out);
}

ActivationProfile mergeAll(const std::vector<ActivationProfile>& parts)
{
    ActivationProfile merged = parts.front();
    for (std::size_t i = 1; i < parts.size(); ++i)
        merged.merge(parts[i]);
    return merged;
}

// A 2-D model with the geometry cases that matter: depthwise with stride 2 and padding,
// dilation with SAME_UPPER, a non-square kernel with uneven pads, two convolutions reading one
// tensor, a LeakyRelu (an activation that keeps negatives).
void buildGeometryModel(const std::string& path)
{
    std::mt19937 rng(77);
    onnx::ModelProto m = fixtures::makeModel(13);
    fixtures::addInput(m, "input", {1, 4, 12, 12});
    onnx::NodeProto* a = reference::addRandomConv(m, "depthwise", "input", "a", 4, 4, {3, 3}, 4, rng);
    fixtures::setInts(a, "strides", {2, 2});
    fixtures::setInts(a, "pads", {1, 1, 1, 1});
    fixtures::addNode(m, "Relu", {"a"}, {"ra"}, "relu_a");
    onnx::NodeProto* b = reference::addRandomConv(m, "dilated", "ra", "b", 4, 6, {3, 3}, 1, rng);
    fixtures::setInts(b, "dilations", {2, 2});
    b->add_attribute()->CopyFrom([] {
        onnx::AttributeProto p;
        p.set_name("auto_pad");
        p.set_type(onnx::AttributeProto::STRING);
        p.set_s("SAME_UPPER");
        return p;
    }());
    onnx::NodeProto* leaky = fixtures::addNode(m, "LeakyRelu", {"b"}, {"lb"}, "leaky_b");
    fixtures::setFloat(leaky, "alpha", 0.1f);
    fixtures::addNode(m, "Relu", {"lb"}, {"rb"}, "relu_b");
    onnx::NodeProto* c = reference::addRandomConv(m, "wide", "rb", "c", 6, 6, {1, 3}, 1, rng);
    fixtures::setInts(c, "strides", {1, 2});
    fixtures::setInts(c, "pads", {0, 0, 0, 1});
    reference::addRandomConv(m, "corner", "rb", "d", 6, 2, {2, 2}, 1, rng);
    fixtures::addOutput(m, "c");
    fixtures::addOutput(m, "d");
    fixtures::save(m, path);
}

void buildOneDModel(const std::string& path)
{
    std::mt19937 rng(78);
    onnx::ModelProto m = fixtures::makeModel(13);
    fixtures::addInput(m, "input", {1, 3, 20});
    onnx::NodeProto* a = reference::addRandomConv(m, "conv1d_a", "input", "a", 3, 5, {3}, 1, rng);
    fixtures::setInts(a, "pads", {1, 1});
    fixtures::addNode(m, "Relu", {"a"}, {"ra"}, "relu_1d");
    onnx::NodeProto* b = reference::addRandomConv(m, "conv1d_b", "ra", "b", 5, 4, {2}, 1, rng);
    fixtures::setInts(b, "strides", {2});
    fixtures::addOutput(m, "b");
    fixtures::save(m, path);
}

// Every record of `p` against plain counts over the tensors the executor computes for the
// items as the profiler runs them (batches of kProfileRunBatch on one thread, the last one
// padded with zeros; shown row-major).
void compareWithPlainCounts(const std::string& modelPath, std::shared_ptr<const CalibrationSource> data)
{
    const std::size_t all = data->size();
    const ActivationProfile p = profile(modelPath, data, {}, all);
    const auto base = Model::load(modelPath);
    const Tensor& input = base->graph().tensor(base->graph().inputs()[0]);
    std::vector<int64_t> dims = data->itemDims();
    dims.insert(dims.begin(), static_cast<int64_t>(kProfileRunBatch));
    const auto model = base->reshaped({{input.name, dims}});
    const int threads = omp_get_max_threads();
    omp_set_num_threads(1);
    Executor executor(model, profilingExecutorOptions());
    reference::RecordingObserver seen(model->graph());
    for (std::size_t begin = 0; begin < all; begin += kProfileRunBatch) {
        const std::size_t count = std::min(kProfileRunBatch, all - begin);
        const HostTensor items = data->readItems(begin, count).inputs;
        HostTensor run = HostTensor::allocate(items.type(), dims);
        std::memcpy(run.mutableBytes(), items.bytes(), items.byteSize());
        seen.keepItems = static_cast<int64_t>(count);
        executor.run({{input.name, run}}, &seen);
    }
    omp_set_num_threads(threads);
    seen.output[input.name] = data->readItems(0, all).inputs;

    QVERIFY(!p.tensors.empty());
    for (const TensorZeros& t : p.tensors) {
        QVERIFY2(seen.output.count(t.tensor), t.tensor.c_str());
        const HostTensor& values = seen.output.at(t.tensor);
        QCOMPARE(t.elements, values.elementCount());
        const std::vector<int64_t> zeros = reference::zerosPerChannel(values);
        QVERIFY2(t.channelZeros == zeros, t.tensor.c_str());
        QCOMPARE(t.zeros, std::accumulate(zeros.begin(), zeros.end(), int64_t(0)));
    }
    QVERIFY(!p.convolutions.empty());
    for (const ConvWindowZeros& c : p.convolutions) {
        const Node& node = model->graph().node(*model->graph().findNode(c.conv));
        int64_t windows = 0;
        const std::vector<int64_t> counts = reference::windowCounts(node, seen.firstInput.at(c.conv), windows);
        QVERIFY2(c.counts == counts, c.conv.c_str());
        QCOMPARE(c.windowsPerChannel, windows);
    }
    for (const ReluInputValues& r : p.relus) {
        ValueHistogram h;
        const HostTensor& x0 = seen.firstInput.at(r.node);
        h.add(std::span<const float>(x0.data<float>(), static_cast<std::size_t>(x0.elementCount())));
        QVERIFY2(r.histogram == h, r.node.c_str());
    }
}

} // namespace

class TestProfiler : public QObject {
    Q_OBJECT
private:
    QTemporaryDir dir;
    std::string path(const QString& name) const { return dir.filePath(name).toStdString(); }

private slots:
    // FIPS 180-4 test vectors, and the model hash Node's crypto recorded in tests/reference.
    void modelHashIsSha256()
    {
        const auto hex = [](const std::string& text) {
            Sha256 h;
            h.update(text);
            return h.finishHex();
        };
        QCOMPARE(hex(""), std::string("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"));
        QCOMPARE(hex("abc"), std::string("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"));
        QCOMPARE(hex("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq"),
                 std::string("248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1"));
        QCOMPARE(hex(std::string(1000000, 'a')), std::string("cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0"));
        std::ifstream manifest(FOLDWISE_SOURCE_DIR "/tests/reference/manifest.json");
        const nlohmann::json m = nlohmann::json::parse(manifest);
        QCOMPARE(sha256OfFile(kDigitsModel), m["models"]["digits_cnn"]["model_sha256"].get<std::string>());
        QCOMPARE(profile(kDigitsModel, digitsData(), {}, 450).provenance.modelSha256, sha256OfFile(kDigitsModel));
    }

    void shardsMergeIntoTheWhole()
    {
        const ActivationProfile whole = profile(kDigitsModel, digitsData(), {}, 8);
        QCOMPARE(whole.provenance.items, int64_t(450));
        QCOMPARE(whole.tensors.size(), std::size_t(6));
        QCOMPARE(whole.convolutions.size(), std::size_t(3));
        QCOMPARE(whole.relus.size(), std::size_t(4));
        for (Shard::Layout layout : {Shard::Layout::Contiguous, Shard::Layout::Strided}) {
            std::vector<ActivationProfile> parts;
            for (std::size_t i = 0; i < 3; ++i)
                parts.push_back(profile(kDigitsModel, digitsData(), Shard{i, 3, layout}, 8));
            const ActivationProfile merged = mergeAll(parts);
            QVERIFY(merged.sameStatistics(whole));
            QVERIFY(merged.provenance.shards.complete());
            // Any merge order gives the same profile.
            QVERIFY(mergeAll({parts[2], parts[0], parts[1]}) == merged);
        }
    }

    void batchSizeAndThreadsChangeNothing()
    {
        const ActivationProfile reference = profile(kDigitsModel, digitsData(), {}, 8);
        for (std::size_t batch : {std::size_t(1), std::size_t(7), std::size_t(450), std::size_t(1000)})
            QVERIFY2(profile(kDigitsModel, digitsData(), {}, batch) == reference, qPrintable(QString::number(batch)));
        for (std::size_t threads : {std::size_t(1), std::size_t(2), std::size_t(3)})
            QVERIFY2(profile(kDigitsModel, digitsData(), {}, 5, {}, threads) == reference,
                     qPrintable(QString::number(threads) + " threads"));
    }

    void countsEqualPlainCounts_data()
    {
        QTest::addColumn<QString>("model");
        QTest::newRow("digits") << "digits";
        QTest::newRow("geometry") << "geometry";
        QTest::newRow("1-D") << "oned";
    }
    void countsEqualPlainCounts()
    {
        QFETCH(QString, model);
        if (model == "digits") {
            compareWithPlainCounts(kDigitsModel, digitsData());
        } else if (model == "geometry") {
            buildGeometryModel(path("geometry.onnx"));
            CalibrationOptions o;
            o.itemDims = std::vector<int64_t>{4, 12, 12};
            compareWithPlainCounts(path("geometry.onnx"), openCalibrationSource("synthetic:24:5", o));
            const ActivationProfile p = profile(path("geometry.onnx"), openCalibrationSource("synthetic:24:5", o), {}, 5);
            QCOMPARE(p.convolutions.size(), std::size_t(4));
            QVERIFY(p.findTensor("lb")); // LeakyRelu output: an activation, profiled
            QCOMPARE(p.findConv("dilated")->pads, (std::vector<int64_t>{2, 2, 2, 2}));
        } else {
            buildOneDModel(path("oned.onnx"));
            CalibrationOptions o;
            o.itemDims = std::vector<int64_t>{3, 20};
            compareWithPlainCounts(path("oned.onnx"), openCalibrationSource("synthetic:10:1", o));
        }
    }

    void geometryShardsMerge()
    {
        buildGeometryModel(path("geometry2.onnx"));
        CalibrationOptions o;
        o.itemDims = std::vector<int64_t>{4, 12, 12};
        const auto data = openCalibrationSource("synthetic:23:9", o);
        const ActivationProfile whole = profile(path("geometry2.onnx"), data, {}, 4);
        std::vector<ActivationProfile> parts;
        for (std::size_t i = 0; i < 4; ++i)
            parts.push_back(profile(path("geometry2.onnx"), data, Shard{i, 4}, 3));
        QVERIFY(mergeAll(parts).sameStatistics(whole));
    }

    // The histogram of a ReLU's input predicts the zeros ThresholdedRelu(t) produces: within
    // the bucket bracket, exactly at t = 0. Thresholding one ReLU leaves its own input as it was.
    void thresholdCurvePredictsSparsity()
    {
        const ActivationProfile plain = profile(kDigitsModel, digitsData(), {}, 50);
        const auto model = Model::load(kDigitsModel);
        for (const ReluInputValues& relu : plain.relus) {
            const std::string output = model->graph().tensor(model->graph().node(*model->graph().findNode(relu.node)).outputs[0]).name;
            QCOMPARE(plain.findTensor(output)->zeros, relu.histogram.zerosAtThreshold(0.0f).lower);
            for (float t : {0.0f, 0.05f, 0.3f}) {
                const ActivationProfile thresholded = profile(kDigitsModel, digitsData(), {}, 50, {{relu.node, t}});
                const ReluInputValues* r = thresholded.findRelu(relu.node);
                QCOMPARE(r->op, std::string("ThresholdedRelu"));
                QVERIFY(r->histogram == relu.histogram);
                const int64_t zeros = thresholded.findTensor(output)->zeros;
                const ValueHistogram::Bracket predicted = relu.histogram.zerosAtThreshold(t);
                QVERIFY2(predicted.lower <= zeros && zeros <= predicted.upper,
                         qPrintable(QString("%1 t=%2: %3 not in [%4, %5]").arg(relu.node.c_str()).arg(double(t))
                                        .arg(zeros).arg(predicted.lower).arg(predicted.upper)));
                if (t == 0.0f)
                    QCOMPARE(zeros, predicted.lower);
                if (t > 0.0f)
                    QVERIFY(zeros > plain.findTensor(output)->zeros || relu.histogram.max() <= t);
                QCOMPARE(thresholded.provenance.thresholds.at(relu.node), t);
            }
        }
    }

    void thresholdErrors()
    {
        const auto expect = [&](const ReluThresholds& t, const QString& phrase) {
            try {
                profile(kDigitsModel, digitsData(), {}, 8, t);
            } catch (const ModelError& e) {
                QVERIFY2(QString(e.what()).contains(phrase), e.what());
                return;
            }
            QFAIL("no error");
        };
        expect({{"/features/features.0/Conv", 0.1f}}, "not a Relu");
        expect({{"no such relu", 0.1f}}, "no node of that name");
    }

    void fileRoundTrip()
    {
        ActivationProfile p = profile(kDigitsModel, digitsData(), Shard{1, 2}, 16, {{"/features/features.3/Relu", 0.1f}});
        p.provenance.notes.push_back("a note, with \"quotes\"");
        for (std::size_t limit : {std::size_t(1) << 20, std::size_t(0)}) {
            const std::string file = path(QString("round%1.json").arg(limit));
            writeProfile(file, p, {limit});
            QCOMPARE(!sideCarOf(file).empty(), limit == 0);
            if (limit == 0) // named by its content: round0.json.<16 hex digits of its SHA-256>.bin
                QVERIFY(QRegularExpression("^round0\\.json\\.[0-9a-f]{16}\\.bin$")
                            .match(QFileInfo(QString::fromStdString(sideCarOf(file))).fileName())
                            .hasMatch());
            QVERIFY(readProfile(file) == p);
        }
        // Rewriting inline removes the stale side-car.
        const std::string file = path("round0.json");
        const std::string old = sideCarOf(file);
        writeProfile(file, p);
        QVERIFY(!QFileInfo::exists(QString::fromStdString(old)));
        QVERIFY(readProfile(file) == p);
    }

    // A side-car has a name per content: a new profile's never overwrites the one the current
    // JSON names, the old one goes once the new JSON is in place, an unnamed one a killed writer
    // left goes with it, and profiles with the older `<file>.bin` side-car still read.
    void sideCarsAreVersioned()
    {
        const ActivationProfile a = profile(kDigitsModel, digitsData(), Shard{0, 2}, 64);
        const ActivationProfile b = profile(kDigitsModel, digitsData(), Shard{1, 2}, 64);
        const QString folder = QString::fromStdString(path("versioned"));
        QDir().mkpath(folder);
        const std::string file = (folder + "/p.json").toStdString();
        writeProfile(file, a, {0});
        const std::string first = sideCarOf(file);
        writeProfile(file, a, {0});
        QCOMPARE(sideCarOf(file), first); // same content, same name
        fixtures::saveBytes("killed writer", (folder + "/p.json.0123456789abcdef.bin").toStdString());
        fixtures::saveBytes("x", (folder + "/.p.json.fedcba9876543210.bin.tmp-2147483647-0").toStdString());
        writeProfile(file, b, {0});
        QVERIFY(sideCarOf(file) != first);
        QVERIFY(readProfile(file) == b);
        QCOMPARE(QDir(folder).entryList(QDir::Files | QDir::Hidden),
                 (QStringList{"p.json", QFileInfo(QString::fromStdString(sideCarOf(file))).fileName()}));
        // The older naming: `p.json.bin`, named so in the JSON.
        std::ifstream in(file);
        nlohmann::json j = nlohmann::json::parse(in);
        j["data_file"]["name"] = "p.json.bin";
        QVERIFY(QFile::rename(QString::fromStdString(sideCarOf(file)), folder + "/p.json.bin"));
        std::ofstream(file) << j.dump();
        QVERIFY(readProfile(file) == b);
        writeProfile(file, a, {0}); // replaced: the old-style side-car goes too
        QCOMPARE(QDir(folder).entryList(QDir::Files | QDir::Hidden),
                 (QStringList{"p.json", QFileInfo(QString::fromStdString(sideCarOf(file))).fileName()}));
    }

    void readerRejectsBadFiles_data()
    {
        QTest::addColumn<QString>("edit");
        QTest::addColumn<QString>("phrase");
        QTest::newRow("version") << "/format_version=2" << "unsupported version 2";
        QTest::newRow("format") << "/format=\"x\"" << "not a Foldwise activation profile";
        QTest::newRow("missing") << "-/tensors" << "missing \"tensors\"";
        QTest::newRow("zeros") << "/tensors/1/zeros=5" << "tensors[1].zeros";
        QTest::newRow("elements") << "/tensors/1/elements=7" << "not a multiple";
        QTest::newRow("windows") << "/convolutions/0/windows_per_channel=3" << "convolutions[0].window_counts";
        QTest::newRow("kernel") << "/convolutions/0/kernel_size=4" << "product of the kernel";
        QTest::newRow("hash") << "/model/sha256=\"abc\"" << "64 lower-case hex";
        QTest::newRow("shards") << "/data/shards={\"count\":3,\"layout\":\"contiguous\",\"covered\":[1,1]}"
                                << "strictly increasing";
        QTest::newRow("histogram") << "/relus/0/value_histogram/count=1" << "relus[0].value_histogram.count";
        QTest::newRow("nonpositive") << "/relus/0/value_histogram/non_positive=0" << "disagree with the buckets";
        QTest::newRow("negative") << "/tensors/0/channel_zeros/0=-1" << "non-negative";
        QTest::newRow("type") << "/convolutions/0/group=\"one\"" << "convolutions[0].group";
        QTest::newRow("sidecar missing") << "/data_file={\"name\":\"nope.bin\",\"bytes\":8,\"sha256\":\"00\"}" << "side-car";
        QTest::newRow("sidecar path") << "/data_file={\"name\":\"../x.bin\",\"bytes\":8,\"sha256\":\"00\"}" << "plain file name";
        QTest::newRow("ref without sidecar") << "/tensors/0/channel_zeros={\"offset\":0,\"length\":1}" << "data_file";
    }
    void readerRejectsBadFiles()
    {
        QFETCH(QString, edit);
        QFETCH(QString, phrase);
        const std::string good = path("good.json");
        writeProfile(good, profile(kDigitsModel, digitsData(), {}, 450));
        std::ifstream in(good);
        nlohmann::json j = nlohmann::json::parse(in);
        const std::string e = edit.toStdString();
        if (e[0] == '-') {
            j.erase(e.substr(2));
        } else {
            const auto eq = e.find('=');
            j[nlohmann::json::json_pointer(e.substr(0, eq))] = nlohmann::json::parse(e.substr(eq + 1));
        }
        const std::string bad = path("bad.json");
        std::ofstream(bad) << j.dump();
        fixtures::expectFileError(bad, {phrase}, [](const std::string& f) { readProfile(f); });
    }

    void sideCarMustMatch()
    {
        const std::string file = path("side.json");
        writeProfile(file, profile(kDigitsModel, digitsData(), {}, 450), {0});
        const std::string side = sideCarOf(file);
        std::string bytes = fixtures::readBytes(side);
        bytes[10] = static_cast<char>(bytes[10] ^ 1);
        fixtures::saveBytes(bytes, side);
        fixtures::expectFileError(file, {"SHA-256"}, [](const std::string& f) { readProfile(f); });
        fixtures::saveBytes(bytes.substr(8), side);
        fixtures::expectFileError(file, {"bytes"}, [](const std::string& f) { readProfile(f); });
    }

    // Truncated and bit-flipped profiles and side-cars: a clear ModelError or a valid profile,
    // never a crash.
    void fuzzedProfilesNeverCrash()
    {
        const ActivationProfile p = profile(kDigitsModel, digitsData(), {}, 450);
        const std::string jsonFile = path("fuzz.json");
        writeProfile(jsonFile, p, {0});
        const std::string json = fixtures::readBytes(jsonFile);
        const std::string sideFile = sideCarOf(jsonFile);
        const std::string binary = fixtures::readBytes(sideFile);
        writeProfile(path("inline.json"), p);
        const std::string inlineJson = fixtures::readBytes(path("inline.json"));
        std::mt19937 rng(4242);
        int read = 0, rejected = 0;
        const auto attempt = [&](const std::string& text, const std::string& side) {
            fixtures::saveBytes(text, jsonFile);
            fixtures::saveBytes(side, sideFile);
            try {
                readProfile(jsonFile);
                ++read;
            } catch (const ModelError&) {
                ++rejected;
            }
        };
        for (int i = 1; i <= 100; ++i) {
            attempt(json.substr(0, json.size() * static_cast<std::size_t>(i) / 101), binary);
            attempt(inlineJson.substr(0, inlineJson.size() * static_cast<std::size_t>(i) / 101), binary);
        }
        std::uniform_int_distribution<int> byte(0, 255);
        const std::string digits = "0123456789";
        for (int i = 0; i < 600; ++i) {
            std::string text = i % 2 ? json : inlineJson;
            std::string side = binary;
            const int flips = 1 + i % 3;
            for (int f = 0; f < flips; ++f) {
                const std::size_t at = std::uniform_int_distribution<std::size_t>(0, text.size() - 1)(rng);
                // Digits for digits keeps the JSON valid and tests the consistency checks.
                text[at] = std::isdigit(static_cast<unsigned char>(text[at])) && i % 3 ? digits[rng() % 10]
                                                                                       : static_cast<char>(byte(rng));
            }
            if (i % 5 == 0)
                side[std::uniform_int_distribution<std::size_t>(0, side.size() - 1)(rng)] = static_cast<char>(byte(rng));
            attempt(text, side);
        }
        qInfo("mutants: %d read, %d rejected with a clear error", read, rejected);
        QCOMPARE(read + rejected, 800);
        QVERIFY(rejected > 400);
    }

    void mergeChecks()
    {
        const ActivationProfile a = profile(kDigitsModel, digitsData(), Shard{0, 2}, 64);
        const ActivationProfile b = profile(kDigitsModel, digitsData(), Shard{1, 2}, 64);
        const auto rejects = [](ActivationProfile x, const ActivationProfile& y, const QString& phrase) {
            try {
                x.merge(y);
            } catch (const std::invalid_argument& e) {
                QVERIFY2(QString(e.what()).contains(phrase), e.what());
                return;
            }
            QFAIL(qPrintable("merged although " + phrase));
        };
        rejects(a, a, "both cover shard 0");
        ActivationProfile other = b;
        other.provenance.modelSha256 = std::string(64, 'a');
        rejects(a, other, "different models");
        other = b;
        other.provenance.thresholds["/features/features.1/Relu"] = 0.5f;
        rejects(a, other, "thresholds");
        other = b;
        other.provenance.shards.count = 3;
        rejects(a, other, "shard partitions");
        other = b;
        other.convolutions[0].kernel = {5, 5};
        rejects(a, other, "convolution");
        ActivationProfile merged = a;
        merged.merge(b);
        QCOMPARE(merged.provenance.items, int64_t(450));
    }

    void limitAppliesBeforeSharding()
    {
        const auto limited = std::make_shared<LimitedSource>(digitsData(), 100);
        QCOMPARE(limited->size(), std::size_t(100));
        QVERIFY(limited->describe().starts_with("first 100 items of npy"));
        const ActivationProfile whole = profile(kDigitsModel, limited, {}, 32);
        QCOMPARE(whole.provenance.items, int64_t(100));
        const ActivationProfile merged =
            mergeAll({profile(kDigitsModel, limited, Shard{0, 2}, 32), profile(kDigitsModel, limited, Shard{1, 2}, 32)});
        QVERIFY(merged.sameStatistics(whole));
    }

    void cancellation()
    {
        const auto model = Model::load(kDigitsModel);
        CalibrationReader reader(digitsData());
        ProfileOptions options;
        options.batchSize = 8; // one run per step on one thread
        options.threads = 1;
        std::size_t calls = 0, totals = 0;
        const ProfileProgress progress = [&](std::size_t done, std::size_t total) {
            ++calls;
            totals = total;
            return done < 30;
        };
        QVERIFY_THROWS_EXCEPTION(ExecutionCancelled, profileModel(*model, reader, options, progress));
        QCOMPARE(calls, std::size_t(4)); // 8, 16, 24 items go on; 32 stops
        QCOMPARE(totals, std::size_t(450));
        std::atomic<bool> stop{true};
        options.cancel = &stop;
        QVERIFY_THROWS_EXCEPTION(ExecutionCancelled, profileModel(*model, reader, options));
    }

    void derivedFigures()
    {
        const ActivationProfile p = profile(kDigitsModel, digitsData(), {}, 450);
        const ModelSummary summary = summariseModel(*Model::load(kDigitsModel));
        QCOMPARE(p.provenance.networkMacsPerItem, summary.totals.macs);
        double sparsity = 0, convSparsity = 0;
        int64_t convMacs = 0;
        for (const LayerFigures& l : summary.layers)
            if (l.opType == "Conv")
                convMacs += *l.macs;
        for (const LayerFigures& l : summary.layers) {
            if (l.opType != "Conv")
                continue;
            const ConvWindowZeros* c = p.findConv(l.name);
            QVERIFY(c);
            QCOMPARE(c->macsPerItem, *l.macs);
            // mean zeros / K straight from the counts
            double zeros = 0;
            for (int64_t ch = 0; ch < c->channels; ++ch)
                for (int64_t j = 0; j <= c->kernelSize; ++j)
                    zeros += double(j) * double(c->counts[static_cast<std::size_t>(ch * (c->kernelSize + 1) + j)]);
            const double perWindow = zeros / double(c->windowsPerChannel * c->channels);
            QVERIFY(qFuzzyCompare(meanZerosPerWindow(*c), perWindow));
            sparsity += perWindow / double(c->kernelSize) * double(*l.macs) / double(summary.totals.macs);
            convSparsity += perWindow / double(c->kernelSize) * double(*l.macs) / double(convMacs);
            // Rows of the normalised histogram sum to 1.
            for (int64_t ch = 0; ch < c->channels; ++ch) {
                const std::vector<double> row = normalisedWindowHistogram(*c, ch);
                QVERIFY(std::fabs(std::accumulate(row.begin(), row.end(), 0.0) - 1.0) < 1e-12);
            }
        }
        QVERIFY(qFuzzyCompare(networkSparsity(p), sparsity));
        QVERIFY(qFuzzyCompare(networkSparsity(p, false), convSparsity));
        QVERIFY(networkSparsity(p) < networkSparsity(p, false)); // the Gemm layers count as dense
    }

    void sparsityLog()
    {
        const ActivationProfile p = profile(kDigitsModel, digitsData(), {}, 450);
        const QStringList lines = QString::fromStdString(sparsityLogCsv(p)).split('\n', Qt::SkipEmptyParts);
        QCOMPARE(lines.size(), 4);
        QCOMPARE(lines[0], QString("Layer Name,Layer Type,KERNEL*KERNEL,Avg Zeros,Avg Sparsity,Avg Window Sparsity"));
        for (int i = 1; i < lines.size(); ++i) {
            const QStringList f = lines[i].split(',');
            const ConvWindowZeros& c = p.convolutions[static_cast<std::size_t>(i - 1)];
            QCOMPARE(f[0].toStdString(), c.conv);
            QCOMPARE(f[1], QString("Conv"));
            QCOMPARE(f[2].toLongLong(), c.kernelSize);
            QCOMPARE(f[3].toDouble(), meanZerosPerWindow(c));
            QCOMPARE(f[4].toDouble(), f[3].toDouble() / double(c.kernelSize));
            // All-zero windows: the K-zero bin of every channel over all windows, counted here.
            int64_t allZero = 0;
            for (int64_t ch = 0; ch < c.channels; ++ch)
                allZero += c.counts[static_cast<std::size_t>(ch * (c.kernelSize + 1) + c.kernelSize)];
            QCOMPARE(f[5].toDouble(), double(allZero) / double(c.windowsPerChannel * c.channels));
        }
        writeSparsityLogCsv(path("digits_sparsity_log.csv"), p);
        QCOMPARE(QString::fromStdString(fixtures::readBytes(path("digits_sparsity_log.csv"))),
                 QString::fromStdString(sparsityLogCsv(p)));
    }

    void annotatedModel()
    {
        const ReluThresholds thresholds{{"/features/features.3/Relu", 0.2f}};
        const ActivationProfile p = profile(kDigitsModel, digitsData(), {}, 450, thresholds);
        const auto model = Model::load(kDigitsModel);
        for (AnnotationStyle style : {AnnotationStyle::FpgaConvNet, AnnotationStyle::Metadata}) {
            const std::string out = path(style == AnnotationStyle::Metadata ? "meta.onnx" : "fcn.onnx");
            writeAnnotatedModel(*model, p, out, style);
            const auto annotated = Model::load(out);
            const Graph& g = annotated->graph();
            QCOMPARE(g.nodes().size(), model->graph().nodes().size());
            // ONNX's checker accepts the annotated model (it would name an unknown attribute).
            for (const std::string& w : annotated->warnings())
                QVERIFY2(w.find("checker") == std::string::npos, w.c_str());
            const Node& relu = g.node(*g.findNode("/features/features.3/Relu"));
            QCOMPARE(relu.opType, std::string("ThresholdedRelu"));
            QCOMPARE(relu.floatAttr("alpha", 0.0f), 0.2f);
            for (const ConvWindowZeros& c : p.convolutions) {
                std::vector<float> values;
                if (style == AnnotationStyle::FpgaConvNet) {
                    // A call of the local function wrapping Conv in the file, a plain Conv in the IR.
                    const Node& conv = g.node(*g.findNode(c.conv));
                    const auto& call = annotated->proto().graph().node(conv.protoIndex);
                    QCOMPARE(call.op_type(), std::string("Conv"));
                    QCOMPARE(call.domain(), std::string(kAnnotatedConvDomain));
                    QCOMPARE(conv.opType, std::string("Conv"));
                    QCOMPARE(conv.domain, std::string());
                    const Attribute* a = conv.attribute("channel_sparsity_hist");
                    QVERIFY(a && a->type == AttributeType::Floats);
                    values = a->floats;
                } else {
                    for (const auto& e : annotated->proto().metadata_props())
                        if (e.key() == "channel_sparsity_hist:" + c.conv)
                            for (const auto& row : nlohmann::json::parse(e.value()))
                                for (float v : row)
                                    values.push_back(v);
                }
                QCOMPARE(static_cast<int64_t>(values.size()), c.channels * (c.kernelSize + 1));
                for (int64_t ch = 0; ch < c.channels; ++ch) {
                    double sum = 0;
                    for (int64_t j = 0; j <= c.kernelSize; ++j) {
                        const float v = values[static_cast<std::size_t>(ch * (c.kernelSize + 1) + j)];
                        const auto count = c.counts[static_cast<std::size_t>(ch * (c.kernelSize + 1) + j)];
                        QCOMPARE(v, static_cast<float>(double(count) / double(c.windowsPerChannel)));
                        sum += v;
                    }
                    QVERIFY(std::fabs(sum - 1.0) < 1e-5);
                }
            }
            // The annotated model computes what the original does with the threshold applied.
            ExecutorOptions plain;
            plain.fuseActivations = false;
            const auto thresholded = thresholdedByHand(kDigitsModel, "/features/features.3/Relu", 0.2f, path("thr.onnx"));
            Executor reference(thresholded, plain);
            Executor executor(annotated, plain);
            for (std::size_t item = 0; item < 4; ++item) {
                HostTensor one = digitsData()->readItems(item, 1).inputs;
                QCOMPARE(executor.run({{"input", one}})[0].toDoubles(), reference.run({{"input", one}})[0].toDoubles());
            }
        }
        // Annotating an annotated model (profiled again) keeps one wrapper function.
        const ActivationProfile again = profile(path("fcn.onnx"), digitsData(), {}, 50, {});
        writeAnnotatedModel(*Model::load(path("fcn.onnx")), again, path("fcn2.onnx"));
        const auto twice = Model::load(path("fcn2.onnx"));
        QCOMPARE(twice->proto().functions_size(), 1);
        QCOMPARE(twice->graph().node(*twice->graph().findNode(p.convolutions[0].conv)).opType, std::string("Conv"));
        // Annotating another model than the profiled one is refused.
        buildOneDModel(path("other.onnx"));
        fixtures::expectFileError(path("other.onnx"), {"not the model the profile was made from"}, [&](const std::string& f) {
            writeAnnotatedModel(*Model::load(f), p, path("x.onnx"));
        });
    }
};

QTEST_GUILESS_MAIN(TestProfiler)
#include "tst_profiler.moc"
