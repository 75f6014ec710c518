#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace foldwise::qonnx {

// How the values of a tensor are represented on the accelerator: FINN's DataType vocabulary
// (finn_datatype annotations: INT4, UINT2, BIPOLAR, BINARY, TERNARY, FIXED<8,3>,
// SCALEDINT<8>, FLOAT32 ...). QONNX keeps every tensor as float32 in the file; the format is
// what its quantizers or annotations say.
struct NumberFormat {
    enum class Kind { Float, Integer, Bipolar, Binary, Ternary, Fixed, ScaledInteger };
    Kind kind = Kind::Float;
    int bits = 32;
    bool isSigned = true;
    int integerBits = 0; // FIXED<bits, integerBits>

    bool isFloat() const { return kind == Kind::Float; }
    // Bits the hardware spends per value (32 for float32, 16 for float16).
    int hardwareBits() const { return bits; }
    // FINN's name for the format: "INT4", "UINT2", "BIPOLAR", "FLOAT32", "FIXED<8,3>", ...
    std::string finnName() const;

    static NumberFormat floatingPoint(int bits = 32) { return {Kind::Float, bits, true, 0}; }
    static NumberFormat integer(int bits, bool isSigned) { return {Kind::Integer, bits, isSigned, 0}; }
    static NumberFormat bipolar() { return {Kind::Bipolar, 1, true, 0}; }

    bool operator==(const NumberFormat&) const = default;
};

// Parses a finn_datatype string; nullopt for names FINN does not define.
std::optional<NumberFormat> parseFinnDataType(std::string_view name);

// The format a QONNX Quant of `bits` produces: BIPOLAR for a signed 1-bit Quant (as qonnx
// executes it), BINARY for an unsigned one, else INT<b>/UINT<b>.
NumberFormat quantOutputFormat(int bits, bool isSigned);

} // namespace foldwise::qonnx
