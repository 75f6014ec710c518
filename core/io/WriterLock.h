#pragma once

#include <filesystem>
#include <string>

namespace foldwise {

// One writer at a time for a folder that a long-running writer fills step by step (a sweep's
// run directory): an exclusive advisory lock (flock) on a lock file inside the folder, which
// records who holds it, so that a second writer is refused with a message a user can act on.
// The kernel drops the lock when its holder dies, however it dies: a lock file a killed writer
// left behind is simply taken over. Readers do not lock.
class WriterLock {
public:
    // Takes the lock `dir/lockName` (the folder must exist). Throws ModelError(dir, "is being
    // written by pid 1234 on host X since 2024-05-01 10:00:00 +0200, started as: foldwise-cli
    // sweep ...") when another writer holds it, ModelError(dir, why) when the lock file cannot be
    // written. A filesystem without locks is written without one, as before locks existed.
    WriterLock(const std::filesystem::path& dir, const std::string& lockName);
    // Removes the lock file and releases the lock.
    ~WriterLock();
    WriterLock(const WriterLock&) = delete;
    WriterLock& operator=(const WriterLock&) = delete;

private:
    std::filesystem::path file_;
    int fd_ = -1;
};

// Throws the ModelError a WriterLock would when another writer holds `dir/lockName`; returns
// when nobody does (and creates nothing): for a reader about to act on the folder's contents,
// which a writer may not have written yet.
void refuseIfBeingWritten(const std::filesystem::path& dir, const std::string& lockName);

// What a WriterLock records about its holder: `key: value` lines (pid, host, since, command).
std::string writerDescription();

} // namespace foldwise
