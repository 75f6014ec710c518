// Softmax and LogSoftmax through oneDNN. Before opset 13 ONNX coerces the input to 2-D at
// `axis` (default 1) and normalises over the flattened tail; from 13 it normalises one axis
// (default -1).
#include "exec/KernelRegistry.h"
#include "model/DnnlSupport.h"

namespace foldwise {
namespace {

namespace ds = dnnl_support;

class SoftmaxKernel final : public Kernel {
public:
    SoftmaxKernel(const KernelBuildContext& c, bool logarithm) : logarithm_(logarithm), opset_(c.opset)
    {
        c.requireInputTypes({0}, {DataType::Float});
        axis_ = c.node.intAttr("axis", c.opset >= 13 ? -1 : 1);
    }

    void run(std::span<const HostTensor* const> in, std::vector<HostTensor>& out) override
    {
        const HostTensor& x = *in[0];
        out[0] = HostTensor::allocateUninitialised(DataType::Float, x.dims());
        if (x.elementCount() == 0)
            return;
        const auto rank = static_cast<int64_t>(x.rank());
        const int64_t axis = axis_ < 0 ? axis_ + rank : axis_;
        if (axis < 0 || axis >= std::max<int64_t>(rank, 1))
            throw std::invalid_argument("axis " + std::to_string(axis_) + " out of range for " + x.describe());
        // View as (outer, axis, inner): for the coerced form the "axis" is the flattened tail.
        int64_t outer = 1, mid = 1, inner = 1;
        for (int64_t i = 0; i < rank; ++i) {
            const int64_t d = x.dims()[static_cast<std::size_t>(i)];
            if (i < axis)
                outer *= d;
            else if (i == axis || opset_ < 13)
                mid *= d;
            else
                inner *= d;
        }
        const std::vector<int64_t> view{outer, mid, inner};
        const auto desc = ds::plainDesc(view, DataType::Float);
        if (view != cached_ || !primitive_) {
            cached_ = view;
            dnnl::softmax_v2_forward::desc d(dnnl::prop_kind::forward_inference,
                                             logarithm_ ? dnnl::algorithm::softmax_log : dnnl::algorithm::softmax_accurate,
                                             desc, desc, 1);
            primitive_ = std::make_unique<dnnl::softmax_v2_forward>(dnnl::softmax_v2_forward::primitive_desc(d, ds::attributes(), ds::engine()));
        }
        ds::execute(*primitive_, {{DNNL_ARG_SRC, ds::wrap(x, desc)}, {DNNL_ARG_DST, ds::wrap(out[0], desc)}});
    }

private:
    bool logarithm_;
    int64_t opset_;
    int64_t axis_;
    std::vector<int64_t> cached_;
    std::unique_ptr<dnnl::softmax_v2_forward> primitive_;
};

} // namespace

void registerSoftmaxKernels(KernelRegistry& r)
{
    r.add("Softmax", [](const KernelBuildContext& c) { return std::make_unique<SoftmaxKernel>(c, false); });
    r.add("LogSoftmax", [](const KernelBuildContext& c) { return std::make_unique<SoftmaxKernel>(c, true); });
}

} // namespace foldwise
