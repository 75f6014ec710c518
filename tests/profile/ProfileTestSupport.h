#pragma once

// Plain, independent reference computations for the profiler tests: an observer that keeps
// copies of what the executor computed, zero counts by a simple loop, and window histograms by
// visiting every window and tap with ONNX's own geometry rules (written out here, not taken
// from Foldwise).

#include "exec/Executor.h"
#include "OnnxFixtures.h"

#include <cstring>
#include <map>
#include <random>
#include <string>
#include <vector>

namespace reference {

using namespace foldwise;

// Keeps a copy of every node output (by tensor name) and of every node's first input (by node
// name) over one run.
class RecordingObserver : public ExecutionObserver {
public:
    explicit RecordingObserver(const Graph& g) : graph_(g) {}
    void nodeFinished(const Node& node, std::span<const HostTensor* const> inputs,
                      std::span<const HostTensor> outputs) override
    {
        if (!inputs.empty() && inputs[0])
            append(firstInput[node.name], *inputs[0], keepItems);
        for (std::size_t i = 0; i < outputs.size(); ++i)
            if (node.outputs[i] != kNoId)
                append(output[graph_.tensor(node.outputs[i]).name], outputs[i], keepItems);
    }
    // Runs that follow each other add their first `items` items (dim 0; -1: all) to what was
    // recorded.
    static void append(HostTensor& into, const HostTensor& more, int64_t items = -1)
    {
        const int64_t all = more.dims().at(0);
        const int64_t kept = items < 0 ? all : std::min(items, all);
        const std::size_t keptBytes = more.byteSize() / static_cast<std::size_t>(all) * static_cast<std::size_t>(kept);
        std::vector<int64_t> dims = more.dims();
        dims[0] = kept + (into.empty() ? 0 : into.dims()[0]);
        HostTensor joined = HostTensor::allocate(more.type(), dims);
        const std::size_t before = into.empty() ? 0 : into.byteSize();
        if (before)
            std::memcpy(joined.mutableBytes(), into.bytes(), before);
        std::memcpy(joined.mutableBytes() + before, more.bytes(), keptBytes);
        into = std::move(joined);
    }
    int64_t keepItems = -1; // items of each run to record
    std::map<std::string, HostTensor> firstInput;
    std::map<std::string, HostTensor> output;

private:
    const Graph& graph_;
};

inline std::vector<int64_t> zerosPerChannel(const HostTensor& t)
{
    const std::vector<int64_t>& d = t.dims();
    const int64_t channels = d.size() < 2 ? 1 : d[1];
    const int64_t outer = d.empty() ? 1 : d[0];
    const int64_t inner = t.elementCount() / std::max<int64_t>(1, outer * channels);
    std::vector<int64_t> zeros(static_cast<std::size_t>(channels), 0);
    const float* p = t.data<float>();
    for (int64_t n = 0; n < outer; ++n)
        for (int64_t c = 0; c < channels; ++c)
            for (int64_t i = 0; i < inner; ++i)
                if (p[(n * channels + c) * inner + i] == 0.0f)
                    ++zeros[static_cast<std::size_t>(c)];
    return zeros;
}

inline std::vector<int64_t> intsOf(const Node& n, const char* name, std::vector<int64_t> fallback)
{
    for (const Attribute& a : n.attributes)
        if (a.name == name)
            return a.ints;
    return fallback;
}

// counts[c][j] for the Conv `n` (1-D or 2-D, kernel_shape given) over the input `x`.
inline std::vector<int64_t> windowCounts(const Node& n, const HostTensor& x, int64_t& windowsPerChannel)
{
    const std::vector<int64_t>& d = x.dims();
    const bool oneD = d.size() == 3;
    const int64_t N = d[0], C = d[1], H = oneD ? 1 : d[2], W = d.back();
    const std::size_t s = oneD ? 1 : 2;
    const std::vector<int64_t> k = intsOf(n, "kernel_shape", {});
    const std::vector<int64_t> st = intsOf(n, "strides", std::vector<int64_t>(s, 1));
    const std::vector<int64_t> dil = intsOf(n, "dilations", std::vector<int64_t>(s, 1));
    const std::vector<int64_t> pads = intsOf(n, "pads", std::vector<int64_t>(2 * s, 0));
    std::string autoPad = "NOTSET";
    for (const Attribute& a : n.attributes)
        if (a.name == "auto_pad")
            autoPad = a.s;
    const std::vector<int64_t> in = oneD ? std::vector<int64_t>{W} : std::vector<int64_t>{H, W};
    std::vector<int64_t> out(s), before(s);
    for (std::size_t i = 0; i < s; ++i) {
        const int64_t extent = dil[i] * (k[i] - 1) + 1;
        if (autoPad == "SAME_UPPER" || autoPad == "SAME_LOWER") {
            out[i] = (in[i] + st[i] - 1) / st[i];
            const int64_t total = std::max<int64_t>(0, (out[i] - 1) * st[i] + extent - in[i]);
            before[i] = autoPad == "SAME_UPPER" ? total / 2 : total - total / 2;
        } else {
            const int64_t pb = autoPad == "VALID" ? 0 : pads[i], pe = autoPad == "VALID" ? 0 : pads[s + i];
            out[i] = (in[i] + pb + pe - extent) / st[i] + 1;
            before[i] = pb;
        }
    }
    const int64_t kh = oneD ? 1 : k[0], kw = k.back();
    const int64_t sh = oneD ? 1 : st[0], sw = st.back(), dh = oneD ? 1 : dil[0], dw = dil.back();
    const int64_t oh = oneD ? 1 : out[0], ow = out.back(), top = oneD ? 0 : before[0], left = before.back();
    const int64_t K = kh * kw;
    std::vector<int64_t> counts(static_cast<std::size_t>(C * (K + 1)), 0);
    const float* p = x.data<float>();
    for (int64_t b = 0; b < N; ++b)
        for (int64_t c = 0; c < C; ++c)
            for (int64_t y = 0; y < oh; ++y)
                for (int64_t xo = 0; xo < ow; ++xo) {
                    int64_t zeros = 0;
                    for (int64_t i = 0; i < kh; ++i)
                        for (int64_t j = 0; j < kw; ++j) {
                            const int64_t r = y * sh - top + i * dh, col = xo * sw - left + j * dw;
                            zeros += r < 0 || r >= H || col < 0 || col >= W || p[((b * C + c) * H + r) * W + col] == 0.0f;
                        }
                    ++counts[static_cast<std::size_t>(c * (K + 1) + zeros)];
                }
    windowsPerChannel = N * oh * ow;
    return counts;
}

// A Conv with random weights and bias (fixtures::addConv fills constants), any geometry.
inline onnx::NodeProto* addRandomConv(onnx::ModelProto& m, const std::string& name, const std::string& in,
                                      const std::string& out, int64_t cin, int64_t cout, std::vector<int64_t> kernel,
                                      int64_t group, std::mt19937& rng)
{
    std::vector<int64_t> wdims{cout, cin / group};
    wdims.insert(wdims.end(), kernel.begin(), kernel.end());
    onnx::TensorProto* w = fixtures::addInitializer(m, "W_" + name, wdims);
    onnx::TensorProto* b = fixtures::addInitializer(m, "B_" + name, {cout});
    std::normal_distribution<float> value(0.0f, 0.5f);
    for (onnx::TensorProto* t : {w, b}) {
        std::string raw = t->raw_data();
        for (std::size_t i = 0; i < raw.size(); i += 4) {
            const float v = value(rng);
            std::memcpy(raw.data() + i, &v, 4);
        }
        t->set_raw_data(raw);
    }
    onnx::NodeProto* n = fixtures::addNode(m, "Conv", {in, "W_" + name, "B_" + name}, {out}, name);
    fixtures::setInts(n, "kernel_shape", kernel);
    fixtures::setInt(n, "group", group);
    return n;
}

} // namespace reference
