#include "data/ImageCodec.h"

#include "model/ModelError.h"

#include <stb_image.h>

#include <cerrno>
#include <cstring>
#include <fstream>
#include <iterator>
#include <limits>
#include <memory>

namespace foldwise {
namespace {

std::string failureReason()
{
    const char* reason = stbi_failure_reason();
    return reason ? reason : "unknown error";
}

} // namespace

RgbImage decodeImageFile(const std::filesystem::path& path, std::size_t maxPixels)
{
    const std::string file = path.string();
    std::error_code ec;
    if (std::filesystem::is_directory(path, ec))
        throw ModelError(file, "is a folder, not an image");
    std::ifstream in(path, std::ios::binary);
    if (!in)
        throw ModelError(file, std::string("cannot open image: ") + std::strerror(errno));
    const std::vector<unsigned char> bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    if (in.bad())
        throw ModelError(file, "read error");
    if (bytes.empty())
        throw ModelError(file, "empty image file");
    if (bytes.size() > static_cast<std::size_t>(std::numeric_limits<int>::max()))
        throw ModelError(file, "image file larger than 2 GB");
    const int length = static_cast<int>(bytes.size());

    int width = 0, height = 0, channels = 0;
    if (!stbi_info_from_memory(bytes.data(), length, &width, &height, &channels))
        throw ModelError(file, "not a decodable image: " + failureReason());
    if (width <= 0 || height <= 0
        || static_cast<std::size_t>(width) * static_cast<std::size_t>(height) > maxPixels)
        throw ModelError(file, "image of " + std::to_string(width) + "x" + std::to_string(height)
                                   + " pixels exceeds the limit of " + std::to_string(maxPixels) + " pixels");

    const std::unique_ptr<stbi_uc, void (*)(void*)> decoded(
        stbi_load_from_memory(bytes.data(), length, &width, &height, &channels, 3), stbi_image_free);
    if (!decoded)
        throw ModelError(file, "corrupt image: " + failureReason());
    RgbImage image;
    image.width = width;
    image.height = height;
    const std::size_t size = static_cast<std::size_t>(width) * static_cast<std::size_t>(height) * 3;
    image.pixels.assign(decoded.get(), decoded.get() + size);
    return image;
}

} // namespace foldwise
