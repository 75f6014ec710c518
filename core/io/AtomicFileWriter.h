#pragma once

#include <cstddef>
#include <filesystem>

namespace foldwise {

// Writes a file so that nobody ever sees it half-written: the bytes go to a hidden temporary
// file in the target's folder (same filesystem, so the final rename is atomic) which replaces
// the target only on commit(). Destroying an uncommitted writer removes the temporary file, so
// a failed or interrupted write leaves the old target untouched.
//
// The temporary is `.<name>.tmp-<pid>-<n>`, locked by its writer (io/OwnedTemporary.h): a
// writer killed with SIGKILL cannot remove it, so each new writer of the same target first
// removes the temporaries of writers that are gone, and never those of a writer still running.
// Errors are ModelErrors naming the target and saying what went wrong in plain words.
class AtomicFileWriter {
public:
    explicit AtomicFileWriter(std::filesystem::path target);
    ~AtomicFileWriter();
    AtomicFileWriter(const AtomicFileWriter&) = delete;
    AtomicFileWriter& operator=(const AtomicFileWriter&) = delete;

    void write(const void* data, std::size_t length);
    // Flushes to disk and renames over the target (a commit point just before the rename,
    // io/CommitPoint.h).
    void commit();

private:
    std::filesystem::path target_;
    std::filesystem::path temporary_;
    int fd_ = -1;
    bool committed_ = false;
};

// The prefix of a target's temporaries: `.<name>.tmp-`.
std::string atomicTemporaryPrefix(const std::filesystem::path& target);

// Removes the temporaries of killed writers of any file in `dir` (for a writer replacing the
// whole folder, which writes none of its files in place).
void removeAbandonedTemporaries(const std::filesystem::path& dir);

} // namespace foldwise
