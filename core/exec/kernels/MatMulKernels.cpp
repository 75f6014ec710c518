// Gemm and MatMul through oneDNN's matmul primitive (transposes as strides, batch broadcast).
#include "exec/KernelRegistry.h"
#include "model/DnnlSupport.h"

namespace foldwise {
namespace {

namespace ds = dnnl_support;
using dnnl::memory;

memory::dims toDims(const std::vector<int64_t>& v)
{
    return memory::dims(v.begin(), v.end());
}

// A row-major matrix stack, optionally read transposed (the last two dims swapped by strides).
memory::desc matrixDesc(const std::vector<int64_t>& d, bool transposed)
{
    const std::size_t r = d.size();
    memory::dims shape = toDims(d);
    memory::dims strides(r, 1);
    for (int i = static_cast<int>(r) - 2; i >= 0; --i)
        strides[static_cast<std::size_t>(i)] = strides[static_cast<std::size_t>(i) + 1] * shape[static_cast<std::size_t>(i) + 1];
    if (transposed) {
        std::swap(shape[r - 1], shape[r - 2]);
        std::swap(strides[r - 1], strides[r - 2]);
    }
    // Broadcast batch dims must have stride 0-free plain strides; size-1 dims are fine as is.
    return memory::desc(shape, memory::data_type::f32, strides);
}

class MatMulPrimitive {
public:
    // dims already of equal rank >= 2; computes dst = alpha * a * b.
    void run(const HostTensor& a, const std::vector<int64_t>& aDims, bool transA, const HostTensor& b,
             const std::vector<int64_t>& bDims, bool transB, HostTensor& dst, float alpha)
    {
        if (aDims != aCached_ || bDims != bCached_ || transA != transA_ || transB != transB_ || !primitive_) {
            aCached_ = aDims;
            bCached_ = bDims;
            transA_ = transA;
            transB_ = transB;
            aDesc_ = matrixDesc(aDims, transA);
            bDesc_ = matrixDesc(bDims, transB);
            dstDesc_ = ds::plainDesc(dst.dims(), DataType::Float);
            dnnl::primitive_attr attr = ds::attributes();
            if (alpha != 1.0f)
                attr.set_output_scales(0, {alpha});
            dnnl::matmul::desc d(aDesc_, bDesc_, dstDesc_);
            dnnl::matmul::primitive_desc pd(d, attr, ds::engine());
            primitive_ = std::make_unique<dnnl::matmul>(pd);
        }
        ds::execute(*primitive_, {{DNNL_ARG_SRC, ds::wrap(a, aDesc_)},
                                  {DNNL_ARG_WEIGHTS, ds::wrap(b, bDesc_)},
                                  {DNNL_ARG_DST, ds::wrap(dst, dstDesc_)}});
    }

private:
    std::vector<int64_t> aCached_, bCached_;
    bool transA_ = false, transB_ = false;
    memory::desc aDesc_, bDesc_, dstDesc_;
    std::unique_ptr<dnnl::matmul> primitive_;
};

class GemmKernel final : public Kernel {
public:
    explicit GemmKernel(const KernelBuildContext& c)
    {
        c.requireInputTypes({0, 1, 2}, {DataType::Float});
        alpha_ = c.node.floatAttr("alpha", 1.0f);
        beta_ = c.node.floatAttr("beta", 1.0f);
        transA_ = c.node.intAttr("transA", 0) != 0;
        transB_ = c.node.intAttr("transB", 0) != 0;
    }

    void run(std::span<const HostTensor* const> in, std::vector<HostTensor>& out) override
    {
        const HostTensor& a = *in[0];
        const HostTensor& b = *in[1];
        const HostTensor* c = in.size() > 2 ? in[2] : nullptr;
        if (a.rank() != 2 || b.rank() != 2)
            throw std::invalid_argument("Gemm needs 2-D operands, got " + a.describe() + " and " + b.describe());
        const int64_t m = transA_ ? a.dims()[1] : a.dims()[0];
        const int64_t k = transA_ ? a.dims()[0] : a.dims()[1];
        const int64_t kb = transB_ ? b.dims()[1] : b.dims()[0];
        const int64_t n = transB_ ? b.dims()[0] : b.dims()[1];
        if (k != kb)
            throw std::invalid_argument("inner dims differ: " + a.describe() + " x " + b.describe());
        out[0] = k > 0 ? HostTensor::allocateUninitialised(DataType::Float, {m, n}) : HostTensor::allocate(DataType::Float, {m, n});
        float* y = out[0].mutableData<float>();
        if (m * n == 0)
            return;
        if (k > 0)
            matmul_.run(a, a.dims(), transA_, b, b.dims(), transB_, out[0], alpha_);
        if (c && beta_ != 0.0f)
            addBroadcastC(*c, y, m, n);
    }

private:
    void addBroadcastC(const HostTensor& c, float* y, int64_t m, int64_t n) const
    {
        // C is unidirectionally broadcastable to (M, N): rank 0, (N), (1|M, 1|N).
        int64_t rows = 1, cols = 1;
        if (c.rank() == 1)
            cols = c.dims()[0];
        else if (c.rank() == 2) {
            rows = c.dims()[0];
            cols = c.dims()[1];
        }
        if ((rows != 1 && rows != m) || (cols != 1 && cols != n) || c.rank() > 2)
            throw std::invalid_argument("C " + c.describe() + " does not broadcast to " + std::to_string(m) + "x"
                                        + std::to_string(n));
        const float* cv = c.data<float>();
        for (int64_t i = 0; i < m; ++i)
            for (int64_t j = 0; j < n; ++j)
                y[i * n + j] += beta_ * cv[(rows == 1 ? 0 : i) * cols + (cols == 1 ? 0 : j)];
    }

    float alpha_ = 1.0f, beta_ = 1.0f;
    bool transA_ = false, transB_ = false;
    MatMulPrimitive matmul_;
};

class MatMulKernel final : public Kernel {
public:
    explicit MatMulKernel(const KernelBuildContext& c) { c.requireInputTypes({0, 1}, {DataType::Float}); }

    void run(std::span<const HostTensor* const> in, std::vector<HostTensor>& out) override
    {
        const HostTensor& a = *in[0];
        const HostTensor& b = *in[1];
        if (a.rank() == 0 || b.rank() == 0)
            throw std::invalid_argument("MatMul operands must have rank >= 1");
        std::vector<int64_t> ad = a.dims(), bd = b.dims();
        const bool aVector = ad.size() == 1, bVector = bd.size() == 1;
        if (aVector)
            ad.insert(ad.begin(), 1);
        if (bVector)
            bd.push_back(1);
        const std::size_t rank = std::max(ad.size(), bd.size());
        ad.insert(ad.begin(), rank - ad.size(), 1);
        bd.insert(bd.begin(), rank - bd.size(), 1);
        if (ad[rank - 1] != bd[rank - 2])
            throw std::invalid_argument("inner dims differ: " + a.describe() + " x " + b.describe());
        std::vector<int64_t> od(rank);
        for (std::size_t i = 0; i + 2 < rank; ++i) {
            if (ad[i] != bd[i] && ad[i] != 1 && bd[i] != 1)
                throw std::invalid_argument("batch dims do not broadcast: " + a.describe() + " x " + b.describe());
            od[i] = std::max(ad[i], bd[i]);
        }
        od[rank - 2] = ad[rank - 2];
        od[rank - 1] = bd[rank - 1];
        HostTensor y = ad[rank - 1] > 0 ? HostTensor::allocateUninitialised(DataType::Float, od) : HostTensor::allocate(DataType::Float, od);
        if (y.elementCount() > 0 && ad[rank - 1] > 0)
            matmul_.run(a, ad, false, b, bd, false, y, 1.0f);
        // Drop the dims numpy adds for vector operands.
        std::vector<int64_t> final(od.begin(), od.end());
        if (bVector)
            final.erase(final.end() - 1);
        if (aVector)
            final.erase(final.end() - (bVector ? 1 : 2));
        out[0] = y.reshaped(final);
    }

private:
    MatMulPrimitive matmul_;
};

} // namespace

void registerMatMulKernels(KernelRegistry& registry)
{
    registry.add("Gemm", factoryOf<GemmKernel>());
    registry.add("MatMul", factoryOf<MatMulKernel>());
}

} // namespace foldwise
