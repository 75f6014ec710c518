#include "sweep/RunLog.h"

#include "io/AtomicFileWriter.h"
#include "io/CsvText.h"
#include "model/ModelError.h"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <fstream>
#include <limits>
#include <sstream>
#include <type_traits>

namespace foldwise {
namespace {

// ---- Text helpers ------------------------------------------------------------------------------

std::string readText(const std::filesystem::path& file)
{
    std::error_code ec;
    if (!std::filesystem::is_regular_file(file, ec))
        throw ModelError(file.string(), "not a readable file");
    std::ifstream in(file, std::ios::binary);
    if (!in)
        throw ModelError(file.string(), "cannot open the file");
    std::stringstream text;
    text << in.rdbuf();
    if (in.bad())
        throw ModelError(file.string(), "cannot read the file");
    std::string s = text.str();
    // Spreadsheet programs save CSVs with a UTF-8 byte order mark.
    if (s.rfind("\xEF\xBB\xBF", 0) == 0)
        s.erase(0, 3);
    return s;
}

std::string_view trim(std::string_view s)
{
    const auto blank = [](char c) { return c == ' ' || c == '\t'; };
    while (!s.empty() && blank(s.front()))
        s.remove_prefix(1);
    while (!s.empty() && blank(s.back()))
        s.remove_suffix(1);
    return s;
}

// Field text for messages: bounded, so a corrupt megabyte-long field does not flood the dialog,
// and free of line breaks, so the message stays one line.
std::string quoteForMessage(std::string_view s)
{
    std::string out = "'";
    for (std::size_t i = 0; i < s.size() && i < 60; ++i)
        out += (s[i] == '\n' || s[i] == '\r') ? ' ' : s[i];
    return out + (s.size() > 60 ? "...'" : "'");
}

std::string where(std::size_t line, const std::string& column)
{
    return "line " + std::to_string(line) + ", column " + column + ": ";
}

// A number of type T (finite when floating), with an optional '+' (from_chars takes only '-'),
// nothing else around it but spaces; nullopt otherwise.
template <typename T>
std::optional<T> parseNumber(std::string_view s)
{
    s = trim(s);
    if (!s.empty() && s.front() == '+')
        s.remove_prefix(1);
    if (s.empty() || s.front() == '+')
        return std::nullopt;
    T v{};
    const auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
    if (ec != std::errc() || end != s.data() + s.size())
        return std::nullopt;
    if constexpr (std::is_floating_point_v<T>)
        if (!std::isfinite(v))
            return std::nullopt;
    return v;
}

// ---- CSV records -------------------------------------------------------------------------------

struct CsvRecord {
    std::size_t line{}; // where the record starts, 1-based
    std::vector<std::string> fields;
    std::vector<bool> quoted;
};

// RFC 4180 with the leniency real files need: a quote opens a quoted field only at the field's
// very start (so the scripts' unquoted printed dicts keep their quote characters), any of
// LF/CRLF/CR ends a record, blank lines are skipped.
std::vector<CsvRecord> parseCsv(const std::string& text, const std::string& file)
{
    std::vector<CsvRecord> records;
    std::size_t line = 1;
    std::size_t i = 0;
    const std::size_t n = text.size();
    while (i < n) {
        CsvRecord record;
        record.line = line;
        bool endOfRecord = false;
        while (!endOfRecord) {
            std::string field;
            bool quoted = false;
            if (i < n && text[i] == '"') {
                quoted = true;
                ++i;
                const std::size_t openedOn = line;
                for (;;) {
                    if (i >= n)
                        throw ModelError(file, "line " + std::to_string(openedOn) + ": a quoted field is never closed");
                    const char c = text[i++];
                    if (c == '"') {
                        if (i < n && text[i] == '"') {
                            field += '"';
                            ++i;
                            continue;
                        }
                        break;
                    }
                    if (c == '\n' || (c == '\r' && !(i < n && text[i] == '\n')))
                        ++line;
                    field += c;
                }
                if (i < n && text[i] != ',' && text[i] != '\n' && text[i] != '\r')
                    throw ModelError(file, "line " + std::to_string(line) + ": text after the closing quote of field "
                                               + std::to_string(record.fields.size() + 1));
            } else {
                while (i < n && text[i] != ',' && text[i] != '\n' && text[i] != '\r')
                    field += text[i++];
            }
            record.fields.push_back(std::move(field));
            record.quoted.push_back(quoted);
            if (i >= n) {
                endOfRecord = true;
            } else if (text[i] == ',') {
                ++i;
            } else {
                i += (text[i] == '\r' && i + 1 < n && text[i + 1] == '\n') ? 2 : 1;
                ++line;
                endOfRecord = true;
            }
        }
        const bool blank = record.fields.size() == 1 && !record.quoted[0] && trim(record.fields[0]).empty();
        if (!blank)
            records.push_back(std::move(record));
    }
    return records;
}

// Index of each named column of a header record (names trimmed, since hand-written headers put
// spaces after the commas); throws for a repeated name.
std::map<std::string, std::size_t> headerColumns(const CsvRecord& header, const std::string& file)
{
    std::map<std::string, std::size_t> columns;
    for (std::size_t c = 0; c < header.fields.size(); ++c) {
        const std::string name(trim(header.fields[c]));
        if (!columns.emplace(name, c).second)
            throw ModelError(file, "line " + std::to_string(header.line) + ": the header repeats column "
                                       + quoteForMessage(name));
    }
    return columns;
}

// ---- Python literals ---------------------------------------------------------------------------

// Python's repr of a float with the float's shortest round-trip digits: fixed notation with at
// least one decimal ("0.0", "0.005") for decimal exponents -4..15, else scientific with a
// two-digit signed exponent ("1e-05", "1.5e+16").
std::string pythonFloat(float v)
{
    if (std::isnan(v))
        return "nan";
    if (std::isinf(v))
        return v < 0 ? "-inf" : "inf";
    char buffer[64];
    const auto [end, ec] = std::to_chars(buffer, buffer + sizeof buffer, v, std::chars_format::scientific);
    if (ec != std::errc())
        return std::to_string(v);
    const std::string s(buffer, end); // "[-]d[.ddd]e[+-]XX"
    const std::size_t e = s.find('e');
    std::string mantissa = s.substr(0, e);
    const int exponent = std::stoi(s.substr(e + 1));
    std::string sign;
    if (mantissa.front() == '-') {
        sign = "-";
        mantissa.erase(0, 1);
    }
    std::string digits;
    for (char c : mantissa)
        if (c != '.')
            digits += c;
    if (exponent < -4 || exponent >= 16) {
        std::string out = sign + digits.substr(0, 1);
        if (digits.size() > 1)
            out += "." + digits.substr(1);
        const int magnitude = std::abs(exponent);
        return out + "e" + (exponent < 0 ? "-" : "+") + (magnitude < 10 ? "0" : "") + std::to_string(magnitude);
    }
    const int point = exponent + 1; // digits before the decimal point
    const int count = static_cast<int>(digits.size());
    if (point <= 0)
        return sign + "0." + std::string(static_cast<std::size_t>(-point), '0') + digits;
    if (point >= count)
        return sign + digits + std::string(static_cast<std::size_t>(point - count), '0') + ".0";
    return sign + digits.substr(0, static_cast<std::size_t>(point)) + "." + digits.substr(static_cast<std::size_t>(point));
}

// Python's repr of a str: single quotes unless the text holds a single quote and no double one;
// backslash, the chosen quote and control characters escaped. UTF-8 beyond ASCII passes as is
// (Python prints printable non-ASCII characters unescaped).
std::string pythonString(const std::string& s)
{
    const char quote = (s.find('\'') != std::string::npos && s.find('"') == std::string::npos) ? '"' : '\'';
    std::string out(1, quote);
    for (char c : s) {
        const auto u = static_cast<unsigned char>(c);
        if (c == '\\' || c == quote) {
            out += '\\';
            out += c;
        } else if (c == '\n') {
            out += "\\n";
        } else if (c == '\r') {
            out += "\\r";
        } else if (c == '\t') {
            out += "\\t";
        } else if (u < 0x20 || u == 0x7f) {
            const char* hex = "0123456789abcdef";
            out += "\\x";
            out += hex[u >> 4];
            out += hex[u & 15];
        } else {
            out += c;
        }
    }
    return out + quote;
}

void appendUtf8(std::string& out, uint32_t cp)
{
    if (cp < 0x80) {
        out += static_cast<char>(cp);
    } else if (cp < 0x800) {
        out += static_cast<char>(0xC0 | (cp >> 6));
        out += static_cast<char>(0x80 | (cp & 0x3F));
    } else if (cp < 0x10000) {
        out += static_cast<char>(0xE0 | (cp >> 12));
        out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
        out += static_cast<char>(0x80 | (cp & 0x3F));
    } else {
        out += static_cast<char>(0xF0 | (cp >> 18));
        out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
        out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
        out += static_cast<char>(0x80 | (cp & 0x3F));
    }
}

// Recursive-descent reader of the printed dict; every failure names the character position
// (1-based, within the field) so a user can find it in the CSV.
class DictParser {
public:
    DictParser(std::string_view text, const std::string& file, std::size_t line)
        : text_(text), file_(file), line_(line)
    {
    }

    std::map<std::string, float> parse()
    {
        std::map<std::string, float> out;
        skipSpace();
        if (trim(text_.substr(pos_)) == "None")
            return out;
        expect('{', "expected '{' opening the dict");
        skipSpace();
        while (!at('}')) {
            std::string key = parseKey();
            skipSpace();
            expect(':', "expected ':' after the key");
            skipSpace();
            out[std::move(key)] = parseValue();
            skipSpace();
            if (at(',')) {
                ++pos_;
                skipSpace();
            } else if (!at('}')) {
                fail("expected ',' or '}' after a value");
            }
        }
        ++pos_;
        skipSpace();
        if (pos_ != text_.size())
            fail("unexpected text after the closing '}'");
        return out;
    }

private:
    [[noreturn]] void fail(const std::string& what) const
    {
        std::string prefix;
        if (line_ > 0)
            prefix = where(line_, "ReLU_Threshold");
        throw ModelError(file_, prefix + "at character " + std::to_string(pos_ + 1) + ": " + what);
    }

    bool at(char c) const { return pos_ < text_.size() && text_[pos_] == c; }

    void expect(char c, const std::string& what)
    {
        if (!at(c))
            fail(what);
        ++pos_;
    }

    void skipSpace()
    {
        while (pos_ < text_.size() && (text_[pos_] == ' ' || text_[pos_] == '\t' || text_[pos_] == '\n' || text_[pos_] == '\r'))
            ++pos_;
    }

    uint32_t hexDigits(std::size_t count)
    {
        uint32_t v = 0;
        for (std::size_t k = 0; k < count; ++k) {
            if (pos_ >= text_.size())
                fail("the string ends inside an escape");
            const char c = text_[pos_];
            int d = -1;
            if (c >= '0' && c <= '9')
                d = c - '0';
            else if (c >= 'a' && c <= 'f')
                d = c - 'a' + 10;
            else if (c >= 'A' && c <= 'F')
                d = c - 'A' + 10;
            if (d < 0)
                fail("bad hexadecimal digit in an escape");
            v = v * 16 + static_cast<uint32_t>(d);
            ++pos_;
        }
        return v;
    }

    std::string parseKey()
    {
        if (!at('\'') && !at('"'))
            fail("expected a quoted ReLU name");
        const char quote = text_[pos_++];
        std::string key;
        for (;;) {
            if (pos_ >= text_.size())
                fail("the ReLU name's string is never closed");
            const char c = text_[pos_++];
            if (c == quote)
                return key;
            if (c != '\\') {
                key += c;
                continue;
            }
            if (pos_ >= text_.size())
                fail("the string ends inside an escape");
            const char e = text_[pos_++];
            switch (e) {
            case 'n': key += '\n'; break;
            case 'r': key += '\r'; break;
            case 't': key += '\t'; break;
            case '\\':
            case '\'':
            case '"': key += e; break;
            case 'x': appendUtf8(key, hexDigits(2)); break;
            case 'u': appendUtf8(key, hexDigits(4)); break;
            case 'U': {
                const uint32_t cp = hexDigits(8);
                if (cp > 0x10FFFF)
                    fail("escape beyond Unicode");
                appendUtf8(key, cp);
                break;
            }
            default: // Python keeps unknown escapes literally.
                key += '\\';
                key += e;
            }
        }
    }

    float parseValue()
    {
        // numpy >= 2 prints numpy scalars inside containers as np.float64(0.005).
        static const std::string_view wrappers[] = {"np.float64(", "np.float32(", "np.float16(", "numpy.float64(",
                                                    "numpy.float32(", "np.int64(", "np.int32("};
        bool wrapped = false;
        for (std::string_view w : wrappers)
            if (text_.substr(pos_, w.size()) == w) {
                pos_ += w.size();
                wrapped = true;
                skipSpace();
                break;
            }
        const std::size_t start = pos_;
        while (pos_ < text_.size() && text_[pos_] != ',' && text_[pos_] != '}' && text_[pos_] != ')'
               && text_[pos_] != ' ' && text_[pos_] != '\t' && text_[pos_] != '\n' && text_[pos_] != '\r')
            ++pos_;
        const std::string_view token = text_.substr(start, pos_ - start);
        if (token.empty()) {
            pos_ = start;
            fail("expected a number");
        }
        std::optional<float> v = parseNumber<float>(token);
        if (!v) {
            pos_ = start;
            fail(quoteForMessage(token) + " is not a finite number (or beyond the float range)");
        }
        if (wrapped) {
            skipSpace();
            expect(')', "expected ')' closing the numpy scalar");
        }
        return *v;
    }

    std::string_view text_;
    const std::string& file_;
    std::size_t line_;
    std::size_t pos_ = 0;
};

// Optional number columns: empty means missing.
template <typename T>
std::optional<T> optionalNumber(const CsvRecord& r, std::optional<std::size_t> column, const std::string& name,
                                const std::string& file)
{
    if (!column)
        return std::nullopt;
    const std::string_view text = trim(r.fields[*column]);
    if (text.empty())
        return std::nullopt;
    const std::optional<T> v = parseNumber<T>(text);
    if (!v)
        throw ModelError(file, where(r.line, name) + quoteForMessage(text) + " is not a finite number"
                                   + (std::is_integral_v<T> ? std::string(" (an integer)") : std::string()));
    return v;
}

double requiredNumber(const CsvRecord& r, std::size_t column, const std::string& name, const std::string& file)
{
    const std::optional<double> v = optionalNumber<double>(r, column, name, file);
    if (!v)
        throw ModelError(file, where(r.line, name) + "the value is missing");
    return *v;
}

const char* const kOriginalColumns[] = {"Network", "ReLU_Threshold", "Top1_Accuracy", "Top5_Accuracy",
                                        "Network_Sparsity"};

} // namespace

const std::vector<std::string>& summaryCsvColumns()
{
    static const std::vector<std::string> columns = {
        "Network", "ReLU_Threshold", "Top1_Accuracy", "Top5_Accuracy", "Network_Sparsity",
        "fidelity", "throughput_fps", "latency_s", "cycles", "DSP", "BRAM", "LUT", "FF", "bottleneck",
        "dense_throughput_fps", "dense_DSP"};
    return columns;
}

std::string pythonThresholdDict(const std::map<std::string, float>& thresholds)
{
    std::string out = "{";
    bool first = true;
    for (const auto& [name, t] : thresholds) {
        if (!first)
            out += ", ";
        first = false;
        out += pythonString(name) + ": " + pythonFloat(t);
    }
    return out + "}";
}

std::map<std::string, float> parseThresholdDict(std::string_view text, const std::string& file, std::size_t line)
{
    return DictParser(text, file, line).parse();
}

std::string summaryCsv(const RunLog& log)
{
    const auto optionalText = [](const auto& v) { return v ? shortestNumber(static_cast<double>(*v)) : std::string(); };
    std::string csv;
    const std::vector<std::string>& columns = summaryCsvColumns();
    for (std::size_t c = 0; c < columns.size(); ++c)
        csv += (c ? "," : "") + columns[c];
    csv += "\n";
    for (const RunIteration& it : log.iterations) {
        for (const auto& [name, t] : it.thresholds)
            if (!std::isfinite(t))
                throw ModelError("", "iteration " + std::to_string(it.index) + ": the threshold of '" + name
                                         + "' is not finite");
        const HardwareFigures& h = it.hardware;
        csv += csvField(log.arch) + "," + csvField(pythonThresholdDict(it.thresholds), true) + ","
            + optionalText(it.top1) + "," + optionalText(it.top5) + "," + shortestNumber(it.networkSparsity) + ","
            + optionalText(it.fidelity) + "," + optionalText(h.throughputFps) + "," + optionalText(h.latencySeconds)
            + "," + (h.cycles ? std::to_string(*h.cycles) : std::string()) + "," + optionalText(h.dsp) + ","
            + optionalText(h.bram) + "," + optionalText(h.lut) + "," + optionalText(h.ff) + ","
            + (h.bottleneck ? csvField(*h.bottleneck, h.bottleneck->empty()) : std::string()) + ","
            + optionalText(h.denseThroughputFps) + "," + optionalText(h.denseDsp) + "\n";
    }
    return csv;
}

void writeSummaryCsv(const std::filesystem::path& file, const RunLog& log)
{
    std::string bytes;
    try {
        bytes = summaryCsv(log);
    } catch (const ModelError& e) {
        throw ModelError(file.string(), e.reason());
    }
    AtomicFileWriter writer(file);
    writer.write(bytes.data(), bytes.size());
    writer.commit();
}

RunLog readSummaryCsv(const std::filesystem::path& path)
{
    const std::string file = path.string();
    const std::vector<CsvRecord> records = parseCsv(readText(path), file);
    if (records.empty())
        throw ModelError(file, "empty; expected the header " + std::string("Network,ReLU_Threshold,Top1_Accuracy,"
                                                                           "Top5_Accuracy,Network_Sparsity"));
    const CsvRecord& header = records.front();
    for (std::size_t c = 0; c < std::size(kOriginalColumns); ++c)
        if (c >= header.fields.size() || trim(header.fields[c]) != kOriginalColumns[c])
            throw ModelError(file, "line " + std::to_string(header.line) + ": column " + std::to_string(c + 1)
                                       + " of the header should be " + kOriginalColumns[c]);
    const std::map<std::string, std::size_t> columns = headerColumns(header, file);
    const auto column = [&](const std::string& name) -> std::optional<std::size_t> {
        const auto found = columns.find(name);
        return found == columns.end() ? std::nullopt : std::optional<std::size_t>(found->second);
    };
    const std::size_t width = header.fields.size();

    RunLog log;
    for (std::size_t r = 1; r < records.size(); ++r) {
        CsvRecord record = records[r];
        // The scripts join the row with ',' without quoting, so the printed dict's commas split it
        // into several fields; rejoining exactly the surplus restores the dict's text.
        if (record.fields.size() > width && !record.quoted[1] && trim(record.fields[1]).substr(0, 1) == "{") {
            const std::size_t surplus = record.fields.size() - width;
            std::string dict = record.fields[1];
            for (std::size_t k = 0; k < surplus; ++k)
                dict += "," + record.fields[2 + k];
            record.fields.erase(record.fields.begin() + 2, record.fields.begin() + 2 + static_cast<std::ptrdiff_t>(surplus));
            record.quoted.erase(record.quoted.begin() + 2, record.quoted.begin() + 2 + static_cast<std::ptrdiff_t>(surplus));
            record.fields[1] = std::move(dict);
        }
        if (record.fields.size() != width)
            throw ModelError(file, "line " + std::to_string(record.line) + ": " + std::to_string(record.fields.size())
                                       + " fields where the header has " + std::to_string(width));
        const std::string network(trim(record.fields[0]));
        if (network.empty())
            throw ModelError(file, where(record.line, "Network") + "the network name is missing");
        if (log.iterations.empty())
            log.arch = network;

        RunIteration it;
        it.index = static_cast<int>(log.iterations.size());
        it.thresholds = parseThresholdDict(record.fields[1], file, record.line);
        it.top1 = optionalNumber<double>(record, std::size_t{2}, "Top1_Accuracy", file);
        it.top5 = optionalNumber<double>(record, std::size_t{3}, "Top5_Accuracy", file);
        it.networkSparsity = requiredNumber(record, 4, "Network_Sparsity", file);
        it.fidelity = optionalNumber<double>(record, column("fidelity"), "fidelity", file);
        HardwareFigures& h = it.hardware;
        h.throughputFps = optionalNumber<double>(record, column("throughput_fps"), "throughput_fps", file);
        h.latencySeconds = optionalNumber<double>(record, column("latency_s"), "latency_s", file);
        h.cycles = optionalNumber<int64_t>(record, column("cycles"), "cycles", file);
        h.dsp = optionalNumber<double>(record, column("DSP"), "DSP", file);
        h.bram = optionalNumber<double>(record, column("BRAM"), "BRAM", file);
        h.lut = optionalNumber<double>(record, column("LUT"), "LUT", file);
        h.ff = optionalNumber<double>(record, column("FF"), "FF", file);
        // A quoted empty field is an empty name; an unquoted empty one is a missing value.
        if (const std::optional<std::size_t> b = column("bottleneck"); b && (!record.fields[*b].empty() || record.quoted[*b]))
            h.bottleneck = record.fields[*b];
        h.denseThroughputFps = optionalNumber<double>(record, column("dense_throughput_fps"), "dense_throughput_fps", file);
        h.denseDsp = optionalNumber<double>(record, column("dense_DSP"), "dense_DSP", file);
        log.iterations.push_back(std::move(it));
    }
    return log;
}

std::vector<SparsityRow> readSparsityLogCsv(const std::filesystem::path& path)
{
    const std::string file = path.string();
    const std::vector<CsvRecord> records = parseCsv(readText(path), file);
    if (records.empty())
        throw ModelError(file, "empty; expected the header Layer Name,Layer Type,KERNEL*KERNEL,Avg Zeros,"
                               "Avg Sparsity[,Avg Window Sparsity]");
    const std::map<std::string, std::size_t> columns = headerColumns(records.front(), file);
    const auto required = [&](const std::string& name) {
        const auto found = columns.find(name);
        if (found == columns.end())
            throw ModelError(file, "line " + std::to_string(records.front().line) + ": the header has no column '"
                                       + name + "'");
        return found->second;
    };
    const std::size_t layer = required("Layer Name");
    const std::size_t type = required("Layer Type");
    const std::size_t kernel = required("KERNEL*KERNEL");
    const std::size_t zeros = required("Avg Zeros");
    const std::size_t sparsity = required("Avg Sparsity");
    std::optional<std::size_t> window;
    if (const auto found = columns.find("Avg Window Sparsity"); found != columns.end())
        window = found->second;
    const std::size_t width = records.front().fields.size();

    std::vector<SparsityRow> rows;
    for (std::size_t r = 1; r < records.size(); ++r) {
        const CsvRecord& record = records[r];
        if (record.fields.size() != width)
            throw ModelError(file, "line " + std::to_string(record.line) + ": " + std::to_string(record.fields.size())
                                       + " fields where the header has " + std::to_string(width));
        SparsityRow row;
        row.layer = record.fields[layer];
        if (row.layer.empty())
            throw ModelError(file, where(record.line, "Layer Name") + "the layer name is missing");
        row.type = record.fields[type];
        // numpy prints np.prod of the kernel size as an integer; a float spelling of a whole
        // number (from another writer) means the same.
        const double k = requiredNumber(record, kernel, "KERNEL*KERNEL", file);
        if (k < 1 || k > 1e9 || k != std::floor(k))
            throw ModelError(file, where(record.line, "KERNEL*KERNEL") + quoteForMessage(trim(record.fields[kernel]))
                                       + " is not a positive whole number");
        row.kernelSize = static_cast<int64_t>(k);
        row.avgZeros = requiredNumber(record, zeros, "Avg Zeros", file);
        row.avgSparsity = requiredNumber(record, sparsity, "Avg Sparsity", file);
        row.avgWindowSparsity = optionalNumber<double>(record, window, "Avg Window Sparsity", file);
        rows.push_back(std::move(row));
    }
    return rows;
}

double RunIteration::meanThreshold() const
{
    if (thresholds.empty())
        return 0;
    double sum = 0;
    for (const auto& [node, t] : thresholds)
        sum += t;
    return sum / static_cast<double>(thresholds.size());
}

} // namespace foldwise
