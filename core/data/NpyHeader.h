#pragma once

#include "model/DataType.h"

#include <cstddef>
#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace foldwise {

// The parsed header of a NumPy .npy file (format versions 1.0, 2.0 and 3.0): what the array
// holds and where its bytes start. See numpy/lib/format.py for the format.
struct NpyHeader {
    int majorVersion = 1;
    DataType type = DataType::Undefined;
    std::vector<int64_t> dims;
    std::size_t dataOffset = 0; // bytes from the start of the file to the array data
    std::size_t dataBytes = 0;  // element count x element size (checked not to overflow)
};

// Bytes of the fixed preamble to read first: magic (6), version (2), header length (2 or 4).
inline constexpr std::size_t kNpyPreambleBytes = 12;

// Reading a header takes two steps. npyHeaderSize checks the preamble in `head` (the first
// min(fileSize, kNpyPreambleBytes) bytes of the file) and returns the size of the whole header,
// magic to padding; parseNpyHeader then parses those bytes. Both throw ModelError(file, reason)
// for a bad magic, an unsupported version or dtype, a truncated or malformed header, Fortran
// order, a big-endian dtype or a negative or overflowing shape.
std::size_t npyHeaderSize(std::span<const std::byte> head, std::uint64_t fileSize, const std::string& file);
NpyHeader parseNpyHeader(std::span<const std::byte> header, const std::string& file);

// The .npy dtype string for `type` ("<f4", "|u1", ...); empty for types .npy cannot hold here.
std::string npyDescr(DataType type);
// The complete header (magic to the newline padding the data to 64 bytes) for an array.
std::string formatNpyHeader(DataType type, const std::vector<int64_t>& dims);

} // namespace foldwise
