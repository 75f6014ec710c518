#include "profile/ProfileFile.h"

#include "io/AtomicFileWriter.h"
#include "io/CommitPoint.h"
#include "io/FolderLock.h"
#include "io/OwnedTemporary.h"
#include "model/ModelError.h"
#include "profile/Sha256.h"

#include "io/JsonReading.h"

#include <nlohmann/json.hpp>

#include <cmath>
#include <fstream>
#include <limits>
#include <set>
#include <sstream>
#include <sys/stat.h>
#include <utility>
#include <vector>

namespace foldwise {
namespace {

using nlohmann::json;
// Written in insertion order (format first), read with the plain (sorted) type.
using ojson = nlohmann::ordered_json;

constexpr const char* kFormatName = "foldwise.activation_profile";

// `<file>.<first 16 hex digits of its SHA-256>.bin`: each content has its own name, so a new
// side-car never overwrites the one the current JSON names, and a rewrite with the same
// content (a resumed sweep) gives the same bytes and names.
std::filesystem::path sideCarPath(const std::filesystem::path& file, const std::string& sha256)
{
    return file.parent_path() / (file.filename().string() + "." + sha256.substr(0, 16) + ".bin");
}

// Whether `name` is a side-car name of `file`: the versioned one above, or `<file>.bin` of
// profiles written before side-cars were versioned.
bool isSideCarOf(const std::string& name, const std::filesystem::path& file)
{
    const std::string base = file.filename().string();
    if (name == base + ".bin")
        return true;
    if (name.size() != base.size() + 1 + 16 + 4 || !name.starts_with(base + ".") || !name.ends_with(".bin"))
        return false;
    return name.substr(base.size() + 1, 16).find_first_not_of("0123456789abcdef") == std::string::npos;
}

// Removes the side-cars of `file` other than `keep`: the one the replaced JSON named, and those
// of writers killed between writing their side-car and their JSON.
void removeOtherSideCars(const std::filesystem::path& file, const std::string& keep)
{
    const std::filesystem::path dir = file.parent_path().empty() ? std::filesystem::path(".") : file.parent_path();
    std::vector<std::filesystem::path> stale;
    std::error_code ec;
    for (std::filesystem::directory_iterator it(dir, ec); !ec && it != std::filesystem::directory_iterator(); it.increment(ec)) {
        const std::string name = it->path().filename().string();
        if (name != keep && isSideCarOf(name, file))
            stale.push_back(it->path());
        // The temporary of a side-car a killed writer did not finish: its hash name may never
        // be written again, so the writer of that very name would not remove it.
        if (const std::size_t tmp = name.rfind(".tmp-"); name.starts_with(".") && tmp != std::string::npos
            && isSideCarOf(name.substr(1, tmp - 1), file) && isAbandoned(it->path(), name.substr(0, tmp + 5)))
            stale.push_back(it->path());
    }
    for (const std::filesystem::path& p : stale) {
        commitPoint("remove an old side-car", p);
        std::filesystem::remove(p, ec);
    }
}

// ---------------------------------------------------------------- writing

// Places int64 arrays inline in the JSON or in the side-car's bytes.
class ArraySink {
public:
    explicit ArraySink(bool sideCar) : sideCar_(sideCar) {}

    ojson put(const std::vector<int64_t>& values)
    {
        if (!sideCar_)
            return ojson(values);
        ojson ref = {{"offset", bytes_.size()}, {"length", values.size()}};
        for (int64_t v : values) {
            const auto u = static_cast<uint64_t>(v);
            for (int b = 0; b < 8; ++b)
                bytes_.push_back(static_cast<char>((u >> (8 * b)) & 0xFF));
        }
        return ref;
    }
    const std::string& bytes() const { return bytes_; }

private:
    bool sideCar_;
    std::string bytes_;
};

ojson floatOrInfinity(float v)
{
    if (std::isinf(v))
        return v > 0 ? "inf" : "-inf";
    return static_cast<double>(v);
}

ojson histogramJson(const ValueHistogram& h, ArraySink& sink)
{
    std::vector<int64_t> keys, counts;
    for (const ValueHistogram::Bucket& b : h.buckets()) {
        keys.push_back(b.key);
        counts.push_back(b.count);
    }
    return {{"mantissa_bits", ValueHistogram::kMantissaBits},
            {"count", h.count()},
            {"zeros", h.zeros()},
            {"non_positive", h.nonPositive()},
            {"nans", h.nans()},
            {"min", floatOrInfinity(h.min())},
            {"max", floatOrInfinity(h.max())},
            {"keys", sink.put(keys)},
            {"counts", sink.put(counts)}};
}

std::size_t arrayValues(const ActivationProfile& p)
{
    std::size_t n = 0;
    for (const TensorZeros& t : p.tensors)
        n += t.channelZeros.size();
    for (const ConvWindowZeros& c : p.convolutions)
        n += c.counts.size();
    for (const ReluInputValues& r : p.relus)
        n += 2 * r.histogram.buckets().size();
    return n;
}

ojson profileJson(const ActivationProfile& profile, ArraySink& sink)
{
    const ProfileProvenance& p = profile.provenance;
    ojson j;
    j["format"] = kFormatName;
    j["format_version"] = kProfileFormatVersion;
    j["foldwise_version"] = p.foldwiseVersion;
    j["model"] = {{"file", p.modelFile}, {"sha256", p.modelSha256}, {"macs_per_item", p.networkMacsPerItem}};
    j["data"] = {{"source", p.dataSource},
                 {"synthetic", p.synthetic},
                 {"items", p.items},
                 {"skipped_items", p.skippedItems},
                 {"shards", {{"count", p.shards.count}, {"layout", p.shards.layout}, {"covered", p.shards.covered}}}};
    j["thresholds"] = ojson::object();
    for (const auto& [name, t] : p.thresholds)
        j["thresholds"][name] = static_cast<double>(t);
    j["notes"] = p.notes;
    j["data_file"] = nullptr;

    ojson tensors = ojson::array();
    for (const TensorZeros& t : profile.tensors)
        tensors.push_back({{"tensor", t.tensor},
                           {"producer", t.producer},
                           {"producer_op", t.producerOp},
                           {"channels", t.channels},
                           {"elements", t.elements},
                           {"zeros", t.zeros},
                           {"channel_zeros", sink.put(t.channelZeros)},
                           {"zero_fraction", zeroFraction(t)}});
    j["tensors"] = std::move(tensors);

    ojson convs = ojson::array();
    for (const ConvWindowZeros& c : profile.convolutions)
        convs.push_back({{"node", c.conv},
                         {"input", c.input},
                         {"kernel", c.kernel},
                         {"strides", c.strides},
                         {"dilations", c.dilations},
                         {"pads", c.pads},
                         {"group", c.group},
                         {"channels", c.channels},
                         {"kernel_size", c.kernelSize},
                         {"macs_per_item", c.macsPerItem},
                         {"windows_per_channel", c.windowsPerChannel},
                         {"window_counts", sink.put(c.counts)},
                         {"mean_zeros_per_window", meanZerosPerWindow(c)},
                         {"mean_window_sparsity", meanWindowSparsity(c)},
                         {"all_zero_window_fraction", allZeroWindowFraction(c)}});
    j["convolutions"] = std::move(convs);

    ojson relus = ojson::array();
    for (const ReluInputValues& r : profile.relus) {
        ojson entry = {{"node", r.node}, {"op", r.op}, {"input", r.input}};
        const auto t = p.thresholds.find(r.node);
        entry["threshold"] = t == p.thresholds.end() ? ojson(nullptr) : ojson(static_cast<double>(t->second));
        entry["value_histogram"] = histogramJson(r.histogram, sink);
        const ValueHistogram::Bracket zeros = r.histogram.zerosAtThreshold(t == p.thresholds.end() ? 0.0f : t->second);
        entry["output_zero_fraction"] =
            r.histogram.count() ? static_cast<double>(zeros.lower) / static_cast<double>(r.histogram.count()) : 0.0;
        relus.push_back(std::move(entry));
    }
    j["relus"] = std::move(relus);
    j["summary"] = {{"network_sparsity", networkSparsity(profile, true)},
                    {"conv_network_sparsity", networkSparsity(profile, false)}};
    return j;
}

// One top-level key per line and one record per line: readable and diff-friendly, without
// putting each of thousands of counts on a line of its own.
std::string layout(const ojson& j)
{
    std::string out = "{\n";
    bool first = true;
    for (const auto& [key, value] : j.items()) {
        out += (first ? "" : ",\n") + ojson(key).dump() + ": ";
        first = false;
        if (value.is_array() && !value.empty() && value.front().is_object()) {
            out += "[\n";
            for (std::size_t i = 0; i < value.size(); ++i)
                out += (i ? ",\n  " : "  ") + value[i].dump();
            out += "\n]";
        } else {
            out += value.dump();
        }
    }
    return out + "\n}\n";
}

void writeAtomically(const std::filesystem::path& file, const std::string& bytes)
{
    AtomicFileWriter writer(file);
    writer.write(bytes.data(), bytes.size());
    writer.commit();
}

// ---------------------------------------------------------------- reading

class ProfileReader {
public:
    explicit ProfileReader(const std::filesystem::path& file) : file_(file) {}

    ActivationProfile read();

private:
    [[noreturn]] void fail(const std::string& where, const std::string& why) const
    {
        throw ModelError(file_.string(), where + ": " + why);
    }

    const json& field(const json& object, const char* key, const std::string& where) const
    {
        if (!object.is_object())
            fail(where, "expected an object");
        const auto it = object.find(key);
        if (it == object.end())
            fail(where, std::string("missing \"") + key + "\"");
        return *it;
    }

    std::string text(const json& object, const char* key, const std::string& where) const
    {
        const json& v = field(object, key, where);
        if (!v.is_string())
            fail(where + "." + key, "expected a string");
        return v.get<std::string>();
    }

    static bool isInt64(const json& v)
    {
        return v.is_number_integer()
            && (!v.is_number_unsigned() || v.get<uint64_t>() <= static_cast<uint64_t>(std::numeric_limits<int64_t>::max()));
    }

    int64_t count(const json& object, const char* key, const std::string& where) const
    {
        const json& v = field(object, key, where);
        if (!isInt64(v) || v.get<int64_t>() < 0)
            fail(where + "." + key, "expected a non-negative integer");
        return v.get<int64_t>();
    }

    // A short list of integers written inline (kernel, strides, ...).
    std::vector<int64_t> smallInts(const json& object, const char* key, const std::string& where) const
    {
        const json& v = field(object, key, where);
        if (!v.is_array() || v.size() > 16)
            fail(where + "." + key, "expected a short array of integers");
        std::vector<int64_t> out;
        for (const json& x : v) {
            if (!isInt64(x))
                fail(where + "." + key, "expected integers");
            out.push_back(x.get<int64_t>());
        }
        return out;
    }

    // A count array, inline or in the side-car; `expected` values, each non-negative.
    std::vector<int64_t> counts(const json& object, const char* key, const std::string& where, int64_t expected) const
    {
        const json& v = field(object, key, where);
        const std::string at = where + "." + key;
        std::vector<int64_t> out;
        if (v.is_array()) {
            if (static_cast<int64_t>(v.size()) != expected)
                fail(at, "expected " + std::to_string(expected) + " values, found " + std::to_string(v.size()));
            out.reserve(v.size());
            for (const json& x : v) {
                if (!isInt64(x) || x.get<int64_t>() < 0)
                    fail(at, "expected non-negative integers");
                out.push_back(x.get<int64_t>());
            }
            return out;
        }
        if (!v.is_object())
            fail(at, "expected an array or a side-car reference {\"offset\", \"length\"}");
        if (!sideCarLoaded_)
            fail(at, "refers to the side-car, but \"data_file\" is null");
        const int64_t offset = count(v, "offset", at);
        const int64_t length = count(v, "length", at);
        const auto size = static_cast<int64_t>(sideCar_.size());
        if (offset % 8 != 0 || offset > size || length > (size - offset) / 8)
            fail(at, "offset " + std::to_string(offset) + " and length " + std::to_string(length)
                         + " lie outside the side-car's " + std::to_string(size) + " bytes");
        if (length != expected)
            fail(at, "expected " + std::to_string(expected) + " values, found " + std::to_string(length));
        out.resize(static_cast<std::size_t>(length));
        for (int64_t i = 0; i < length; ++i) {
            uint64_t u = 0;
            for (int b = 7; b >= 0; --b)
                u = (u << 8) | static_cast<unsigned char>(sideCar_[static_cast<std::size_t>(offset + 8 * i + b)]);
            const auto value = static_cast<int64_t>(u);
            if (value < 0)
                fail(at, "negative count at index " + std::to_string(i));
            out[static_cast<std::size_t>(i)] = value;
        }
        return out;
    }

    // The length an array field holds (inline size or reference length), for fields whose
    // expected length is the data itself (histogram buckets).
    int64_t arrayLength(const json& object, const char* key, const std::string& where) const
    {
        const json& v = field(object, key, where);
        if (v.is_array())
            return static_cast<int64_t>(v.size());
        if (v.is_object())
            return count(v, "length", where + "." + key);
        fail(where + "." + key, "expected an array or a side-car reference");
    }

    int64_t add(int64_t a, int64_t b, const std::string& where) const
    {
        int64_t sum = 0;
        if (__builtin_add_overflow(a, b, &sum))
            fail(where, "counts overflow 64 bits");
        return sum;
    }

    int64_t multiply(int64_t a, int64_t b, const std::string& where) const
    {
        int64_t product = 0;
        if (__builtin_mul_overflow(a, b, &product))
            fail(where, "sizes overflow 64 bits");
        return product;
    }

    float floatValue(const json& object, const char* key, const std::string& where) const
    {
        const json& v = field(object, key, where);
        if (v.is_string() && (v == "inf" || v == "-inf"))
            return v == "inf" ? std::numeric_limits<float>::infinity() : -std::numeric_limits<float>::infinity();
        if (!v.is_number())
            fail(where + "." + key, "expected a number, \"inf\" or \"-inf\"");
        const double d = v.get<double>();
        if (!std::isfinite(d) || std::fabs(d) > std::numeric_limits<float>::max()
            || static_cast<double>(static_cast<float>(d)) != d)
            fail(where + "." + key, "not a float value");
        return static_cast<float>(d);
    }

    void readProvenance(const json& j, ProfileProvenance& p);
    void loadSideCar(const json& j);
    TensorZeros readTensor(const json& j, const std::string& where);
    ConvWindowZeros readConv(const json& j, const std::string& where);
    ReluInputValues readRelu(const json& j, const std::string& where);

    std::filesystem::path file_;
    std::string sideCar_;
    bool sideCarLoaded_ = false;
};

void ProfileReader::readProvenance(const json& j, ProfileProvenance& p)
{
    if (text(j, "format", "profile") != kFormatName)
        fail("format", std::string("not a Foldwise activation profile (expected \"") + kFormatName + "\")");
    const json& version = field(j, "format_version", "profile");
    if (!isInt64(version))
        fail("format_version", "expected an integer");
    if (version.get<int64_t>() != kProfileFormatVersion)
        fail("format_version", "unsupported version " + std::to_string(version.get<int64_t>()) + " (this Foldwise reads version "
                                   + std::to_string(kProfileFormatVersion) + ")");
    p.formatVersion = kProfileFormatVersion;
    p.foldwiseVersion = text(j, "foldwise_version", "profile");

    const json& model = field(j, "model", "profile");
    p.modelFile = text(model, "file", "model");
    p.modelSha256 = text(model, "sha256", "model");
    if (p.modelSha256.size() != 64 || p.modelSha256.find_first_not_of("0123456789abcdef") != std::string::npos)
        fail("model.sha256", "expected 64 lower-case hex digits");
    p.networkMacsPerItem = count(model, "macs_per_item", "model");

    const json& data = field(j, "data", "profile");
    p.dataSource = text(data, "source", "data");
    const json& synthetic = field(data, "synthetic", "data");
    if (!synthetic.is_boolean())
        fail("data.synthetic", "expected true or false");
    p.synthetic = synthetic.get<bool>();
    p.items = count(data, "items", "data");
    p.skippedItems = count(data, "skipped_items", "data");
    const json& shards = field(data, "shards", "data");
    const int64_t shardCount = count(shards, "count", "data.shards");
    if (shardCount < 1)
        fail("data.shards.count", "must be at least 1");
    p.shards.count = static_cast<std::size_t>(shardCount);
    p.shards.layout = text(shards, "layout", "data.shards");
    if (p.shards.layout != "contiguous" && p.shards.layout != "strided")
        fail("data.shards.layout", "expected \"contiguous\" or \"strided\"");
    const json& covered = field(shards, "covered", "data.shards");
    if (!covered.is_array() || covered.empty() || static_cast<int64_t>(covered.size()) > shardCount)
        fail("data.shards.covered", "expected a non-empty array of shard indices");
    p.shards.covered.clear();
    for (const json& s : covered) {
        if (!isInt64(s) || s.get<int64_t>() < 0 || s.get<int64_t>() >= shardCount)
            fail("data.shards.covered", "shard indices must lie in 0 .. count - 1");
        const auto index = static_cast<std::size_t>(s.get<int64_t>());
        if (!p.shards.covered.empty() && index <= p.shards.covered.back())
            fail("data.shards.covered", "shard indices must be strictly increasing");
        p.shards.covered.push_back(index);
    }

    const json& thresholds = field(j, "thresholds", "profile");
    if (!thresholds.is_object())
        fail("thresholds", "expected an object from ReLU node name to threshold");
    for (const auto& [name, value] : thresholds.items()) {
        if (!value.is_number())
            fail("thresholds." + shortText(name), "expected a number");
        p.thresholds[name] = floatValue(thresholds, name.c_str(), "thresholds");
    }
    const json& notes = field(j, "notes", "profile");
    if (!notes.is_array())
        fail("notes", "expected an array of strings");
    for (const json& n : notes) {
        if (!n.is_string())
            fail("notes", "expected an array of strings");
        p.notes.push_back(n.get<std::string>());
    }
}

void ProfileReader::loadSideCar(const json& j)
{
    const json& ref = field(j, "data_file", "profile");
    if (ref.is_null())
        return;
    const std::string name = text(ref, "name", "data_file");
    if (name.empty() || name == "." || name == ".." || name.find('/') != std::string::npos
        || name.find('\\') != std::string::npos)
        fail("data_file.name", "must be a plain file name in the profile's folder");
    const int64_t bytes = count(ref, "bytes", "data_file");
    const std::string sha = text(ref, "sha256", "data_file");
    const std::filesystem::path path = file_.parent_path() / name;
    std::error_code ec;
    const std::uintmax_t size = std::filesystem::file_size(path, ec);
    if (ec)
        fail("data_file", "cannot read the side-car '" + path.string() + "'");
    if (size != static_cast<std::uintmax_t>(bytes))
        fail("data_file", "the side-car '" + path.string() + "' has " + std::to_string(size) + " bytes, the profile "
                              "expects " + std::to_string(bytes) + " (written by another run?)");
    std::ifstream in(path, std::ios::binary);
    sideCar_.resize(static_cast<std::size_t>(bytes));
    if (!in.read(sideCar_.data(), static_cast<std::streamsize>(bytes)))
        fail("data_file", "cannot read the side-car '" + path.string() + "'");
    Sha256 hash;
    hash.update(sideCar_);
    if (hash.finishHex() != sha)
        fail("data_file", "the side-car '" + path.string() + "' does not match the profile's SHA-256 "
                          "(written by another run?)");
    sideCarLoaded_ = true;
}

TensorZeros ProfileReader::readTensor(const json& j, const std::string& where)
{
    TensorZeros t;
    t.tensor = text(j, "tensor", where);
    t.producer = text(j, "producer", where);
    t.producerOp = text(j, "producer_op", where);
    t.channels = count(j, "channels", where);
    t.elements = count(j, "elements", where);
    t.zeros = count(j, "zeros", where);
    if (t.channels < 1)
        fail(where + ".channels", "must be at least 1");
    if (t.elements % t.channels != 0)
        fail(where + ".elements", "not a multiple of the channel count");
    t.channelZeros = counts(j, "channel_zeros", where, t.channels);
    int64_t sum = 0;
    for (int64_t z : t.channelZeros) {
        if (z > t.elements / t.channels)
            fail(where + ".channel_zeros", "a channel has more zeros than values");
        sum = add(sum, z, where + ".channel_zeros");
    }
    if (sum != t.zeros)
        fail(where + ".zeros", "is " + std::to_string(t.zeros) + " but the channels add up to " + std::to_string(sum));
    return t;
}

ConvWindowZeros ProfileReader::readConv(const json& j, const std::string& where)
{
    ConvWindowZeros c;
    c.conv = text(j, "node", where);
    c.input = text(j, "input", where);
    c.kernel = smallInts(j, "kernel", where);
    c.strides = smallInts(j, "strides", where);
    c.dilations = smallInts(j, "dilations", where);
    c.pads = smallInts(j, "pads", where);
    const std::size_t rank = c.kernel.size();
    if (rank < 1 || rank > 2)
        fail(where + ".kernel", "expected 1 or 2 dims");
    if (c.strides.size() != rank || c.dilations.size() != rank || c.pads.size() != 2 * rank)
        fail(where, "kernel, strides, dilations and pads disagree on the rank");
    int64_t k = 1;
    for (std::size_t i = 0; i < rank; ++i) {
        if (c.kernel[i] < 1 || c.strides[i] < 1 || c.dilations[i] < 1 || c.pads[i] < 0 || c.pads[rank + i] < 0)
            fail(where, "kernel, strides and dilations must be positive and pads non-negative");
        k = multiply(k, c.kernel[i], where + ".kernel");
    }
    c.group = count(j, "group", where);
    c.channels = count(j, "channels", where);
    c.kernelSize = count(j, "kernel_size", where);
    c.macsPerItem = count(j, "macs_per_item", where);
    c.windowsPerChannel = count(j, "windows_per_channel", where);
    if (c.kernelSize != k)
        fail(where + ".kernel_size", "is not the product of the kernel dims");
    if (c.group < 1 || c.channels < 1 || c.channels % c.group != 0)
        fail(where, "channels must be a positive multiple of the group count");
    const int64_t bins = add(k, 1, where);
    c.counts = counts(j, "window_counts", where, multiply(c.channels, bins, where + ".window_counts"));
    for (int64_t ch = 0; ch < c.channels; ++ch) {
        int64_t sum = 0;
        for (int64_t b = 0; b < bins; ++b)
            sum = add(sum, c.counts[static_cast<std::size_t>(ch * bins + b)], where + ".window_counts");
        if (sum != c.windowsPerChannel)
            fail(where + ".window_counts", "channel " + std::to_string(ch) + " has " + std::to_string(sum)
                                               + " windows, not windows_per_channel = "
                                               + std::to_string(c.windowsPerChannel));
    }
    return c;
}

ReluInputValues ProfileReader::readRelu(const json& j, const std::string& where)
{
    ReluInputValues r;
    r.node = text(j, "node", where);
    r.op = text(j, "op", where);
    r.input = text(j, "input", where);
    const std::string at = where + ".value_histogram";
    const json& h = field(j, "value_histogram", where);
    const json& bits = field(h, "mantissa_bits", at);
    if (!isInt64(bits) || bits.get<int64_t>() != ValueHistogram::kMantissaBits)
        fail(at + ".mantissa_bits", "this Foldwise reads histograms with " + std::to_string(ValueHistogram::kMantissaBits)
                                        + " mantissa bits");
    const int64_t buckets = arrayLength(h, "keys", at);
    if (buckets > static_cast<int64_t>(ValueHistogram::kBucketCount))
        fail(at + ".keys", "more keys than buckets");
    const std::vector<int64_t> keys = counts(h, "keys", at, buckets);
    const std::vector<int64_t> values = counts(h, "counts", at, buckets);
    std::vector<ValueHistogram::Bucket> parts;
    for (std::size_t i = 0; i < keys.size(); ++i) {
        if (keys[i] >= static_cast<int64_t>(ValueHistogram::kBucketCount))
            fail(at + ".keys", "key out of range");
        parts.push_back({static_cast<uint32_t>(keys[i]), values[i]});
    }
    const int64_t total = count(h, "count", at);
    try {
        r.histogram = ValueHistogram::fromParts(parts, count(h, "zeros", at), count(h, "non_positive", at),
                                                count(h, "nans", at), floatValue(h, "min", at), floatValue(h, "max", at));
    } catch (const std::invalid_argument& e) {
        fail(at, e.what());
    }
    if (r.histogram.count() != total)
        fail(at + ".count", "is " + std::to_string(total) + " but the buckets and NaNs add up to "
                                + std::to_string(r.histogram.count()));
    return r;
}

ActivationProfile ProfileReader::read()
{
    const json j = readJsonFile(file_, "profile");
    if (!j.is_object())
        throw ModelError(file_.string(), "not a Foldwise activation profile (the JSON is not an object)");
    try {
        ActivationProfile profile;
        readProvenance(j, profile.provenance);
        loadSideCar(j);
        const auto list = [&](const char* key) -> const json& {
            const json& v = field(j, key, "profile");
            if (!v.is_array())
                fail(key, "expected an array");
            return v;
        };
        std::set<std::string> names;
        const auto unique = [&](const std::string& kind, const std::string& name, const std::string& where) {
            if (!names.insert(kind + "\n" + name).second)
                fail(where, "'" + name + "' appears twice");
        };
        const json& tensors = list("tensors");
        for (std::size_t i = 0; i < tensors.size(); ++i) {
            const std::string where = "tensors[" + std::to_string(i) + "]";
            profile.tensors.push_back(readTensor(tensors[i], where));
            unique("tensor", profile.tensors.back().tensor, where);
        }
        const json& convs = list("convolutions");
        for (std::size_t i = 0; i < convs.size(); ++i) {
            const std::string where = "convolutions[" + std::to_string(i) + "]";
            profile.convolutions.push_back(readConv(convs[i], where));
            unique("conv", profile.convolutions.back().conv, where);
        }
        const json& relus = list("relus");
        for (std::size_t i = 0; i < relus.size(); ++i) {
            const std::string where = "relus[" + std::to_string(i) + "]";
            profile.relus.push_back(readRelu(relus[i], where));
            unique("relu", profile.relus.back().node, where);
        }
        return profile;
    } catch (const json::exception& e) {
        // Type errors the checks above did not foresee still end as a clear error.
        throw ModelError(file_.string(), std::string("malformed profile: ") + e.what());
    }
}

} // namespace

void writeProfile(const std::filesystem::path& file, const ActivationProfile& profile, const ProfileWriteOptions& options)
{
    const bool sideCar = arrayValues(profile) > options.inlineValueLimit;
    ArraySink sink(sideCar);
    ojson j = profileJson(profile, sink);
    // Writers of profiles in one folder take turns, so that the side-cars one removes are never
    // those another has written and not yet named in its JSON.
    const FolderLock lock(file.parent_path());
    std::string keep;
    if (sideCar) {
        Sha256 hash;
        hash.update(sink.bytes());
        const std::string sha = hash.finishHex();
        const std::filesystem::path binary = sideCarPath(file, sha);
        keep = binary.filename().string();
        j["data_file"] = {{"name", keep}, {"bytes", sink.bytes().size()}, {"sha256", sha}};
        writeAtomically(binary, sink.bytes());
    }
    // The switch: readers see the old JSON with its side-car or the new one with its own.
    writeAtomically(file, layout(j));
    removeOtherSideCars(file, keep);
}

namespace {

// What changes when a profile file is replaced: its inode (a rename) or its modification time.
std::pair<ino_t, timespec> identity(const std::filesystem::path& file)
{
    struct stat s {};
    if (::stat(file.c_str(), &s) != 0)
        return {0, {}};
    return {s.st_ino, s.st_mtim};
}

bool sameIdentity(const std::pair<ino_t, timespec>& a, const std::pair<ino_t, timespec>& b)
{
    return a.first == b.first && a.second.tv_sec == b.second.tv_sec && a.second.tv_nsec == b.second.tv_nsec;
}

} // namespace

ActivationProfile readProfile(const std::filesystem::path& file)
{
    // A writer replacing the profile removes the old side-car once the new JSON is in place, so
    // a reader that read the old JSON just before can find its side-car gone: when the file was
    // replaced during a failed read, the read starts over on the new one.
    for (int attempt = 1;; ++attempt) {
        const auto before = identity(file);
        try {
            return ProfileReader(file).read();
        } catch (const ModelError&) {
            if (attempt >= 5 || sameIdentity(before, identity(file)))
                throw;
        }
    }
}

} // namespace foldwise
