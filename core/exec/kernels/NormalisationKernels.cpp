// BatchNormalization (inference) through oneDNN with global statistics.
#include "exec/KernelRegistry.h"
#include "model/DnnlSupport.h"

#include <cmath>

namespace foldwise {
namespace {

namespace ds = dnnl_support;

class BatchNormKernel final : public Kernel {
public:
    explicit BatchNormKernel(const KernelBuildContext& c)
    {
        c.requireInputTypes({0, 1, 2, 3, 4}, {DataType::Float});
        epsilon_ = c.node.floatAttr("epsilon", 1e-5f);
        if (c.node.intAttr("training_mode", 0) != 0)
            c.unsupported("training_mode");
        for (std::size_t o = 1; o < c.node.outputs.size(); ++o)
            if (c.node.outputs[o] != kNoId)
                c.unsupported("running statistics outputs (training)");
    }

    bool acceptsChannelsLast(std::size_t input) const override { return input == 0; }

    void run(std::span<const HostTensor* const> in, std::vector<HostTensor>& out) override
    {
        const HostTensor& x = *in[0];
        if (x.rank() < 2)
            throw std::invalid_argument("BatchNormalization needs N x C x ..., got " + x.describe());
        const int64_t c = x.dims()[1];
        for (std::size_t i = 1; i <= 4; ++i)
            if (in[i]->elementCount() != c)
                throw std::invalid_argument("parameter " + std::to_string(i) + " has " + std::to_string(in[i]->elementCount())
                                            + " values for " + std::to_string(c) + " channels");
        out[0] = HostTensor::allocateUninitialised(DataType::Float, x.dims(), x.layout());
        if (x.elementCount() == 0)
            return;
        // oneDNN wants (N, C, spatial...) with at least... 1-D spatial; view (N,C) as (N,C,1).
        std::vector<int64_t> d = x.dims();
        if (d.size() == 2)
            d.push_back(1);
        const auto desc = ds::layoutDesc(d, DataType::Float, x.layout());
        if (d != cached_ || x.layout() != cachedLayout_ || !primitive_) {
            cached_ = d;
            cachedLayout_ = x.layout();
            const auto flags = dnnl::normalization_flags::use_global_stats | dnnl::normalization_flags::use_scale
                | dnnl::normalization_flags::use_shift;
            dnnl::batch_normalization_forward::desc bd(dnnl::prop_kind::forward_inference, desc, epsilon_, flags);
            primitive_ = std::make_unique<dnnl::batch_normalization_forward>(
                dnnl::batch_normalization_forward::primitive_desc(bd, ds::attributes(), ds::engine()));
        }
        const auto vec = ds::plainDesc({c}, DataType::Float);
        ds::execute(*primitive_, {{DNNL_ARG_SRC, ds::wrap(x, desc)},
                                  {DNNL_ARG_DST, ds::wrap(out[0], desc)},
                                  {DNNL_ARG_SCALE, ds::wrap(*in[1], vec)},
                                  {DNNL_ARG_SHIFT, ds::wrap(*in[2], vec)},
                                  {DNNL_ARG_MEAN, ds::wrap(*in[3], vec)},
                                  {DNNL_ARG_VARIANCE, ds::wrap(*in[4], vec)}});
    }

private:
    float epsilon_;
    std::vector<int64_t> cached_;
    MemoryLayout cachedLayout_ = MemoryLayout::RowMajor;
    std::unique_ptr<dnnl::batch_normalization_forward> primitive_;
};

} // namespace

void registerNormalisationKernels(KernelRegistry& r)
{
    r.add("BatchNormalization", factoryOf<BatchNormKernel>());
}

} // namespace foldwise
