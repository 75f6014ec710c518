#include "io/FileErrors.h"

#include "io/ModelError.h"

#include <cerrno>
#include <cstring>
#include <system_error>

namespace foldwise {
namespace {

std::string shown(const std::filesystem::path& folder)
{
    return "'" + (folder.empty() ? std::string(".") : folder.string()) + "'";
}

} // namespace

std::string writeFailure(int error, const std::filesystem::path& folder)
{
    const std::string text = std::strerror(error);
    switch (error) {
    case EACCES:
    case EPERM:
        return "the folder " + shown(folder) + " is not writable (" + text + ")";
    case EROFS:
        return "the folder " + shown(folder) + " is on a read-only filesystem";
    case ENOENT:
        return "the folder " + shown(folder) + " does not exist";
    case ENOTDIR:
        return shown(folder) + " is not a folder";
    case ENOSPC:
        return "no space left on the device";
    case EDQUOT:
        return "the disk quota is exhausted";
    default:
        return text;
    }
}

void createFolder(const std::filesystem::path& dir)
{
    std::error_code ec;
    if (std::filesystem::is_directory(dir, ec))
        return;
    std::filesystem::create_directories(dir, ec);
    if (!ec)
        return;
    const std::error_code failure = ec;
    // Name the first missing ancestor we could not create, which is where the problem lies.
    std::filesystem::path existing = dir.parent_path();
    while (!existing.empty() && !std::filesystem::exists(existing, ec))
        existing = existing.parent_path();
    const int error = failure.category() == std::generic_category() || failure.category() == std::system_category()
                          ? failure.value()
                          : EIO;
    if (error == EEXIST || error == ENOTDIR)
        throw ModelError(dir.string(), "cannot create the folder: a file of that name (or of a parent's) is in the way");
    throw ModelError(dir.string(), "cannot create the folder: " + writeFailure(error, existing));
}

} // namespace foldwise
