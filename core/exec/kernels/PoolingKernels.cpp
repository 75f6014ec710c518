// MaxPool, AveragePool, GlobalAveragePool, GlobalMaxPool through oneDNN pooling.
#include "exec/DnnlSupport.h"
#include "exec/KernelRegistry.h"
#include "exec/kernels/WindowGeometry.h"

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
    bool acceptsChannelsLast() const override { return true; }

    void run(std::span<const HostTensor* const> in, std::vector<HostTensor>& out) override
    {
        const HostTensor& x = *in[0];
        if (x.rank() < 3)
            throw std::invalid_argument("pooling needs N x C x spatial input, got " + x.describe());
        if (x.dims() != cachedInput_ || x.layout() != cachedLayout_ || !primitive_)
            prepare(x);
        if (x.elementCount() == 0) {
            out[0] = HostTensor::allocate(DataType::Float, outputDims_);
            return;
        }
        const bool unitSpatial = outputDims_.size() == 4 && outputDims_[2] == 1 && outputDims_[3] == 1;
        out[0] = HostTensor::allocateUninitialised(DataType::Float, outputDims_, x.layout());
        if (out[0].elementCount() == 0)
            return;
        dnnl::memory src = ds::wrap(x, ds::layoutDesc(x));
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
        const WindowGeometry g = computeWindowGeometry(a, inSpatial);
        outputDims_ = {x.dims()[0], x.dims()[1]};
        outputDims_.insert(outputDims_.end(), g.output.begin(), g.output.end());
        cachedInput_ = x.dims();
        cachedLayout_ = x.layout();
        if (x.elementCount() == 0)
            return;
        dnnl::algorithm alg = dnnl::algorithm::pooling_max;
        if (mode_ == Mode::Average || mode_ == Mode::GlobalAverage)
            alg = includePad_ ? dnnl::algorithm::pooling_avg_include_padding : dnnl::algorithm::pooling_avg_exclude_padding;
        dnnl::memory::dims dil;
        for (int64_t d : a.dilations)
            dil.push_back(d - 1);
        // With ceil_mode, windows past the explicit pads must not count as padding: oneDNN's
        // include-padding average counts them, so this is only exact without ceil overhang.
        dnnl::pooling_v2_forward::desc d(dnnl::prop_kind::forward_inference, alg,
                                         ds::layoutDesc(x.dims(), DataType::Float, x.layout()),
                                         ds::layoutDesc(outputDims_, DataType::Float, x.layout()), toDims(a.strides),
                                         toDims(a.kernel), dil, toDims(g.padBegin), toDims(g.padEnd));
        dnnl::pooling_v2_forward::primitive_desc pd(d, ds::engine());
        primitive_ = std::make_unique<dnnl::primitive>(dnnl::pooling_v2_forward(pd));
    }

    Mode mode_;
    WindowAttributes window_;
    bool includePad_ = false;
    std::vector<int64_t> cachedInput_;
    MemoryLayout cachedLayout_ = MemoryLayout::RowMajor;
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
