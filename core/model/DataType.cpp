#include "model/DataType.h"

#include <cmath>
#include <cstring>
#include <limits>

namespace foldwise {

std::string_view dataTypeName(DataType type)
{
    switch (type) {
    case DataType::Float: return "float";
    case DataType::UInt8: return "uint8";
    case DataType::Int8: return "int8";
    case DataType::UInt16: return "uint16";
    case DataType::Int16: return "int16";
    case DataType::Int32: return "int32";
    case DataType::Int64: return "int64";
    case DataType::String: return "string";
    case DataType::Bool: return "bool";
    case DataType::Float16: return "float16";
    case DataType::Double: return "double";
    case DataType::UInt32: return "uint32";
    case DataType::UInt64: return "uint64";
    case DataType::Complex64: return "complex64";
    case DataType::Complex128: return "complex128";
    case DataType::BFloat16: return "bfloat16";
    case DataType::Undefined: break;
    }
    return "undefined";
}

std::size_t dataTypeSize(DataType type)
{
    switch (type) {
    case DataType::Bool:
    case DataType::UInt8:
    case DataType::Int8: return 1;
    case DataType::UInt16:
    case DataType::Int16:
    case DataType::Float16:
    case DataType::BFloat16: return 2;
    case DataType::Float:
    case DataType::Int32:
    case DataType::UInt32: return 4;
    case DataType::Int64:
    case DataType::UInt64:
    case DataType::Double:
    case DataType::Complex64: return 8;
    case DataType::Complex128: return 16;
    case DataType::String:
    case DataType::Undefined: break;
    }
    return 0;
}

bool isFloatingPoint(DataType type)
{
    return type == DataType::Float || type == DataType::Double || type == DataType::Float16
        || type == DataType::BFloat16;
}

namespace {

template <typename T>
double readAs(const std::byte* p)
{
    T v;
    std::memcpy(&v, p, sizeof(T));
    return static_cast<double>(v);
}

double halfToDouble(uint16_t h)
{
    const int exponent = (h >> 10) & 0x1f;
    const int mantissa = h & 0x3ff;
    const double sign = (h & 0x8000) ? -1.0 : 1.0;
    if (exponent == 0)
        return sign * std::ldexp(mantissa, -24);
    if (exponent == 31)
        return mantissa ? std::numeric_limits<double>::quiet_NaN() : sign * std::numeric_limits<double>::infinity();
    return sign * std::ldexp(mantissa + 1024, exponent - 25);
}

} // namespace

bool elementToDouble(DataType type, const std::byte* p, double& value)
{
    switch (type) {
    case DataType::Float: value = readAs<float>(p); return true;
    case DataType::Double: value = readAs<double>(p); return true;
    case DataType::Int64: value = readAs<int64_t>(p); return true;
    case DataType::UInt64: value = readAs<uint64_t>(p); return true;
    case DataType::Int32: value = readAs<int32_t>(p); return true;
    case DataType::UInt32: value = readAs<uint32_t>(p); return true;
    case DataType::Int16: value = readAs<int16_t>(p); return true;
    case DataType::UInt16: value = readAs<uint16_t>(p); return true;
    case DataType::Int8: value = readAs<int8_t>(p); return true;
    case DataType::UInt8:
    case DataType::Bool: value = readAs<uint8_t>(p); return true;
    case DataType::Float16: {
        uint16_t bits;
        std::memcpy(&bits, p, 2);
        value = halfToDouble(bits);
        return true;
    }
    case DataType::BFloat16: {
        uint16_t half;
        std::memcpy(&half, p, 2);
        const uint32_t bits = static_cast<uint32_t>(half) << 16;
        float f;
        std::memcpy(&f, &bits, 4);
        value = f;
        return true;
    }
    default: return false;
    }
}

bool isKnownDataType(int32_t code)
{
    return code >= static_cast<int32_t>(DataType::Float) && code <= static_cast<int32_t>(DataType::BFloat16);
}

} // namespace foldwise
