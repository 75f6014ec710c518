#pragma once

#include "profile/ValueHistogram.h"

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace foldwise {

// Zeros of one activation tensor: the output of an activation layer (Relu, Clip, ...) or
// the data input of a convolution (a graph input included). Counted over every item profiled.
struct TensorZeros {
    std::string tensor;     // tensor name in the graph
    std::string producer;   // node name; empty for a graph input
    std::string producerOp; // op type; empty for a graph input
    int64_t channels = 1;   // dim 1 (1 for rank < 2)
    int64_t elements = 0;   // values counted, all items and channels
    int64_t zeros = 0;      // x == 0
    std::vector<int64_t> channelZeros; // per channel; each channel holds elements / channels values

    bool operator==(const TensorZeros&) const = default;
};

// The K-window zero histogram of one convolution's input: counts[c * (K + 1) + j] windows
// on input channel c held exactly j zeros (padding counts as zero), over the windows the
// convolution visits (its strides, dilations and pads) on every item.
struct ConvWindowZeros {
    std::string conv;   // node name
    std::string input;  // tensor name of its data input
    std::vector<int64_t> kernel, strides, dilations;
    std::vector<int64_t> pads; // begin..., end... as resolved for the profiled input size
    int64_t group = 1;
    int64_t channels = 0;      // C_in
    int64_t kernelSize = 1;    // K = product of kernel
    int64_t macsPerItem = 0;   // LayerFigures MACs at batch 1
    int64_t windowsPerChannel = 0; // windows counted on each channel, all items together
    std::vector<int64_t> counts;   // channels x (K + 1)

    int64_t bins() const { return kernelSize + 1; }
    bool operator==(const ConvWindowZeros&) const = default;
};

// Inputs of one ReLU (Relu, or ThresholdedRelu when a threshold was applied).
struct ReluInputValues {
    std::string node;  // node name
    std::string op;    // op type as run
    std::string input; // tensor name
    ValueHistogram histogram;

    bool operator==(const ReluInputValues&) const = default;
};

// Which shards of the data a profile covers: {0..count-1} subsets of one partition.
struct ShardCoverage {
    std::size_t count = 1;
    std::string layout = "contiguous"; // or "strided"
    std::vector<std::size_t> covered{0}; // sorted shard indices (0-based, as Shard)

    bool complete() const { return covered.size() == count; }
    bool operator==(const ShardCoverage&) const = default;
};

struct ProfileProvenance {
    int formatVersion = 1;
    std::string foldwiseVersion;
    std::string modelFile;   // as given (informational)
    std::string modelSha256; // of the model file's bytes
    std::string dataSource;  // CalibrationSource::describe()
    bool synthetic = false;
    int64_t items = 0;        // items profiled
    int64_t skippedItems = 0; // unreadable items passed over
    ShardCoverage shards;
    std::map<std::string, float> thresholds; // ReLU node -> t run as ThresholdedRelu(alpha = t)
    int64_t networkMacsPerItem = 0;          // ModelTotals::macs at batch 1
    std::vector<std::string> notes;          // what was not profiled, and why

    bool operator==(const ProfileProvenance&) const = default;
};

// Activation sparsity of a model over a calibration set. Everything is an int64 count, so
// profiles of disjoint shards merge into exactly the profile of the whole set; fractions are
// derived on demand. Records are kept in graph (topological) order.
class ActivationProfile {
public:
    ProfileProvenance provenance;
    std::vector<TensorZeros> tensors;
    std::vector<ConvWindowZeros> convolutions;
    std::vector<ReluInputValues> relus;

    const TensorZeros* findTensor(const std::string& name) const;
    const ConvWindowZeros* findConv(const std::string& node) const;
    const ReluInputValues* findRelu(const std::string& node) const;

    // Adds `other`, a profile of other shards of the same data and model. Throws
    // std::invalid_argument (saying which) unless the format, model hash, data source,
    // thresholds, shard partition and every record's identity and geometry agree and the shards
    // are disjoint. The covered shard list becomes the union.
    void merge(const ActivationProfile& other);
    // Adds the records' counts of `other`, a profile of other items planned from the same model
    // (std::invalid_argument unless every record's identity and geometry agree); provenance is
    // left alone. What merge does after checking provenance, and how the profiler adds up the
    // partial profiles of its threads.
    void mergeStatistics(const ActivationProfile& other);

    // The statistics (records and item counts) equal; provenance such as the shard list and
    // notes may differ. What "merge of shards == whole" means.
    bool sameStatistics(const ActivationProfile& other) const;
    bool operator==(const ActivationProfile&) const = default;
};

// Derived figures (doubles; computed from the counts on output).
double zeroFraction(const TensorZeros& t);
double channelZeroFraction(const TensorZeros& t, int64_t channel);
// Row c normalised to sum to 1 (all zeros when no window was counted).
std::vector<double> normalisedWindowHistogram(const ConvWindowZeros& c, int64_t channel);
// Mean zeros per K-window over all channels and windows.
double meanZerosPerWindow(const ConvWindowZeros& c);
// meanZerosPerWindow / K.
double meanWindowSparsity(const ConvWindowZeros& c);
// Fraction of windows (all channels) without a non-zero value.
double allZeroWindowFraction(const ConvWindowZeros& c);

// Network sparsity as in the ReLU-threshold work: sum over the profiled convolutions of
// meanWindowSparsity weighted by the layer's share of MACs. `ofNetwork` true: shares of the
// whole network's MACs (layers without windows, e.g. Gemm, count as dense); false: shares of
// the profiled convolutions' MACs (a MAC-weighted mean over convolutions).
double networkSparsity(const ActivationProfile& p, bool ofNetwork = true);

} // namespace foldwise
