#include "io/JsonReading.h"

#include <cerrno>
#include <cmath>
#include <cstring>
#include <fstream>
#include <limits>
#include <sstream>

#include "io/ModelError.h"

namespace foldwise {

namespace {

// Line and column (1-based) of a byte offset, for messages.
std::pair<std::size_t, std::size_t> lineAndColumn(std::string_view text, std::size_t offset)
{
    std::size_t line = 1, column = 1;
    for (std::size_t i = 0; i < offset && i < text.size(); ++i) {
        if (text[i] == '\n') {
            ++line;
            column = 1;
        } else {
            ++column;
        }
    }
    return {line, column};
}

// Refuses documents nested deeper than kJsonMaxDepth before the parser builds them: nlohmann's
// parser itself is iterative, but dumping, copying or comparing such a value recurses once per
// level. Strings are skipped so brackets inside them do not count; malformed text is left for
// the parser to report.
void checkDepth(std::string_view text, const std::string& source)
{
    int depth = 0;
    bool inString = false;
    for (std::size_t i = 0; i < text.size(); ++i) {
        const char c = text[i];
        if (inString) {
            if (c == '\\')
                ++i;
            else if (c == '"')
                inString = false;
            continue;
        }
        if (c == '"') {
            inString = true;
        } else if (c == '[' || c == '{') {
            if (++depth > kJsonMaxDepth) {
                const auto [line, column] = lineAndColumn(text, i);
                throw ModelError(source, "not a valid file: JSON nested deeper than " + std::to_string(kJsonMaxDepth)
                                             + " levels (line " + std::to_string(line) + ", column "
                                             + std::to_string(column) + ")");
            }
        } else if (c == ']' || c == '}') {
            --depth;
        }
    }
}

// nlohmann's message without its "[json.exception...]" prefix and without the "last read" echo
// of the input (which can be a whole megabyte string).
std::string parserProblem(const std::string& what)
{
    std::string message = what;
    if (const auto syntax = message.find("syntax error"); syntax != std::string::npos)
        message = message.substr(syntax);
    if (const auto lastRead = message.find("; last read"); lastRead != std::string::npos) {
        const auto expected = message.find("; expected", lastRead);
        message = message.substr(0, lastRead) + (expected == std::string::npos ? "" : message.substr(expected));
    }
    if (message.size() > 200)
        message = message.substr(0, 200) + "...";
    return message;
}

template <class Json>
Json parseChecked(std::string_view text, const std::string& source)
{
    checkDepth(text, source);
    try {
        return Json::parse(text.begin(), text.end());
    } catch (const nlohmann::json::parse_error& ex) {
        const auto [line, column] = lineAndColumn(text, ex.byte > 0 ? ex.byte - 1 : 0);
        throw ModelError(source, "not valid JSON at line " + std::to_string(line) + ", column " + std::to_string(column)
                                     + ": " + parserProblem(ex.what()));
    } catch (const nlohmann::json::out_of_range&) {
        // The one out_of_range the parser throws: a number literal beyond double's range.
        throw ModelError(source, "not valid JSON: a number is too large to represent");
    }
}

} // namespace

std::string readTextFile(const std::filesystem::path& file, const std::string& what)
{
    std::error_code ec;
    if (std::filesystem::is_directory(file, ec))
        throw ModelError(file.string(), "is a folder, not a " + what);
    std::ifstream in(file, std::ios::binary);
    if (!in)
        throw ModelError(file.string(), "cannot open the " + what + ": " + std::strerror(errno));
    std::ostringstream buffer;
    buffer << in.rdbuf();
    if (in.bad())
        throw ModelError(file.string(), "cannot read the " + what);
    return std::move(buffer).str();
}

namespace {

template <class Json>
std::string typeName(const Json& value)
{
    switch (value.type()) {
    case nlohmann::json::value_t::null: return "null";
    case nlohmann::json::value_t::object: return "an object";
    case nlohmann::json::value_t::array: return "an array";
    case nlohmann::json::value_t::string: return "a string";
    case nlohmann::json::value_t::boolean: return "a boolean";
    case nlohmann::json::value_t::number_integer:
    case nlohmann::json::value_t::number_unsigned: return "an integer";
    case nlohmann::json::value_t::number_float: return "a number";
    case nlohmann::json::value_t::binary: return "binary data";
    case nlohmann::json::value_t::discarded: break;
    }
    return "nothing";
}

// Keys in paths are shortened so a megabyte key cannot flood a message.
std::string shortKey(std::string_view key)
{
    return shortText(key);
}

std::string numberText(double v)
{
    std::ostringstream s;
    s << v;
    return s.str();
}

} // namespace

std::string shortText(std::string_view text, std::size_t longest)
{
    return text.size() <= longest ? std::string(text) : std::string(text.substr(0, longest)) + "...";
}

nlohmann::json parseJson(std::string_view text, const std::string& source)
{
    return parseChecked<nlohmann::json>(text, source);
}

nlohmann::ordered_json parseOrderedJson(std::string_view text, const std::string& source)
{
    return parseChecked<nlohmann::ordered_json>(text, source);
}

nlohmann::json readJsonFile(const std::filesystem::path& file, const std::string& what)
{
    return parseJson(readTextFile(file, what), file.string());
}

nlohmann::ordered_json readOrderedJsonFile(const std::filesystem::path& file, const std::string& what)
{
    return parseOrderedJson(readTextFile(file, what), file.string());
}

std::string jsonTypeName(const nlohmann::json& value) { return typeName(value); }
std::string jsonTypeName(const nlohmann::ordered_json& value) { return typeName(value); }

template <class Json>
std::string BasicJsonNode<Json>::where() const
{
    return path_.empty() ? std::string("the document") : path_;
}

template <class Json>
void BasicJsonNode<Json>::fail(const std::string& problem) const
{
    throw ModelError(source_, where() + " " + problem);
}

template <class Json>
void BasicJsonNode<Json>::require(bool ok, const char* expected) const
{
    if (!ok)
        fail(std::string("must be ") + expected + ", not " + typeName(*value_));
}

template <class Json>
BasicJsonNode<Json> BasicJsonNode<Json>::child(std::string_view key, const Json& value) const
{
    return BasicJsonNode(value, source_, path_.empty() ? shortKey(key) : path_ + "." + shortKey(key));
}

template <class Json>
bool BasicJsonNode<Json>::has(std::string_view key) const
{
    return value_->is_object() && value_->find(key) != value_->end();
}

template <class Json>
BasicJsonNode<Json> BasicJsonNode<Json>::at(std::string_view key) const
{
    require(value_->is_object(), "an object");
    const auto it = value_->find(key);
    if (it == value_->end())
        fail("has no \"" + shortKey(key) + "\"");
    return child(key, *it);
}

template <class Json>
std::optional<BasicJsonNode<Json>> BasicJsonNode<Json>::find(std::string_view key) const
{
    require(value_->is_object(), "an object");
    const auto it = value_->find(key);
    if (it == value_->end() || it->is_null())
        return std::nullopt;
    return child(key, *it);
}

template <class Json>
std::vector<std::pair<std::string, BasicJsonNode<Json>>> BasicJsonNode<Json>::members() const
{
    require(value_->is_object(), "an object");
    std::vector<std::pair<std::string, BasicJsonNode>> result;
    result.reserve(value_->size());
    for (auto it = value_->begin(); it != value_->end(); ++it)
        result.emplace_back(it.key(), child(it.key(), it.value()));
    return result;
}

template <class Json>
std::vector<BasicJsonNode<Json>> BasicJsonNode<Json>::elements() const
{
    require(value_->is_array(), "an array");
    std::vector<BasicJsonNode> result;
    result.reserve(value_->size());
    for (std::size_t i = 0; i < value_->size(); ++i)
        result.push_back(BasicJsonNode((*value_)[i], source_, path_ + "[" + std::to_string(i) + "]"));
    return result;
}

template <class Json>
std::size_t BasicJsonNode<Json>::size() const
{
    require(value_->is_array() || value_->is_object(), "an array or an object");
    return value_->size();
}

template <class Json>
std::string BasicJsonNode<Json>::string() const
{
    require(value_->is_string(), "a string");
    return value_->template get<std::string>();
}

template <class Json>
double BasicJsonNode<Json>::number() const
{
    require(value_->is_number(), "a number");
    const double v = value_->template get<double>();
    if (!std::isfinite(v))
        fail("must be a finite number");
    return v;
}

template <class Json>
std::int64_t BasicJsonNode<Json>::integer() const
{
    if (value_->is_number_integer() && !value_->is_number_unsigned())
        return value_->template get<std::int64_t>();
    if (value_->is_number_unsigned()) {
        const auto v = value_->template get<std::uint64_t>();
        if (v > static_cast<std::uint64_t>(std::numeric_limits<std::int64_t>::max()))
            fail("is too large an integer");
        return static_cast<std::int64_t>(v);
    }
    if (value_->is_number_float()) {
        const double v = value_->template get<double>();
        // 2^63 is exactly representable; anything at or past it does not fit int64.
        if (std::isfinite(v) && v == std::floor(v) && std::fabs(v) < 9.2233720368547758e18)
            return static_cast<std::int64_t>(v);
        fail("must be an integer, not a fractional or out-of-range number");
    }
    require(false, "an integer");
    return 0;
}

template <class Json>
bool BasicJsonNode<Json>::boolean() const
{
    require(value_->is_boolean(), "true or false");
    return value_->template get<bool>();
}

template <class Json>
double BasicJsonNode<Json>::nonNegativeNumber() const
{
    const double v = number();
    if (v < 0)
        fail("must not be negative, not " + numberText(v));
    return v;
}

template <class Json>
double BasicJsonNode<Json>::numberIn(double low, double high) const
{
    const double v = number();
    if (v < low || v > high)
        fail("must be in [" + numberText(low) + ", " + numberText(high) + "], not " + numberText(v));
    return v;
}

template <class Json>
std::int64_t BasicJsonNode<Json>::integerIn(std::int64_t low, std::int64_t high) const
{
    const std::int64_t v = integer();
    if (v < low || v > high)
        fail("must be an integer in [" + std::to_string(low) + ", " + std::to_string(high) + "], not "
             + std::to_string(v));
    return v;
}

template <class Json>
std::string BasicJsonNode<Json>::string(std::string_view key, const std::string& fallback) const
{
    const auto member = find(key);
    return member ? member->string() : fallback;
}

template <class Json>
double BasicJsonNode<Json>::number(std::string_view key, double fallback) const
{
    const auto member = find(key);
    return member ? member->number() : fallback;
}

template <class Json>
std::int64_t BasicJsonNode<Json>::integer(std::string_view key, std::int64_t fallback) const
{
    const auto member = find(key);
    return member ? member->integer() : fallback;
}

template <class Json>
bool BasicJsonNode<Json>::boolean(std::string_view key, bool fallback) const
{
    const auto member = find(key);
    return member ? member->boolean() : fallback;
}

template class BasicJsonNode<nlohmann::json>;
template class BasicJsonNode<nlohmann::ordered_json>;

} // namespace foldwise
