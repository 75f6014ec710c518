// Concat and Split: block copies along an axis, for any element type. (A memcpy per block is
// all either needs; oneDNN's concat would add a layout round trip for plain tensors.)
#include "exec/KernelRegistry.h"
#include "exec/kernels/KernelHelpers.h"

#include <cstring>
#include <numeric>

namespace foldwise {
namespace {

using kernel_helpers::normaliseAxis;

// outer = product of dims before axis; inner = product after.
void outerInner(const std::vector<int64_t>& dims, int64_t axis, int64_t& outer, int64_t& inner)
{
    outer = 1;
    inner = 1;
    for (int64_t i = 0; i < static_cast<int64_t>(dims.size()); ++i) {
        if (i < axis)
            outer *= dims[static_cast<std::size_t>(i)];
        else if (i > axis)
            inner *= dims[static_cast<std::size_t>(i)];
    }
}

class ConcatKernel final : public Kernel {
public:
    explicit ConcatKernel(const KernelBuildContext& c) : axis_(c.node.intAttr("axis", 0)) {}

    void run(std::span<const HostTensor* const> in, std::vector<HostTensor>& out) override
    {
        const HostTensor& first = *in[0];
        const auto rank = static_cast<int64_t>(first.rank());
        const int64_t axis = normaliseAxis(axis_, rank);
        std::vector<int64_t> dims = first.dims();
        dims[static_cast<std::size_t>(axis)] = 0;
        for (const HostTensor* t : in) {
            if (t->rank() != first.rank() || t->type() != first.type())
                throw std::invalid_argument("inputs differ in rank or type: " + first.describe() + " vs " + t->describe());
            for (int64_t i = 0; i < rank; ++i)
                if (i != axis && t->dims()[static_cast<std::size_t>(i)] != first.dims()[static_cast<std::size_t>(i)])
                    throw std::invalid_argument("inputs differ off the axis: " + first.describe() + " vs " + t->describe());
            dims[static_cast<std::size_t>(axis)] += t->dims()[static_cast<std::size_t>(axis)];
        }
        HostTensor y = HostTensor::allocateUninitialised(first.type(), dims);
        const std::size_t size = dataTypeSize(first.type());
        int64_t outer = 0, inner = 0;
        outerInner(dims, axis, outer, inner);
        const auto rowBytes = static_cast<std::size_t>(dims[static_cast<std::size_t>(axis)] * inner) * size;
        std::size_t offset = 0;
        for (const HostTensor* t : in) {
            const auto chunk = static_cast<std::size_t>(t->dims()[static_cast<std::size_t>(axis)] * inner) * size;
            for (int64_t o = 0; o < outer; ++o)
                if (chunk)
                    std::memcpy(y.mutableBytes() + static_cast<std::size_t>(o) * rowBytes + offset,
                                t->bytes() + static_cast<std::size_t>(o) * chunk, chunk);
            offset += chunk;
        }
        out[0] = y;
    }

private:
    int64_t axis_;
};

class SplitKernel final : public Kernel {
public:
    explicit SplitKernel(const KernelBuildContext& c)
        : axis_(c.node.intAttr("axis", 0)), splitAttr_(c.node.intsAttr("split")), fromInput_(c.opset >= 13),
          outputs_(c.node.outputs.size()), numOutputs_(c.node.intAttr("num_outputs", 0))
    {
    }

    void run(std::span<const HostTensor* const> in, std::vector<HostTensor>& out) override
    {
        const HostTensor& x = *in[0];
        const int64_t axis = normaliseAxis(axis_, static_cast<int64_t>(x.rank()));
        const int64_t length = x.dims()[static_cast<std::size_t>(axis)];
        std::vector<int64_t> split = fromInput_ ? (in.size() > 1 && in[1] ? in[1]->toInt64s() : std::vector<int64_t>{})
                                                : splitAttr_;
        if (split.empty()) {
            const auto n = static_cast<int64_t>(outputs_);
            const int64_t each = (length + n - 1) / n; // the last part may be smaller (opset 18 rule)
            for (int64_t i = 0; i < n; ++i)
                split.push_back(std::min(each, length - each * i));
            if (length % n != 0 && numOutputs_ == 0)
                throw std::invalid_argument("axis length " + std::to_string(length) + " does not split evenly");
        }
        if (split.size() != outputs_ || std::accumulate(split.begin(), split.end(), int64_t{0}) != length)
            throw std::invalid_argument("split sizes do not add up to the axis length");
        int64_t outer = 0, inner = 0;
        outerInner(x.dims(), axis, outer, inner);
        const std::size_t size = dataTypeSize(x.type());
        const auto rowBytes = static_cast<std::size_t>(length * inner) * size;
        std::size_t offset = 0;
        for (std::size_t k = 0; k < outputs_; ++k) {
            std::vector<int64_t> dims = x.dims();
            dims[static_cast<std::size_t>(axis)] = split[k];
            HostTensor y = HostTensor::allocateUninitialised(x.type(), dims);
            const auto chunk = static_cast<std::size_t>(split[k] * inner) * size;
            for (int64_t o = 0; o < outer; ++o)
                if (chunk)
                    std::memcpy(y.mutableBytes() + static_cast<std::size_t>(o) * chunk,
                                x.bytes() + static_cast<std::size_t>(o) * rowBytes + offset, chunk);
            offset += chunk;
            out[k] = y;
        }
    }

private:
    int64_t axis_;
    std::vector<int64_t> splitAttr_;
    bool fromInput_;
    std::size_t outputs_;
    int64_t numOutputs_;
};

} // namespace

void registerConcatSplitKernels(KernelRegistry& r)
{
    r.add("Concat", factoryOf<ConcatKernel>());
    r.add("Split", factoryOf<SplitKernel>());
}

} // namespace foldwise
