#pragma once

#include <cstddef>
#include <cstdint>
#include <string_view>

namespace foldwise {

// Element types, numbered as ONNX's TensorProto.DataType so values convert by cast.
enum class DataType : int32_t {
    Undefined = 0,
    Float = 1, UInt8 = 2, Int8 = 3, UInt16 = 4, Int16 = 5, Int32 = 6, Int64 = 7,
    String = 8, Bool = 9, Float16 = 10, Double = 11, UInt32 = 12, UInt64 = 13,
    Complex64 = 14, Complex128 = 15, BFloat16 = 16,
};

// Lower-case ONNX name ("float", "int64", ...); "undefined" for unknown codes.
std::string_view dataTypeName(DataType type);

// Bytes per element, 0 for String and unknown types (their size is not fixed).
std::size_t dataTypeSize(DataType type);

bool isFloatingPoint(DataType type);

// True for codes ONNX defines; a model may carry any int32 in its type fields.
bool isKnownDataType(int32_t code);

// One little-endian element at `p` as a double; false for types without a numeric value
// (strings, complex, undefined).
bool elementToDouble(DataType type, const std::byte* p, double& value);

} // namespace foldwise
