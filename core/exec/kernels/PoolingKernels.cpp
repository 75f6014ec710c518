// MaxPool, AveragePool, GlobalAveragePool, GlobalMaxPool through oneDNN pooling.
#include "exec/KernelRegistry.h"
#include "exec/kernels/KernelHelpers.h"
#include "exec/kernels/WindowGeometry.h"
#include "model/DnnlSupport.h"

namespace foldwise {
namespace {

namespace ds = dnnl_support;

dnnl::memory::dims toDims(const std::vector<int64_t>& v)
{
    return dnnl::memory::dims(v.begin(), v.end());
}

class PoolKernel final : public Kernel {
public:
    enum class Mode { Max, Average, GlobalAverage, GlobalMax };

    PoolKernel(const KernelBuildContext& c, Mode mode) : mode_(mode)
    {
        c.requireInputTypes({0}, {DataType::Float});
        if (mode == Mode::Max && c.node.outputs.size() > 1 && c.node.outputs[1] != kNoId)
            c.unsupported("the Indices output of MaxPool");
        if (mode == Mode::Max && c.node.intAttr("storage_order", 0) != 0)
            c.unsupported("storage_order 1");
        if (mode == Mode::Max || mode == Mode::Average) {
            window_ = WindowAttributes::read(c, {});
            if (window_.kernel.size() > 3)
                c.unsupported("more than 3 spatial dims");
            if (mode == Mode::Average && c.node.attribute("dilations"))
                for (int64_t d : window_.dilations)
                    if (d != 1)
                        c.unsupported("dilated average pooling");
        }
        includePad_ = c.node.intAttr("count_include_pad", 0) != 0;
    }

    // Pools in the input's layout; a 1x1 result is the same bytes in either layout.
    bool acceptsChannelsLast(std::size_t input) const override { return input == 0; }

    void run(std::span<const HostTensor* const> in, std::vector<HostTensor>& out) override
    {
        const HostTensor& x = *in[0];
        if (x.rank() < 3)
            throw std::invalid_argument("pooling needs N x C x spatial input, got " + x.describe());
        if (x.dims() != cachedInput_ || x.layout() != cachedInputLayout_ || !primitive_)
            prepare(x);
        if (x.elementCount() == 0) {
            out[0] = HostTensor::allocate(DataType::Float, outputDims_);
            return;
        }
        const bool unitSpatial = outputDims_.size() == 4 && outputDims_[2] == 1 && outputDims_[3] == 1;
        out[0] = HostTensor::allocateUninitialised(DataType::Float, outputDims_, cachedLayout_);
        if (out[0].elementCount() == 0)
            return;
        const HostTensor source = explicitPads_.empty() ? x : padded(x);
        dnnl::memory src = ds::wrap(source, ds::layoutDesc(source));
        dnnl::memory dst = ds::wrap(out[0], ds::layoutDesc(out[0]));
        ds::execute(*primitive_, {{DNNL_ARG_SRC, src}, {DNNL_ARG_DST, dst}});
        // Global pooling ends the channels-last stretch: its N x C x 1 x 1 result is tiny.
        if (unitSpatial && !out[0].isRowMajor())
            out[0] = out[0].asRowMajor();
    }

private:
    void prepare(const HostTensor& x)
    {
        const std::vector<int64_t> inSpatial(x.dims().begin() + 2, x.dims().end());
        WindowAttributes a = window_;
        if (mode_ == Mode::GlobalAverage || mode_ == Mode::GlobalMax) {
            a = WindowAttributes{};
            a.kernel = inSpatial;
            a.strides.assign(inSpatial.size(), 1);
            a.dilations.assign(inSpatial.size(), 1);
            a.pads.assign(2 * inSpatial.size(), 0);
        }
        WindowGeometry g = computeWindowGeometry(a, inSpatial);
        outputDims_ = {x.dims()[0], x.dims()[1]};
        outputDims_.insert(outputDims_.end(), g.output.begin(), g.output.end());
        cachedInput_ = x.dims();
        cachedInputLayout_ = x.layout();
        cachedLayout_ = x.layout();
        if (x.elementCount() == 0)
            return;
        // count_include_pad counts the given pads but not the overhang ceil_mode adds past
        // them, which oneDNN would count too: then the given pads become real zeros and
        // oneDNN excludes what is left.
        std::vector<int64_t> sourceDims = x.dims();
        explicitPads_.clear();
        bool includePad = includePad_;
        if (mode_ == Mode::Average && includePad_ && a.ceilMode && a.autoPad != "SAME_UPPER" && a.autoPad != "SAME_LOWER") {
            const std::size_t s = inSpatial.size();
            const bool valid = a.autoPad == "VALID";
            bool overhang = false;
            for (std::size_t i = 0; i < s; ++i)
                overhang = overhang || g.padEnd[i] > (valid ? 0 : a.pads[s + i]);
            if (overhang) {
                explicitPads_.assign(2 * s, 0);
                for (std::size_t i = 0; i < s && !valid; ++i) {
                    explicitPads_[i] = a.pads[i];
                    explicitPads_[s + i] = a.pads[s + i];
                    sourceDims[2 + i] += a.pads[i] + a.pads[s + i];
                    g.padEnd[i] -= a.pads[s + i];
                    g.padBegin[i] = 0;
                }
                includePad = false;
                cachedLayout_ = MemoryLayout::RowMajor;
            }
        }
        dnnl::algorithm alg = dnnl::algorithm::pooling_max;
        if (mode_ == Mode::Average || mode_ == Mode::GlobalAverage)
            alg = includePad ? dnnl::algorithm::pooling_avg_include_padding : dnnl::algorithm::pooling_avg_exclude_padding;
        dnnl::memory::dims dil;
        for (int64_t d : a.dilations)
            dil.push_back(d - 1);
        dnnl::pooling_v2_forward::desc d(dnnl::prop_kind::forward_inference, alg,
                                         ds::layoutDesc(sourceDims, DataType::Float, cachedLayout_),
                                         ds::layoutDesc(outputDims_, DataType::Float, cachedLayout_), toDims(a.strides),
                                         toDims(a.kernel), dil, toDims(g.padBegin), toDims(g.padEnd));
        dnnl::pooling_v2_forward::primitive_desc pd(d, ds::attributes(), ds::engine());
        primitive_ = std::make_unique<dnnl::primitive>(dnnl::pooling_v2_forward(pd));
    }

    // The input surrounded by explicitPads_ of zeros (row-major).
    HostTensor padded(const HostTensor& input) const
    {
        const HostTensor x = input.asRowMajor();
        const std::size_t s = x.rank() - 2;
        std::vector<int64_t> dims = x.dims();
        for (std::size_t i = 0; i < s; ++i)
            dims[2 + i] += explicitPads_[i] + explicitPads_[s + i];
        HostTensor p = HostTensor::allocate(DataType::Float, dims);
        const auto inStrides = kernel_helpers::rowMajorStrides(x.dims());
        const auto outStrides = kernel_helpers::rowMajorStrides(dims);
        const float* src = x.data<float>();
        float* dst = p.mutableData<float>();
        for (int64_t i = 0; i < x.elementCount(); ++i) {
            int64_t rest = i, offset = 0;
            for (std::size_t d = 0; d < x.rank(); ++d) {
                const int64_t coord = rest / inStrides[d];
                rest %= inStrides[d];
                offset += (coord + (d >= 2 ? explicitPads_[d - 2] : 0)) * outStrides[d];
            }
            dst[offset] = src[i];
        }
        return p;
    }

    Mode mode_;
    WindowAttributes window_;
    std::vector<int64_t> explicitPads_; // set when the given pads must become real zeros
    bool includePad_ = false;
    std::vector<int64_t> cachedInput_;
    MemoryLayout cachedInputLayout_ = MemoryLayout::RowMajor;
    MemoryLayout cachedLayout_ = MemoryLayout::RowMajor; // the layout the primitive works in
    std::vector<int64_t> outputDims_;
    std::unique_ptr<dnnl::primitive> primitive_;
};

} // namespace

void registerPoolingKernels(KernelRegistry& registry)
{
    using M = PoolKernel::Mode;
    registry.add("MaxPool", [](const KernelBuildContext& c) { return std::make_unique<PoolKernel>(c, M::Max); });
    registry.add("AveragePool", [](const KernelBuildContext& c) { return std::make_unique<PoolKernel>(c, M::Average); });
    registry.add("GlobalAveragePool",
                 [](const KernelBuildContext& c) { return std::make_unique<PoolKernel>(c, M::GlobalAverage); });
    registry.add("GlobalMaxPool", [](const KernelBuildContext& c) { return std::make_unique<PoolKernel>(c, M::GlobalMax); });
}

} // namespace foldwise
