#include "profile/ActivationProfile.h"

#include <algorithm>
#include <stdexcept>

namespace foldwise {
namespace {

template <typename Record, typename Key>
const Record* findBy(const std::vector<Record>& records, const std::string& name, Key key)
{
    for (const Record& r : records)
        if (r.*key == name)
            return &r;
    return nullptr;
}

[[noreturn]] void mismatch(const std::string& what)
{
    throw std::invalid_argument("cannot merge the profiles: " + what);
}

void addCounts(std::vector<int64_t>& into, const std::vector<int64_t>& from)
{
    for (std::size_t i = 0; i < into.size(); ++i)
        into[i] += from[i];
}

double ratio(int64_t numerator, int64_t denominator)
{
    return denominator > 0 ? static_cast<double>(numerator) / static_cast<double>(denominator) : 0.0;
}

// Sum over windows of their zero counts: sum_c sum_j j * counts[c][j].
int64_t totalWindowZeros(const ConvWindowZeros& c)
{
    int64_t zeros = 0;
    for (int64_t ch = 0; ch < c.channels; ++ch)
        for (int64_t j = 1; j < c.bins(); ++j)
            zeros += j * c.counts[static_cast<std::size_t>(ch * c.bins() + j)];
    return zeros;
}

} // namespace

const TensorZeros* ActivationProfile::findTensor(const std::string& name) const
{
    return findBy(tensors, name, &TensorZeros::tensor);
}

const ConvWindowZeros* ActivationProfile::findConv(const std::string& node) const
{
    return findBy(convolutions, node, &ConvWindowZeros::conv);
}

const ReluInputValues* ActivationProfile::findRelu(const std::string& node) const
{
    return findBy(relus, node, &ReluInputValues::node);
}

void ActivationProfile::merge(const ActivationProfile& other)
{
    const ProfileProvenance& a = provenance;
    const ProfileProvenance& b = other.provenance;
    if (a.formatVersion != b.formatVersion)
        mismatch("format versions " + std::to_string(a.formatVersion) + " and " + std::to_string(b.formatVersion));
    if (a.modelSha256 != b.modelSha256)
        mismatch("they profile different models (SHA-256 " + a.modelSha256 + " and " + b.modelSha256 + ")");
    if (a.dataSource != b.dataSource || a.synthetic != b.synthetic)
        mismatch("different calibration data ('" + a.dataSource + "' and '" + b.dataSource + "')");
    if (a.thresholds != b.thresholds)
        mismatch("different ReLU thresholds");
    if (a.networkMacsPerItem != b.networkMacsPerItem)
        mismatch("different network MACs");
    if (a.shards.count != b.shards.count || a.shards.layout != b.shards.layout)
        mismatch("different shard partitions (" + std::to_string(a.shards.count) + " " + a.shards.layout + " and "
                 + std::to_string(b.shards.count) + " " + b.shards.layout + " shards)");
    for (std::size_t s : b.shards.covered)
        if (std::binary_search(a.shards.covered.begin(), a.shards.covered.end(), s))
            mismatch("both cover shard " + std::to_string(s) + " of " + std::to_string(a.shards.count)
                     + " (shards must be disjoint)");
    mergeStatistics(other);
    provenance.items += b.items;
    provenance.skippedItems += b.skippedItems;
    std::vector<std::size_t>& covered = provenance.shards.covered;
    covered.insert(covered.end(), b.shards.covered.begin(), b.shards.covered.end());
    std::sort(covered.begin(), covered.end());
    for (const std::string& note : b.notes)
        if (std::find(a.notes.begin(), a.notes.end(), note) == a.notes.end())
            provenance.notes.push_back(note);
}

void ActivationProfile::mergeStatistics(const ActivationProfile& other)
{
    if (tensors.size() != other.tensors.size() || convolutions.size() != other.convolutions.size()
        || relus.size() != other.relus.size())
        mismatch("they hold different layers");
    for (std::size_t i = 0; i < tensors.size(); ++i) {
        const TensorZeros& x = tensors[i];
        const TensorZeros& y = other.tensors[i];
        if (x.tensor != y.tensor || x.producer != y.producer || x.producerOp != y.producerOp || x.channels != y.channels)
            mismatch("tensor '" + x.tensor + "' differs from '" + y.tensor + "'");
    }
    for (std::size_t i = 0; i < convolutions.size(); ++i) {
        const ConvWindowZeros& x = convolutions[i];
        const ConvWindowZeros& y = other.convolutions[i];
        if (x.conv != y.conv || x.input != y.input || x.kernel != y.kernel || x.strides != y.strides
            || x.dilations != y.dilations || x.pads != y.pads || x.group != y.group || x.channels != y.channels
            || x.kernelSize != y.kernelSize || x.macsPerItem != y.macsPerItem)
            mismatch("convolution '" + x.conv + "' differs from '" + y.conv + "'");
    }
    for (std::size_t i = 0; i < relus.size(); ++i)
        if (relus[i].node != other.relus[i].node || relus[i].op != other.relus[i].op
            || relus[i].input != other.relus[i].input)
            mismatch("ReLU '" + relus[i].node + "' differs from '" + other.relus[i].node + "'");

    // Everything checked: now add.
    for (std::size_t i = 0; i < tensors.size(); ++i) {
        tensors[i].elements += other.tensors[i].elements;
        tensors[i].zeros += other.tensors[i].zeros;
        addCounts(tensors[i].channelZeros, other.tensors[i].channelZeros);
    }
    for (std::size_t i = 0; i < convolutions.size(); ++i) {
        convolutions[i].windowsPerChannel += other.convolutions[i].windowsPerChannel;
        addCounts(convolutions[i].counts, other.convolutions[i].counts);
    }
    for (std::size_t i = 0; i < relus.size(); ++i)
        relus[i].histogram.merge(other.relus[i].histogram);
}

bool ActivationProfile::sameStatistics(const ActivationProfile& other) const
{
    return tensors == other.tensors && convolutions == other.convolutions && relus == other.relus
        && provenance.items == other.provenance.items && provenance.skippedItems == other.provenance.skippedItems;
}

double zeroFraction(const TensorZeros& t)
{
    return ratio(t.zeros, t.elements);
}

double channelZeroFraction(const TensorZeros& t, int64_t channel)
{
    return ratio(t.channelZeros.at(static_cast<std::size_t>(channel)), t.channels > 0 ? t.elements / t.channels : 0);
}

std::vector<double> normalisedWindowHistogram(const ConvWindowZeros& c, int64_t channel)
{
    std::vector<double> row(static_cast<std::size_t>(c.bins()));
    for (int64_t j = 0; j < c.bins(); ++j)
        row[static_cast<std::size_t>(j)] =
            ratio(c.counts.at(static_cast<std::size_t>(channel * c.bins() + j)), c.windowsPerChannel);
    return row;
}

double meanZerosPerWindow(const ConvWindowZeros& c)
{
    return ratio(totalWindowZeros(c), c.windowsPerChannel * c.channels);
}

double meanWindowSparsity(const ConvWindowZeros& c)
{
    return ratio(totalWindowZeros(c), c.windowsPerChannel * c.channels * c.kernelSize);
}

double allZeroWindowFraction(const ConvWindowZeros& c)
{
    int64_t allZero = 0;
    for (int64_t ch = 0; ch < c.channels; ++ch)
        allZero += c.counts[static_cast<std::size_t>(ch * c.bins() + c.kernelSize)];
    return ratio(allZero, c.windowsPerChannel * c.channels);
}

double networkSparsity(const ActivationProfile& p, bool ofNetwork)
{
    int64_t convMacs = 0;
    for (const ConvWindowZeros& c : p.convolutions)
        convMacs += c.macsPerItem;
    const int64_t total = ofNetwork ? p.provenance.networkMacsPerItem : convMacs;
    if (total <= 0)
        return 0.0;
    double sparsity = 0;
    for (const ConvWindowZeros& c : p.convolutions)
        sparsity += meanWindowSparsity(c) * static_cast<double>(c.macsPerItem) / static_cast<double>(total);
    return sparsity;
}

} // namespace foldwise
