#pragma once

#include "io/FileDescriptor.h"

#include <filesystem>

namespace foldwise {

// An exclusive advisory lock (flock) on a folder itself, held for the object's lifetime, so that
// writers replacing several names in one folder take turns (a profile and its side-car, a
// folder swapped for its new version). It blocks until the folder is free; the kernel drops it
// when its holder dies. Best effort: a folder that cannot be opened or locked (permissions, a
// filesystem without locks) is written without taking turns, as before there were locks.
// Two FolderLocks on one folder exclude each other even within one process.
class FolderLock {
public:
    explicit FolderLock(const std::filesystem::path& dir);

private:
    FileDescriptor fd_; // closing it releases the lock
};

} // namespace foldwise
