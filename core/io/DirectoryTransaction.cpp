#include "io/DirectoryTransaction.h"

#include "io/AtomicFileWriter.h"
#include "io/CommitPoint.h"
#include "io/FileErrors.h"
#include "io/FolderLock.h"
#include "io/ModelError.h"
#include "io/OwnedTemporary.h"

#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fcntl.h>
#include <set>
#include <string_view>
#include <sys/stat.h>
#include <unistd.h>
#include <vector>

namespace foldwise {
namespace {

namespace fs = std::filesystem;

constexpr std::string_view kInsidePrefix = ".foldwise-txn-";
constexpr std::string_view kInsideDonePrefix = ".foldwise-done-";

std::string besidePrefix(const fs::path& target) { return "." + target.filename().string() + ".txn-"; }
std::string asidePrefix(const fs::path& target) { return "." + target.filename().string() + ".old-"; }

[[noreturn]] void fail(const fs::path& dir, const std::string& what, int error)
{
    throw ModelError(dir.string(), what + ": " + writeFailure(error, dir.parent_path()));
}

// The tests force the fallback of filesystems without RENAME_EXCHANGE with this variable
// (read at every commit, which is rare enough, so that a test can switch it).
bool exchangeDisabledForTesting()
{
    const char* v = std::getenv("FOLDWISE_TEST_NO_RENAME_EXCHANGE");
    return v && std::string_view(v) == "1";
}

int renameWithFlags(const fs::path& from, const fs::path& to, unsigned flags)
{
    if (flags == RENAME_EXCHANGE && exchangeDisabledForTesting()) {
        errno = EINVAL;
        return -1;
    }
    return ::renameat2(AT_FDCWD, from.c_str(), AT_FDCWD, to.c_str(), flags);
}

void syncFolder(const fs::path& dir)
{
    const int fd = ::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (fd >= 0) {
        (void)::fsync(fd); // durability only: a crash of the machine, not of the process
        ::close(fd);
    }
}

std::set<std::string> namesIn(const fs::path& dir)
{
    std::set<std::string> names;
    std::error_code ec;
    for (fs::directory_iterator it(dir, ec); !ec && it != fs::directory_iterator(); it.increment(ec))
        names.insert(it->path().filename().string());
    return names;
}

bool present(const fs::path& p)
{
    std::error_code ec;
    return fs::symlink_status(p, ec).type() != fs::file_type::not_found && !ec;
}

// Gives `to` the same entry as `from` without copying data where the filesystem allows:
// a hard link for a file, the same target for a symbolic link, a folder of such links.
void carryOver(const fs::path& from, const fs::path& to)
{
    std::error_code ec;
    const fs::file_status s = fs::symlink_status(from, ec);
    if (ec)
        return; // gone meanwhile
    const auto throwIfFailed = [&] {
        if (ec)
            throw ModelError(to.parent_path().string(),
                             "cannot carry " + from.filename().string() + " over into the new version: " + ec.message());
    };
    switch (s.type()) {
    case fs::file_type::regular:
        if (::link(from.c_str(), to.c_str()) == 0)
            return;
        if (errno != EXDEV && errno != EPERM && errno != EMLINK && errno != ENOTSUP && errno != EOPNOTSUPP)
            fail(to.parent_path(), "cannot carry " + from.filename().string() + " over into the new version", errno);
        fs::copy_file(from, to, ec);
        throwIfFailed();
        return;
    case fs::file_type::symlink:
        fs::copy_symlink(from, to, ec);
        throwIfFailed();
        return;
    case fs::file_type::directory:
        fs::create_directory(to, from, ec);
        throwIfFailed();
        for (const std::string& name : namesIn(from))
            carryOver(from / name, to / name);
        return;
    default:
        throw ModelError(from.string(), "cannot carry this special file over into the new version of its folder");
    }
}

// Whether the folder holds only regular files and symbolic links.
bool holdsOnlyFiles(const fs::path& dir)
{
    std::error_code ec;
    for (fs::directory_iterator it(dir, ec); !ec && it != fs::directory_iterator(); it.increment(ec)) {
        const fs::file_type t = it->symlink_status(ec).type();
        if (t != fs::file_type::regular && t != fs::file_type::symlink)
            return false;
    }
    return !ec;
}

bool isWorkingFolderOrAbove(const fs::path& dir)
{
    std::error_code ec;
    const fs::path cwd = fs::weakly_canonical(fs::current_path(ec), ec);
    if (ec)
        return false;
    const std::string d = dir.string(), c = cwd.string();
    return c == d || c.starts_with(d.ends_with('/') ? d : d + "/");
}

bool isMountPoint(const fs::path& dir)
{
    struct stat self {}, parent {};
    if (::stat(dir.c_str(), &self) != 0 || ::stat(dir.parent_path().c_str(), &parent) != 0)
        return false;
    return self.st_dev != parent.st_dev || self.st_ino == parent.st_ino;
}

// `.<prefix><owner>` of an owned temporary's name, or "" when it has another prefix.
std::string ownerOf(const std::string& name, std::string_view prefix)
{
    return name.starts_with(prefix) ? name.substr(prefix.size()) : std::string();
}

// Moves every entry of `from` into `to` (replacing what is there), in name order.
void moveEntriesInto(const fs::path& from, const fs::path& to)
{
    for (const std::string& name : namesIn(from)) {
        commitPoint("move into the folder", to / name);
        if (std::rename((from / name).c_str(), (to / name).c_str()) != 0)
            fail(to / name, "cannot move the new version into place", errno);
    }
}

} // namespace

DirectoryTransaction::DirectoryTransaction(const fs::path& target) : given_(target)
{
    std::error_code ec;
    fs::path t = fs::absolute(target, ec).lexically_normal();
    if (ec)
        throw ModelError(target.string(), "cannot resolve the folder's path: " + ec.message());
    if (t.filename().empty() && t.has_parent_path() && t != t.root_path())
        t = t.parent_path(); // "design/" names the folder "design"
    // Links resolved: a link to the folder stays a link (the folder it points to is swapped),
    // and the staging folder lands beside the real folder, on its filesystem.
    target_ = fs::weakly_canonical(t, ec);
    if (ec)
        throw ModelError(target.string(), "cannot resolve the folder's path: " + ec.message());
    if (target_ == target_.root_path())
        beside_ = false;
    else
        createFolder(target_.parent_path());
    // First, as it may complete a killed writer's switch; and its leftovers inside the target
    // are no subfolders of the user's.
    recoverAbandoned();
    const fs::file_status status = fs::status(target_, ec);
    const bool found = status.type() != fs::file_type::not_found;
    if (found && status.type() != fs::file_type::directory)
        throw ModelError(given_.string(), "is not a folder (expected a folder for the outputs)");
    if (found && ::access(target_.c_str(), W_OK) != 0)
        throw ModelError(given_.string(), "cannot write the outputs: " + writeFailure(errno, target_));
    if (found && beside_)
        beside_ = !isWorkingFolderOrAbove(target_) && !isMountPoint(target_) && holdsOnlyFiles(target_);

    if (beside_) {
        owner_ = ownedTemporaryName("");
        staging_ = target_.parent_path() / (besidePrefix(target_) + owner_);
        if (::mkdir(staging_.c_str(), 0777) != 0) {
            const int error = errno;
            if (!found || (error != EACCES && error != EPERM))
                fail(given_, "cannot write the outputs", error);
            beside_ = false; // a folder we may write in a parent we may not: stage inside it
        }
    }
    if (!beside_) {
        if (!found)
            createFolder(target_);
        owner_ = ownedTemporaryName("");
        staging_ = target_ / (std::string(kInsidePrefix) + owner_);
        if (::mkdir(staging_.c_str(), 0777) != 0)
            fail(given_, "cannot write the outputs", errno);
    }
    stagingFd_ = FileDescriptor(::open(staging_.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC));
    if (stagingFd_.isOpen())
        lockAsOwner(stagingFd_.get());
}

DirectoryTransaction::~DirectoryTransaction()
{
    stagingFd_.reset();
    if (!committed_ && !staging_.empty()) {
        std::error_code ignored;
        fs::remove_all(staging_, ignored);
    }
}

// What killed writers of this target left: staging folders (removed: the target is complete
// without them), and the halves of the no-exchange fallback (completed).
void DirectoryTransaction::recoverAbandoned()
{
    const fs::path parent = target_.parent_path();
    if (target_ != target_.root_path()) {
        FolderLock lock(parent);
        const std::string txn = besidePrefix(target_), old = asidePrefix(target_);
        for (const std::string& name : namesIn(parent)) {
            if (!name.starts_with(old) || !isAbandoned(parent / name, old))
                continue;
            // Killed between renaming the old folder aside and the new one in: the new one is
            // complete (the switch starts only then), so finish the switch.
            const fs::path staged = parent / (txn + ownerOf(name, old));
            std::error_code ec;
            if (!present(target_))
                (void)std::rename((present(staged) ? staged : parent / name).c_str(), target_.c_str());
            fs::remove_all(parent / name, ec);
        }
        removeAbandoned(parent, txn);
    }
    std::error_code ec;
    if (!fs::is_directory(target_, ec))
        return;
    FolderLock lock(target_);
    // Temporaries of killed single-file writers in the folder: not carried into the new version.
    removeAbandonedTemporaries(target_);
    for (const std::string& name : namesIn(target_)) {
        const fs::path entry = target_ / name;
        if (name.starts_with(kInsideDonePrefix) && isAbandoned(entry, kInsideDonePrefix)) {
            try {
                moveEntriesInto(entry, target_); // complete: finish moving it in
            } catch (const ModelError&) {
                continue; // leave it for a later writer rather than lose it
            }
            fs::remove_all(entry, ec);
        }
    }
    removeAbandoned(target_, kInsidePrefix);
}

void DirectoryTransaction::commit()
{
    if (committed_)
        return;
    if (stagingFd_.isOpen())
        (void)::fsync(stagingFd_.get());
    if (beside_)
        commitBeside();
    else
        commitInside();
    committed_ = true;
}

void DirectoryTransaction::commitBeside()
{
    const fs::path parent = target_.parent_path();
    FolderLock lock(parent);
    if (!present(target_)) {
        commitPoint("create the folder", target_);
        int r = renameWithFlags(staging_, target_, RENAME_NOREPLACE);
        if (r != 0 && errno == EINVAL) // no RENAME_NOREPLACE here: a plain rename still refuses a
            r = std::rename(staging_.c_str(), target_.c_str()); // non-empty folder created meanwhile
        if (r == 0) {
            syncFolder(parent);
            return;
        }
        if (errno != EEXIST && errno != ENOTEMPTY)
            fail(given_, "cannot create the folder", errno);
        // Created meanwhile: replace it as an existing folder.
    }

    // The old folder's entries that the new set does not replace.
    const std::set<std::string> staged = namesIn(staging_);
    for (const std::string& name : namesIn(target_))
        if (!staged.contains(name))
            carryOver(target_ / name, staging_ / name);
    struct stat mode {};
    if (::stat(target_.c_str(), &mode) == 0)
        (void)::chmod(staging_.c_str(), mode.st_mode & 07777);

    commitPoint("exchange the folders", target_);
    fs::path old = staging_; // where the old folder ends up
    if (renameWithFlags(staging_, target_, RENAME_EXCHANGE) != 0) {
        if (errno != EINVAL && errno != ENOSYS && errno != ENOTSUP && errno != EOPNOTSUPP)
            fail(given_, "cannot replace the folder", errno);
        // No exchange on this filesystem: old aside, new in. Killed in between, the next
        // transaction finds the target missing and completes the switch (recoverAbandoned).
        old = parent / (asidePrefix(target_) + owner_);
        commitPoint("move the old folder aside", target_);
        if (std::rename(target_.c_str(), old.c_str()) != 0)
            fail(given_, "cannot replace the folder", errno);
        commitPoint("move the new folder in", target_);
        if (std::rename(staging_.c_str(), target_.c_str()) != 0) {
            const int error = errno;
            (void)std::rename(old.c_str(), target_.c_str());
            fail(given_, "cannot replace the folder", error);
        }
    }
    syncFolder(parent);
    // Files another program put into the old folder after the carry-over: move them along.
    const std::set<std::string> now = namesIn(target_);
    for (const std::string& name : namesIn(old))
        if (!now.contains(name))
            (void)std::rename((old / name).c_str(), (target_ / name).c_str());
    commitPoint("remove the old folder", old);
    std::error_code ec;
    fs::remove_all(old, ec); // best effort: a leftover is removed by the next transaction
}

void DirectoryTransaction::commitInside()
{
    FolderLock lock(target_);
    // A staged file would not replace a folder of the same name (nor the other way round):
    // refuse before moving anything.
    for (const std::string& name : namesIn(staging_)) {
        std::error_code ec;
        const bool stagedFolder = fs::is_directory(fs::symlink_status(staging_ / name, ec));
        const fs::file_status there = fs::symlink_status(target_ / name, ec);
        if (there.type() != fs::file_type::not_found && fs::is_directory(there) != stagedFolder)
            throw ModelError((target_ / name).string(), stagedFolder ? "is a file where the new output is a folder"
                                                                     : "is a folder where the new output is a file");
        if (stagedFolder && there.type() != fs::file_type::not_found)
            throw ModelError((target_ / name).string(), "cannot replace an existing folder of outputs in place");
    }
    // Renamed as a whole first: from here the set is complete, and a writer killed while
    // moving it in is completed by the next transaction.
    const fs::path done = target_ / (std::string(kInsideDonePrefix) + owner_);
    commitPoint("mark the staged outputs complete", done);
    if (std::rename(staging_.c_str(), done.c_str()) != 0)
        fail(given_, "cannot move the new version into place", errno);
    // Failing from here on, the complete set stays where it is for the next transaction to
    // move in: removing it would leave the folder half new.
    staging_.clear();
    moveEntriesInto(done, target_);
    syncFolder(target_);
    commitPoint("remove the staging folder", done);
    std::error_code ec;
    fs::remove_all(done, ec);
}

} // namespace foldwise
