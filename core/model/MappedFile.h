#pragma once

#include <cstddef>
#include <filesystem>
#include <span>

namespace foldwise {

// A read-only memory map of a whole file. The OS pages data in on first touch, so mapping a
// large model or external-data file costs nothing until its bytes are read.
class MappedFile {
public:
    // Throws ModelError naming the file when it cannot be opened or mapped.
    explicit MappedFile(const std::filesystem::path& path);
    ~MappedFile();
    MappedFile(const MappedFile&) = delete;
    MappedFile& operator=(const MappedFile&) = delete;

    std::span<const std::byte> bytes() const { return {static_cast<const std::byte*>(data_), size_}; }
    std::size_t size() const { return size_; }
    const std::filesystem::path& path() const { return path_; }

private:
    std::filesystem::path path_;
    void* data_ = nullptr;
    std::size_t size_ = 0;
};

} // namespace foldwise
