#include "model/MappedFile.h"

#include "io/FileDescriptor.h"
#include "model/ModelError.h"

#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>

namespace foldwise {

void MappedFile::Unmap::operator()(void* address) const
{
    ::munmap(address, length);
}

MappedFile::MappedFile(const std::filesystem::path& path) : path_(path)
{
    // The mapping outlives the descriptor: it is closed when the constructor ends.
    const FileDescriptor fd(::open(path.c_str(), O_RDONLY | O_CLOEXEC));
    if (!fd.isOpen())
        throw ModelError(path.string(), std::string("cannot open file: ") + std::strerror(errno));
    struct stat st {};
    if (::fstat(fd.get(), &st) != 0 || !S_ISREG(st.st_mode))
        throw ModelError(path.string(), "not a regular file");
    size_ = static_cast<std::size_t>(st.st_size);
    if (size_ > 0) {
        void* const address = ::mmap(nullptr, size_, PROT_READ, MAP_PRIVATE, fd.get(), 0);
        if (address == MAP_FAILED)
            throw ModelError(path.string(), std::string("cannot map file: ") + std::strerror(errno));
        data_ = std::unique_ptr<void, Unmap>(address, Unmap{size_});
    }
}

} // namespace foldwise
