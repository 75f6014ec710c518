#pragma once

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace foldwise {

// Ground-truth class labels for calibration items, from either
//   - a CSV of `file,label` lines (an optional header line; quoted file names allowed), matched
//     to an item's id (its path relative to the source folder, or its index for array sources)
//     exactly, or by base name when one side is a bare file name (and, for a bare item id,
//     that base name is unique in the CSV); or
//   - an .npy of integers, one label per item index.
class LabelTable {
public:
    // By extension: .csv or .npy. Throws ModelError(file, reason) for malformed files.
    static LabelTable load(const std::filesystem::path& path);
    static LabelTable fromCsv(const std::filesystem::path& path);
    static LabelTable fromNpy(const std::filesystem::path& path);

    std::optional<int64_t> lookup(std::size_t index, std::string_view id) const;

    std::size_t size() const;
    std::string describe() const; // "labels /x/labels.csv (csv, 50 entries)"

private:
    std::filesystem::path path_;
    bool byIndex_ = false;
    std::vector<int64_t> indexLabels_;
    std::unordered_map<std::string, int64_t> pathLabels_;
    // Base name -> label; nullopt marks base names that occur more than once.
    std::unordered_map<std::string, std::optional<int64_t>> baseNameLabels_;
};

} // namespace foldwise
