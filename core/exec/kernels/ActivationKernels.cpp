// Element-wise activations and unary math. Float tensors go through oneDNN's eltwise primitive
// where it has the function; the rest are one vectorisable loop.
#include "exec/KernelRegistry.h"
#include "model/DnnlSupport.h"

#include <cmath>
#include <functional>
#include <limits>

namespace foldwise {
namespace {

namespace ds = dnnl_support;

class DnnlEltwiseKernel final : public Kernel {
public:
    // Element-wise: any layout, kept.
    bool acceptsChannelsLast(std::size_t input) const override { return input == 0; }

    DnnlEltwiseKernel(const KernelBuildContext& c, dnnl::algorithm alg, float alpha, float beta)
        : alg_(alg), alpha_(alpha), beta_(beta)
    {
        c.requireInputTypes({0}, {DataType::Float});
    }

    void run(std::span<const HostTensor* const> in, std::vector<HostTensor>& out) override
    {
        const HostTensor& x = *in[0];
        out[0] = HostTensor::allocateUninitialised(DataType::Float, x.dims(), x.layout());
        if (x.elementCount() == 0)
            return;
        // Any shape is one flat vector to an element-wise op: one primitive per element count.
        const std::vector<int64_t> flat{x.elementCount()};
        if (flat != cached_) {
            cached_ = flat;
            const auto desc = ds::plainDesc(flat, DataType::Float);
            dnnl::eltwise_forward::desc d(dnnl::prop_kind::forward_inference, alg_, desc, alpha_, beta_);
            primitive_ = std::make_unique<dnnl::eltwise_forward>(dnnl::eltwise_forward::primitive_desc(d, ds::attributes(), ds::engine()));
        }
        const auto desc = ds::plainDesc(flat, DataType::Float);
        ds::execute(*primitive_, {{DNNL_ARG_SRC, ds::wrap(x, desc)}, {DNNL_ARG_DST, ds::wrap(out[0], desc)}});
    }

private:
    dnnl::algorithm alg_;
    float alpha_, beta_;
    std::vector<int64_t> cached_;
    std::unique_ptr<dnnl::eltwise_forward> primitive_;
};

// y = f(x) element by element; F is a concrete functor type so the loop inlines it.
template <typename F>
class FloatMapKernel final : public Kernel {
public:
    FloatMapKernel(const KernelBuildContext& c, F f) : f_(f) { c.requireInputTypes({0}, {DataType::Float}); }
    explicit FloatMapKernel(F f) : f_(f) {}

    // Element-wise: any layout, kept.
    bool acceptsChannelsLast(std::size_t input) const override { return input == 0; }

    void run(std::span<const HostTensor* const> in, std::vector<HostTensor>& out) override
    {
        const HostTensor& x = *in[0];
        out[0] = HostTensor::allocateUninitialised(DataType::Float, x.dims(), x.layout());
        const float* src = x.data<float>();
        float* dst = out[0].mutableData<float>();
        const int64_t n = x.elementCount();
        for (int64_t i = 0; i < n; ++i)
            dst[i] = f_(src[i]);
    }

private:
    F f_;
};

// Clip's bounds: attributes before opset 11, optional scalar inputs from 11.
class ClipKernel final : public Kernel {
public:
    explicit ClipKernel(const KernelBuildContext& c)
        : opset_(c.opset), lo_(c.node.floatAttr("min", std::numeric_limits<float>::lowest())),
          hi_(c.node.floatAttr("max", std::numeric_limits<float>::max()))
    {
        c.requireInputTypes({0, 1, 2}, {DataType::Float});
    }

    bool acceptsChannelsLast(std::size_t input) const override { return input == 0; }

    void run(std::span<const HostTensor* const> in, std::vector<HostTensor>& out) override
    {
        float lo = lo_, hi = hi_;
        if (opset_ >= 11) {
            if (in.size() > 1 && in[1] && in[1]->elementCount() == 1)
                lo = in[1]->data<float>()[0];
            if (in.size() > 2 && in[2] && in[2]->elementCount() == 1)
                hi = in[2]->data<float>()[0];
        }
        // min(max()) in ONNX's order: with lo > hi every value becomes hi.
        auto clip = [lo, hi](float x) { return std::min(std::max(x, lo), hi); };
        FloatMapKernel<decltype(clip)>(clip).run(in.first(1), out);
    }

private:
    int64_t opset_;
    float lo_, hi_;
};

class PReluKernel final : public Kernel {
public:
    explicit PReluKernel(const KernelBuildContext& c) { c.requireInputTypes({0, 1}, {DataType::Float}); }

    void run(std::span<const HostTensor* const> in, std::vector<HostTensor>& out) override
    {
        const HostTensor& x = *in[0];
        const HostTensor& slope = *in[1];
        out[0] = HostTensor::allocateUninitialised(DataType::Float, x.dims(), x.layout());
        // Slope broadcasts unidirectionally to X (numpy rules, aligned right).
        const std::size_t r = x.rank();
        std::vector<int64_t> sd(r, 1);
        if (slope.rank() > r)
            throw std::invalid_argument("slope " + slope.describe() + " has higher rank than X");
        std::copy(slope.dims().begin(), slope.dims().end(), sd.begin() + static_cast<long>(r - slope.rank()));
        std::vector<int64_t> sStride(r, 0);
        int64_t stride = 1;
        for (int i = static_cast<int>(r) - 1; i >= 0; --i) {
            const auto u = static_cast<std::size_t>(i);
            if (sd[u] != 1 && sd[u] != x.dims()[u])
                throw std::invalid_argument("slope " + slope.describe() + " does not broadcast to " + x.describe());
            sStride[u] = sd[u] == 1 ? 0 : stride;
            stride *= sd[u];
        }
        const float* src = x.data<float>();
        const float* s = slope.data<float>();
        float* dst = out[0].mutableData<float>();
        std::vector<int64_t> index(r, 0);
        const int64_t n = x.elementCount();
        int64_t sOffset = 0;
        for (int64_t i = 0; i < n; ++i) {
            dst[i] = src[i] < 0 ? src[i] * s[sOffset] : src[i];
            // The loop of kernel_helpers::advanceIndex, spelled out: inlined here, GCC 12 reports a
            // false -Wfree-nonheap-object on `index`.
            for (int d = static_cast<int>(r) - 1; d >= 0; --d) {
                const auto u = static_cast<std::size_t>(d);
                sOffset += sStride[u];
                if (++index[u] < x.dims()[u])
                    break;
                sOffset -= sStride[u] * index[u];
                index[u] = 0;
            }
        }
    }
};

using Factory = KernelFactory;

Factory eltwise(dnnl::algorithm alg, float alpha = 0.0f, float beta = 0.0f)
{
    return [=](const KernelBuildContext& c) { return std::make_unique<DnnlEltwiseKernel>(c, alg, alpha, beta); };
}

template <typename F>
Factory floatMap(F f)
{
    return [f](const KernelBuildContext& c) { return std::make_unique<FloatMapKernel<F>>(c, f); };
}

} // namespace

void registerActivationKernels(KernelRegistry& r)
{
    using A = dnnl::algorithm;
    r.add("Relu", eltwise(A::eltwise_relu));
    r.add("LeakyRelu", [](const KernelBuildContext& c) {
        return std::make_unique<DnnlEltwiseKernel>(c, A::eltwise_relu, c.node.floatAttr("alpha", 0.01f), 0.0f);
    });
    r.add("Elu", [](const KernelBuildContext& c) {
        return std::make_unique<DnnlEltwiseKernel>(c, A::eltwise_elu, c.node.floatAttr("alpha", 1.0f), 0.0f);
    });
    r.add("Sigmoid", eltwise(A::eltwise_logistic));
    r.add("Tanh", eltwise(A::eltwise_tanh));
    r.add("Exp", eltwise(A::eltwise_exp));
    r.add("Log", eltwise(A::eltwise_log));
    r.add("Abs", eltwise(A::eltwise_abs));
    r.add("Sqrt", eltwise(A::eltwise_sqrt));
    r.add("Softplus", eltwise(A::eltwise_soft_relu));
    r.add("Neg", eltwise(A::eltwise_linear, -1.0f, 0.0f));
    r.add("HardSwish", eltwise(A::eltwise_hardswish));
    r.add("HardSigmoid", [](const KernelBuildContext& c) -> std::unique_ptr<Kernel> {
        const float alpha = c.node.floatAttr("alpha", 0.2f), beta = c.node.floatAttr("beta", 0.5f);
        auto f = [alpha, beta](float x) { return std::max(0.0f, std::min(1.0f, alpha * x + beta)); };
        return std::make_unique<FloatMapKernel<decltype(f)>>(c, f);
    });
    r.add("Reciprocal", floatMap([](float x) { return 1.0f / x; }));
    r.add("Floor", floatMap([](float x) { return std::floor(x); }));
    r.add("Ceil", floatMap([](float x) { return std::ceil(x); }));
    r.add("Erf", floatMap([](float x) { return std::erf(x); }));
    r.add("Softsign", floatMap([](float x) { return x / (1.0f + std::fabs(x)); }));
    // ThresholdedRelu: x if x > alpha else 0 (the ReLU-threshold work's activation).
    r.add("ThresholdedRelu", [](const KernelBuildContext& c) -> std::unique_ptr<Kernel> {
        const float alpha = c.node.floatAttr("alpha", 1.0f);
        auto f = [alpha](float x) { return x > alpha ? x : 0.0f; };
        return std::make_unique<FloatMapKernel<decltype(f)>>(c, f);
    });
    r.add("Clip", factoryOf<ClipKernel>());
    r.add("PRelu", factoryOf<PReluKernel>());
}

} // namespace foldwise
