#include "model/Tensor.h"

#include "model/MappedFile.h"

#include <onnx/onnx_pb.h>

#include <cmath>
#include <cstring>
#include <limits>

namespace foldwise {
namespace {

// Number of stored values ONNX keeps for a type in its typed fields (complex: two per element).
int64_t typedFieldCount(const onnx::TensorProto& t, DataType type)
{
    switch (type) {
    case DataType::Float:
    case DataType::Complex64: return t.float_data_size();
    case DataType::Double:
    case DataType::Complex128: return t.double_data_size();
    case DataType::Int64: return t.int64_data_size();
    case DataType::UInt32:
    case DataType::UInt64: return t.uint64_data_size();
    case DataType::String: return t.string_data_size();
    default: return t.int32_data_size();
    }
}

int64_t valuesPerElement(DataType type)
{
    return (type == DataType::Complex64 || type == DataType::Complex128) ? 2 : 1;
}

template <typename T>
void widen(const onnx::TensorProto& t, std::vector<std::byte>& out, std::size_t count)
{
    out.resize(count * sizeof(T));
    for (std::size_t i = 0; i < count; ++i) {
        const T v = static_cast<T>(t.int32_data(static_cast<int>(i)));
        std::memcpy(out.data() + i * sizeof(T), &v, sizeof(T));
    }
}

} // namespace

ConstantData::ConstantData(const onnx::TensorProto* proto, std::shared_ptr<const MappedFile> external,
                           std::size_t externalOffset)
    : proto_(proto), type_(static_cast<DataType>(proto->data_type())), external_(std::move(external)),
      externalOffset_(externalOffset)
{
    dims_.assign(proto->dims().begin(), proto->dims().end());
    elementCount_ = checkedProduct(dims_).value_or(-1);
}

ConstantData ConstantData::owned(DataType type, std::vector<int64_t> dims, std::vector<std::byte> bytes)
{
    ConstantData c;
    c.type_ = type;
    c.dims_ = std::move(dims);
    c.elementCount_ = checkedProduct(c.dims_).value_or(-1);
    c.converted_ = std::make_shared<std::vector<std::byte>>(std::move(bytes));
    return c;
}

ConstantData ConstantData::reshapedTo(std::vector<int64_t> dims) const
{
    ConstantData c = *this;
    c.dims_ = std::move(dims);
    return c;
}

std::string ConstantData::checkSize() const
{
    if (!proto_)
        return {};
    if (elementCount_ < 0)
        return "dims are negative or their product overflows";
    if (type_ == DataType::String) {
        if (proto_->string_data_size() != elementCount_)
            return "holds " + std::to_string(proto_->string_data_size()) + " strings but its shape needs "
                + std::to_string(elementCount_);
        return {};
    }
    const std::size_t elementSize = dataTypeSize(type_);
    if (elementSize == 0)
        return "has unsupported element type " + std::to_string(static_cast<int>(type_));
    uint64_t needed = 0;
    if (__builtin_mul_overflow(static_cast<uint64_t>(elementCount_), elementSize, &needed))
        return "needs more bytes than 64 bits can count";
    if (external_) {
        if (needed > external_->size() || externalOffset_ > external_->size() - needed)
            return "needs " + std::to_string(needed) + " bytes at offset "
                + std::to_string(externalOffset_) + " of external file '" + external_->path().string()
                + "', which has only " + std::to_string(external_->size());
        return {};
    }
    if (proto_->has_raw_data()) {
        if (proto_->raw_data().size() != needed)
            return "has " + std::to_string(proto_->raw_data().size()) + " bytes of data but its shape and type need "
                + std::to_string(needed);
        return {};
    }
    const int64_t stored = typedFieldCount(*proto_, type_);
    if (stored != elementCount_ * valuesPerElement(type_))
        return "holds " + std::to_string(stored) + " values but its shape needs "
            + std::to_string(elementCount_ * valuesPerElement(type_));
    return {};
}

std::span<const std::byte> ConstantData::bytes() const
{
    if (!proto_ && converted_)
        return std::span<const std::byte>(converted_->data(), converted_->size());
    if (!proto_ || type_ == DataType::String || elementCount_ <= 0)
        return {};
    const std::size_t size = static_cast<std::size_t>(elementCount_) * dataTypeSize(type_);
    if (external_)
        return external_->bytes().subspan(externalOffset_, size);
    if (proto_->has_raw_data())
        return std::as_bytes(std::span(proto_->raw_data().data(), proto_->raw_data().size()));
    switch (type_) {
    case DataType::Float:
    case DataType::Complex64:
        return std::as_bytes(std::span(proto_->float_data().data(), static_cast<std::size_t>(proto_->float_data_size())));
    case DataType::Double:
    case DataType::Complex128:
        return std::as_bytes(std::span(proto_->double_data().data(), static_cast<std::size_t>(proto_->double_data_size())));
    case DataType::Int64:
        return std::as_bytes(std::span(proto_->int64_data().data(), static_cast<std::size_t>(proto_->int64_data_size())));
    case DataType::UInt64:
        return std::as_bytes(std::span(proto_->uint64_data().data(), static_cast<std::size_t>(proto_->uint64_data_size())));
    case DataType::Int32:
        return std::as_bytes(std::span(proto_->int32_data().data(), static_cast<std::size_t>(proto_->int32_data_size())));
    default: break;
    }
    // Narrow types (and uint32) are stored widened: convert once into a private buffer.
    std::call_once(*convertOnce_, [this] {
        auto buffer = std::make_shared<std::vector<std::byte>>();
        const auto count = static_cast<std::size_t>(elementCount_);
        switch (type_) {
        case DataType::Bool:
        case DataType::UInt8: widen<uint8_t>(*proto_, *buffer, count); break;
        case DataType::Int8: widen<int8_t>(*proto_, *buffer, count); break;
        case DataType::UInt16:
        case DataType::Float16:
        case DataType::BFloat16: widen<uint16_t>(*proto_, *buffer, count); break;
        case DataType::Int16: widen<int16_t>(*proto_, *buffer, count); break;
        case DataType::UInt32: {
            buffer->resize(count * 4);
            for (std::size_t i = 0; i < count; ++i) {
                const auto v = static_cast<uint32_t>(proto_->uint64_data(static_cast<int>(i)));
                std::memcpy(buffer->data() + i * 4, &v, 4);
            }
            break;
        }
        default: break;
        }
        converted_ = std::move(buffer);
    });
    return std::span<const std::byte>(converted_->data(), converted_->size());
}

std::optional<std::vector<float>> ConstantData::toFloats() const
{
    if (elementCount_ < 0)
        return std::nullopt;
    std::vector<float> out(static_cast<std::size_t>(elementCount_));
    if (type_ == DataType::Float) {
        const auto data = bytes();
        if (data.size() != out.size() * sizeof(float))
            return std::nullopt;
        if (!out.empty())
            std::memcpy(out.data(), data.data(), data.size());
        return out;
    }
    const std::vector<double> d = toDoubles();
    if (d.size() != out.size())
        return std::nullopt;
    for (std::size_t i = 0; i < out.size(); ++i)
        out[i] = static_cast<float>(d[i]);
    return out;
}

std::vector<double> ConstantData::toDoubles() const
{
    const std::span<const std::byte> data = bytes();
    const std::size_t elementSize = dataTypeSize(type_);
    std::vector<double> out;
    if (elementSize == 0 || data.size() < static_cast<std::size_t>(elementCount_) * elementSize)
        return out;
    out.reserve(static_cast<std::size_t>(elementCount_));
    for (int64_t i = 0; i < elementCount_; ++i) {
        double v = 0;
        if (!elementToDouble(type_, data.data() + i * static_cast<int64_t>(elementSize), v))
            return {};
        out.push_back(v);
    }
    return out;
}

} // namespace foldwise
