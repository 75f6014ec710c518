// Calibration sources: image preprocessing checked against values computed independently
// (by hand for constant and gradient images, with PIL and numpy for resizing: see
// tests/data/fixtures/make_fixtures.py), image folders with corrupt files, .npy arrays, .pb
// folders, synthetic data, labels, sharding and the spec factory.
#include "Mutants.h"
#include "OnnxFixtures.h"

#include "data/CalibrationReader.h"
#include "data/ImageFolderSource.h"
#include "data/ImageResize.h"
#include "data/LabelTable.h"
#include "data/NpyArraySource.h"
#include "data/NpyFile.h"
#include "data/OpenCalibrationSource.h"
#include "data/SyntheticSource.h"
#include "data/TensorProtoFile.h"
#include "data/TensorProtoSource.h"
#include "model/ModelError.h"

#include <QtTest>

#include <cmath>
#include <cstring>
#include <filesystem>
#include <numeric>
#include <random>
#include <set>

using namespace foldwise;

namespace {

const std::string kFixtures = FOLDWISE_SOURCE_DIR "/tests/data/fixtures/";
const std::string kImages = kFixtures + "images";

constexpr double kMean[3] = {0.485, 0.456, 0.406};
constexpr double kStd[3] = {0.229, 0.224, 0.225};

std::vector<float> preprocess(const std::string& image, const ImagePreprocessing& options)
{
    const std::size_t count = static_cast<std::size_t>(options.channels()) * static_cast<std::size_t>(options.cropHeight)
        * static_cast<std::size_t>(options.cropWidth);
    std::vector<float> out(count);
    preprocessImage(decodeImageFile(kImages + "/" + image, options.maxPixels), options, out);
    return out;
}

ImagePreprocessing raw(int cropHeight, int cropWidth)
{
    ImagePreprocessing p;
    p.resizeShorter = 0;
    p.cropHeight = cropHeight;
    p.cropWidth = cropWidth;
    p.scaleToUnit = false;
    p.normalisation = Normalisation{};
    return p;
}

double maxDifference(const std::vector<float>& a, const HostTensor& b)
{
    double worst = 0;
    for (std::size_t i = 0; i < a.size(); ++i)
        worst = std::max(worst, std::abs(static_cast<double>(a[i]) - static_cast<double>(b.data<float>()[i])));
    return worst;
}

std::vector<float> values(const CalibrationBatch& b)
{
    return {b.inputs.data<float>(), b.inputs.data<float>() + b.inputs.elementCount()};
}

// Reads a whole shard; returns the indices read and skipped, in order.
std::vector<std::size_t> readShard(const std::shared_ptr<const CalibrationSource>& source, Shard shard,
                                   std::size_t batchSize, std::vector<float>* data = nullptr)
{
    CalibrationReader reader(source, shard);
    std::vector<std::size_t> seen;
    while (!reader.atEnd()) {
        const CalibrationBatch b = reader.next(batchSize);
        for (const SkippedItem& s : b.skipped)
            seen.push_back(s.index);
        seen.insert(seen.end(), b.indices.begin(), b.indices.end());
        if (data) {
            const std::vector<float> v = values(b);
            data->insert(data->end(), v.begin(), v.end());
        }
    }
    return seen;
}

} // namespace

class TestCalibrationSources : public QObject {
    Q_OBJECT
private:
    QTemporaryDir dir;

    std::string path(const QString& name) const { return dir.filePath(name).toStdString(); }

    void expectError(const std::function<void()>& open, const QStringList& phrases)
    {
        try {
            open();
        } catch (const ModelError& e) {
            const QString message = QString::fromStdString(e.what());
            QVERIFY2(!message.contains('\n'), qPrintable(message));
            for (const QString& p : phrases)
                QVERIFY2(message.contains(p), qPrintable("'" + p + "' not in: " + message));
            return;
        }
        QFAIL("no error");
    }

private slots:
    // --- preprocessing -----------------------------------------------------------------------

    void constantColourNormalisation()
    {
        ImagePreprocessing p; // ImageNet defaults, but no resize: an 8 x 8 image, crop 4 x 6
        p.resizeShorter = 0;
        p.cropHeight = 4;
        p.cropWidth = 6;
        const std::vector<float> out = preprocess("d_constant_8x8.bmp", p);
        const double colour[3] = {10, 20, 30};
        for (int c = 0; c < 3; ++c)
            for (int i = 0; i < 24; ++i)
                QVERIFY(std::abs(out[static_cast<std::size_t>(c * 24 + i)] - (colour[c] / 255 - kMean[c]) / kStd[c]) < 1e-5);

        p.order = ChannelOrder::BGR; // defaults follow the channel order
        const std::vector<float> bgr = preprocess("d_constant_8x8.bmp", p);
        for (int c = 0; c < 3; ++c)
            QVERIFY(std::abs(bgr[static_cast<std::size_t>(c * 24)] - (colour[2 - c] / 255 - kMean[2 - c]) / kStd[2 - c]) < 1e-5);
    }

    void constantJpegWithDefaults()
    {
        const ImagePreprocessing p; // resize 256, crop 224, ImageNet
        const std::vector<float> out = preprocess("c_constant_300x200.jpg", p);
        QCOMPARE(out.size(), std::size_t(3 * 224 * 224));
        const double colour[3] = {200, 100, 50};
        for (int c = 0; c < 3; ++c) {
            const double expected = (colour[c] / 255 - kMean[c]) / kStd[c];
            for (std::size_t i = 0; i < 224 * 224; i += 97) // JPEG may be off by a level or two
                QVERIFY(std::abs(out[static_cast<std::size_t>(c) * 224 * 224 + i] - expected) < 2.5 / 255 / kStd[c]);
        }
    }

    // Crop placement and channel order on a 5 x 7 gradient, R = 10x + y, G = 20y, B = 255 - 30x.
    void gradientCropAndChannelOrder()
    {
        ImagePreprocessing p = raw(3, 3); // top = (7 - 3) / 2 = 2, left = (5 - 3) / 2 = 1
        const std::vector<float> rgb = preprocess("a_gradient_5x7.png", p);
        p.order = ChannelOrder::BGR;
        const std::vector<float> bgr = preprocess("a_gradient_5x7.png", p);
        p.grayscale = true;
        const std::vector<float> grey = preprocess("a_gradient_5x7.png", p);
        QCOMPARE(grey.size(), std::size_t(9));
        for (int y = 0; y < 3; ++y) {
            for (int x = 0; x < 3; ++x) {
                const int sx = 1 + x, sy = 2 + y;
                const float r = float(10 * sx + sy), g = float(20 * sy), b = float(255 - 30 * sx);
                const std::size_t at = static_cast<std::size_t>(y * 3 + x);
                QCOMPARE(rgb[at], r);
                QCOMPARE(rgb[9 + at], g);
                QCOMPARE(rgb[18 + at], b);
                QCOMPARE(bgr[at], b);
                QCOMPARE(bgr[18 + at], r);
                QVERIFY(std::abs(grey[at] - (0.299 * r + 0.587 * g + 0.114 * b)) < 1e-4);
            }
        }
        // Odd margins: 5 - 4 = 1 leaves the extra column on the right (offset 0).
        const std::vector<float> wide = preprocess("a_gradient_5x7.png", raw(1, 4));
        QCOMPARE(wide[0], float(10 * 0 + 3)); // top = (7 - 1) / 2 = 3, left = 0
    }

    void greyAndAlphaImages()
    {
        const std::vector<float> grey = preprocess("sub/g_grey_16x16.png", raw(2, 2));
        for (float v : grey)
            QCOMPARE(v, 77.0f); // grey replicated to R, G and B
        ImagePreprocessing one = raw(2, 2);
        one.grayscale = true;
        one.scaleToUnit = true;
        for (float v : preprocess("sub/g_grey_16x16.png", one))
            QVERIFY(std::abs(v - 77.0 / 255) < 1e-6);
        const std::vector<float> rgba = preprocess("sub/h_rgba_6x6.png", raw(1, 1));
        QCOMPARE(rgba, (std::vector<float>{40, 80, 120})); // alpha dropped
    }

    // Resizing compared with PIL's bilinear resize (float images) plus torchvision's size and
    // crop arithmetic, computed by make_fixtures.py.
    void resizeMatchesPil_data()
    {
        QTest::addColumn<QString>("image");
        QTest::addColumn<QString>("expected");
        QTest::addColumn<int>("resize");
        QTest::addColumn<int>("cropHeight");
        QTest::addColumn<int>("cropWidth");
        QTest::newRow("downscale 300x200 -> 96x64, crop 56") << "b_pattern_300x200.png" << "pattern_300x200_r64_c56.npy" << 64 << 56 << 56;
        QTest::newRow("upscale 5x7 -> 16x22, crop 14x12") << "a_gradient_5x7.png" << "gradient_5x7_r16_c14x12.npy" << 16 << 14 << 12;
    }

    void resizeMatchesPil()
    {
        QFETCH(QString, image);
        QFETCH(QString, expected);
        QFETCH(int, resize);
        QFETCH(int, cropHeight);
        QFETCH(int, cropWidth);
        ImagePreprocessing p;
        p.resizeShorter = resize;
        p.cropHeight = cropHeight;
        p.cropWidth = cropWidth;
        const HostTensor reference = readNpy(kFixtures + "expected/" + expected.toStdString());
        QCOMPARE(reference.dims(), (std::vector<int64_t>{3, cropHeight, cropWidth}));
        const double worst = maxDifference(preprocess(image.toStdString(), p), reference);
        qInfo("largest difference to PIL: %g", worst);
        QVERIFY(worst < 1e-6); // the same algorithm as PIL: equal up to float rounding
    }

    // A small file may declare a huge image: refused before decoding.
    void decompressionBombIsRefused()
    {
        std::string png = fixtures::readBytes(kImages + "/a_gradient_5x7.png");
        // IHDR width and height (big-endian) at bytes 16..23: 12000 x 12000, 144 megapixels (stb
        // itself refuses images above 1 GB; this one is below that but above our limit).
        const char huge[8] = {0, 0, '\x2e', '\xe0', 0, 0, '\x2e', '\xe0'};
        png.replace(16, 8, huge, 8);
        fixtures::saveBytes(png, path("bomb.png"));
        expectError([&] { decodeImageFile(path("bomb.png"), ImagePreprocessing{}.maxPixels); },
                    {"bomb.png", "12000x12000", "exceeds the limit"});
    }

    // Mutation fuzzing of the image decoder and preprocessing: truncated and damaged PNG, JPEG
    // and BMP files decode or fail with an error; nothing crashes or aborts.
    void mutatedImagesNeverCrash()
    {
        ImagePreprocessing options;
        options.resizeShorter = 6;
        options.cropHeight = options.cropWidth = 4;
        options.maxPixels = 1 << 22;
        std::vector<float> out(3 * 16);
        std::mt19937 rng(5);
        fixtures::MutantTally tally;
        for (const char* name : {"a_gradient_5x7.png", "c_constant_300x200.jpg", "d_constant_8x8.bmp", "sub/h_rgba_6x6.png"}) {
            const std::string original = fixtures::readBytes(kImages + "/" + name);
            const auto attempt = [&](const std::string& bytes) {
                tally.attempt<std::exception>(bytes, path("mutant.img"), [&] {
                    preprocessImage(decodeImageFile(path("mutant.img"), options.maxPixels), options, out);
                });
            };
            for (std::size_t n = 0; n < original.size(); n += std::max<std::size_t>(1, original.size() / 60))
                attempt(original.substr(0, n));
            fixtures::forEachByteFlip(original, 150, 64, rng, attempt);
        }
        tally.expectBothOutcomes("image mutants");
    }

    // Odd size pairs that make stb_image_resize v1 abort (nothings/stb#1449) resize fine here.
    void resizeAnySize()
    {
        for (const auto& [from, to] : std::vector<std::pair<int, int>>{{5, 4}, {2000, 1304}, {375, 256}, {1, 7}, {7, 1}, {3, 3}}) {
            std::vector<float> in(static_cast<std::size_t>(from) * 2, 0.5f), resized(static_cast<std::size_t>(to) * 2);
            resizeBilinear(in, from, 2, 1, resized, to, 2);
            for (float v : resized)
                QVERIFY(std::abs(v - 0.5f) < 1e-6); // a constant image stays constant
        }
    }

    void invalidPreprocessing()
    {
        ImagePreprocessing p;
        p.cropHeight = 300;
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, p.validate());
        p = {};
        p.normalisation = Normalisation{{0.5f, 0.5f}, {1.0f}};
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, p.validate());
        p.normalisation = Normalisation{{0.5f}, {0.0f}};
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, p.validate());
        p = {};
        p.grayscale = true; // grey has no default normalisation, so this is fine
        p.validate();
        QVERIFY(p.effectiveNormalisation().empty());
    }

    // --- image folders ---------------------------------------------------------------------------

    void imageFolderListing()
    {
        const ImageFolderSource flat(kImages);
        QCOMPARE(flat.size(), std::size_t(6));
        QCOMPARE(flat.itemId(0), std::string("a_gradient_5x7.png"));
        QCOMPARE(flat.itemId(5), std::string("f_not_an_image.jpg"));
        const ImageFolderSource deep(kImages, {true, {}});
        QCOMPARE(deep.size(), std::size_t(8));
        QCOMPARE(deep.itemId(6), std::string("sub/g_grey_16x16.png"));
        QCOMPARE(deep.itemDims(), (std::vector<int64_t>{3, 224, 224}));
        QVERIFY(!deep.synthetic());
        const QString description = QString::fromStdString(deep.describe());
        for (const char* part : {"images", "8 files", "recursive", "resize 256", "crop 224x224", "RGB", "mean 0.485,0.456,0.406"})
            QVERIFY2(description.contains(part), qPrintable(description));
    }

    void corruptImagesAreSkippedAndCounted()
    {
        ImageFolderOptions options{true, {}};
        options.preprocessing.resizeShorter = 8;
        options.preprocessing.cropHeight = 4;
        options.preprocessing.cropWidth = 4;
        auto source = std::make_shared<ImageFolderSource>(kImages, options);
        CalibrationReader reader(source);
        const CalibrationBatch first = reader.next(3);
        QCOMPARE(first.ids, (std::vector<std::string>{"a_gradient_5x7.png", "b_pattern_300x200.png", "c_constant_300x200.jpg"}));
        QCOMPARE(first.inputs.dims(), (std::vector<int64_t>{3, 3, 4, 4}));
        QVERIFY(first.skipped.empty());
        // The two bad files are passed over and the batch is filled from the items after them.
        const CalibrationBatch second = reader.next(3);
        QCOMPARE(second.ids, (std::vector<std::string>{"d_constant_8x8.bmp", "sub/g_grey_16x16.png", "sub/h_rgba_6x6.png"}));
        QCOMPARE(second.indices, (std::vector<std::size_t>{3, 6, 7}));
        QCOMPARE(second.skipped.size(), std::size_t(2));
        QCOMPARE(second.skipped[0].id, std::string("e_truncated.png"));
        QVERIFY(QString::fromStdString(second.skipped[0].reason).contains("e_truncated.png"));
        QCOMPARE(second.skipped[1].id, std::string("f_not_an_image.jpg"));
        QVERIFY(reader.atEnd());
        QCOMPARE(reader.itemsRead(), std::size_t(6));
        QCOMPARE(reader.itemsSkipped(), std::size_t(2));
        QCOMPARE(reader.missingLabels(), std::size_t(0)); // no labels attached: nothing is missing
        QCOMPARE(second.labels, (std::vector<int64_t>{-1, -1, -1}));
        QVERIFY(reader.next(3).empty());
        // The RGBA item's values: (40, 80, 120) normalised.
        const float* h = second.inputs.data<float>() + 2 * 48;
        QVERIFY(std::abs(h[0] - (40.0 / 255 - kMean[0]) / kStd[0]) < 1e-5);
        reader.rewind();
        QCOMPARE(reader.next(100).size(), std::size_t(6));
        QCOMPARE(reader.itemsSkipped(), std::size_t(2));
        // A short final batch (skips near the end) has a tensor of its real size.
        const CalibrationBatch tail = source->readItems(3, 3);
        QCOMPARE(tail.size(), std::size_t(1));
        QCOMPARE(tail.inputs.dims(), (std::vector<int64_t>{1, 3, 4, 4}));
    }

    // --- labels ----------------------------------------------------------------------------------

    void csvLabels()
    {
        const LabelTable table = LabelTable::load(kFixtures + "labels.csv");
        QCOMPARE(table.size(), std::size_t(6));
        QCOMPARE(table.lookup(0, "a_gradient_5x7.png"), std::optional<int64_t>(1));
        QCOMPARE(table.lookup(0, "b_pattern_300x200.png"), std::optional<int64_t>(2)); // "./" in the CSV
        QCOMPARE(table.lookup(0, "d_constant_8x8.bmp"), std::optional<int64_t>(4));   // quoted name
        QCOMPARE(table.lookup(0, "sub/g_grey_16x16.png"), std::optional<int64_t>(7));
        QCOMPARE(table.lookup(0, "g_grey_16x16.png"), std::optional<int64_t>(7));     // unique base name
        QCOMPARE(table.lookup(0, "sub/h_rgba_6x6.png"), std::optional<int64_t>(8));   // bare name in the CSV
        QCOMPARE(table.lookup(0, "elsewhere/a_gradient_5x7.png"), std::optional<int64_t>(9));
        QCOMPARE(table.lookup(0, "third/a_gradient_5x7.png"), std::optional<int64_t>(1)); // bare entry
        QCOMPARE(table.lookup(0, "other/g_grey_16x16.png"), std::nullopt); // different folder
        QCOMPARE(table.lookup(0, "c_constant_300x200.jpg"), std::nullopt);

        auto source = std::make_shared<ImageFolderSource>(kImages, ImageFolderOptions{true, {}});
        source->attachLabels(std::make_shared<LabelTable>(table));
        QVERIFY(QString::fromStdString(source->describe()).contains("labels.csv (csv, 6 entries)"));
        ImageFolderOptions small{true, {}};
        small.preprocessing.resizeShorter = 4;
        small.preprocessing.cropHeight = small.preprocessing.cropWidth = 4;
        auto labelled = std::make_shared<ImageFolderSource>(kImages, small);
        labelled->attachLabels(std::make_shared<LabelTable>(table));
        CalibrationReader reader(labelled);
        const CalibrationBatch b = reader.next(10);
        QCOMPARE(b.labels, (std::vector<int64_t>{1, 2, -1, 4, 7, 8}));
        QCOMPARE(reader.missingLabels(), std::size_t(1));
    }

    void csvLabelErrors()
    {
        fixtures::saveBytes("file,label\na.png,1\nb.png,x\n", path("bad.csv"));
        expectError([&] { LabelTable::load(path("bad.csv")); }, {"bad.csv", "line 3", "label 'x' is not an integer"});
        fixtures::saveBytes("a.png,1\na.png,2\n", path("twice.csv"));
        expectError([&] { LabelTable::load(path("twice.csv")); }, {"line 2", "already has label 1", "line 1"});
        fixtures::saveBytes("a.png;1\n", path("semicolon.csv"));
        expectError([&] { LabelTable::load(path("semicolon.csv")); }, {"line 1", "expected 'file,label'"});
        fixtures::saveBytes("\"a.png,1\n", path("quote.csv"));
        expectError([&] { LabelTable::load(path("quote.csv")); }, {"line 1"});
        expectError([&] { LabelTable::load(path("absent.csv")); }, {"cannot open"});
        expectError([&] { LabelTable::load(path("labels.txt")); }, {"unknown label file type"});
        // Headerless, CRLF, comments, blank lines, quoted commas.
        fixtures::saveBytes("# comment\r\n\r\n0,5\r\n\"x,y.png\",6\r\n", path("ok.csv"));
        const LabelTable ok = LabelTable::load(path("ok.csv"));
        QCOMPARE(ok.lookup(0, "0"), std::optional<int64_t>(5));
        QCOMPARE(ok.lookup(0, "x,y.png"), std::optional<int64_t>(6));
    }

    void npyLabels()
    {
        const LabelTable table = LabelTable::load(kFixtures + "npy/labels_i8.npy");
        QCOMPARE(table.size(), std::size_t(5));
        QCOMPARE(table.lookup(2, "ignored"), std::optional<int64_t>(4));
        QCOMPARE(table.lookup(5, "5"), std::nullopt);
        expectError([&] { LabelTable::load(kFixtures + "npy/labels_f4.npy"); }, {"labels must be integers"});
        expectError([&] { LabelTable::load(kFixtures + "npy/calib_u8.npy"); }, {"1-d array"});

        CalibrationOptions options;
        options.labels = kFixtures + "npy/labels_i8.npy";
        auto source = openCalibrationSource(kFixtures + "npy/calib_f4.npy", options);
        CalibrationReader reader(source);
        QCOMPARE(reader.next(10).labels, (std::vector<int64_t>{3, 1, 4, 1, 5}));
        QCOMPARE(reader.missingLabels(), std::size_t(0));
    }

    // --- .npy arrays -----------------------------------------------------------------------------

    void npyArrays()
    {
        auto u8 = std::make_shared<NpyArraySource>(kFixtures + "npy/calib_u8.npy");
        QCOMPARE(u8->size(), std::size_t(4));
        QCOMPARE(u8->itemDims(), (std::vector<int64_t>{3, 2, 2}));
        const CalibrationBatch all = u8->readItems(0, 4);
        QCOMPARE(all.inputs.dims(), (std::vector<int64_t>{4, 3, 2, 2}));
        QCOMPARE(all.ids[3], std::string("3"));
        for (int i = 0; i < 48; ++i) // value = (5 i mod 256) / 255 in flat order
            QVERIFY(std::abs(all.inputs.data<float>()[i] - (5 * i % 256) / 255.0) < 1e-7);

        auto normalised = std::make_shared<NpyArraySource>(kFixtures + "npy/calib_u8.npy",
                                                           NpyArrayOptions{Normalisation{{0.5f, 0.25f, 0.0f}, {0.5f}}});
        const CalibrationBatch n = normalised->readItems(1, 1);
        for (int k = 0; k < 12; ++k) {
            const double raw = (5 * (12 + k) % 256) / 255.0;
            const double mean[3] = {0.5, 0.25, 0.0};
            QVERIFY(std::abs(n.inputs.data<float>()[k] - (raw - mean[k / 4]) / 0.5) < 1e-6);
        }
        QVERIFY(QString::fromStdString(normalised->describe()).contains("uint8 4x3x2x2, scaled to [0,1], mean 0.5,0.25,0 std 0.5"));

        auto f4 = std::make_shared<NpyArraySource>(kFixtures + "npy/calib_f4.npy");
        const CalibrationBatch f = f4->readItems(2, 2);
        QCOMPARE(f.inputs.dims(), (std::vector<int64_t>{2, 1, 2, 3}));
        for (int k = 0; k < 12; ++k)
            QCOMPARE(f.inputs.data<float>()[k], static_cast<float>((12 + k) / 10.0));

        expectError([&] { NpyArraySource(kFixtures + "npy/vector_i8.npy"); }, {"item axis"});
        expectError([&] { NpyArraySource(kFixtures + "npy/dtype_i4.npy"); }, {"float32, float64 or uint8", "int32"});
        expectError([&] { NpyArraySource(kFixtures + "npy/calib_u8.npy", NpyArrayOptions{Normalisation{{1, 2}, {}}}); },
                    {"2 values", "3 channels"});
    }

    // A file that shrinks after opening: the missing items are skipped, the run goes on.
    void npyTruncatedAfterOpening()
    {
        std::vector<float> data(4 * 4);
        std::iota(data.begin(), data.end(), 0.0f);
        writeNpy(path("shrinks.npy"), HostTensor::fromValues<float>(DataType::Float, {4, 1, 2, 2}, data));
        auto source = std::make_shared<NpyArraySource>(path("shrinks.npy"));
        std::filesystem::resize_file(path("shrinks.npy"), 128 + 2 * 16 + 8);
        CalibrationReader reader(source);
        const CalibrationBatch b = reader.next(4);
        QCOMPARE(b.indices, (std::vector<std::size_t>{0, 1}));
        QCOMPARE(reader.itemsSkipped(), std::size_t(2));
        QVERIFY(QString::fromStdString(reader.skipped()[0].reason).contains("truncated"));
    }

    // --- .pb folders -----------------------------------------------------------------------------

    void tensorProtoFolder()
    {
        const QString folder = dir.filePath("pbs");
        QDir().mkpath(folder);
        const auto file = [&](const char* name) { return (folder + "/" + name).toStdString(); };
        std::vector<float> a(12), b(12);
        std::iota(a.begin(), a.end(), 0.0f);
        std::iota(b.begin(), b.end(), 100.0f);
        writeTensorProto(file("a.pb"), HostTensor::fromValues<float>(DataType::Float, {1, 3, 2, 2}, a), "input");
        writeTensorProto(file("b.pb"), HostTensor::fromValues<float>(DataType::Float, {3, 2, 2}, b));
        writeTensorProto(file("c.pb"), HostTensor::fromValues<double>(DataType::Double, {1, 3, 2, 2}, std::vector<double>(12, 0.5)));
        writeTensorProto(file("d.pb"), HostTensor::fromValues<int64_t>(DataType::Int64, {1, 3, 2, 2}, std::vector<int64_t>(12, 1)));
        fixtures::saveBytes("garbage \xff\xff\xff\xff\xff\xff", file("e.pb"));
        writeTensorProto(file("f.pb"), HostTensor::allocate(DataType::Float, {1, 3, 4, 4}));
        fixtures::saveBytes("not a tensor", file("notes.txt"));

        auto source = std::make_shared<TensorProtoSource>(folder.toStdString());
        QCOMPARE(source->size(), std::size_t(6));
        QCOMPARE(source->itemDims(), (std::vector<int64_t>{3, 2, 2}));
        CalibrationReader reader(source);
        const CalibrationBatch batch = reader.next(10);
        QCOMPARE(batch.ids, (std::vector<std::string>{"a.pb", "b.pb", "c.pb"}));
        QCOMPARE(batch.inputs.data<float>()[0], 0.0f);
        QCOMPARE(batch.inputs.data<float>()[12 + 11], 111.0f);
        QCOMPARE(batch.inputs.data<float>()[24], 0.5f);
        QCOMPARE(reader.itemsSkipped(), std::size_t(3));
        QVERIFY(QString::fromStdString(reader.skipped()[0].reason).contains("float or double"));
        QVERIFY(QString::fromStdString(reader.skipped()[1].reason).contains("not a valid protobuf"));
        QVERIFY(QString::fromStdString(reader.skipped()[2].reason).contains("does not match"));

        const TensorProtoSource list(std::vector<std::filesystem::path>{file("b.pb"), file("a.pb")});
        QCOMPARE(list.readItems(0, 2).inputs.data<float>()[0], 100.0f);
        // With the model's dims given, a leading 1 of any rank is dropped to match them.
        const TensorProtoSource vectors(std::vector<std::filesystem::path>{file("a.pb")}, TensorProtoOptions{{{12}}});
        QVERIFY(vectors.readItems(0, 1).skipped.size() == 1);
        expectError([&] { TensorProtoSource(std::vector<std::filesystem::path>{file("e.pb")}); }, {"none of the 1 .pb files"});
    }

    // --- synthetic -------------------------------------------------------------------------------

    void syntheticIsDeterministic()
    {
        const SyntheticOptions options{{3, 8, 8}, 7, SyntheticOptions::Distribution::Normal};
        const SyntheticSource one(10, options), two(10, options);
        QVERIFY(one.synthetic());
        const CalibrationBatch a = one.readItems(0, 10), b = two.readItems(0, 10);
        QVERIFY(std::memcmp(a.inputs.bytes(), b.inputs.bytes(), a.inputs.byteSize()) == 0);
        // An item depends only on (seed, index), not on how it was batched.
        const CalibrationBatch middle = one.readItems(3, 4);
        QVERIFY(std::memcmp(middle.inputs.bytes(), a.inputs.bytes() + 3 * 192 * sizeof(float), middle.inputs.byteSize()) == 0);
        SyntheticOptions other = options;
        other.seed = 8;
        const CalibrationBatch c = SyntheticSource(10, other).readItems(0, 10);
        QVERIFY(std::memcmp(a.inputs.bytes(), c.inputs.bytes(), a.inputs.byteSize()) != 0);
        QVERIFY(std::memcmp(a.inputs.bytes(), a.inputs.bytes() + 192 * sizeof(float), 192 * sizeof(float)) != 0);
        QVERIFY(QString::fromStdString(one.describe()).contains("synthetic 10 items 3x8x8 (normal(0,1), seed 7)"));
    }

    void syntheticDistributions()
    {
        const SyntheticSource normal(20, {{3, 32, 32}, 1, SyntheticOptions::Distribution::Normal});
        const std::vector<float> n = values(normal.readItems(0, 20));
        double sum = 0, squares = 0;
        for (float v : n) {
            sum += v;
            squares += double(v) * v;
        }
        const double mean = sum / double(n.size());
        const double stddev = std::sqrt(squares / double(n.size()) - mean * mean);
        QVERIFY2(std::abs(mean) < 0.02 && std::abs(stddev - 1) < 0.02, qPrintable(QString("mean %1 std %2").arg(mean).arg(stddev)));

        const SyntheticSource image(4, {{3, 16, 16}, 1, SyntheticOptions::Distribution::ImageLike});
        const std::vector<float> px = values(image.readItems(0, 4));
        for (std::size_t i = 0; i < px.size(); ++i) {
            const std::size_t c = (i / 256) % 3;
            const double raw = px[i] * kStd[c] + kMean[c]; // undo the normalisation
            QVERIFY(raw > -1e-6 && raw < 1 + 1e-6);
        }
    }

    // --- sharding --------------------------------------------------------------------------------

    void shardsPartitionTheSet()
    {
        auto source = std::make_shared<SyntheticSource>(11, SyntheticOptions{{2, 3}, 3, {}});
        std::vector<float> whole;
        readShard(source, {}, 4, &whole);
        for (std::size_t count = 1; count <= 5; ++count) {
            for (Shard::Layout layout : {Shard::Layout::Contiguous, Shard::Layout::Strided}) {
                std::set<std::size_t> seen;
                std::size_t total = 0;
                for (std::size_t i = 0; i < count; ++i) {
                    const Shard shard{i, count, layout};
                    std::vector<float> data;
                    const std::vector<std::size_t> indices = readShard(source, shard, 2, &data);
                    QVERIFY(indices.size() == shard.size(11));
                    QVERIFY(shard.size(11) == 11 / count || shard.size(11) == 11 / count + 1);
                    for (std::size_t k = 0; k < indices.size(); ++k) {
                        QVERIFY2(seen.insert(indices[k]).second, "shards overlap");
                        // Same values as in the unsharded read.
                        QVERIFY(std::memcmp(data.data() + k * 6, whole.data() + indices[k] * 6, 6 * sizeof(float)) == 0);
                        if (layout == Shard::Layout::Contiguous && k > 0)
                            QCOMPARE(indices[k], indices[k - 1] + 1);
                    }
                    total += indices.size();
                }
                QCOMPARE(total, std::size_t(11));
                QCOMPARE(seen.size(), std::size_t(11));
            }
        }
        // With skipped items too: every item is read or skipped in exactly one shard.
        ImageFolderOptions options{true, {}};
        options.preprocessing.resizeShorter = 4;
        options.preprocessing.cropHeight = options.preprocessing.cropWidth = 4;
        auto images = std::make_shared<ImageFolderSource>(kImages, options);
        std::multiset<std::size_t> all;
        for (std::size_t i = 0; i < 3; ++i)
            for (std::size_t index : readShard(images, {i, 3, Shard::Layout::Strided}, 2))
                all.insert(index);
        QCOMPARE(all, (std::multiset<std::size_t>{0, 1, 2, 3, 4, 5, 6, 7}));
    }

    void shardParsingAndValidation()
    {
        const Shard s = Shard::parse("2/4:strided");
        QCOMPARE(s.index, std::size_t(2));
        QCOMPARE(s.count, std::size_t(4));
        QVERIFY(s.layout == Shard::Layout::Strided);
        QCOMPARE(Shard::parse("0/1").describe(), std::string("shard 0 of 1 (contiguous)"));
        for (const char* bad : {"4/4", "1/0", "x/2", "1/2:diagonal", "12", "", "-1/2"})
            QVERIFY_THROWS_EXCEPTION(std::invalid_argument, Shard::parse(bad));
        auto source = std::make_shared<SyntheticSource>(3, SyntheticOptions{{1}, 0, {}});
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, CalibrationReader(source, Shard{3, 3, {}}));
        CalibrationReader reader(source);
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, reader.next(0));
        // More shards than items: some shards are simply empty.
        CalibrationReader empty(source, Shard{4, 5, {}});
        QVERIFY(empty.atEnd());
        QVERIFY(empty.next(8).empty());
    }

    // --- the factory -----------------------------------------------------------------------------

    void openBySpec()
    {
        auto synthetic = openCalibrationSource("synthetic:5");
        QCOMPARE(synthetic->size(), std::size_t(5));
        QVERIFY(synthetic->synthetic());
        QCOMPARE(synthetic->itemDims(), (std::vector<int64_t>{3, 224, 224}));
        CalibrationOptions dims;
        dims.itemDims = std::vector<int64_t>{2, 2};
        QVERIFY(QString::fromStdString(openCalibrationSource("synthetic:5:42", dims)->describe()).contains("5 items 2x2 (normal(0,1), seed 42)"));
        for (const char* bad : {"synthetic:", "synthetic:x", "synthetic:5:y", "synthetic:-3", "synthetic:5:1:2"})
            expectError([&] { openCalibrationSource(bad); }, {"synthetic:N"});

        auto images = openCalibrationSource(kImages);
        QVERIFY(dynamic_cast<ImageFolderSource*>(images.get()));
        QCOMPARE(images->size(), std::size_t(6));
        CalibrationOptions recursive;
        recursive.recursive = true;
        recursive.labels = kFixtures + "labels.csv";
        auto labelled = openCalibrationSource(kImages, recursive);
        QCOMPARE(labelled->size(), std::size_t(8));
        QVERIFY(labelled->labels());
        QVERIFY(QString::fromStdString(labelled->describe()).contains("labels " + QString::fromStdString(kFixtures) + "labels.csv"));

        auto array = openCalibrationSource(kFixtures + "npy/calib_u8.npy");
        QVERIFY(dynamic_cast<NpyArraySource*>(array.get()));
        QVERIFY(QString::fromStdString(array->describe()).startsWith("npy "));

        const QString pbs = dir.filePath("onlypb");
        QDir().mkpath(pbs);
        writeTensorProto((pbs + "/x.pb").toStdString(), HostTensor::allocate(DataType::Float, {1, 3, 2, 2}));
        QVERIFY(dynamic_cast<TensorProtoSource*>(openCalibrationSource(pbs.toStdString()).get()));
        QCOMPARE(openCalibrationSource((pbs + "/x.pb").toStdString())->size(), std::size_t(1));

        expectError([&] { openCalibrationSource(path("absent")); }, {"does not exist"});
        const QString empty = dir.filePath("emptyfolder");
        QDir().mkpath(empty);
        expectError([&] { openCalibrationSource(empty.toStdString()); }, {"no images", ".pb"});
        const QString mixed = dir.filePath("mixed");
        QDir().mkpath(mixed);
        QFile::copy(QString::fromStdString(kImages + "/d_constant_8x8.bmp"), mixed + "/d.bmp");
        writeTensorProto((mixed + "/x.pb").toStdString(), HostTensor::allocate(DataType::Float, {1, 3, 2, 2}));
        expectError([&] { openCalibrationSource(mixed.toStdString()); }, {"both images and .pb"});
        fixtures::saveBytes("x", path("data.txt"));
        expectError([&] { openCalibrationSource(path("data.txt")); }, {"unknown calibration data"});
        CalibrationOptions tooBig;
        tooBig.image.cropWidth = 300;
        expectError([&] { openCalibrationSource(kImages, tooBig); }, {"larger than the resized shorter side"});
        CalibrationOptions badLabels;
        badLabels.labels = kFixtures + "npy/labels_f4.npy";
        expectError([&] { openCalibrationSource("synthetic:2", badLabels); }, {"labels must be integers"});
    }
};

QTEST_GUILESS_MAIN(TestCalibrationSources)
#include "tst_calibration_sources.moc"
