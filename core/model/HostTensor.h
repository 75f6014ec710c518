#pragma once

#include "model/DataType.h"

#include <cstddef>
#include <cstdint>
#include <memory>
#include <span>
#include <string>
#include <vector>

namespace foldwise {

class ConstantData;

// How a tensor's elements lie in memory. Dims are always logical (N, C, H, W); ChannelsLast
// stores a rank-4 tensor as N, H, W, C, the layout oneDNN's fastest convolutions use, so
// consecutive oneDNN kernels pass tensors on without reordering. Everything outside the
// executor sees RowMajor (see asRowMajor).
enum class MemoryLayout { RowMajor, ChannelsLast };

// A dense, row-major tensor in host memory: what the executor passes between kernels and what
// data loaders produce. Storage is shared (copies are cheap views of the same bytes) and
// 64-byte aligned for the vector kernels; `clone()` makes a private copy.
class HostTensor {
public:
    HostTensor() = default;

    // Zero-initialised storage for `dims` elements of `type`.
    static HostTensor allocate(DataType type, std::vector<int64_t> dims);
    // Storage with unspecified contents, for kernels that write every element (recycled
    // through BufferPool, so repeated runs touch no fresh pages).
    static HostTensor allocateUninitialised(DataType type, std::vector<int64_t> dims,
                                            MemoryLayout layout = MemoryLayout::RowMajor);
    // A read-only view of a model constant (no copy); keeps `owner` alive as long as the view.
    static HostTensor view(DataType type, std::vector<int64_t> dims, const std::byte* data,
                           std::shared_ptr<const void> owner);
    static HostTensor fromConstant(const ConstantData& constant, std::shared_ptr<const void> owner);
    template <typename T>
    static HostTensor fromValues(DataType type, std::vector<int64_t> dims, const std::vector<T>& values);

    DataType type() const { return type_; }
    const std::vector<int64_t>& dims() const { return dims_; }
    std::size_t rank() const { return dims_.size(); }
    int64_t elementCount() const { return elementCount_; }
    std::size_t byteSize() const { return static_cast<std::size_t>(elementCount_) * dataTypeSize(type_); }
    bool empty() const { return !data_ && elementCount_ == 0 && dims_.empty(); }
    bool isView() const { return readOnly_; }
    MemoryLayout layout() const { return layout_; }
    bool isRowMajor() const { return layout_ == MemoryLayout::RowMajor; }
    // This tensor if row-major, else a row-major copy.
    HostTensor asRowMajor() const;
    // A channels-last copy of a rank-4 float tensor (this tensor if already channels-last).
    HostTensor asChannelsLast() const;

    const std::byte* bytes() const { return data_; }
    std::byte* mutableBytes();
    template <typename T>
    const T* data() const { return reinterpret_cast<const T*>(data_); }
    template <typename T>
    T* mutableData() { return reinterpret_cast<T*>(mutableBytes()); }

    // Same bytes, other dims (element count must match; row-major tensors only).
    HostTensor reshaped(std::vector<int64_t> dims) const;
    // Same bytes read with other logical dims and layout: a row-major N,H,W,C tensor is the
    // channels-last tensor of logical dims N,C,H,W (how QONNX's channels-last ops run on the
    // standard kernels without copies). Element counts must match; ChannelsLast needs rank 4.
    HostTensor reinterpreted(std::vector<int64_t> dims, MemoryLayout layout) const;
    HostTensor clone() const;

    // Values converted to double, for tests, small shape tensors and statistics.
    std::vector<double> toDoubles() const;
    // Integer values (int64/int32/...); for shape-like operands.
    std::vector<int64_t> toInt64s() const;

    std::string describe() const; // "float 1x3x224x224"

private:
    DataType type_ = DataType::Undefined;
    std::vector<int64_t> dims_;
    int64_t elementCount_ = 0;
    std::shared_ptr<const void> owner_;
    std::byte* data_ = nullptr;
    bool readOnly_ = false;
    MemoryLayout layout_ = MemoryLayout::RowMajor;
};

template <typename T>
HostTensor HostTensor::fromValues(DataType type, std::vector<int64_t> dims, const std::vector<T>& values)
{
    HostTensor t = allocate(type, std::move(dims));
    if (static_cast<std::size_t>(t.elementCount()) != values.size() || sizeof(T) != dataTypeSize(type))
        throw std::invalid_argument("HostTensor::fromValues: size or type mismatch");
    std::copy(values.begin(), values.end(), t.mutableData<T>());
    return t;
}

} // namespace foldwise
