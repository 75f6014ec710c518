// TopK: the k largest (or smallest) values along an axis and their indices; ties keep the
// lower index first, as onnxruntime does. FINN-ONNX classifiers end with one.
#include "exec/KernelRegistry.h"
#include "exec/kernels/KernelHelpers.h"

#include <algorithm>
#include <numeric>

namespace foldwise {
namespace {

class TopKKernel final : public Kernel {
public:
    explicit TopKKernel(const KernelBuildContext& c)
        : opset_(c.opset), axis_(c.node.intAttr("axis", -1)), largest_(c.node.intAttr("largest", 1) != 0),
          k_(c.node.intAttr("k", -1))
    {
        c.requireInputTypes({0}, {DataType::Float});
        if (c.opset >= 10)
            c.requireInputTypes({1}, {DataType::Int64});
    }

    void run(std::span<const HostTensor* const> in, std::vector<HostTensor>& out) override
    {
        const HostTensor& x = *in[0];
        int64_t k = k_;
        if (opset_ >= 10) {
            const std::vector<int64_t> kv = in[1]->toInt64s();
            if (kv.size() != 1)
                throw std::invalid_argument("K must hold one value");
            k = kv[0];
        }
        const int64_t axis = kernel_helpers::normaliseAxis(axis_, static_cast<int64_t>(x.rank()));
        const int64_t n = x.dims()[static_cast<std::size_t>(axis)];
        if (k < 0 || k > n)
            throw std::invalid_argument("K = " + std::to_string(k) + " is outside 0.." + std::to_string(n));
        std::vector<int64_t> dims = x.dims();
        dims[static_cast<std::size_t>(axis)] = k;
        out[0] = HostTensor::allocate(DataType::Float, dims);
        out[1] = HostTensor::allocate(DataType::Int64, dims);
        int64_t inner = 1;
        for (std::size_t d = static_cast<std::size_t>(axis) + 1; d < x.rank(); ++d)
            inner *= x.dims()[d];
        const int64_t outer = n == 0 ? 0 : x.elementCount() / (n * inner);
        const float* src = x.data<float>();
        float* values = out[0].mutableData<float>();
        int64_t* indices = out[1].mutableData<int64_t>();
        std::vector<int64_t> order(static_cast<std::size_t>(n));
        for (int64_t o = 0; o < outer; ++o)
            for (int64_t i = 0; i < inner; ++i) {
                const float* row = src + o * n * inner + i;
                std::iota(order.begin(), order.end(), 0);
                std::stable_sort(order.begin(), order.end(), [&](int64_t a, int64_t b) {
                    return largest_ ? row[a * inner] > row[b * inner] : row[a * inner] < row[b * inner];
                });
                for (int64_t j = 0; j < k; ++j) {
                    const int64_t at = o * k * inner + j * inner + i;
                    values[at] = row[order[static_cast<std::size_t>(j)] * inner];
                    indices[at] = order[static_cast<std::size_t>(j)];
                }
            }
    }

private:
    int64_t opset_;
    int64_t axis_;
    bool largest_;
    int64_t k_;
};

} // namespace

void registerTopKKernel(KernelRegistry& registry)
{
    registry.add("TopK", factoryOf<TopKKernel>());
}

} // namespace foldwise
