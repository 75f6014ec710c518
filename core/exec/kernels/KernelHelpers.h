#pragma once

// Small pieces the kernel families share.

#include "exec/Kernel.h"

#include <functional>
#include <stdexcept>
#include <string>
#include <vector>

namespace foldwise::kernel_helpers {

// A kernel from a lambda, for ops whose whole work is a few lines.
class LambdaKernel final : public Kernel {
public:
    using Body = std::function<void(std::span<const HostTensor* const>, std::vector<HostTensor>&)>;
    explicit LambdaKernel(Body body) : body_(std::move(body)) {}
    void run(std::span<const HostTensor* const> in, std::vector<HostTensor>& out) override { body_(in, out); }

private:
    Body body_;
};

inline std::unique_ptr<Kernel> lambda(LambdaKernel::Body body)
{
    return std::make_unique<LambdaKernel>(std::move(body));
}

// ONNX axes count from the end when negative.
inline int64_t normaliseAxis(int64_t axis, int64_t rank)
{
    const int64_t a = axis < 0 ? axis + rank : axis;
    if (a < 0 || a >= rank)
        throw std::invalid_argument("axis " + std::to_string(axis) + " is out of range for rank " + std::to_string(rank));
    return a;
}

// Element strides of a row-major tensor.
inline std::vector<int64_t> rowMajorStrides(const std::vector<int64_t>& dims)
{
    std::vector<int64_t> s(dims.size(), 1);
    for (int i = static_cast<int>(dims.size()) - 2; i >= 0; --i)
        s[static_cast<std::size_t>(i)] = s[static_cast<std::size_t>(i) + 1] * dims[static_cast<std::size_t>(i) + 1];
    return s;
}

// Steps a row-major multi-index to the next element (wrapping to all zeros after the last).
inline void advanceIndex(std::vector<int64_t>& index, const std::vector<int64_t>& dims)
{
    for (std::size_t k = index.size(); k-- > 0;) {
        if (++index[k] < dims[k])
            return;
        index[k] = 0;
    }
}

// advanceIndex that also moves an element offset into a tensor walked with other `strides` (a
// strided source, a broadcast operand, a reduced output) along with the index; returns the
// offset of the next element.
inline int64_t advanceIndex(std::vector<int64_t>& index, const std::vector<int64_t>& dims,
                            const std::vector<int64_t>& strides, int64_t offset)
{
    for (std::size_t k = index.size(); k-- > 0;) {
        offset += strides[k];
        if (++index[k] < dims[k])
            break;
        offset -= strides[k] * index[k];
        index[k] = 0;
    }
    return offset;
}

} // namespace foldwise::kernel_helpers
