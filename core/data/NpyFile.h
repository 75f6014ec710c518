#pragma once

#include "data/NpyHeader.h"
#include "model/HostTensor.h"

#include <filesystem>

namespace foldwise {

// Reads a whole .npy file into one freshly allocated tensor: the array bytes are read straight
// into the tensor's storage, so a 1 GB array costs 1 GB, never 2. Throws ModelError(file,
// reason) for every malformed file (see NpyHeader.h), for data shorter than the shape needs
// (with expected and actual byte counts) and for I/O errors. Bytes after the data are ignored,
// as numpy does.
HostTensor readNpy(const std::filesystem::path& path);

// Reads and checks only the header, including that the file holds all the data it declares;
// for readers that fetch slices of a large array themselves (header.dataOffset onwards).
NpyHeader readNpyHeader(const std::filesystem::path& path);

// Writes `tensor` as a version 1.0 .npy file (2.0 for huge headers), C order, little-endian.
// The write is atomic (temporary file + rename). Throws ModelError for types .npy cannot hold
// here (string, complex, bfloat16) and for I/O errors.
void writeNpy(const std::filesystem::path& path, const HostTensor& tensor);

} // namespace foldwise
