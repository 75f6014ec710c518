#include "data/ImagePreprocessing.h"

#include "data/ImageResize.h"

#include <cstdint>
#include <stdexcept>
#include <vector>

namespace foldwise {
namespace {

struct Size {
    int width = 0;
    int height = 0;
};

// torchvision's Resize(int): the shorter side becomes `shorter`, the longer side is truncated.
Size resizedSize(int width, int height, int shorter)
{
    if (shorter <= 0)
        return {width, height};
    const auto scaled = [shorter](int longSide, int shortSide) {
        return static_cast<int>(static_cast<int64_t>(shorter) * longSide / shortSide);
    };
    if (width <= height)
        return {shorter, scaled(height, width)};
    return {scaled(width, height), shorter};
}

} // namespace

Normalisation ImagePreprocessing::effectiveNormalisation() const
{
    if (normalisation)
        return *normalisation;
    if (grayscale)
        return {};
    return order == ChannelOrder::BGR ? Normalisation::imageNet().reversed() : Normalisation::imageNet();
}

void ImagePreprocessing::validate() const
{
    if (cropHeight <= 0 || cropWidth <= 0)
        throw std::invalid_argument("the crop size must be positive, got " + std::to_string(cropHeight) + "x"
                                    + std::to_string(cropWidth));
    if (resizeShorter < 0)
        throw std::invalid_argument("the resize size must not be negative");
    if (resizeShorter > 0 && (cropHeight > resizeShorter || cropWidth > resizeShorter))
        throw std::invalid_argument("the crop " + std::to_string(cropHeight) + "x" + std::to_string(cropWidth)
                                    + " is larger than the resized shorter side " + std::to_string(resizeShorter));
    effectiveNormalisation().validate(static_cast<std::size_t>(channels()));
}

std::string ImagePreprocessing::describe() const
{
    std::string s = resizeShorter > 0 ? "resize " + std::to_string(resizeShorter) : std::string("no resize");
    s += ", crop " + std::to_string(cropHeight) + "x" + std::to_string(cropWidth);
    s += grayscale ? ", grey" : order == ChannelOrder::BGR ? ", BGR" : ", RGB";
    s += scaleToUnit ? ", [0,1]" : ", [0,255]";
    return s + ", " + effectiveNormalisation().describe();
}

void preprocessImage(const RgbImage& image, const ImagePreprocessing& options, std::span<float> out)
{
    const Size size = resizedSize(image.width, image.height, options.resizeShorter);
    if (size.width < options.cropWidth || size.height < options.cropHeight)
        throw std::runtime_error("image of " + std::to_string(image.width) + "x" + std::to_string(image.height)
                                 + " is smaller than the crop " + std::to_string(options.cropWidth) + "x"
                                 + std::to_string(options.cropHeight) + " (width x height)");
    const std::size_t plane = static_cast<std::size_t>(options.cropHeight) * static_cast<std::size_t>(options.cropWidth);
    if (out.size() != plane * static_cast<std::size_t>(options.channels()))
        throw std::invalid_argument("preprocessImage: output size does not match the crop");

    // Interleaved float pixels, resized when needed. Resizing commutes with the later linear
    // scaling, so it runs on the raw 0..255 values.
    std::vector<float> pixels(image.pixels.begin(), image.pixels.end());
    if (size.width != image.width || size.height != image.height) {
        std::vector<float> resized(static_cast<std::size_t>(size.width) * static_cast<std::size_t>(size.height) * 3);
        resizeBilinear(pixels, image.width, image.height, 3, resized, size.width, size.height);
        pixels = std::move(resized);
    }

    const int top = (size.height - options.cropHeight) / 2;
    const int left = (size.width - options.cropWidth) / 2;
    // Divides (as torchvision's ToTensor) rather than multiplying by 1/255, for identical values.
    const float divisor = options.scaleToUnit ? 255.0f : 1.0f;
    // Source channel for each output channel.
    const int rgb[3] = {0, 1, 2};
    const int bgr[3] = {2, 1, 0};
    const int* channelOf = options.order == ChannelOrder::BGR ? bgr : rgb;
    for (int y = 0; y < options.cropHeight; ++y) {
        const float* row = pixels.data() + (static_cast<std::size_t>(top + y) * static_cast<std::size_t>(size.width)
                                             + static_cast<std::size_t>(left)) * 3;
        for (int x = 0; x < options.cropWidth; ++x) {
            const float* px = row + static_cast<std::size_t>(x) * 3;
            const std::size_t at = static_cast<std::size_t>(y) * static_cast<std::size_t>(options.cropWidth)
                + static_cast<std::size_t>(x);
            if (options.grayscale) {
                out[at] = (0.299f * px[0] + 0.587f * px[1] + 0.114f * px[2]) / divisor;
            } else {
                for (int c = 0; c < 3; ++c)
                    out[static_cast<std::size_t>(c) * plane + at] = px[channelOf[c]] / divisor;
            }
        }
    }
    options.effectiveNormalisation().apply(out, static_cast<std::size_t>(options.channels()));
}

} // namespace foldwise
