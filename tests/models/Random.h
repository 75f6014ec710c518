#pragma once
// Seeded random numbers that are the same on every platform: std::mt19937_64's raw output is
// fixed by the standard, while std::uniform_real_distribution and std::normal_distribution are
// implementation-defined. Only exactly rounded IEEE operations are used here (no libm), so a
// model written on one machine is byte-identical to one written on another.
#include <cstdint>
#include <random>

namespace models {

class Random {
public:
    explicit Random(std::uint64_t seed) : engine_(seed) {}

    // Uniform in [0, 1) from the top 53 bits of one draw.
    double unit() { return static_cast<double>(engine_() >> 11) * 0x1.0p-53; }

    double uniform(double low, double high) { return low + (high - low) * unit(); }

    // Irwin-Hall: the sum of 12 uniforms minus 6 has mean 0 and variance 1, close enough to a
    // normal distribution for weight initialisation (its tails stop at 6 sigma).
    double normal(double mean, double stddev)
    {
        double sum = 0;
        for (int i = 0; i < 12; ++i)
            sum += unit();
        return mean + stddev * (sum - 6.0);
    }

private:
    std::mt19937_64 engine_;
};

} // namespace models
