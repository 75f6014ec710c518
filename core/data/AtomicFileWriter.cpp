#include "data/AtomicFileWriter.h"

#include "model/ModelError.h"

#include <algorithm>
#include <atomic>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <fcntl.h>
#include <string>
#include <unistd.h>

namespace foldwise {
namespace {

std::string errnoText() { return std::strerror(errno); }

} // namespace

AtomicFileWriter::AtomicFileWriter(std::filesystem::path target) : target_(std::move(target))
{
    if (target_.filename().empty())
        throw ModelError(target_.string(), "cannot write: the path names no file");
    // The name is unique per process and call; O_EXCL guards against leftovers of a crashed
    // run. Mode 0666 lets the umask decide the final permissions, as for a plain new file.
    static std::atomic<unsigned> counter{0};
    for (int attempt = 0; attempt < 100 && fd_ < 0; ++attempt) {
        temporary_ = target_;
        temporary_.replace_filename("." + target_.filename().string() + ".tmp-" + std::to_string(::getpid()) + "-"
                                    + std::to_string(counter.fetch_add(1)));
        fd_ = ::open(temporary_.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0666);
        if (fd_ < 0 && errno != EEXIST)
            break;
    }
    if (fd_ < 0)
        throw ModelError(target_.string(), "cannot create a temporary file beside it: " + errnoText());
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
            throw ModelError(target_.string(), "cannot write: " + errnoText());
        }
        p += n;
        length -= static_cast<std::size_t>(n);
    }
}

void AtomicFileWriter::commit()
{
    if (::fsync(fd_) != 0)
        throw ModelError(target_.string(), "cannot write: " + errnoText());
    const int closed = ::close(fd_);
    fd_ = -1;
    if (closed != 0)
        throw ModelError(target_.string(), "cannot write: " + errnoText());
    if (std::rename(temporary_.c_str(), target_.c_str()) != 0)
        throw ModelError(target_.string(), "cannot replace the file: " + errnoText());
    committed_ = true;
}

} // namespace foldwise
