#include "model/HostTensor.h"

#include "model/BufferPool.h"
#include "model/DnnlSupport.h"
#include "model/Shape.h"
#include "model/Tensor.h"

#include <cstdlib>
#include <cstring>
#include <stdexcept>

namespace foldwise {
namespace {

int64_t countOf(const std::vector<int64_t>& dims)
{
    const auto n = checkedProduct(dims);
    if (!n)
        throw std::invalid_argument("tensor dims are negative or overflow");
    return *n;
}


// Refuses tensors whose byte size overflows or exceeds what any machine here could hold.
void checkByteSize(int64_t count, DataType type)
{
    constexpr uint64_t kLimit = uint64_t(1) << 40; // 1 TiB
    uint64_t bytes = 0;
    if (__builtin_mul_overflow(static_cast<uint64_t>(count), static_cast<uint64_t>(dataTypeSize(type)), &bytes)
        || bytes > kLimit)
        throw std::invalid_argument("a tensor of " + std::to_string(count) + " " + std::string(dataTypeName(type))
                                    + " elements is too large");
}

} // namespace

HostTensor HostTensor::allocate(DataType type, std::vector<int64_t> dims)
{
    HostTensor t = allocateUninitialised(type, std::move(dims));
    std::memset(t.data_, 0, t.byteSize());
    return t;
}

HostTensor HostTensor::allocateUninitialised(DataType type, std::vector<int64_t> dims, MemoryLayout layout)
{
    if (layout == MemoryLayout::ChannelsLast && dims.size() != 4)
        throw std::invalid_argument("channels-last tensors have rank 4");
    HostTensor t;
    t.layout_ = layout;
    t.type_ = type;
    t.elementCount_ = countOf(dims);
    checkByteSize(t.elementCount_, type);
    t.dims_ = std::move(dims);
    std::shared_ptr<std::byte> storage = BufferPool::instance().acquire(std::max<std::size_t>(t.byteSize(), 1));
    t.data_ = storage.get();
    t.owner_ = std::move(storage);
    return t;
}

HostTensor HostTensor::view(DataType type, std::vector<int64_t> dims, const std::byte* data,
                            std::shared_ptr<const void> owner)
{
    HostTensor t;
    t.type_ = type;
    t.elementCount_ = countOf(dims);
    t.dims_ = std::move(dims);
    t.owner_ = std::move(owner);
    t.data_ = const_cast<std::byte*>(data); // never written: mutableBytes() refuses views
    t.readOnly_ = true;
    return t;
}

HostTensor HostTensor::fromConstant(const ConstantData& constant, std::shared_ptr<const void> owner)
{
    const std::span<const std::byte> bytes = constant.bytes();
    HostTensor t = view(constant.type(), constant.dims(), bytes.data(), std::move(owner));
    if (bytes.size() < t.byteSize())
        throw std::invalid_argument("constant data is shorter than its shape");
    // Views must be aligned for vector loads; protobuf strings usually are, but not always.
    if (reinterpret_cast<std::uintptr_t>(bytes.data()) % 16 != 0)
        return t.clone();
    return t;
}

std::byte* HostTensor::mutableBytes()
{
    if (readOnly_)
        throw std::logic_error("HostTensor: cannot write to a read-only view of model data");
    return data_;
}

HostTensor HostTensor::reshaped(std::vector<int64_t> dims) const
{
    if (countOf(dims) != elementCount_)
        throw std::invalid_argument("HostTensor::reshaped: element count changes");
    if (layout_ != MemoryLayout::RowMajor)
        throw std::logic_error("HostTensor::reshaped: convert a channels-last tensor to row-major first");
    HostTensor t = *this;
    t.dims_ = std::move(dims);
    return t;
}

HostTensor HostTensor::reinterpreted(std::vector<int64_t> dims, MemoryLayout layout) const
{
    if (countOf(dims) != elementCount_)
        throw std::invalid_argument("HostTensor::reinterpreted: element count changes");
    if (layout == MemoryLayout::ChannelsLast && dims.size() != 4)
        throw std::invalid_argument("HostTensor::reinterpreted: a channels-last tensor has rank 4");
    HostTensor t = *this;
    t.dims_ = std::move(dims);
    t.layout_ = layout;
    return t;
}

HostTensor HostTensor::clone() const
{
    HostTensor t = allocateUninitialised(type_, dims_, layout_);
    if (byteSize())
        std::memcpy(t.data_, data_, byteSize());
    return t;
}

namespace {

// Copies a rank-4 tensor between NCHW and NHWC order: oneDNN's reorder for float, a plain
// loop for other element types.
HostTensor permute4(const HostTensor& from, MemoryLayout to)
{
    HostTensor out = HostTensor::allocateUninitialised(from.type(), from.dims(), to);
    if (from.type() == DataType::Float && from.elementCount() > 0) {
        using tag = dnnl::memory::format_tag;
        const dnnl::memory::dims d(from.dims().begin(), from.dims().end());
        const auto f32 = dnnl::memory::data_type::f32;
        const bool toLast = to == MemoryLayout::ChannelsLast;
        dnnl::memory src({d, f32, toLast ? tag::nchw : tag::nhwc}, dnnl_support::engine(), const_cast<std::byte*>(from.bytes()));
        dnnl::memory dst({d, f32, toLast ? tag::nhwc : tag::nchw}, dnnl_support::engine(), out.mutableBytes());
        dnnl_support::reorder(src, dst);
        return out;
    }
    const int64_t n = from.dims()[0], c = from.dims()[1], hw = from.dims()[2] * from.dims()[3];
    const std::size_t size = dataTypeSize(from.type());
    const std::byte* s = from.bytes();
    std::byte* d = out.mutableBytes();
    const bool toLast = to == MemoryLayout::ChannelsLast;
    for (int64_t b = 0; b < n; ++b)
        for (int64_t ch = 0; ch < c; ++ch)
            for (int64_t p = 0; p < hw; ++p) {
                const int64_t rowMajor = (b * c + ch) * hw + p;
                const int64_t channelsLast = (b * hw + p) * c + ch;
                std::memcpy(d + static_cast<std::size_t>(toLast ? channelsLast : rowMajor) * size,
                            s + static_cast<std::size_t>(toLast ? rowMajor : channelsLast) * size, size);
            }
    return out;
}

} // namespace

HostTensor HostTensor::asRowMajor() const
{
    return layout_ == MemoryLayout::RowMajor ? *this : permute4(*this, MemoryLayout::RowMajor);
}

HostTensor HostTensor::asChannelsLast() const
{
    return layout_ == MemoryLayout::ChannelsLast ? *this : permute4(*this, MemoryLayout::ChannelsLast);
}

std::vector<double> HostTensor::toDoubles() const
{
    if (layout_ != MemoryLayout::RowMajor)
        return asRowMajor().toDoubles();
    std::vector<double> out;
    out.reserve(static_cast<std::size_t>(elementCount_));
    const std::size_t size = dataTypeSize(type_);
    for (int64_t i = 0; i < elementCount_; ++i) {
        double v = 0;
        if (!elementToDouble(type_, data_ + static_cast<std::size_t>(i) * size, v))
            throw std::invalid_argument("toDoubles: unsupported element type " + std::string(dataTypeName(type_)));
        out.push_back(v);
    }
    return out;
}

std::vector<int64_t> HostTensor::toInt64s() const
{
    if (layout_ != MemoryLayout::RowMajor)
        return asRowMajor().toInt64s();
    if (type_ == DataType::Int64) {
        const int64_t* p = data<int64_t>();
        return {p, p + elementCount_};
    }
    std::vector<int64_t> out;
    for (double v : toDoubles())
        out.push_back(static_cast<int64_t>(v));
    return out;
}

std::string HostTensor::describe() const
{
    return std::string(dataTypeName(type_)) + " " + Shape::fromValues(dims_).toString();
}

} // namespace foldwise
