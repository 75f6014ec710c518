#include "data/Normalisation.h"

#include <cstdio>
#include <stdexcept>

namespace foldwise {
namespace {

float valueFor(const std::vector<float>& values, std::size_t channel, float fallback)
{
    if (values.empty())
        return fallback;
    return values.size() == 1 ? values[0] : values[channel];
}

std::string joined(const std::vector<float>& values)
{
    std::string s;
    for (float v : values) {
        char buffer[32];
        std::snprintf(buffer, sizeof buffer, "%g", static_cast<double>(v));
        s += (s.empty() ? "" : ",") + std::string(buffer);
    }
    return s;
}

} // namespace

Normalisation Normalisation::imageNet()
{
    return {{0.485f, 0.456f, 0.406f}, {0.229f, 0.224f, 0.225f}};
}

Normalisation Normalisation::reversed() const
{
    return {{mean.rbegin(), mean.rend()}, {stddev.rbegin(), stddev.rend()}};
}

void Normalisation::validate(std::size_t channels) const
{
    for (const auto* values : {&mean, &stddev})
        if (values->size() > 1 && values->size() != channels)
            throw std::invalid_argument("normalisation has " + std::to_string(values->size())
                                        + " values but the data has " + std::to_string(channels) + " channels");
    for (float s : stddev)
        if (!(s > 0.0f))
            throw std::invalid_argument("normalisation std must be positive, got " + joined({s}));
}

void Normalisation::apply(std::span<float> planar, std::size_t channels) const
{
    if (empty() || channels == 0)
        return;
    const std::size_t plane = planar.size() / channels;
    for (std::size_t c = 0; c < channels; ++c) {
        const float m = valueFor(mean, c, 0.0f);
        const float s = valueFor(stddev, c, 1.0f);
        // Divides rather than multiplying by 1/s, to match torchvision's Normalize exactly.
        for (float& v : planar.subspan(c * plane, plane))
            v = (v - m) / s;
    }
}

std::string Normalisation::describe() const
{
    if (empty())
        return "no normalisation";
    return "mean " + (mean.empty() ? std::string("0") : joined(mean)) + " std "
        + (stddev.empty() ? std::string("1") : joined(stddev));
}

} // namespace foldwise
