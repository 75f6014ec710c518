#pragma once

#include "io/FileDescriptor.h"

#include <filesystem>
#include <string>

namespace foldwise {

// Replaces a set of files in an output folder (design.json, config.json, report.json, ...) as
// one: a reader of the folder sees the complete old set or the complete new one, never a mix,
// even when the writer is killed at any moment.
//
//   DirectoryTransaction txn(outputDir);
//   writeJsonFile(txn.folder() / "design.json", ...);   // every file of the new set
//   txn.commit();
//
// The new set is written into a hidden staging folder beside the target, `.<name>.txn-<pid>-<n>`
// (owned and locked by this writer, io/OwnedTemporary.h). commit() then
//  - creates the target by renaming the staging folder when there is none, or else
//  - carries what the old folder holds beyond the new set (a user's notes, fidelity.csv of an
//    earlier evaluate, ...) into the staging folder, as hard links (copies where the filesystem
//    has none), so nothing but the replaced files changes, and
//  - swaps the two folders in one step (Linux renameat2 RENAME_EXCHANGE), then removes the old
//    one. Where the filesystem cannot exchange, the old folder is renamed aside and the new one
//    renamed in: a reader may then find no folder for that instant, never a mixed one.
// A writer killed before the switch leaves the target untouched and a staging folder that the
// next transaction on the same target removes; one killed in the middle of the fallback's two
// renames is completed by the next transaction (the staging folder is complete by then).
//
// Some folders cannot be swapped: the working directory or one of its ancestors (a shell or
// another program inside it would find itself in a deleted folder), a mount point, a folder
// holding subfolders or special files (another program may be writing inside them), a folder
// whose parent we may not write. For those the new set is staged inside the target
// (`.foldwise-txn-<pid>-<n>/`) and moved in file by file: readers can see a mix during the
// moves, but a writer killed halfway is completed by the next transaction on the target.
//
// Concurrent transactions on one target take turns at commit (io/FolderLock.h); the last
// commit wins, and files of the earlier set that the later one lacks are carried over.
// Destroying an uncommitted transaction removes the staging folder. Errors are ModelErrors
// naming the folder.
class DirectoryTransaction {
public:
    explicit DirectoryTransaction(const std::filesystem::path& target);
    ~DirectoryTransaction();
    DirectoryTransaction(const DirectoryTransaction&) = delete;
    DirectoryTransaction& operator=(const DirectoryTransaction&) = delete;

    // Where to write the new set (an existing, empty folder until written to).
    const std::filesystem::path& folder() const { return staging_; }
    // The folder as the user named it (relative paths stay relative), for messages.
    const std::filesystem::path& target() const { return given_; }
    // Whether commit() will swap whole folders (false: the file-by-file fallback above).
    bool swapsFolders() const { return beside_; }

    void commit();

private:
    void recoverAbandoned();
    void commitBeside();
    void commitInside();

    std::filesystem::path given_;
    std::filesystem::path target_;  // absolute, symbolic links resolved
    std::filesystem::path staging_; // `.<name>.txn-<pid>-<n>` beside, or `.foldwise-txn-<pid>-<n>` inside
    std::string owner_;             // `<pid>-<n>` of the staging folder
    bool beside_ = true;
    FileDescriptor stagingFd_;      // keeps the owner's lock on the staging folder
    bool committed_ = false;
};

} // namespace foldwise
