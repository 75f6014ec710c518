#include "Parameters.h"

#include "Random.h"

#include <cmath>
#include <cstddef>

namespace models {

namespace {

std::vector<float> uniforms(Random& random, int64_t count, double low, double high)
{
    std::vector<float> v(static_cast<std::size_t>(count));
    for (float& x : v)
        x = static_cast<float>(random.uniform(low, high));
    return v;
}

} // namespace

BatchNormStatistics realisticBatchNorm(Random& random, int64_t channels)
{
    BatchNormStatistics bn;
    bn.mean = uniforms(random, channels, -0.1, 0.1);
    bn.variance = uniforms(random, channels, 0.5, 1.5);
    bn.gamma = uniforms(random, channels, 0.5, 1.5);
    bn.beta = uniforms(random, channels, -0.2, 0.2);
    return bn;
}

std::vector<double> kaimingNormal(Random& random, int64_t count, int64_t fan)
{
    // std::sqrt is exactly rounded (IEEE 754), so this stays portable.
    const double stddev = std::sqrt(2.0 / static_cast<double>(fan));
    std::vector<double> v(static_cast<std::size_t>(count));
    for (double& x : v)
        x = random.normal(0.0, stddev);
    return v;
}

std::vector<float> defaultUniform(Random& random, int64_t count, int64_t fanIn)
{
    const double bound = 1.0 / std::sqrt(static_cast<double>(fanIn));
    return uniforms(random, count, -bound, bound);
}

FoldedConv foldBatchNorm(const std::vector<double>& weight, const BatchNormStatistics& bn)
{
    const std::size_t channels = bn.gamma.size();
    const std::size_t perChannel = weight.size() / channels;
    FoldedConv folded;
    folded.weight.resize(weight.size());
    folded.bias.resize(channels);
    for (std::size_t c = 0; c < channels; ++c) {
        const double scale = static_cast<double>(bn.gamma[c]) / std::sqrt(static_cast<double>(bn.variance[c]) + 1e-5);
        for (std::size_t i = 0; i < perChannel; ++i)
            folded.weight[c * perChannel + i] = static_cast<float>(weight[c * perChannel + i] * scale);
        folded.bias[c] = static_cast<float>(static_cast<double>(bn.beta[c]) - static_cast<double>(bn.mean[c]) * scale);
    }
    return folded;
}

std::vector<float> toFloats(const std::vector<double>& values)
{
    return {values.begin(), values.end()};
}

} // namespace models
