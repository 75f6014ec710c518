#pragma once

#include "io/FileDescriptor.h"

#include <cstddef>
#include <cstdint>
#include <filesystem>

namespace foldwise {

// A regular file opened for positioned reads (pread): reads need no shared seek position, so
// several threads may read one InputFile at once, and a reader can fetch any slice of a huge
// file straight into its destination buffer. Errors are ModelErrors naming the file.
class InputFile {
public:
    explicit InputFile(const std::filesystem::path& path);

    const std::filesystem::path& path() const { return path_; }
    std::uint64_t size() const { return size_; }

    // Reads up to `length` bytes at `offset`; returns how many were read (fewer only at the end
    // of the file).
    std::size_t readAt(std::uint64_t offset, void* out, std::size_t length) const;
    // Reads exactly `length` bytes; throws ModelError saying what was being read otherwise.
    void readExactlyAt(std::uint64_t offset, void* out, std::size_t length, const char* what) const;

private:
    std::filesystem::path path_;
    FileDescriptor fd_;
    std::uint64_t size_ = 0;
};

} // namespace foldwise
