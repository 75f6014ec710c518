#pragma once

#include "data/ImageCodec.h"
#include "data/Normalisation.h"

#include <cstddef>
#include <optional>
#include <span>
#include <string>

namespace foldwise {

enum class ChannelOrder { RGB, BGR };

// How decoded images become network inputs, in torchvision's order: resize the shorter side to
// `resizeShorter` (bilinear, aspect kept, longer side floor(R * long / short) as torchvision),
// centre-crop to cropHeight x cropWidth (offset floor((size - crop) / 2)), scale to [0, 1],
// order the channels (or convert to one grey channel), normalise. The defaults are the usual
// ImageNet evaluation transform: Resize(256), CenterCrop(224), ToTensor, Normalize.
struct ImagePreprocessing {
    int resizeShorter = 256; // 0: keep the decoded size (images smaller than the crop are skipped)
    int cropHeight = 224;
    int cropWidth = 224;
    bool scaleToUnit = true; // divide by 255; otherwise values stay in [0, 255]
    ChannelOrder order = ChannelOrder::RGB;
    bool grayscale = false;  // one channel, ITU-R 601 luma 0.299 R + 0.587 G + 0.114 B
    // Unset: ImageNet's statistics for colour (reversed for BGR), none for grey. When set, the
    // values apply in output channel order as given.
    std::optional<Normalisation> normalisation;
    // Decoded images above this many pixels are skipped (decompression bombs).
    std::size_t maxPixels = 100'000'000;

    int channels() const { return grayscale ? 1 : 3; }
    Normalisation effectiveNormalisation() const;
    // Throws std::invalid_argument for impossible settings (crop larger than the resize, ...).
    void validate() const;
    std::string describe() const; // "resize 256, crop 224x224, RGB, [0,1], mean ... std ..."
};

// Runs the whole transform on one image, writing channels() x cropHeight x cropWidth floats
// (planar, C x H x W) to `out`. Throws std::runtime_error when the image is smaller than the
// crop (only possible without resizing).
void preprocessImage(const RgbImage& image, const ImagePreprocessing& options, std::span<float> out);

} // namespace foldwise
