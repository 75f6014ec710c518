#include "data/NpyHeader.h"

#include "model/ModelError.h"
#include "model/Shape.h"

#include <algorithm>
#include <bit>
#include <cstring>
#include <limits>
#include <map>
#include <optional>

namespace foldwise {
namespace {

static_assert(std::endian::native == std::endian::little, ".npy and tensor I/O assume a little-endian host");

constexpr char kMagic[] = "\x93NUMPY";
constexpr std::size_t kMagicBytes = 6;
// numpy itself refuses larger headers by default (max_header_size); a bigger one is damage.
constexpr std::size_t kMaxHeaderBytes = 1 << 20;

// A value of the header dictionary, which is a Python literal: strings, booleans and tuples
// of integers are all .npy headers use. Lists mean a structured dtype.
struct Value {
    enum class Kind { String, Bool, Tuple, List } kind = Kind::String;
    std::string text;
    bool flag = false;
    std::vector<int64_t> items;
    bool negative = false; // some tuple item was negative (kept to report it precisely)
    int64_t firstNegative = 0;
};

// A recursive-descent parser for exactly the Python literal subset above.
class DictParser {
public:
    DictParser(std::string_view text, const std::string& file) : text_(text), file_(file) {}

    std::map<std::string, Value> parse()
    {
        std::map<std::string, Value> dict;
        expect('{');
        while (!peek('}')) {
            const std::string key = parseString();
            expect(':');
            if (dict.contains(key))
                fail("key '" + key + "' appears twice");
            dict[key] = parseValue();
            if (!peek('}'))
                expect(',');
        }
        expect('}');
        skipSpace();
        if (pos_ != text_.size())
            fail("unexpected text after the dictionary");
        return dict;
    }

private:
    std::string_view text_;
    const std::string& file_;
    std::size_t pos_ = 0;

    [[noreturn]] void fail(const std::string& what) const
    {
        throw ModelError(file_, "malformed .npy header dictionary: " + what);
    }

    void skipSpace()
    {
        while (pos_ < text_.size() && (text_[pos_] == ' ' || text_[pos_] == '\n' || text_[pos_] == '\t' || text_[pos_] == '\r'))
            ++pos_;
    }

    bool peek(char c)
    {
        skipSpace();
        return pos_ < text_.size() && text_[pos_] == c;
    }

    void expect(char c)
    {
        if (!peek(c))
            fail(pos_ < text_.size() ? std::string("expected '") + c + "' at offset " + std::to_string(pos_)
                                     : std::string("ends before '") + c + "'");
        ++pos_;
    }

    std::string parseString()
    {
        skipSpace();
        if (pos_ >= text_.size() || (text_[pos_] != '\'' && text_[pos_] != '"'))
            fail("expected a quoted key or value at offset " + std::to_string(pos_));
        const char quote = text_[pos_++];
        const std::size_t end = text_.find(quote, pos_);
        if (end == std::string_view::npos)
            fail("unterminated string");
        std::string s(text_.substr(pos_, end - pos_));
        if (s.find('\\') != std::string::npos)
            fail("escape sequences are not expected in a .npy header");
        pos_ = end + 1;
        return s;
    }

    bool startsWithWord(std::string_view word) const { return text_.substr(pos_, word.size()) == word; }

    Value parseValue()
    {
        skipSpace();
        Value v;
        if (pos_ >= text_.size())
            fail("ends before a value");
        const char c = text_[pos_];
        if (c == '\'' || c == '"') {
            v.kind = Value::Kind::String;
            v.text = parseString();
        } else if (startsWithWord("True") || startsWithWord("False")) {
            v.kind = Value::Kind::Bool;
            v.flag = text_[pos_] == 'T';
            pos_ += v.flag ? 4 : 5;
        } else if (c == '(') {
            v.kind = Value::Kind::Tuple;
            parseTuple(v);
        } else if (c == '[') {
            v.kind = Value::Kind::List;
            skipBracketed();
        } else {
            fail("unexpected value at offset " + std::to_string(pos_));
        }
        return v;
    }

    void parseTuple(Value& v)
    {
        expect('(');
        bool sawComma = false;
        while (!peek(')')) {
            v.items.push_back(parseInteger(v));
            if (peek(')'))
                break;
            expect(',');
            sawComma = true;
        }
        expect(')');
        // "(3)" is the integer 3 in Python, not a tuple; numpy rejects it too.
        if (v.items.size() == 1 && !sawComma)
            fail("shape (" + std::to_string(v.items[0]) + ") is not a tuple (a 1-tuple is written (n,))");
    }

    int64_t parseInteger(Value& v)
    {
        skipSpace();
        bool negative = false;
        if (pos_ < text_.size() && text_[pos_] == '-') {
            negative = true;
            ++pos_;
        }
        if (pos_ >= text_.size())
            fail("ends inside the shape tuple");
        if (text_[pos_] < '0' || text_[pos_] > '9')
            fail("expected an integer at offset " + std::to_string(pos_));
        uint64_t value = 0;
        while (pos_ < text_.size() && text_[pos_] >= '0' && text_[pos_] <= '9') {
            const auto digit = static_cast<uint64_t>(text_[pos_] - '0');
            if (value > (static_cast<uint64_t>(std::numeric_limits<int64_t>::max()) - digit) / 10)
                throw ModelError(file_, "invalid .npy shape: a dimension overflows int64");
            value = value * 10 + digit;
            ++pos_;
        }
        if (pos_ < text_.size() && text_[pos_] == 'L') // Python 2 long literals: "3L"
            ++pos_;
        const auto signedValue = negative ? -static_cast<int64_t>(value) : static_cast<int64_t>(value);
        if (signedValue < 0 && !v.negative) {
            v.negative = true;
            v.firstNegative = signedValue;
        }
        return signedValue;
    }

    void skipBracketed()
    {
        int depth = 0;
        for (; pos_ < text_.size(); ++pos_) {
            if (text_[pos_] == '[')
                ++depth;
            else if (text_[pos_] == ']' && --depth == 0) {
                ++pos_;
                return;
            }
        }
        fail("unterminated list");
    }
};

struct TypeCode {
    const char* code;
    DataType type;
};

constexpr TypeCode kTypeCodes[] = {
    {"f2", DataType::Float16}, {"f4", DataType::Float},   {"f8", DataType::Double}, {"i1", DataType::Int8},
    {"i2", DataType::Int16},   {"i4", DataType::Int32},   {"i8", DataType::Int64},  {"u1", DataType::UInt8},
    {"u2", DataType::UInt16},  {"u4", DataType::UInt32},  {"u8", DataType::UInt64}, {"b1", DataType::Bool},
};

DataType typeFromDescr(const std::string& descr, const std::string& file)
{
    const auto unsupported = [&](const std::string& why) {
        throw ModelError(file, "unsupported dtype '" + descr + "'" + (why.empty() ? "" : ": " + why)
                                   + " (supported: float16/32/64, int8/16/32/64, uint8/16/32/64, bool)");
    };
    if (descr.size() != 3 || std::string_view("<>|=").find(descr[0]) == std::string_view::npos)
        unsupported("");
    const std::string code = descr.substr(1);
    for (const TypeCode& tc : kTypeCodes) {
        if (code != tc.code)
            continue;
        const bool singleByte = dataTypeSize(tc.type) == 1;
        // Byte order is meaningless for one-byte types; numpy writes '|' for them.
        if (!singleByte && descr[0] == '>')
            throw ModelError(file, "big-endian dtype '" + descr + "' is not supported; convert it with arr.astype('<"
                                       + code + "')");
        if (!singleByte && descr[0] == '|')
            unsupported("byte order '|' is not meaningful for a multi-byte type");
        return tc.type;
    }
    unsupported("");
    return DataType::Undefined;
}

uint32_t readLittleEndian(std::span<const std::byte> bytes, std::size_t offset, std::size_t count)
{
    uint32_t v = 0;
    for (std::size_t i = 0; i < count; ++i)
        v |= static_cast<uint32_t>(bytes[offset + i]) << (8 * i);
    return v;
}

std::string formatShape(const std::vector<int64_t>& dims)
{
    std::string s = "(";
    for (std::size_t i = 0; i < dims.size(); ++i)
        s += (i ? ", " : "") + std::to_string(dims[i]);
    return s + (dims.size() == 1 ? ",)" : ")");
}

} // namespace

std::size_t npyHeaderSize(std::span<const std::byte> head, std::uint64_t fileSize, const std::string& file)
{
    if (head.size() < kMagicBytes || std::memcmp(head.data(), kMagic, kMagicBytes) != 0)
        throw ModelError(file, head.size() < kMagicBytes && fileSize < kMagicBytes
                                   ? "not a .npy file: too short for the magic string (" + std::to_string(fileSize) + " bytes)"
                                   : "not a .npy file: bad magic (expected \\x93NUMPY)");
    if (head.size() < 8)
        throw ModelError(file, "truncated .npy header: the file ends inside the version number");
    const int major = static_cast<int>(head[6]);
    const int minor = static_cast<int>(head[7]);
    if (major < 1 || major > 3 || minor != 0)
        throw ModelError(file, "unsupported .npy format version " + std::to_string(major) + "." + std::to_string(minor)
                                   + " (1.0, 2.0 and 3.0 are supported)");
    const std::size_t lengthBytes = major == 1 ? 2 : 4;
    if (head.size() < 8 + lengthBytes)
        throw ModelError(file, "truncated .npy header: the file ends inside the header length");
    const std::size_t dictBytes = readLittleEndian(head, 8, lengthBytes);
    if (dictBytes > kMaxHeaderBytes)
        throw ModelError(file, "malformed .npy header: header length " + std::to_string(dictBytes) + " is implausibly large");
    const std::size_t total = 8 + lengthBytes + dictBytes;
    if (total > fileSize)
        throw ModelError(file, "truncated .npy header: it declares " + std::to_string(total) + " bytes, the file has "
                                   + std::to_string(fileSize));
    return total;
}

NpyHeader parseNpyHeader(std::span<const std::byte> header, const std::string& file)
{
    NpyHeader h;
    h.dataOffset = header.size();
    h.majorVersion = static_cast<int>(header[6]);
    const std::size_t dictStart = h.majorVersion == 1 ? 10 : 12;
    const std::string_view dictText(reinterpret_cast<const char*>(header.data()) + dictStart, header.size() - dictStart);
    std::map<std::string, Value> dict = DictParser(dictText, file).parse();

    for (const auto& [key, value] : dict)
        if (key != "descr" && key != "fortran_order" && key != "shape")
            throw ModelError(file, "malformed .npy header dictionary: unexpected key '" + key + "'");
    for (const char* key : {"descr", "fortran_order", "shape"})
        if (!dict.contains(key))
            throw ModelError(file, std::string("malformed .npy header dictionary: no '") + key + "' key");

    const Value& descr = dict["descr"];
    if (descr.kind == Value::Kind::List)
        throw ModelError(file, "unsupported dtype: structured arrays (a list of fields) are not supported");
    if (descr.kind != Value::Kind::String)
        throw ModelError(file, "malformed .npy header dictionary: 'descr' is not a string");
    h.type = typeFromDescr(descr.text, file);

    const Value& shape = dict["shape"];
    if (shape.kind != Value::Kind::Tuple)
        throw ModelError(file, "malformed .npy header dictionary: 'shape' is not a tuple");
    if (shape.negative)
        throw ModelError(file, "invalid .npy shape " + formatShape(shape.items) + ": negative dimension "
                                   + std::to_string(shape.firstNegative));
    h.dims = shape.items;
    const std::optional<int64_t> count = checkedProduct(h.dims);
    const auto elementSize = static_cast<int64_t>(dataTypeSize(h.type));
    if (!count || *count > std::numeric_limits<int64_t>::max() / elementSize)
        throw ModelError(file, "invalid .npy shape " + formatShape(h.dims) + ": the size overflows");
    h.dataBytes = static_cast<std::size_t>(*count * elementSize);

    const Value& fortran = dict["fortran_order"];
    if (fortran.kind != Value::Kind::Bool)
        throw ModelError(file, "malformed .npy header dictionary: 'fortran_order' is not True or False");
    // Column-major order is the same byte layout when at most one dimension exceeds 1.
    const auto longDims = std::count_if(h.dims.begin(), h.dims.end(), [](int64_t d) { return d > 1; });
    if (fortran.flag && longDims > 1)
        throw ModelError(file, "Fortran-order (column-major) arrays are not supported; save a C-order copy "
                               "(np.ascontiguousarray)");
    return h;
}

std::string npyDescr(DataType type)
{
    for (const TypeCode& tc : kTypeCodes)
        if (tc.type == type)
            return (dataTypeSize(type) == 1 ? "|" : "<") + std::string(tc.code);
    return {};
}

std::string formatNpyHeader(DataType type, const std::vector<int64_t>& dims)
{
    std::string dict = "{'descr': '" + npyDescr(type) + "', 'fortran_order': False, 'shape': " + formatShape(dims) + ", }";
    // As numpy: version 1.0 when the header fits a 16-bit length, and the data aligned to 64.
    const bool fitsVersion1 = 10 + dict.size() + 1 + 64 <= 65535;
    const std::size_t prefix = fitsVersion1 ? 10 : 12;
    const std::size_t padded = (prefix + dict.size() + 1 + 63) / 64 * 64;
    dict.append(padded - prefix - dict.size() - 1, ' ');
    dict += '\n';
    std::string header(kMagic, kMagicBytes);
    header += static_cast<char>(fitsVersion1 ? 1 : 2);
    header += '\0';
    const std::size_t length = dict.size();
    for (std::size_t i = 0; i < (fitsVersion1 ? 2u : 4u); ++i)
        header += static_cast<char>((length >> (8 * i)) & 0xff);
    return header + dict;
}

} // namespace foldwise
