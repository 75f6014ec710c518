#include "data/TensorProtoFile.h"

#include "io/AtomicFileWriter.h"
#include "model/MappedFile.h"
#include "model/ModelError.h"
#include "model/Shape.h"

#include <onnx/onnx_pb.h>

#include <climits>
#include <cstring>
#include <limits>

namespace foldwise {
namespace {

using Proto = onnx::TensorProto;

// Copies a typed repeated field into the tensor, converting each value to the element type.
template <typename Element, typename Field>
void copyValues(const Field& values, HostTensor& tensor)
{
    auto* out = tensor.mutableData<Element>();
    for (int i = 0; i < values.size(); ++i)
        out[i] = static_cast<Element>(values.Get(i));
}

// 16-bit floats travel as their bit patterns in int32_data.
void copyHalfBits(const google::protobuf::RepeatedField<int32_t>& values, HostTensor& tensor)
{
    auto* out = tensor.mutableData<uint16_t>();
    for (int i = 0; i < values.size(); ++i)
        out[i] = static_cast<uint16_t>(static_cast<uint32_t>(values.Get(i)) & 0xffffu);
}

// How many values of the typed field the element type uses, and which field it is.
struct TypedField {
    const char* name = nullptr;
    int size = 0;
    int valuesPerElement = 1;
};

TypedField typedFieldFor(const Proto& p, DataType type)
{
    switch (type) {
    case DataType::Float: return {"float_data", p.float_data_size()};
    case DataType::Complex64: return {"float_data", p.float_data_size(), 2};
    case DataType::Double: return {"double_data", p.double_data_size()};
    case DataType::Complex128: return {"double_data", p.double_data_size(), 2};
    case DataType::Int64: return {"int64_data", p.int64_data_size()};
    case DataType::UInt32:
    case DataType::UInt64: return {"uint64_data", p.uint64_data_size()};
    case DataType::Int32:
    case DataType::Int16:
    case DataType::Int8:
    case DataType::UInt16:
    case DataType::UInt8:
    case DataType::Bool:
    case DataType::Float16:
    case DataType::BFloat16: return {"int32_data", p.int32_data_size()};
    default: return {};
    }
}

int typedValueCount(const Proto& p)
{
    return p.float_data_size() + p.int32_data_size() + p.string_data_size() + p.int64_data_size()
        + p.double_data_size() + p.uint64_data_size();
}

void fillFromTypedField(const Proto& p, HostTensor& t)
{
    switch (t.type()) {
    case DataType::Float:
    case DataType::Complex64: copyValues<float>(p.float_data(), t); break;
    case DataType::Double:
    case DataType::Complex128: copyValues<double>(p.double_data(), t); break;
    case DataType::Int64: copyValues<int64_t>(p.int64_data(), t); break;
    case DataType::UInt32: copyValues<uint32_t>(p.uint64_data(), t); break;
    case DataType::UInt64: copyValues<uint64_t>(p.uint64_data(), t); break;
    case DataType::Int32: copyValues<int32_t>(p.int32_data(), t); break;
    case DataType::Int16: copyValues<int16_t>(p.int32_data(), t); break;
    case DataType::Int8: copyValues<int8_t>(p.int32_data(), t); break;
    case DataType::UInt16: copyValues<uint16_t>(p.int32_data(), t); break;
    case DataType::UInt8: copyValues<uint8_t>(p.int32_data(), t); break;
    case DataType::Bool: {
        auto* out = t.mutableData<uint8_t>();
        for (int i = 0; i < p.int32_data_size(); ++i)
            out[i] = p.int32_data(i) != 0 ? 1 : 0;
        break;
    }
    case DataType::Float16:
    case DataType::BFloat16: copyHalfBits(p.int32_data(), t); break;
    default: break;
    }
}

bool hasUnknownFields(const google::protobuf::Message& m)
{
    return !m.GetReflection()->GetUnknownFields(m).empty();
}

HostTensor tensorFromProto(const Proto& p, const std::string& file)
{
    // A SequenceProto or OptionalProto shares field numbers with TensorProto: its name lands
    // in dims, its elem_type in data_type and its element in `segment`. Nothing real uses
    // segments, so one marks a file that is not a single tensor.
    if (p.has_segment() || hasUnknownFields(p))
        throw ModelError(file, "not a plain TensorProto (it looks like a SequenceProto, OptionalProto or "
                               "segmented tensor, which are not supported)");
    if (p.data_location() == Proto::EXTERNAL)
        throw ModelError(file, "tensor data stored in an external file is not supported for a .pb tensor file");
    if (p.data_type() == static_cast<int32_t>(DataType::Undefined))
        throw ModelError(file, "the tensor has no element type (data_type 0); an empty OptionalProto, or not a "
                               "tensor file?");
    if (!isKnownDataType(p.data_type()))
        throw ModelError(file, "unknown element type " + std::to_string(p.data_type()));
    const auto type = static_cast<DataType>(p.data_type());
    if (type == DataType::String)
        throw ModelError(file, "string tensors are not supported");

    std::vector<int64_t> dims(p.dims().begin(), p.dims().end());
    for (int64_t d : dims)
        if (d < 0)
            throw ModelError(file, "negative dimension " + std::to_string(d));
    const std::optional<int64_t> count = checkedProduct(dims);
    const auto elementSize = static_cast<int64_t>(dataTypeSize(type));
    if (!count || *count > std::numeric_limits<int64_t>::max() / elementSize)
        throw ModelError(file, "tensor shape " + Shape::fromValues(dims).toString() + " overflows");
    const auto bytes = static_cast<std::size_t>(*count * elementSize);
    const std::string what = std::string(dataTypeName(type)) + " " + Shape::fromValues(dims).toString();

    if (p.has_raw_data()) {
        if (typedValueCount(p) > 0)
            throw ModelError(file, "the tensor holds both raw_data and typed values");
        if (p.raw_data().size() != bytes)
            throw ModelError(file, "raw_data holds " + std::to_string(p.raw_data().size()) + " bytes but " + what
                                       + " needs " + std::to_string(bytes));
        HostTensor t = HostTensor::allocate(type, std::move(dims));
        if (bytes)
            std::memcpy(t.mutableBytes(), p.raw_data().data(), bytes);
        return t;
    }

    const TypedField field = typedFieldFor(p, type);
    if (*count > 0 && typedValueCount(p) == 0)
        throw ModelError(file, "the tensor holds no data for its " + what
                                   + " elements (an empty sequence or optional, or not a tensor file?)");
    if (typedValueCount(p) != field.size)
        throw ModelError(file, "the tensor's values are in a field that does not match its type " + what
                                   + " (expected " + field.name + ")");
    if (static_cast<int64_t>(field.size) != *count * field.valuesPerElement)
        throw ModelError(file, std::string(field.name) + " holds " + std::to_string(field.size) + " values but " + what
                                   + " needs " + std::to_string(*count * field.valuesPerElement));
    HostTensor t = HostTensor::allocate(type, std::move(dims));
    fillFromTypedField(p, t);
    return t;
}

} // namespace

NamedTensor readTensorProto(const std::filesystem::path& path)
{
    const MappedFile mapped(path);
    const std::string file = path.string();
    if (mapped.size() == 0)
        throw ModelError(file, "empty file");
    if (mapped.size() > static_cast<std::size_t>(INT_MAX))
        throw ModelError(file, "larger than 2 GB, the protobuf limit");
    Proto proto;
    if (!proto.ParseFromArray(mapped.bytes().data(), static_cast<int>(mapped.size())))
        throw ModelError(file, "not a TensorProto file: not a valid protobuf message");
    NamedTensor out;
    out.tensor = tensorFromProto(proto, file);
    out.name = proto.name();
    return out;
}

void writeTensorProto(const std::filesystem::path& path, const HostTensor& tensor, const std::string& name)
{
    const std::string file = path.string();
    if (dataTypeSize(tensor.type()) == 0)
        throw ModelError(file, "cannot write a " + std::string(dataTypeName(tensor.type())) + " tensor as TensorProto");
    // Leave room for the dims and name inside protobuf's 2 GB message limit.
    if (tensor.byteSize() > static_cast<std::size_t>(INT_MAX) - (std::size_t(1) << 20))
        throw ModelError(file, "tensor of " + std::to_string(tensor.byteSize()) + " bytes is too large for a protobuf file");
    Proto proto;
    for (int64_t d : tensor.dims())
        proto.add_dims(d);
    proto.set_data_type(static_cast<int32_t>(tensor.type()));
    if (!name.empty())
        proto.set_name(name);
    proto.set_raw_data(tensor.bytes(), tensor.byteSize());
    std::string bytes;
    if (!proto.SerializeToString(&bytes))
        throw ModelError(file, "cannot serialise the tensor");
    AtomicFileWriter out(path);
    out.write(bytes.data(), bytes.size());
    out.commit();
}

} // namespace foldwise
