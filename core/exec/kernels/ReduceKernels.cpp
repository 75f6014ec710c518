// ReduceMean/Sum/Max/Min over any axes (keepdims, noop_with_empty_axes), float.
#include "exec/KernelRegistry.h"
#include "exec/kernels/KernelHelpers.h"

#include <limits>
#include <set>

namespace foldwise {
namespace {

enum class Reduction { Mean, Sum, Max, Min };

class ReduceKernel final : public Kernel {
public:
    ReduceKernel(const KernelBuildContext& c, Reduction r) : reduction_(r)
    {
        c.requireInputTypes({0}, {DataType::Float});
        keepDims_ = c.node.intAttr("keepdims", 1) != 0;
        noopWithEmptyAxes_ = c.node.intAttr("noop_with_empty_axes", 0) != 0;
        axesAttr_ = c.node.intsAttr("axes");
        // ReduceSum takes axes as an input from opset 13, the others from 18.
        axesFromInput_ = c.opset >= (r == Reduction::Sum ? 13 : 18);
    }

    void run(std::span<const HostTensor* const> in, std::vector<HostTensor>& out) override
    {
        const HostTensor& x = *in[0];
        const auto rank = static_cast<int64_t>(x.rank());
        std::vector<int64_t> axes = axesFromInput_ ? (in.size() > 1 && in[1] ? in[1]->toInt64s() : std::vector<int64_t>{})
                                                   : axesAttr_;
        if (axes.empty() && noopWithEmptyAxes_) {
            out[0] = x;
            return;
        }
        std::set<int64_t> reduced;
        if (axes.empty())
            for (int64_t i = 0; i < rank; ++i)
                reduced.insert(i);
        for (int64_t a : axes) {
            const int64_t axis = a < 0 ? a + rank : a;
            if (axis < 0 || axis >= rank)
                throw std::invalid_argument("axis out of range");
            reduced.insert(axis);
        }
        std::vector<int64_t> keptDims, outDims;
        for (int64_t i = 0; i < rank; ++i) {
            const int64_t d = x.dims()[static_cast<std::size_t>(i)];
            if (reduced.count(i)) {
                if (keepDims_)
                    outDims.push_back(1);
            } else {
                outDims.push_back(d);
            }
            keptDims.push_back(reduced.count(i) ? 1 : d);
        }
        // Output index of each input element: strides of keptDims with 0 on reduced axes.
        std::vector<int64_t> outStrides(static_cast<std::size_t>(rank), 0);
        int64_t s = 1;
        for (int64_t i = rank - 1; i >= 0; --i) {
            const auto u = static_cast<std::size_t>(i);
            outStrides[u] = reduced.count(i) ? 0 : s;
            s *= keptDims[u];
        }
        HostTensor y = HostTensor::allocateUninitialised(DataType::Float, outDims);
        float* dst = y.mutableData<float>();
        const float init = reduction_ == Reduction::Max ? -std::numeric_limits<float>::infinity()
            : reduction_ == Reduction::Min             ? std::numeric_limits<float>::infinity()
                                                       : 0.0f;
        std::vector<double> acc(static_cast<std::size_t>(y.elementCount()), init);
        const float* src = x.data<float>();
        std::vector<int64_t> index(static_cast<std::size_t>(rank), 0);
        int64_t o = 0;
        for (int64_t i = 0; i < x.elementCount(); ++i) {
            double& a = acc[static_cast<std::size_t>(o)];
            switch (reduction_) {
            case Reduction::Mean:
            case Reduction::Sum: a += src[i]; break;
            case Reduction::Max: a = std::max<double>(a, src[i]); break;
            case Reduction::Min: a = std::min<double>(a, src[i]); break;
            }
            o = kernel_helpers::advanceIndex(index, x.dims(), outStrides, o);
        }
        const double count = y.elementCount() ? static_cast<double>(x.elementCount()) / static_cast<double>(y.elementCount()) : 1;
        for (std::size_t i = 0; i < acc.size(); ++i)
            dst[i] = static_cast<float>(reduction_ == Reduction::Mean ? acc[i] / count : acc[i]);
        out[0] = y;
    }

private:
    Reduction reduction_;
    bool keepDims_ = true;
    bool noopWithEmptyAxes_ = false;
    bool axesFromInput_ = false;
    std::vector<int64_t> axesAttr_;
};

KernelFactory reduce(Reduction r)
{
    return [r](const KernelBuildContext& c) { return std::make_unique<ReduceKernel>(c, r); };
}

} // namespace

void registerReduceKernels(KernelRegistry& registry)
{
    registry.add("ReduceMean", reduce(Reduction::Mean));
    registry.add("ReduceSum", reduce(Reduction::Sum));
    registry.add("ReduceMax", reduce(Reduction::Max));
    registry.add("ReduceMin", reduce(Reduction::Min));
}

} // namespace foldwise
