#pragma once

// The one way Foldwise reads JSON files (profiles, designs, fpgaConvNet configs and reports, FINN
// folding configs and estimates, induced-ReLU mappings, run manifests, thresholds).
//
// Why a layer of its own: nlohmann::json's own errors name neither the file nor where in it the
// problem is ("type must be string, but is number"), and formatting or copying a value that is
// nested 100,000 levels deep recurses past the end of the stack. Here every document is checked
// for depth before it is parsed, and every access goes through JsonNode, which knows the file and
// the key path of its value, so an error reads
//   design.json: settings.limits.dsp must be a number, not an array
// and never echoes the offending value itself.

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

namespace foldwise {

// Deeper than this is not a Foldwise, fpgaConvNet or FINN file (the deepest real ones nest 6).
inline constexpr int kJsonMaxDepth = 64;

// Parses `text`; `source` names it in errors (a file path, usually). Throws ModelError on a
// syntax error (with line and column), on nesting deeper than kJsonMaxDepth and on a document
// that is not a single value.
nlohmann::json parseJson(std::string_view text, const std::string& source);
nlohmann::ordered_json parseOrderedJson(std::string_view text, const std::string& source);

// A whole file as text; `what` names it in errors ("cannot open the mapping file").
std::string readTextFile(const std::filesystem::path& file, const std::string& what);

// Reads and parses a file. `what` says what the file should be ("design file", "manifest") for
// the error when it cannot be opened.
nlohmann::json readJsonFile(const std::filesystem::path& file, const std::string& what = "JSON file");
nlohmann::ordered_json readOrderedJsonFile(const std::filesystem::path& file, const std::string& what = "JSON file");

// "an object", "a string", "an integer", ... as errors name a value's type.
std::string jsonTypeName(const nlohmann::json& value);
std::string jsonTypeName(const nlohmann::ordered_json& value);

// `text` cut to `longest` characters (with "..."), for quoting a file's strings in messages.
std::string shortText(std::string_view text, std::size_t longest = 48);

// A read-only view of one value inside a parsed document, carrying the document's name and the
// key path to the value. The document must outlive its nodes. Accessors check the type and, for
// the ranged ones, the range; every failure is a ModelError naming file, path and expectation.
template <class Json>
class BasicJsonNode {
public:
    BasicJsonNode(const Json& root, std::string source) : value_(&root), source_(std::move(source)) {}

    const std::string& source() const { return source_; }
    // "settings.limits.dsp", "partition[0].layers[3]"; empty at the root.
    const std::string& path() const { return path_; }
    const Json& raw() const { return *value_; }

    bool isNull() const { return value_->is_null(); }
    bool isObject() const { return value_->is_object(); }
    bool isArray() const { return value_->is_array(); }
    bool isString() const { return value_->is_string(); }
    bool isNumber() const { return value_->is_number(); }
    bool isBoolean() const { return value_->is_boolean(); }

    // Objects. `has` is true for a member that is present, even when null.
    bool has(std::string_view key) const;
    // A required member: missing is an error (and so is this node not being an object).
    BasicJsonNode at(std::string_view key) const;
    // An optional member: nullopt when absent or null.
    std::optional<BasicJsonNode> find(std::string_view key) const;
    std::vector<std::pair<std::string, BasicJsonNode>> members() const;

    // Arrays. `elements` requires an array (an error names the path otherwise).
    std::vector<BasicJsonNode> elements() const;
    std::size_t size() const; // of an array or object

    // Scalars, type-checked. integer() accepts integral floating-point values (Python writes 4.0).
    std::string string() const;
    double number() const; // finite
    std::int64_t integer() const;
    bool boolean() const;

    // Ranged scalars: errors say the range.
    double nonNegativeNumber() const;
    double numberIn(double low, double high) const;
    std::int64_t integerIn(std::int64_t low, std::int64_t high) const;

    // Members with a default for absent or null members; a present member of the wrong type is an
    // error, never silently the default.
    std::string string(std::string_view key, const std::string& fallback) const;
    double number(std::string_view key, double fallback) const;
    std::int64_t integer(std::string_view key, std::int64_t fallback) const;
    bool boolean(std::string_view key, bool fallback) const;

    // Throws ModelError(source, "<path> <problem>") (or just the problem at the root).
    [[noreturn]] void fail(const std::string& problem) const;
    // The path for messages: "settings.batch", or "the document" at the root.
    std::string where() const;

private:
    BasicJsonNode(const Json& value, std::string source, std::string path)
        : value_(&value), source_(std::move(source)), path_(std::move(path)) {}
    BasicJsonNode child(std::string_view key, const Json& value) const;
    void require(bool ok, const char* expected) const;

    const Json* value_;
    std::string source_;
    std::string path_;
};

using JsonNode = BasicJsonNode<nlohmann::json>;
using OrderedJsonNode = BasicJsonNode<nlohmann::ordered_json>;

extern template class BasicJsonNode<nlohmann::json>;
extern template class BasicJsonNode<nlohmann::ordered_json>;

} // namespace foldwise
