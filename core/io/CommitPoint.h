#pragma once

#include <filesystem>

namespace foldwise {

// Fault injection for the kill tests (tests/txn): every writer that makes output visible calls
// commitPoint() just before each step a reader could observe (a rename, an exchange of
// folders, a removal), so a test can kill the process at each of those moments in
// turn, deterministically, instead of hoping a random kill -9 lands between two renames.
//
//   FOLDWISE_CRASH_AT_STEP=N   the Nth commit point of the process raises SIGKILL (N >= 1)
//   FOLDWISE_CRASH_TRACE=1     each commit point prints "foldwise: commit point N: WHAT" on stderr
//
// Both are read once, at the first call. Unset (the normal case), a commit point costs one
// relaxed atomic increment. Test-only: nothing in Foldwise depends on them.
void commitPoint(const char* what);
// The same, naming the file or folder concerned in the trace.
void commitPoint(const char* what, const std::filesystem::path& path);

} // namespace foldwise
