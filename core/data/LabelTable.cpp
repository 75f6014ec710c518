#include "data/LabelTable.h"

#include "data/NpyFile.h"
#include "model/ModelError.h"

#include <algorithm>
#include <cctype>
#include <charconv>
#include <fstream>
#include <sstream>

namespace foldwise {
namespace {

// "./a\\b.png" and "a/b.png" name the same item.
std::string normalisedKey(std::string_view name)
{
    std::string key(name);
    std::replace(key.begin(), key.end(), '\\', '/');
    while (key.starts_with("./"))
        key.erase(0, 2);
    return key;
}

std::string_view baseName(std::string_view key)
{
    const std::size_t slash = key.rfind('/');
    return slash == std::string_view::npos ? key : key.substr(slash + 1);
}

std::string_view trimmed(std::string_view s)
{
    while (!s.empty() && (s.front() == ' ' || s.front() == '\t'))
        s.remove_prefix(1);
    while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r'))
        s.remove_suffix(1);
    return s;
}

std::optional<int64_t> parseInteger(std::string_view s)
{
    int64_t v = 0;
    if (!s.empty() && s.front() == '+')
        s.remove_prefix(1);
    const auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
    if (s.empty() || ec != std::errc() || end != s.data() + s.size())
        return std::nullopt;
    return v;
}

// Splits one CSV line into fields; a field may be double-quoted ("" is a quote inside).
std::optional<std::vector<std::string>> splitCsvLine(std::string_view line)
{
    std::vector<std::string> fields;
    std::size_t i = 0;
    while (true) {
        std::string field;
        while (i < line.size() && line[i] == ' ')
            ++i;
        if (i < line.size() && line[i] == '"') {
            ++i;
            while (true) {
                if (i >= line.size())
                    return std::nullopt; // unterminated quote
                if (line[i] == '"') {
                    if (i + 1 < line.size() && line[i + 1] == '"') {
                        field += '"';
                        i += 2;
                        continue;
                    }
                    ++i;
                    break;
                }
                field += line[i++];
            }
            while (i < line.size() && line[i] != ',')
                ++i;
        } else {
            const std::size_t comma = std::min(line.find(',', i), line.size());
            field = std::string(trimmed(line.substr(i, comma - i)));
            i = comma;
        }
        fields.push_back(std::move(field));
        if (i >= line.size())
            return fields;
        ++i; // the comma
    }
}

} // namespace

LabelTable LabelTable::load(const std::filesystem::path& path)
{
    std::string ext = path.extension().string();
    std::transform(ext.begin(), ext.end(), ext.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    if (ext == ".csv")
        return fromCsv(path);
    if (ext == ".npy")
        return fromNpy(path);
    throw ModelError(path.string(), "unknown label file type '" + ext + "' (expected .csv or .npy)");
}

LabelTable LabelTable::fromCsv(const std::filesystem::path& path)
{
    const std::string file = path.string();
    if (std::filesystem::is_directory(path))
        throw ModelError(file, "is a folder, not a label file");
    std::ifstream in(path, std::ios::binary);
    if (!in)
        throw ModelError(file, "cannot open the label file");
    LabelTable table;
    table.path_ = path;
    std::unordered_map<std::string, std::size_t> lineOfKey;
    std::string line;
    std::size_t lineNumber = 0;
    bool sawData = false;
    while (std::getline(in, line)) {
        ++lineNumber;
        const std::string_view text = trimmed(line);
        if (text.empty() || text.front() == '#')
            continue;
        const auto fields = splitCsvLine(text);
        const std::string where = "line " + std::to_string(lineNumber) + ": ";
        if (!fields || fields->size() != 2)
            throw ModelError(file, where + "expected 'file,label'");
        const std::optional<int64_t> label = parseInteger((*fields)[1]);
        if (!label) {
            if (!sawData) { // the header line, e.g. "file,label"
                sawData = true;
                continue;
            }
            throw ModelError(file, where + "label '" + (*fields)[1] + "' is not an integer");
        }
        sawData = true;
        std::string key = normalisedKey((*fields)[0]);
        if (key.empty())
            throw ModelError(file, where + "empty file name");
        if (const auto it = table.pathLabels_.find(key); it != table.pathLabels_.end()) {
            if (it->second != *label)
                throw ModelError(file, where + "'" + key + "' already has label " + std::to_string(it->second)
                                           + " (line " + std::to_string(lineOfKey[key]) + ")");
            continue;
        }
        lineOfKey[key] = lineNumber;
        const std::string base(baseName(key));
        if (const auto it = table.baseNameLabels_.find(base); it != table.baseNameLabels_.end())
            it->second = std::nullopt;
        else
            table.baseNameLabels_.emplace(base, *label);
        table.pathLabels_.emplace(std::move(key), *label);
    }
    if (in.bad())
        throw ModelError(file, "read error in the label file");
    return table;
}

LabelTable LabelTable::fromNpy(const std::filesystem::path& path)
{
    const HostTensor labels = readNpy(path);
    const DataType t = labels.type();
    if (isFloatingPoint(t) || t == DataType::Bool)
        throw ModelError(path.string(), "labels must be integers, the array holds " + std::string(dataTypeName(t)));
    const auto& dims = labels.dims();
    const bool column = dims.size() == 1 || (dims.size() == 2 && dims[1] == 1);
    if (!column)
        throw ModelError(path.string(), "labels must be a 1-d array (one label per item), the array is "
                                            + labels.describe());
    LabelTable table;
    table.path_ = path;
    table.byIndex_ = true;
    table.indexLabels_ = labels.toInt64s();
    return table;
}

std::optional<int64_t> LabelTable::lookup(std::size_t index, std::string_view id) const
{
    if (byIndex_) {
        if (index < indexLabels_.size())
            return indexLabels_[index];
        return std::nullopt;
    }
    const std::string key = normalisedKey(id);
    if (const auto it = pathLabels_.find(key); it != pathLabels_.end())
        return it->second;
    // Base names match only when one side is a bare name: "a/x.png" in the CSV must not label
    // an item "b/x.png".
    if (key.find('/') != std::string::npos) {
        if (const auto it = pathLabels_.find(std::string(baseName(key))); it != pathLabels_.end())
            return it->second;
    } else if (const auto it = baseNameLabels_.find(key); it != baseNameLabels_.end()) {
        return it->second;
    }
    return std::nullopt;
}

std::size_t LabelTable::size() const
{
    return byIndex_ ? indexLabels_.size() : pathLabels_.size();
}

std::string LabelTable::describe() const
{
    return "labels " + path_.string() + " (" + (byIndex_ ? "npy" : "csv") + ", " + std::to_string(size()) + " entries)";
}

} // namespace foldwise
