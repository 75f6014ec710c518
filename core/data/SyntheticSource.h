#pragma once

#include "data/CalibrationSource.h"

#include <cstdint>

namespace foldwise {

struct SyntheticOptions {
    enum class Distribution {
        Normal,    // independent N(0, 1) values, like normalised activations
        ImageLike, // uniform [0, 1) pixels, then ImageNet normalisation when there are 3 channels
    };
    std::vector<int64_t> itemDims{3, 224, 224};
    std::uint64_t seed = 0;
    Distribution distribution = Distribution::Normal;
};

// `count` generated items for profiling without data. Item i depends only on (seed, i), never
// on the order or batching of reads, so shards and reruns see identical values. The generator
// (std::mt19937_64 with std::seed_seq) is fully specified by the C++ standard and the value
// transforms are our own, so ImageLike items are bit-identical on every platform; Normal items
// use log/sqrt/cos and may differ in the last bit between C libraries.
class SyntheticSource : public CalibrationSource {
public:
    // Throws ModelError for negative or overflowing item dims.
    SyntheticSource(std::size_t count, SyntheticOptions options = {});

    std::size_t size() const override { return count_; }
    std::vector<int64_t> itemDims() const override { return options_.itemDims; }
    bool synthetic() const override { return true; }
    std::string itemId(std::size_t index) const override;
    void readItem(std::size_t index, std::span<float> out) const override;

protected:
    std::string describeItems() const override;

private:
    std::size_t count_;
    SyntheticOptions options_;
};

} // namespace foldwise
