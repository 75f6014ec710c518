#include "io/AtomicFileWriter.h"

#include "io/CommitPoint.h"
#include "io/FileErrors.h"
#include "io/ModelError.h"
#include "io/OwnedTemporary.h"

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <fcntl.h>
#include <string>
#include <unistd.h>
#include <vector>

namespace foldwise {

std::string atomicTemporaryPrefix(const std::filesystem::path& target)
{
    return "." + target.filename().string() + ".tmp-";
}

void removeAbandonedTemporaries(const std::filesystem::path& dir)
{
    std::vector<std::filesystem::path> abandoned;
    std::error_code ec;
    for (std::filesystem::directory_iterator it(dir, ec); !ec && it != std::filesystem::directory_iterator(); it.increment(ec)) {
        const std::string name = it->path().filename().string();
        const std::size_t tmp = name.rfind(".tmp-");
        if (name.starts_with(".") && tmp != std::string::npos && tmp > 0 && isAbandoned(it->path(), name.substr(0, tmp + 5)))
            abandoned.push_back(it->path());
    }
    for (const std::filesystem::path& p : abandoned)
        std::filesystem::remove(p, ec);
}

AtomicFileWriter::AtomicFileWriter(std::filesystem::path target) : target_(std::move(target))
{
    if (target_.filename().empty())
        throw ModelError(target_.string(), "cannot write: the path names no file");
    const std::string prefix = atomicTemporaryPrefix(target_);
    removeAbandoned(target_.parent_path(), prefix);
    // O_EXCL guards against a leftover of the same name (a reused pid). Mode 0666 lets the
    // umask decide the final permissions, as for a plain new file.
    for (int attempt = 0; attempt < 100 && fd_ < 0; ++attempt) {
        temporary_ = target_;
        temporary_.replace_filename(ownedTemporaryName(prefix));
        fd_ = ::open(temporary_.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0666);
        if (fd_ < 0 && errno != EEXIST)
            break;
    }
    if (fd_ < 0)
        throw ModelError(target_.string(), "cannot write it: " + writeFailure(errno, target_.parent_path()));
    lockAsOwner(fd_);
}

AtomicFileWriter::~AtomicFileWriter()
{
    if (fd_ >= 0)
        ::close(fd_);
    if (!committed_)
        ::unlink(temporary_.c_str());
}

void AtomicFileWriter::write(const void* data, std::size_t length)
{
    const auto* p = static_cast<const unsigned char*>(data);
    while (length > 0) {
        const std::size_t chunk = std::min<std::size_t>(length, std::size_t(1) << 30);
        const ssize_t n = ::write(fd_, p, chunk);
        if (n < 0) {
            if (errno == EINTR)
                continue;
            throw ModelError(target_.string(), "cannot write it: " + writeFailure(errno, target_.parent_path()));
        }
        p += n;
        length -= static_cast<std::size_t>(n);
    }
}

void AtomicFileWriter::commit()
{
    if (::fsync(fd_) != 0)
        throw ModelError(target_.string(), "cannot write it: " + writeFailure(errno, target_.parent_path()));
    // The lock goes with the descriptor; from here until the rename the temporary is unlocked,
    // but its owner's pid still runs, so no other writer takes it for abandoned.
    const int closed = ::close(fd_);
    fd_ = -1;
    if (closed != 0)
        throw ModelError(target_.string(), "cannot write it: " + writeFailure(errno, target_.parent_path()));
    commitPoint("replace", target_);
    if (std::rename(temporary_.c_str(), target_.c_str()) != 0) {
        const int error = errno;
        if (error == EISDIR)
            throw ModelError(target_.string(), "cannot replace it: it is a folder");
        throw ModelError(target_.string(), "cannot replace it: " + writeFailure(error, target_.parent_path()));
    }
    committed_ = true;
}

} // namespace foldwise
