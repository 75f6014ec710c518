#pragma once

#include <filesystem>
#include <string>
#include <string_view>

namespace foldwise {

// Temporaries that name their writer, so that the next writer can tell a killed writer's
// leftovers from a live writer's work in progress. A temporary is named
// `<prefix><pid>-<n>` (n unique within the process), and its writer holds an advisory lock
// (flock) on it while it lives; the kernel drops the lock when the writer dies, however it dies.

// `<prefix><this process's pid>-<a number unique in this process>`.
std::string ownedTemporaryName(std::string_view prefix);

// Whether `name` (a prefix-named entry) was left behind by a writer that is gone: its pid runs
// no process on this machine AND nobody holds a lock on it. Both must hold: the pid alone could
// be a live writer on another machine sharing the folder, the lock alone is briefly missing
// between a live writer creating its temporary and locking it. A reused pid keeps a leftover
// until the next writer after that process ends, which is harmless.
bool isAbandoned(const std::filesystem::path& entry, std::string_view prefix);

// Removes, recursively, every entry of `dir` whose name starts with `prefix` and is abandoned.
// Best effort: what cannot be removed stays for a later writer.
void removeAbandoned(const std::filesystem::path& dir, std::string_view prefix);

// Locks `fd` (a temporary's file or folder) as its owner for as long as it stays open.
void lockAsOwner(int fd);

} // namespace foldwise
