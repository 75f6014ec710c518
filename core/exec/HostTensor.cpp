#include "exec/HostTensor.h"

#include "exec/BufferPool.h"
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

template <typename T>
double readAs(const std::byte* p)
{
    T v;
    std::memcpy(&v, p, sizeof(T));
    return static_cast<double>(v);
}

} // namespace

HostTensor HostTensor::allocate(DataType type, std::vector<int64_t> dims)
{
    HostTensor t = allocateUninitialised(type, std::move(dims));
    std::memset(t.data_, 0, t.byteSize());
    return t;
}

HostTensor HostTensor::allocateUninitialised(DataType type, std::vector<int64_t> dims)
{
    HostTensor t;
    t.type_ = type;
    t.elementCount_ = countOf(dims);
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
    HostTensor t = *this;
    t.dims_ = std::move(dims);
    return t;
}

HostTensor HostTensor::clone() const
{
    HostTensor t = allocateUninitialised(type_, dims_);
    if (byteSize())
        std::memcpy(t.data_, data_, byteSize());
    return t;
}

std::vector<double> HostTensor::toDoubles() const
{
    std::vector<double> out;
    out.reserve(static_cast<std::size_t>(elementCount_));
    const std::size_t size = dataTypeSize(type_);
    for (int64_t i = 0; i < elementCount_; ++i) {
        const std::byte* p = data_ + static_cast<std::size_t>(i) * size;
        switch (type_) {
        case DataType::Float: out.push_back(readAs<float>(p)); break;
        case DataType::Double: out.push_back(readAs<double>(p)); break;
        case DataType::Int64: out.push_back(readAs<int64_t>(p)); break;
        case DataType::Int32: out.push_back(readAs<int32_t>(p)); break;
        case DataType::Int16: out.push_back(readAs<int16_t>(p)); break;
        case DataType::Int8: out.push_back(readAs<int8_t>(p)); break;
        case DataType::UInt64: out.push_back(readAs<uint64_t>(p)); break;
        case DataType::UInt32: out.push_back(readAs<uint32_t>(p)); break;
        case DataType::UInt16: out.push_back(readAs<uint16_t>(p)); break;
        case DataType::UInt8:
        case DataType::Bool: out.push_back(readAs<uint8_t>(p)); break;
        default: throw std::invalid_argument("toDoubles: unsupported element type " + std::string(dataTypeName(type_)));
        }
    }
    return out;
}

std::vector<int64_t> HostTensor::toInt64s() const
{
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
