#include "hw/Platform.h"
#include "model/ModelError.h"

#include <QtTest>

#include <cmath>
#include <fstream>
#include <random>
#include <sstream>

using namespace foldwise;

namespace {

// The platform table of the project's domain reference document (section 1), typed
// in here independently of resources/platforms/*.toml. Where the table has "-" (bandwidth and
// reconfiguration time of pynq-z1 and zcu104) the values are those the files document choosing.
struct Expected {
    const char* name;
    const char* part;
    double dsp, bram18, ff, lut, uram, mhz, gbps, reconfS;
};
constexpr Expected kTable[] = {
    {"zcu102", "xczu9eg-ffvb1156-2-e", 2520, 1824, 548160, 274080, 0, 200, 153.6, 0.08255},
    {"zc706", "xc7z045", 900, 1090, 437200, 218600, 0, 200, 102.4, 0.08255},
    {"zedboard", "xc7z020", 220, 280, 106400, 53200, 0, 200, 34.112, 0.08255},
    {"u250", "xcu250-figd2104-2L-e", 12288, 5376, 3456000, 1728000, 1280, 250, 614.4, 0.08255},
    {"pynq-z1", "xc7z020", 220, 280, 106400, 53200, 0, 100, 16.8, 0.08255},
    {"zcu104", "xczu7ev", 1728, 624, 460800, 230400, 96, 200, 153.6, 0.08255},
};

// A complete file; the error tests replace single lines, so the line numbers are fixed.
const std::vector<std::string> kValidLines = {
    "[device]",                       // 1
    "name = \"testboard\"",           // 2
    "part = \"xc7z020\"",             // 3
    "board = \"test\"",               // 4
    "",                               // 5
    "[resources]",                    // 6
    "DSP = 220",                      // 7
    "BRAM = 280",                     // 8
    "FF = 106400",                    // 9
    "LUT = 53200",                    // 10
    "URAM = 0",                       // 11
    "",                               // 12
    "[system]",                       // 13
    "board_frequency = 200",          // 14
    "memory_bandwidth = 34.112",      // 15
    "reconfiguration_time = 0.08255", // 16
    "port_width = 64",                // 17
};

std::string validText(int line = 0, const std::string& replacement = {})
{
    std::string text;
    for (std::size_t i = 0; i < kValidLines.size(); ++i)
        text += (static_cast<int>(i) + 1 == line ? replacement : kValidLines[i]) + "\n";
    return text;
}

// The ModelError's what() for parsing `toml` as "test.toml", or "<no error>".
std::string errorOf(const std::string& toml)
{
    try {
        loadPlatformFromString(toml, "test.toml");
    } catch (const ModelError& e) {
        return e.what();
    }
    return "<no error>";
}

bool contains(const std::string& haystack, const std::string& needle)
{
    return haystack.find(needle) != std::string::npos;
}

void writeFile(const std::string& path, const std::string& text)
{
    std::ofstream(path, std::ios::binary) << text;
}

const std::vector<std::string> kBundled = {"pynq-z1", "u250", "zc706", "zcu102", "zcu104", "zedboard"};

} // namespace

class TestPlatform : public QObject {
    Q_OBJECT
private:
    QTemporaryDir dir;
    std::string path(const char* name) const { return dir.filePath(name).toStdString(); }

private slots:
    void initTestCase()
    {
        // The tests below rely on the bundled files only, whatever the caller's environment.
        qunsetenv("FOLDWISE_PLATFORMS_DIR");
        QVERIFY(dir.isValid());
    }

    void bundledPlatformsMatchTheReferenceTable()
    {
        for (const Expected& e : kTable) {
            const Platform p = findPlatform(e.name);
            const QByteArray label = QByteArray("platform ") + e.name;
            QVERIFY2(p.name == e.name, label);
            QVERIFY2(p.part == e.part, label);
            QVERIFY2(!p.board.empty(), label);
            QCOMPARE(p.resources.dsp, e.dsp);
            QCOMPARE(p.resources.bram18, e.bram18);
            QCOMPARE(p.resources.ff, e.ff);
            QCOMPARE(p.resources.lut, e.lut);
            QCOMPARE(p.resources.uram, e.uram);
            QCOMPARE(p.frequencyMhz, e.mhz);
            QCOMPARE(p.memoryBandwidthGbps, e.gbps);
            QCOMPARE(p.reconfigurationTimeS, e.reconfS);
            QCOMPARE(p.portWidth, 64);
            QCOMPARE(p.file.filename().string(), std::string(e.name) + ".toml");
        }
    }

    void bundledNamesAreSortedAndComplete()
    {
        QCOMPARE(bundledPlatformNames(), kBundled);
    }

    void searchPathEndsWithTheSourceTree()
    {
        const auto dirs = platformSearchPath();
        QVERIFY(!dirs.empty());
        QVERIFY(std::filesystem::equivalent(dirs.back(), FOLDWISE_SOURCE_DIR "/resources/platforms"));
    }

    void customFileWithDefaultsAndUnknownKeys()
    {
        // Floats where integers are usual, fpgaConvNet's extra keys, optional keys left out.
        writeFile(path("custom.toml"), "# my board\n"
                                       "[device]\nname = \"custom\"\nfamily = \"zynq\"\n"
                                       "[resources]\nDSP = 10.5\nBRAM = 4\nFF = 1e3\nLUT = 2_000\n"
                                       "[system]\nboard_frequency = 125.5\naxi_ports = 2\n"
                                       "[extra]\nanything = [1, 2]\n");
        const Platform p = loadPlatform(path("custom.toml"));
        QCOMPARE(p.name, std::string("custom"));
        QCOMPARE(p.part, std::string());
        QCOMPARE(p.board, std::string());
        QCOMPARE(p.resources, (ResourceUsage{10.5, 4, 2000, 1000, 0}));
        QCOMPARE(p.frequencyMhz, 125.5);
        QCOMPARE(p.memoryBandwidthGbps, 0.0);
        QCOMPARE(p.reconfigurationTimeS, 0.0);
        QCOMPARE(p.portWidth, 64);
        QCOMPARE(p.file, std::filesystem::path(path("custom.toml")));

        const Platform q = loadPlatformFromString(validText(17, "port_width = 512"), "s.toml");
        QCOMPARE(q.portWidth, 512);
        QCOMPARE(q.memoryBandwidthGbps, 34.112);
        QCOMPARE(q.file, std::filesystem::path());
    }

    void errorsNameTheKeyAndLine_data()
    {
        QTest::addColumn<int>("line");
        QTest::addColumn<QString>("replacement");
        QTest::addColumn<QString>("expected");
        QTest::newRow("missing name") << 2 << "" << "test.toml: missing key [device] name";
        QTest::newRow("empty name") << 2 << "name = \"\"" << "key [device] name: expected a non-empty string";
        QTest::newRow("name not a string") << 2 << "name = 7"
                                           << "key [device] name: expected a string, found integer (line 2)";
        QTest::newRow("part not a string") << 3 << "part = true"
                                           << "key [device] part: expected a string, found boolean (line 3)";
        QTest::newRow("DSP string") << 7 << "DSP = \"220\""
                                    << "key [resources] DSP: expected a non-negative number, found string (line 7)";
        QTest::newRow("BRAM negative") << 8 << "BRAM = -1"
                                       << "key [resources] BRAM: expected a non-negative number, found -1 (line 8)";
        QTest::newRow("FF nan") << 9 << "FF = nan" << "key [resources] FF: expected a non-negative number, found nan";
        QTest::newRow("LUT inf") << 10 << "LUT = inf" << "key [resources] LUT: expected a non-negative number, found inf";
        QTest::newRow("URAM boolean") << 11 << "URAM = false" << "key [resources] URAM: expected a non-negative number, "
                                                                 "found boolean (line 11)";
        QTest::newRow("missing DSP") << 7 << "" << "missing key [resources] DSP";
        QTest::newRow("missing LUT") << 10 << "" << "missing key [resources] LUT";
        QTest::newRow("missing board_frequency") << 14 << "" << "missing key [system] board_frequency";
        QTest::newRow("zero board_frequency") << 14 << "board_frequency = 0"
                                              << "key [system] board_frequency: expected a positive number, found 0";
        QTest::newRow("negative bandwidth") << 15 << "memory_bandwidth = -1.5"
                                            << "key [system] memory_bandwidth: expected a non-negative number, found -1.5";
        QTest::newRow("reconfiguration array") << 16 << "reconfiguration_time = [1]"
                                               << "key [system] reconfiguration_time: expected a non-negative number, "
                                                  "found array (line 16)";
        QTest::newRow("port_width float") << 17 << "port_width = 64.0"
                                          << "key [system] port_width: expected a positive integer, found floating-point";
        QTest::newRow("port_width zero") << 17 << "port_width = 0" << "key [system] port_width: expected a positive "
                                                                      "integer up to 2147483647, found 0";
        QTest::newRow("port_width huge") << 17 << "port_width = 10000000000" << "found 10000000000";
        QTest::newRow("syntax: missing value") << 9 << "FF = " << "test.toml: TOML syntax error at line 9, column";
        QTest::newRow("syntax: duplicate key") << 10 << "DSP = 3" << "TOML syntax error at line 10, column";
        QTest::newRow("syntax: open string") << 4 << "board = \"test" << "TOML syntax error at line 4, column";
        QTest::newRow("syntax: integer overflow") << 7 << "DSP = 99999999999999999999"
                                                  << "TOML syntax error at line 7, column";
    }

    void errorsNameTheKeyAndLine()
    {
        QFETCH(int, line);
        QFETCH(QString, replacement);
        QFETCH(QString, expected);
        const std::string error = errorOf(validText(line, replacement.toStdString()));
        QVERIFY2(contains(error, expected.toStdString()), error.c_str());
    }

    // Non-ASCII text outside strings and comments is refused before toml++ sees it (toml++ 3.3
    // reaches __builtin_unreachable() testing U+00A1..U+0499 for whitespace); inside them it is
    // fine, as TOML allows.
    void nonAsciiOutsideStringsIsASyntaxError()
    {
        std::string error = errorOf(validText(2, "namé = \"x\""));
        QVERIFY2(contains(error, "test.toml: TOML syntax error at line 2, column 4: a non-ASCII character outside a "
                                 "string or comment"), error.c_str());
        error = errorOf(validText(7, "DSP = 1\"Ж\""));
        QVERIFY2(contains(error, "line 7, column 9: a non-ASCII character"), error.c_str());
        const std::string text = validText(2, "name = \"Zürich\" # Genève") + "\"ключ\" = '''Ж\n'''\n"
                               + "a = [ # é\n  \"é\\\"\", 'ü' ]\n";
        QCOMPARE(loadPlatformFromString(text, "s.toml").name, std::string("Zürich"));
    }

    void missingSectionIsAMissingKey()
    {
        QCOMPARE(errorOf("[resources]\nDSP = 1\n"), std::string("test.toml: missing key [device] name"));
        QCOMPARE(errorOf(""), std::string("test.toml: missing key [device] name"));
    }

    void sectionThatIsNotATable()
    {
        QCOMPARE(errorOf("device = \"zcu102\"\n"),
                 std::string("test.toml: key [device]: expected a table, found string (line 1)"));
        const std::string text = "system = 5\n" + validText(13, "[other]");
        QCOMPARE(errorOf(text), std::string("test.toml: key [system]: expected a table, found integer (line 1)"));
    }

    void fileErrorsNameTheFile()
    {
        const std::string missing = path("nowhere.toml");
        try {
            loadPlatform(missing);
            QFAIL("no error for a missing file");
        } catch (const ModelError& e) {
            QCOMPARE(e.file(), missing);
            QVERIFY2(contains(e.reason(), "cannot open file"), e.what());
        }
        try {
            loadPlatform(dir.path().toStdString());
            QFAIL("no error for a folder");
        } catch (const ModelError& e) {
            QVERIFY2(contains(e.reason(), "is a folder"), e.what());
        }
        writeFile(path("broken.toml"), validText(14, "board_frequency = 'fast'"));
        try {
            loadPlatform(path("broken.toml"));
            QFAIL("no error for a bad value");
        } catch (const ModelError& e) {
            QCOMPARE(e.file(), path("broken.toml"));
            QCOMPARE(e.reason(), std::string("key [system] board_frequency: expected a positive number, "
                                             "found string (line 14)"));
        }
    }

    void fuzzedFilesLoadOrFailCleanly()
    {
        const std::string valid = validText();
        std::mt19937 rng(20240607); // fixed: a failure reproduces
        auto below = [&rng](std::size_t n) { return std::uniform_int_distribution<std::size_t>(0, n - 1)(rng); };
        using namespace std::string_literals;
        const std::string interesting = "[]=\"'#.,-+_{}\n\t\\ 0123456789eEinfa\x00\xff\xc3"s; // NUL too
        int loaded = 0, rejected = 0;
        for (int i = 0; i < 4000; ++i) {
            std::string text = valid;
            const std::size_t mutations = 1 + below(4);
            for (std::size_t m = 0; m < mutations && !text.empty(); ++m) {
                const std::size_t at = below(text.size());
                switch (below(5)) {
                case 0: // flip bits of one byte
                    text[at] = static_cast<char>(text[at] ^ static_cast<char>(1 + below(255)));
                    break;
                case 1: // truncate
                    text.resize(at);
                    break;
                case 2: // insert a byte TOML cares about
                    text.insert(at, 1, interesting[below(interesting.size())]);
                    break;
                case 3: // delete a run
                    text.erase(at, 1 + below(8));
                    break;
                default: // duplicate a run elsewhere
                    text.insert(below(text.size()), text.substr(at, 1 + below(20)));
                    break;
                }
            }
            try {
                const Platform p = loadPlatformFromString(text, "fuzz.toml");
                QVERIFY(!p.name.empty());
                QVERIFY(p.frequencyMhz > 0 && std::isfinite(p.frequencyMhz));
                QVERIFY(p.resources.dsp >= 0 && p.resources.lut >= 0 && p.memoryBandwidthGbps >= 0);
                QVERIFY(p.portWidth > 0);
                ++loaded;
            } catch (const ModelError& e) {
                QVERIFY(contains(e.what(), "fuzz.toml: "));
                ++rejected;
            } catch (const std::exception& e) {
                QFAIL(qPrintable(QString("unexpected exception %1 for input:\n%2")
                                     .arg(e.what(), QString::fromStdString(text))));
            } catch (...) {
                QFAIL(qPrintable("unexpected non-std exception for input:\n" + QString::fromStdString(text)));
            }
        }
        qDebug("fuzz: loaded %d, rejected %d", loaded, rejected);
        // Both outcomes must occur, or the mutations are too gentle (or too harsh) to test anything.
        QVERIFY2(loaded > 100 && rejected > 100, qPrintable(QString("loaded %1, rejected %2").arg(loaded).arg(rejected)));
    }

    void findByNameAndByPath()
    {
        QCOMPARE(findPlatform("zcu102").name, std::string("zcu102"));
        const std::string bundledFile = FOLDWISE_SOURCE_DIR "/resources/platforms/zc706.toml";
        const Platform p = findPlatform(bundledFile);
        QCOMPARE(p.name, std::string("zc706"));
        QCOMPARE(p.file, std::filesystem::path(bundledFile));

        writeFile(path("board.toml"), validText());
        QCOMPARE(findPlatform(path("board.toml")).name, std::string("testboard"));

        // Something spelled as a path is a file error, not an unknown name.
        try {
            findPlatform("no/such/board.toml");
            QFAIL("no error for a missing file");
        } catch (const ModelError& e) {
            QCOMPARE(e.file(), std::string("no/such/board.toml"));
            QVERIFY2(contains(e.reason(), "cannot open file"), e.what());
        }
    }

    void unknownNameListsTheBundledNames()
    {
        try {
            findPlatform("zcu999");
            QFAIL("no error for an unknown name");
        } catch (const ModelError& e) {
            const std::string reason = e.reason();
            QVERIFY2(contains(reason, "unknown platform 'zcu999'"), e.what());
            QVERIFY2(contains(reason, "pynq-z1, u250, zc706, zcu102, zcu104, zedboard"), e.what());
        }
        try {
            findPlatform("");
            QFAIL("no error for an empty name");
        } catch (const ModelError& e) {
            QVERIFY2(contains(e.reason(), "no platform given; bundled platforms: pynq-z1"), e.what());
        }
    }

    void environmentFolderComesFirst()
    {
        QTemporaryDir extra;
        QVERIFY(extra.isValid());
        const std::string folder = extra.path().toStdString();
        writeFile(folder + "/myboard.toml", validText());
        writeFile(folder + "/zcu102.toml", validText(7, "DSP = 1")); // shadows the bundled zcu102
        qputenv("FOLDWISE_PLATFORMS_DIR", extra.path().toLocal8Bit());
        struct Unset {
            ~Unset() { qunsetenv("FOLDWISE_PLATFORMS_DIR"); }
        } unset;

        QVERIFY(std::filesystem::equivalent(platformSearchPath().front(), folder));
        QCOMPARE(findPlatform("myboard").name, std::string("testboard"));
        QCOMPARE(findPlatform("zcu102").resources.dsp, 1.0);
        QCOMPARE(findPlatform("zc706").resources.dsp, 900.0); // still found further along
        std::vector<std::string> names = kBundled;
        names.insert(names.begin(), "myboard");
        QCOMPARE(bundledPlatformNames(), names);

        // A folder that does not exist is skipped.
        qputenv("FOLDWISE_PLATFORMS_DIR", QByteArray("/nonexistent/foldwise-platforms"));
        QCOMPARE(bundledPlatformNames(), kBundled);
    }
};

QTEST_GUILESS_MAIN(TestPlatform)
#include "tst_platform.moc"
