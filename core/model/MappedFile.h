#pragma once

#include <cstddef>
#include <filesystem>
#include <memory>
#include <span>

namespace foldwise {

// A read-only memory map of a whole file. The OS pages data in on first touch, so mapping a
// large model or external-data file costs nothing until its bytes are read.
class MappedFile {
public:
    // Throws ModelError naming the file when it cannot be opened or mapped.
    explicit MappedFile(const std::filesystem::path& path);

    std::span<const std::byte> bytes() const { return {static_cast<const std::byte*>(data_.get()), size_}; }
    std::size_t size() const { return size_; }
    const std::filesystem::path& path() const { return path_; }

private:
    struct Unmap {
        std::size_t length;
        void operator()(void* address) const;
    };

    std::filesystem::path path_;
    std::unique_ptr<void, Unmap> data_; // null for an empty file (nothing to map)
    std::size_t size_ = 0;
};

} // namespace foldwise
