#include "data/ImageFolderSource.h"

#include "model/ModelError.h"

#include <algorithm>
#include <cctype>
#include <stdexcept>

namespace foldwise {
namespace {

std::string lowerCase(std::string s)
{
    std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return s;
}

} // namespace

ImageFolderSource::ImageFolderSource(std::filesystem::path folder, ImageFolderOptions options)
    : folder_(std::move(folder)), options_(std::move(options))
{
    try {
        options_.preprocessing.validate();
    } catch (const std::invalid_argument& e) {
        throw ModelError(folder_.string(), e.what());
    }
    files_ = listImages(folder_, options_.recursive);
    if (files_.empty())
        throw ModelError(folder_.string(), std::string("no PNG, JPEG or BMP images in the folder")
                                               + (options_.recursive ? " or its subfolders" : ""));
}

bool ImageFolderSource::isImageFile(const std::filesystem::path& path)
{
    const std::string ext = lowerCase(path.extension().string());
    return ext == ".png" || ext == ".jpg" || ext == ".jpeg" || ext == ".bmp";
}

std::vector<std::filesystem::path> ImageFolderSource::listImages(const std::filesystem::path& folder, bool recursive)
{
    namespace fs = std::filesystem;
    std::error_code ec;
    if (!fs::is_directory(folder, ec))
        throw ModelError(folder.string(), fs::exists(folder, ec) ? "not a folder" : "folder does not exist");
    std::vector<fs::path> files;
    const auto consider = [&](const fs::directory_entry& entry) {
        std::error_code typeError;
        if (entry.is_regular_file(typeError) && isImageFile(entry.path()))
            files.push_back(entry.path().lexically_relative(folder));
    };
    // Unreadable subfolders are passed over rather than failing the whole listing.
    const auto options = fs::directory_options::skip_permission_denied;
    if (recursive) {
        for (fs::recursive_directory_iterator it(folder, options, ec), end; !ec && it != end; it.increment(ec))
            consider(*it);
    } else {
        for (fs::directory_iterator it(folder, options, ec), end; !ec && it != end; it.increment(ec))
            consider(*it);
    }
    if (ec)
        throw ModelError(folder.string(), "cannot list the folder: " + ec.message());
    // Byte order of the generic path: the same order on every machine and file system.
    std::sort(files.begin(), files.end(),
              [](const fs::path& a, const fs::path& b) { return a.generic_string() < b.generic_string(); });
    return files;
}

std::vector<int64_t> ImageFolderSource::itemDims() const
{
    const ImagePreprocessing& p = options_.preprocessing;
    return {p.channels(), p.cropHeight, p.cropWidth};
}

std::string ImageFolderSource::itemId(std::size_t index) const
{
    return files_.at(index).generic_string();
}

void ImageFolderSource::readItem(std::size_t index, std::span<float> out) const
{
    const RgbImage image = decodeImageFile(folder_ / files_.at(index), options_.preprocessing.maxPixels);
    preprocessImage(image, options_.preprocessing, out);
}

std::string ImageFolderSource::describeItems() const
{
    return "images " + folder_.string() + " (" + std::to_string(files_.size()) + " files"
        + (options_.recursive ? ", recursive" : "") + "; " + options_.preprocessing.describe() + ")";
}

} // namespace foldwise
