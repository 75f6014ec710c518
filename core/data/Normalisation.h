#pragma once

#include <cstddef>
#include <span>
#include <string>
#include <vector>

namespace foldwise {

// Per-channel (x - mean) / std on planar (C x H x W) float data. One value applies to every
// channel; otherwise there is one value per channel, in the data's channel order.
struct Normalisation {
    std::vector<float> mean;
    std::vector<float> stddev;

    // torchvision's ImageNet statistics, RGB order.
    static Normalisation imageNet();
    Normalisation reversed() const; // for BGR data

    bool empty() const { return mean.empty() && stddev.empty(); }
    // Throws std::invalid_argument unless mean and std each have 0, 1 or `channels` values
    // and every std is positive.
    void validate(std::size_t channels) const;
    void apply(std::span<float> planar, std::size_t channels) const;
    std::string describe() const; // "mean 0.485,0.456,0.406 std 0.229,0.224,0.225"
};

} // namespace foldwise
