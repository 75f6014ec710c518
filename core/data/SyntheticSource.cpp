#include "data/SyntheticSource.h"

#include "data/Normalisation.h"
#include "model/ModelError.h"
#include "model/Shape.h"

#include <cmath>
#include <numbers>
#include <random>

namespace foldwise {
namespace {

// Uniform in [0, 1) from the top 53 bits: exact and identical everywhere, unlike
// std::uniform_real_distribution, whose algorithm the standard leaves open.
double unitUniform(std::mt19937_64& rng)
{
    return static_cast<double>(rng() >> 11) * 0x1.0p-53;
}

std::mt19937_64 generatorFor(std::uint64_t seed, std::size_t index)
{
    const auto low = [](std::uint64_t v) { return static_cast<std::uint32_t>(v & 0xffffffffu); };
    const auto high = [](std::uint64_t v) { return static_cast<std::uint32_t>(v >> 32); };
    const auto i = static_cast<std::uint64_t>(index);
    std::seed_seq sequence{low(seed), high(seed), low(i), high(i)};
    return std::mt19937_64(sequence);
}

} // namespace

SyntheticSource::SyntheticSource(std::size_t count, SyntheticOptions options) : count_(count), options_(std::move(options))
{
    if (!checkedProduct(options_.itemDims))
        throw ModelError("synthetic", "item dims " + Shape::fromValues(options_.itemDims).toString()
                                          + " are negative or overflow");
}

std::string SyntheticSource::itemId(std::size_t index) const
{
    return std::to_string(index);
}

void SyntheticSource::readItem(std::size_t index, std::span<float> out) const
{
    std::mt19937_64 rng = generatorFor(options_.seed, index);
    if (options_.distribution == SyntheticOptions::Distribution::ImageLike) {
        for (float& v : out)
            v = static_cast<float>(unitUniform(rng));
        if (!options_.itemDims.empty() && options_.itemDims[0] == 3)
            Normalisation::imageNet().apply(out, 3);
        return;
    }
    // Box-Muller: two uniforms give two independent standard normals.
    for (std::size_t i = 0; i < out.size(); i += 2) {
        const double u1 = 1.0 - unitUniform(rng); // (0, 1]: log stays finite
        const double u2 = unitUniform(rng);
        const double radius = std::sqrt(-2.0 * std::log(u1));
        const double angle = 2.0 * std::numbers::pi * u2;
        out[i] = static_cast<float>(radius * std::cos(angle));
        if (i + 1 < out.size())
            out[i + 1] = static_cast<float>(radius * std::sin(angle));
    }
}

std::string SyntheticSource::describeItems() const
{
    return "synthetic " + std::to_string(count_) + " items " + Shape::fromValues(options_.itemDims).toString() + " ("
        + (options_.distribution == SyntheticOptions::Distribution::Normal ? "normal(0,1)"
           : !options_.itemDims.empty() && options_.itemDims[0] == 3 ? "image-like uniform [0,1], ImageNet-normalised"
                                                                     : "uniform [0,1]")
        + ", seed " + std::to_string(options_.seed) + ")";
}

} // namespace foldwise
