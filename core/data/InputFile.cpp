#include "data/InputFile.h"

#include "model/ModelError.h"

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <string>
#include <sys/stat.h>
#include <unistd.h>

namespace foldwise {

InputFile::InputFile(const std::filesystem::path& path)
    : path_(path), fd_(::open(path.c_str(), O_RDONLY | O_CLOEXEC))
{
    if (!fd_.isOpen())
        throw ModelError(path.string(), std::string("cannot open file: ") + std::strerror(errno));
    struct stat st {};
    if (::fstat(fd_.get(), &st) != 0 || !S_ISREG(st.st_mode))
        throw ModelError(path.string(), S_ISDIR(st.st_mode) ? "is a folder, not a file" : "not a regular file");
    size_ = static_cast<std::uint64_t>(st.st_size);
}

std::size_t InputFile::readAt(std::uint64_t offset, void* out, std::size_t length) const
{
    auto* dst = static_cast<unsigned char*>(out);
    std::size_t done = 0;
    while (done < length) {
        // Linux transfers at most ~2 GB per call; larger reads loop.
        const std::size_t chunk = std::min<std::size_t>(length - done, std::size_t(1) << 30);
        const ssize_t n = ::pread(fd_.get(), dst + done, chunk, static_cast<off_t>(offset + done));
        if (n < 0) {
            if (errno == EINTR)
                continue;
            throw ModelError(path_.string(), std::string("read error: ") + std::strerror(errno));
        }
        if (n == 0)
            break;
        done += static_cast<std::size_t>(n);
    }
    return done;
}

void InputFile::readExactlyAt(std::uint64_t offset, void* out, std::size_t length, const char* what) const
{
    const std::size_t got = readAt(offset, out, length);
    if (got != length)
        throw ModelError(path_.string(), std::string(what) + " is truncated: expected " + std::to_string(length)
                                             + " bytes at offset " + std::to_string(offset) + ", the file has "
                                             + std::to_string(got));
}

} // namespace foldwise
