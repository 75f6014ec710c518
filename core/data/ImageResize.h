#pragma once

#include <span>

namespace foldwise {

// Resizes an interleaved float image (height x width x channels) with an antialiased bilinear
// (triangle) filter, the algorithm of PIL's Image.resize(BILINEAR), which torchvision's Resize
// uses: pixel centres aligned, the filter widened by the scale when shrinking so every source
// pixel contributes, and weights renormalised where the filter leaves the image. Upscaling is
// plain bilinear interpolation. Separable: horizontal pass first, sums in double, as PIL.
//
// (Our own code rather than stb_image_resize: its v1, which Debian ships, aborts on an internal
// assertion for some downscale ratios, nothings/stb#1449, and a calibration run must not die on
// an unlucky image size.)
void resizeBilinear(std::span<const float> in, int width, int height, int channels, std::span<float> out,
                    int outWidth, int outHeight);

} // namespace foldwise
