#pragma once

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <vector>

namespace foldwise {

// Decoded 8-bit RGB pixels, row-major, channels interleaved (R, G, B, R, G, B, ...).
struct RgbImage {
    int width = 0;
    int height = 0;
    std::vector<std::uint8_t> pixels;
};

// Decodes a PNG, JPEG or BMP file (stb_image) to RGB: grey images are replicated to three
// channels, alpha is dropped, 16-bit PNGs are reduced to 8 bits. Images with more than
// `maxPixels` pixels are refused before decoding (a small file can declare a huge image).
// Throws ModelError(file, reason) when the file cannot be read or decoded.
RgbImage decodeImageFile(const std::filesystem::path& path, std::size_t maxPixels);

} // namespace foldwise
