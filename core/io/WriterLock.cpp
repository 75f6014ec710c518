#include "io/WriterLock.h"

#include "io/FileErrors.h"
#include "io/ModelError.h"

#include <cerrno>
#include <chrono>
#include <ctime>
#include <fcntl.h>
#include <fstream>
#include <map>
#include <sstream>
#include <sys/file.h>
#include <sys/stat.h>
#include <thread>
#include <unistd.h>

namespace foldwise {
namespace {

// This process's command line from /proc, arguments with spaces quoted; shortened, since it
// only has to tell a user which of their commands it was.
std::string commandLine()
{
    std::ifstream in("/proc/self/cmdline", std::ios::binary);
    std::string raw((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    std::string line;
    std::size_t start = 0;
    while (start < raw.size()) {
        std::size_t end = raw.find('\0', start);
        if (end == std::string::npos)
            end = raw.size();
        std::string arg = raw.substr(start, end - start);
        if (arg.find_first_of(" \t\n'\"") != std::string::npos || arg.empty())
            arg = "'" + arg + "'";
        line += (line.empty() ? "" : " ") + arg;
        start = end + 1;
    }
    if (line.size() > 1000)
        line = line.substr(0, 1000) + "...";
    for (char& c : line)
        if (c == '\n' || c == '\r')
            c = ' ';
    return line.empty() ? "(unknown)" : line;
}

std::string hostName()
{
    char name[256] = {};
    if (::gethostname(name, sizeof name - 1) != 0)
        return "(unknown)";
    return name;
}

std::string now()
{
    const std::time_t t = std::time(nullptr);
    std::tm local {};
    localtime_r(&t, &local);
    char text[64] = {};
    std::strftime(text, sizeof text, "%Y-%m-%d %H:%M:%S %z", &local);
    return text;
}

std::map<std::string, std::string> parseDescription(const std::string& text)
{
    std::map<std::string, std::string> fields;
    std::istringstream lines(text);
    for (std::string line; std::getline(lines, line);)
        if (const std::size_t colon = line.find(": "); colon != std::string::npos)
            fields[line.substr(0, colon)] = line.substr(colon + 2);
    return fields;
}

// The holder's record. It writes it right after taking the lock, so a writer refused at that
// very moment may find the file still empty for an instant: wait a little for it.
std::string holderOf(const std::filesystem::path& file)
{
    std::string text;
    for (int attempt = 0; attempt < 20; ++attempt) {
        std::ifstream in(file, std::ios::binary);
        text.assign((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
        if (text.find("command: ") != std::string::npos)
            break;
        std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
    const std::map<std::string, std::string> f = parseDescription(text);
    const auto field = [&](const char* key) {
        const auto it = f.find(key);
        return it == f.end() ? std::string("?") : it->second;
    };
    if (f.empty())
        return "is being written by another process (its lock file " + file.filename().string() + " says nothing more)";
    return "is being written by pid " + field("pid") + " on host " + field("host") + " since " + field("since")
        + ", started as: " + field("command");
}

bool sameFile(int fd, const std::filesystem::path& path)
{
    struct stat open {}, named {};
    return ::fstat(fd, &open) == 0 && ::stat(path.c_str(), &named) == 0 && open.st_dev == named.st_dev
        && open.st_ino == named.st_ino;
}

} // namespace

std::string writerDescription()
{
    return "pid: " + std::to_string(::getpid()) + "\nhost: " + hostName() + "\nsince: " + now() + "\ncommand: " + commandLine()
        + "\n";
}

void refuseIfBeingWritten(const std::filesystem::path& dir, const std::string& lockName)
{
    const std::filesystem::path file = dir / lockName;
    const int fd = ::open(file.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        return;
    const bool held = ::flock(fd, LOCK_SH | LOCK_NB) != 0 && errno == EWOULDBLOCK;
    ::close(fd);
    if (held)
        throw ModelError(dir.string(), holderOf(file));
}

WriterLock::WriterLock(const std::filesystem::path& dir, const std::string& lockName) : file_(dir / lockName)
{
    // The holder removes the file when it is done; a writer that opened it just before may then
    // lock a file nobody else sees. Locking the file the name still refers to avoids that.
    int busy = 0;
    for (int attempt = 0; attempt < 100; ++attempt) {
        fd_ = ::open(file_.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0666);
        if (fd_ < 0)
            throw ModelError(dir.string(), "cannot write its lock file " + lockName + ": " + writeFailure(errno, dir));
        if (::flock(fd_, LOCK_EX | LOCK_NB) != 0) {
            const int error = errno;
            ::close(fd_);
            fd_ = -1;
            // A reader's refuseIfBeingWritten holds the lock for an instant: look again a few
            // times before taking it for a writer's.
            if (error == EWOULDBLOCK && ++busy < 10) {
                std::this_thread::sleep_for(std::chrono::milliseconds(20));
                continue;
            }
            if (error == EWOULDBLOCK)
                throw ModelError(dir.string(), holderOf(file_));
            if (error == EINTR)
                continue;
            return; // no locks on this filesystem
        }
        if (sameFile(fd_, file_))
            break;
        ::close(fd_);
        fd_ = -1;
    }
    if (fd_ < 0)
        throw ModelError(dir.string(), "cannot take its lock file " + lockName + ": it keeps being replaced");
    const std::string record = writerDescription();
    if (::ftruncate(fd_, 0) != 0 || ::write(fd_, record.data(), record.size()) != static_cast<ssize_t>(record.size())) {
        const int error = errno;
        ::unlink(file_.c_str());
        ::close(fd_);
        fd_ = -1;
        throw ModelError(dir.string(), "cannot write its lock file " + lockName + ": " + writeFailure(error, dir));
    }
}

WriterLock::~WriterLock()
{
    if (fd_ < 0)
        return;
    // Removed while still locked, so that nobody locks the file after we release it.
    ::unlink(file_.c_str());
    ::close(fd_);
}

} // namespace foldwise
