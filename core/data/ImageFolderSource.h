#pragma once

#include "data/CalibrationSource.h"
#include "data/ImagePreprocessing.h"

#include <filesystem>
#include <vector>

namespace foldwise {

struct ImageFolderOptions {
    bool recursive = false;
    ImagePreprocessing preprocessing;
};

// PNG, JPEG and BMP files in a folder (optionally its subfolders), in byte order of their
// relative paths, decoded and preprocessed on demand. Item ids are the relative paths with '/'
// separators. Files that fail to decode are skipped by the batch readers.
class ImageFolderSource : public CalibrationSource {
public:
    // Lists the folder; throws ModelError(folder, reason) when it is not a folder or holds no
    // images, and for invalid preprocessing options.
    explicit ImageFolderSource(std::filesystem::path folder, ImageFolderOptions options = {});

    // True for the extensions this source reads (case-insensitive .png .jpg .jpeg .bmp).
    static bool isImageFile(const std::filesystem::path& path);
    // The image paths relative to the folder, in item order.
    static std::vector<std::filesystem::path> listImages(const std::filesystem::path& folder, bool recursive);

    std::size_t size() const override { return files_.size(); }
    std::vector<int64_t> itemDims() const override;
    std::string itemId(std::size_t index) const override;
    void readItem(std::size_t index, std::span<float> out) const override;

    const ImageFolderOptions& options() const { return options_; }

protected:
    std::string describeItems() const override;

private:
    std::filesystem::path folder_;
    ImageFolderOptions options_;
    std::vector<std::filesystem::path> files_;
};

} // namespace foldwise
