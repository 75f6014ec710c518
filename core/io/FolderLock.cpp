#include "io/FolderLock.h"

#include <cerrno>
#include <fcntl.h>
#include <sys/file.h>

namespace foldwise {

FolderLock::FolderLock(const std::filesystem::path& dir)
    : fd_(::open(dir.empty() ? "." : dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC))
{
    if (!fd_.isOpen())
        return;
    int r = 0;
    while ((r = ::flock(fd_.get(), LOCK_EX)) != 0 && errno == EINTR) {
    }
    if (r != 0)
        fd_.reset();
}

} // namespace foldwise
