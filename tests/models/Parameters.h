#pragma once
// Seeded parameters with the statistics of the models make_models.py used to export: He (Kaiming)
// initialised weights, and BatchNorm statistics drawn from fixed "realistic" ranges so that
// activations keep a useful scale and about half of every ReLU's inputs are negative.
#include <cstdint>
#include <vector>

namespace models {

class Random;

// make_models.py's realistic_bn: running mean U(-0.1, 0.1), running variance U(0.5, 1.5),
// gamma U(0.5, 1.5), beta U(-0.2, 0.2).
struct BatchNormStatistics {
    std::vector<float> gamma, beta, mean, variance;
};
BatchNormStatistics realisticBatchNorm(Random& random, int64_t channels);

// N(0, sqrt(2 / fan)) weights: torchvision's kaiming_normal_(mode="fan_out", nonlinearity="relu")
// for its convolutions, or He initialisation over fan_in.
std::vector<double> kaimingNormal(Random& random, int64_t count, int64_t fan);

// U(-1/sqrt(fan_in), 1/sqrt(fan_in)): PyTorch's default for Linear (and Conv) weights and biases.
std::vector<float> defaultUniform(Random& random, int64_t count, int64_t fanIn);

// A convolution with a BatchNorm (epsilon 1e-5) folded in, as torch.onnx's constant folding
// writes it: w' = w * gamma / sqrt(var + eps), b' = beta - mean * gamma / sqrt(var + eps).
struct FoldedConv {
    std::vector<float> weight, bias;
};
FoldedConv foldBatchNorm(const std::vector<double>& weight, const BatchNormStatistics& bn);

std::vector<float> toFloats(const std::vector<double>& values);

} // namespace models
