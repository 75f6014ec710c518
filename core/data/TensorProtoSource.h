#pragma once

#include "data/CalibrationSource.h"

#include <filesystem>
#include <optional>
#include <vector>

namespace foldwise {

struct TensorProtoOptions {
    // Expected item dims (without batch). Unset: taken from the first readable file.
    std::optional<std::vector<int64_t>> itemDims;
};

// One item per TensorProto (.pb) file: a folder of them (sorted by name) or an explicit list (in
// the given order). A file holds one item as C x H x W or 1 x C x H x W (the leading 1 of a
// rank-4 tensor is dropped, or any leading 1 when it makes the dims match `itemDims`); float32
// is used as is and float64 converted. Files of another shape or type are skipped.
class TensorProtoSource : public CalibrationSource {
public:
    // Throws ModelError when the folder has no .pb files or none of them is a readable tensor.
    explicit TensorProtoSource(std::filesystem::path folder, TensorProtoOptions options = {});
    TensorProtoSource(std::vector<std::filesystem::path> files, TensorProtoOptions options = {});

    static std::vector<std::filesystem::path> listTensorFiles(const std::filesystem::path& folder);

    std::size_t size() const override { return files_.size(); }
    std::vector<int64_t> itemDims() const override { return itemDims_; }
    std::string itemId(std::size_t index) const override;
    void readItem(std::size_t index, std::span<float> out) const override;

protected:
    std::string describeItems() const override;

private:
    std::filesystem::path folder_; // empty for an explicit list
    std::vector<std::filesystem::path> files_;
    std::vector<int64_t> itemDims_;

    std::filesystem::path fullPath(std::size_t index) const;
    void settleItemDims(const TensorProtoOptions& options, const std::string& where);
};

} // namespace foldwise
