#pragma once

namespace foldwise {

// Owns a POSIX file descriptor and closes it when destroyed, so that every early return and
// exception path closes it too. Move-only: one owner per descriptor. -1 means none.
class FileDescriptor {
public:
    FileDescriptor() = default;
    explicit FileDescriptor(int fd) : fd_(fd) {}
    FileDescriptor(FileDescriptor&& other) noexcept;
    FileDescriptor& operator=(FileDescriptor&& other) noexcept;
    ~FileDescriptor() { reset(); }

    int get() const { return fd_; }
    bool isOpen() const { return fd_ >= 0; }
    // Closes the descriptor now (closing also releases any flock held through it).
    void reset();

private:
    int fd_ = -1;
};

} // namespace foldwise
