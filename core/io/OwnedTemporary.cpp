#include "io/OwnedTemporary.h"

#include <atomic>
#include <cerrno>
#include <charconv>
#include <csignal>
#include <fcntl.h>
#include <sys/file.h>
#include <unistd.h>
#include <vector>

namespace foldwise {
namespace {

// The pid written after the prefix, or 0 when the name does not carry one.
pid_t pidIn(std::string_view name, std::string_view prefix)
{
    if (!name.starts_with(prefix))
        return 0;
    name.remove_prefix(prefix.size());
    long pid = 0;
    const auto [end, ec] = std::from_chars(name.data(), name.data() + name.size(), pid);
    if (ec != std::errc() || end == name.data() || end == name.data() + name.size() || *end != '-' || pid <= 0)
        return 0;
    return static_cast<pid_t>(pid);
}

bool processRuns(pid_t pid)
{
    // EPERM: the process exists but belongs to someone else.
    return ::kill(pid, 0) == 0 || errno != ESRCH;
}

bool lockedBySomeone(const std::filesystem::path& entry)
{
    const int fd = ::open(entry.c_str(), O_RDONLY | O_NOFOLLOW | O_CLOEXEC | O_NONBLOCK);
    if (fd < 0)
        return errno != ENOENT; // cannot tell: leave it alone
    const bool locked = ::flock(fd, LOCK_EX | LOCK_NB) != 0;
    ::close(fd); // releases the lock just taken
    return locked;
}

} // namespace

std::string ownedTemporaryName(std::string_view prefix)
{
    static std::atomic<unsigned> counter{0};
    return std::string(prefix) + std::to_string(::getpid()) + "-" + std::to_string(counter.fetch_add(1));
}

bool isAbandoned(const std::filesystem::path& entry, std::string_view prefix)
{
    const pid_t pid = pidIn(entry.filename().native(), prefix);
    if (pid == 0 || processRuns(pid))
        return false;
    return !lockedBySomeone(entry);
}

void removeAbandoned(const std::filesystem::path& dir, std::string_view prefix)
{
    std::error_code ec;
    std::vector<std::filesystem::path> candidates; // listed first: removing while listing skips entries
    std::filesystem::directory_iterator it(dir.empty() ? std::filesystem::path(".") : dir, ec);
    for (; !ec && it != std::filesystem::directory_iterator(); it.increment(ec))
        if (it->path().filename().native().starts_with(prefix))
            candidates.push_back(it->path());
    for (const std::filesystem::path& entry : candidates)
        if (isAbandoned(entry, prefix))
            std::filesystem::remove_all(entry, ec); // best effort

}

void lockAsOwner(int fd)
{
    // Fails only on exotic filesystems without locks; then isAbandoned relies on the pid alone.
    (void)::flock(fd, LOCK_EX | LOCK_NB);
}

} // namespace foldwise
